"""The degree a resume names, checked against the role's education requirement.

Reported apart from keyword coverage: ATS filter on degree level ("Bachelor's or higher") and recruiters
look for the field, but neither is a keyword to add.
"""

from __future__ import annotations

import re

from atscheck.contact import redact
from atscheck.model import DEGREE_LEVELS, DegreeLevel, Document, EducationRequirement, EducationResult

# Written forms of each level. Abbreviations are matched case-sensitively so "ms" or "ba" in a sentence
# is not a degree; "MS Office" and "MS SQL" are Microsoft, not a master's.
_LEVELS: dict[DegreeLevel, re.Pattern[str]] = {
    "doctorate": re.compile(
        r"\b(?:Ph\.?\s?D|D\.?Phil|Doctorate|Doctor of (?:Philosophy|Science|Engineering)|Doktor|Doctorat|Doutorado)\b"
        r"|博士"
    ),
    "master": re.compile(
        r"\b(?:[Mm]aster'?s?|M\.S\.?|M\. ?Sc\.?|MSc|MSCS|M\. ?Eng\.?|MEng|M\. ?Tech\.?|MTech|MTECH|MENG|"
        r"MBA|M\.A\.|MCA|Máster|Mestrado|"
        r"Maestría|Diplom-\w+)(?=\W|$)|硕士|修士"
        # "MS Office", "MS SSIS": a Microsoft product, not a master's
        r"|\bMS\b(?!\s*(?:Office|SQL|Excel|Word|Azure|Teams|Access|Project|Dynamics|Visio|Windows|[A-Z]{2,}\b))"
    ),
    "bachelor": re.compile(
        r"\b(?:[Bb]achelor'?s?|B\.S\.?|B\. ?Sc\.?|BSc|BSCS|BSEE|BSE|B\. ?E\.|B\. ?Eng\.?|BEng|B\. ?Tech\.?|BTech|"
        r"BTECH|BENG|B\.A\.|BS|BCA|"
        # a Licence in a field is a degree; a driving or software licence is not
        r"Licenciatura|Bacharelado|Licence(?= (?:en|in|of|de) ))(?=\W|$)|学士|本科"
        r"|\bBA(?= in\b)|\bBE(?= in\b)"
    ),
    "associate": re.compile(r"\b(?:[Aa]ssociate'?s? (?:[Dd]egree|of (?:Science|Arts|Applied Science))|A\.A\.S?\.)"),
}


# Abbreviations of fields, written in capitals ("B.Sc (IT)", "B.Tech CSE"); trusted only inside an
# Education section, where "IT" cannot be "IT support".
_FIELD_ABBREVIATIONS = {
    "computer science": ("CS", "CSE", "Comp. Sci."),
    "information technology": ("IT",),
    "electrical engineering": ("EE", "EEE"),
    "computer engineering": ("CompE",),
}


def check_education(document: Document, requirement: EducationRequirement) -> EducationResult:
    """The highest degree level and the first expected field named, in the Education section; without one,
    on the lines that name a degree (so "software engineering practices" in a bullet is not a degree)."""
    sections = [document.text[s.start : s.end] for s in document.sections if s.name == "education"]
    if sections:
        text = "\n".join(sections)
    else:
        lines = document.text.split("\n")
        text = "\n".join(line for line in lines if any(p.search(line) for p in _LEVELS.values()))
    level_found: DegreeLevel | None = None
    evidence = ""
    for level in reversed(DEGREE_LEVELS):  # highest first
        match = _LEVELS[level].search(text)
        if match:
            level_found = level
            evidence = _line(text, match.start())
            break
    field_found = None
    for field in requirement.fields:
        match = re.search(rf"\b{re.escape(field)}\b", text, re.IGNORECASE)
        for abbreviation in _FIELD_ABBREVIATIONS.get(field, ()) if sections and not match else ():
            match = match or re.search(rf"(?<![\w.]){re.escape(abbreviation)}(?![\w])", text)
        if match:
            field_found = field
            evidence = evidence or _line(text, match.start())
            break
    return EducationResult(requirement, level_found, field_found, redact(evidence))


# "a degree of autonomy" is no degree; "a degree in", "degree: Computer Science" and "Bachelor's degree" are
_DEGREE_WORD = re.compile(r"\bdegree\b(?!\s+of\s+[a-z])", re.IGNORECASE)
# The fields after "in"/"of" (or "degree:"), up to the end of the clause: "in Computer Science/Engineering,
# Statistics, Mathematics, or equivalent".
_FIELDS_AFTER = re.compile(r"(?:\b(?:in|of)\s+|\bdegree\s*:\s*)((?:[A-Za-z&/ ,-]|\bor\b)+)", re.IGNORECASE)
_NOT_A_FIELD = re.compile(
    r"\b(?:related|equivalent|similar|other|technical|quantitative|relevant|field|discipline|experience|"
    r"greater|higher|practical|study)\b",
    re.IGNORECASE,
)
_FIELDS_END = re.compile(
    r"\b(?:with|who|to|from|at|plus|preferred|required|is|are|a minimum|including)\b", re.IGNORECASE
)
MAX_FIELD_WORDS = 4


def level_named(text: str) -> tuple[DegreeLevel, str] | None:
    """The highest degree level a line names, and the words that name it."""
    for level in reversed(DEGREE_LEVELS):
        match = _LEVELS[level].search(text)
        if match:
            return level, match.group()
    return None


def names_degree(text: str) -> bool:
    """True for a sentence that asks for a degree ("BS/MS in Computer Science", "Technical degree: ...")."""
    return bool(_DEGREE_WORD.search(text) or any(pattern.search(text) for pattern in _LEVELS.values()))


def degree_in(text: str) -> EducationRequirement | None:
    """The degree a job posting's degree lines name: the lowest level named ("BS/MS" asks for a bachelor's;
    "a degree" alone is read as a bachelor's), every field named after it ("Computer Science, Engineering, or
    a related field"), required unless every degree line calls it preferred."""
    lines = [line for line in text.split("\n") if line.strip() and names_degree(line)]
    if not lines:
        return None
    levels = [level for level in DEGREE_LEVELS if any(_LEVELS[level].search(line) for line in lines)]
    fields: list[str] = []
    for line in lines:
        for match in _FIELDS_AFTER.finditer(line):
            named = _FIELDS_END.split(match.group(1))[0]
            for piece in re.split(r",|/|\bor\b|\band\b", named):
                words = piece.split()
                if not words or len(words) > MAX_FIELD_WORDS or _NOT_A_FIELD.search(piece):
                    continue
                field = " ".join(words).lower()
                if field not in fields:
                    fields.append(field)
    preferred = all(re.search(r"\bpreferred\b|\ba plus\b", line, re.IGNORECASE) for line in lines)
    return EducationRequirement(
        level=levels[0] if levels else "bachelor",
        fields=tuple(fields),
        importance="preferred" if preferred else "required",
    )


def _line(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return " ".join(text[start : end if end >= 0 else len(text)].split())[:120]


LEVEL_NAMES: dict[DegreeLevel, str] = {
    "associate": "an associate degree",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
    "doctorate": "a doctorate",
}


_EXAMPLE_DEGREE: dict[DegreeLevel, str] = {
    "associate": "A.S.",
    "bachelor": "B.S.",
    "master": "M.S.",
    "doctorate": "Ph.D.",
}


def expected_degree(requirement: EducationRequirement) -> str:
    """ "a bachelor's degree in computer science, software engineering or a related field"."""
    fields = ", ".join(requirement.fields[:3])
    return LEVEL_NAMES[requirement.level] + (f" in {fields} or a related field" if fields else "")


def education_fix(result: EducationResult) -> str:
    """What to write so an ATS and a recruiter see the degree."""
    requirement = result.requirement
    if result.status == "met":
        return ""
    if not result.level_found:
        return (
            f"The role expects {expected_degree(requirement)}. If you have one, write it in an "
            "Education section with degree, field, school and year, e.g. 'B.S. Computer Science, State "
            "University, 2020'. If not, show equivalent experience."
        )
    if not result.level_met:
        return (
            f"The role expects {LEVEL_NAMES[requirement.level]} or higher; the resume names "
            f"{LEVEL_NAMES[result.level_found]}. Write your highest degree in full in the Education section."
        )
    example = _EXAMPLE_DEGREE[result.level_found]
    return (
        f"None of the fields the role names ({', '.join(requirement.fields[:3])}) is named with your degree. "
        "Write your field of study "
        f"in full next to the degree (e.g. '{example} Computer Science'); if yours is a related field, keep it "
        "as it is: a keyword search looks only for these names, a recruiter reads the rest."
    )
