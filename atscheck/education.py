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
    "doctorate": re.compile(r"\b(?:Ph\.?\s?D|D\.?Phil|Doctorate|Doctor of (?:Philosophy|Science|Engineering))\b"),
    "master": re.compile(
        r"\b(?:[Mm]aster'?s?|M\.S\.?|M\.Sc\.?|MSc|MSCS|M\.Eng\.?|MEng|M\.Tech\.?|MTech|MBA|M\.A\.)(?=\W|$)"
        r"|\bMS\b(?!\s*(?:Office|SQL|Excel|Word|Azure|Teams|Access|Project|Dynamics|Visio|Windows|DOS))"
    ),
    "bachelor": re.compile(
        r"\b(?:[Bb]achelor'?s?|B\.S\.?|B\.Sc\.?|BSc|BSCS|BSEE|BSE|B\.E\.|B\.Eng\.?|BEng|B\.Tech\.?|BTech|B\.A\.|BS)(?=\W|$)"
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


_FIELD_AFTER_DEGREE = re.compile(r"\b(?:in|of)\s+([A-Z][A-Za-z&/ ]{2,40}?)(?=\s*(?:,|\.|;|\(|\bor\b|\band\b|$))", re.M)


def degree_in(text: str) -> EducationRequirement | None:
    """The degree a job posting's requirements name: the lowest level named ("BS/MS" asks for a bachelor's),
    and the field named after it, if any."""
    named = [(level, match) for level in DEGREE_LEVELS for match in [_LEVELS[level].search(text)] if match]
    if not named:
        return None
    level, match = named[0]
    line_end = text.find("\n", match.end())
    field = _FIELD_AFTER_DEGREE.search(text[match.end() : line_end if line_end >= 0 else len(text)])
    fields = (" ".join(field.group(1).lower().split()),) if field else ()
    return EducationRequirement(level=level, fields=fields, importance="required")


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
