"""Finds section headings in extracted text and names the standard ones.

ATS file content under a section by its heading, and they know the common names only. A line is a
heading when the format marks it as one (Markdown "#", a DOCX Heading style, a larger font in a PDF) or
when it is a short line that names a known section ("Work History", "TECHNICAL SKILLS").
"""

from __future__ import annotations

import re
import unicodedata

from atscheck.model import Document, Section, Source, Span
from atscheck.structure.education import level_named
from atscheck.structure.words import has_title_word, is_place
from atscheck.text import YEAR, is_bullet

# The standard sections and the headings ATS are known to accept for each, normalised to lower case.
STANDARD_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "professional summary",
        "career summary",
        "profile",
        "professional profile",
        "about",
        "about me",
        "objective",
        "career objective",
        "executive summary",
        "overview",
        "personal statement",
        "summary of qualifications",
        "profile summary",
        "resumen",
        "perfil",
        "profil",
        "kurzprofil",
        "职务要约",
        "職務要約",
        "个人简介",
        "自我评价",
        "个人总结",
        "自己pr",
        "自己 pr",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "relevant experience",
        "professional background",
        "industry experience",
        "experience summary",
        "working experience",
        "positions",
        "internship",
        "internships",
        "internship experience",
        "experiencia",
        "experiencia laboral",
        "experiencia profesional",
        "berufserfahrung",
        "berufliche erfahrung",
        "beruflicher werdegang",
        "expérience",
        "expérience professionnelle",
        "expériences professionnelles",
        "experiência",
        "experiência profissional",
        "工作经历",
        "工作经验",
        "职业经历",
        "職務経歴",
        "職歴",
    ),
    "education": (
        "education",
        "academic background",
        "education and training",
        "academics",
        "academic history",
        "educational background",
        "education history",
        "academic qualifications",
        "educational qualifications",
        "education and qualifications",
        "formación",
        "formación académica",
        "educación",
        "ausbildung",
        "studium",
        "formation",
        "formação",
        "formação acadêmica",
        "教育经历",
        "教育背景",
        "学历",
        "学歴",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core competencies",
        "key skills",
        "competencies",
        "skills summary",
        "technologies",
        "tech stack",
        "technical expertise",
        "areas of expertise",
        "expertise",
        "technical proficiencies",
        "skills and tools",
        "tools and technologies",
        "core skills",
        "skill set",
        "skillset",
        "technical summary",
        "programming languages",
        "habilidades",
        "conocimientos",
        "kenntnisse",
        "fähigkeiten",
        "compétences",
        "competências",
        "专业技能",
        "技能",
        "スキル",
        "保有スキル",
        "スキルレベル",
        "技能清单",
    ),
    "certifications": (
        "certifications",
        "certification",
        "certificates",
        "licenses and certifications",
        "certifications and licenses",
        "credentials",
        "courses and certifications",
        "professional certifications",
        "licenses",
        "accreditations",
        "courses",
        "certificaciones",
        "zertifikate",
        "zertifizierungen",
        "资格证书",
        "証書",
        "資格",
    ),
    "projects": (
        "projects",
        "personal projects",
        "selected projects",
        "side projects",
        "key projects",
        "open source",
        "open source projects",
        "open source contributions",
    ),
    "awards": (
        "awards",
        "honors",
        "honours",
        "awards and honors",
        "honors and awards",
        "achievements",
        "accomplishments",
        "key achievements",
    ),
    "publications": ("publications", "papers", "research", "selected publications", "talks", "presentations"),
    "languages": ("languages", "spoken languages", "language skills", "idiomas", "sprachen", "langues", "语言"),
    "volunteering": ("volunteering", "volunteer experience", "volunteer work", "community"),
    "interests": ("interests", "hobbies", "hobbies and interests", "activities"),
    "leadership": ("leadership", "leadership experience"),
    "references": ("references",),
    "contact": (
        "contact",
        "contact information",
        "contact details",
        "personal information",
        "personal details",
        "联系方式",
        "个人信息",
    ),
}
_EXACT = {heading: name for name, headings in STANDARD_HEADINGS.items() for heading in headings}
# A heading that is not on the list but says what it is ("Cloud & DevOps Skills", "Relevant Coursework").
_KEYWORDS = (
    ("certific", "certifications"),
    ("project", "projects"),  # "Project Experience" lists projects, not jobs
    ("项目", "projects"),  # "实习/项目经历" too: internships among projects, most of it projects
    ("技能", "skills"),
    ("获奖", "awards"),
    ("奖项", "awards"),
    ("experience", "experience"),
    ("employment", "experience"),
    ("education", "education"),
    ("skill", "skills"),
    ("competenc", "skills"),
    ("summary", "summary"),
    ("publication", "publications"),
    ("award", "awards"),
)
MIN_TYPO_LENGTH = 7  # shorter headings are too close to other words ("Skill" is fine, "Skis" is not)
LONG_HEADING = 14
_SPACED_LETTERS = re.compile(r"^(?:\w ){2,}\w$")
_NOT_LETTERS = re.compile(r"[^\w&/ ]+")
_QUALIFIED = re.compile(r"(?P<head>.+?) (?:as|at|als|como|chez|bei) \w")
_TRAILING_NUMBER = re.compile(r"(?<!\s)\s+\d{1,2}\s*:?$")
_TRAILING_NOTE = re.compile(r"(?<!\s)\s*\([^()]{1,40}\)\s*:?$")


def normalise_heading(line: str) -> str:
    """'S K I L L S:' -> 'skills'; '## Work History' -> 'work history'; '&' and '/' read as 'and'."""
    text = " ".join(unicodedata.normalize("NFC", line).strip().strip("#*_=-:|•·").split())
    text = _TRAILING_NOTE.sub("", text) or text  # "Expérience professionnelle (classée par date)"
    text = _TRAILING_NUMBER.sub("", text) or text  # "Professional Experience 2:", one section per employer
    if _SPACED_LETTERS.match(text):
        text = text.replace(" ", "")
    text = _NOT_LETTERS.sub(" ", text.lower())
    text = re.sub(r"\s*[&/]\s*", " and ", text)
    return " ".join(text.split())


def standard_name(line: str, *, loose: bool = True) -> str | None:
    """The standard section a heading stands for. `loose` also accepts headings that only contain a
    section's keyword ("Cloud & DevOps Skills") or misspell a standard one ("Employement"); callers allow it
    only where the line looks like a heading."""
    heading = normalise_heading(line)
    if heading in _EXACT:
        return _EXACT[heading]
    if loose and len(heading) >= MIN_TYPO_LENGTH:
        # here, not at the top: `atscheck --version` and `--help` start without the matching libraries
        from rapidfuzz.distance import Levenshtein
        from rapidfuzz.process import extractOne

        allowed = 1 if len(heading) < LONG_HEADING else 2
        close = extractOne(heading, _EXACT.keys(), scorer=Levenshtein.distance, score_cutoff=allowed)
        if close is not None:
            return _EXACT[close[0]]
    if loose and heading and len(heading.split()) <= 4:
        for keyword, name in _KEYWORDS:
            if keyword in heading:
                return name
    return None


def qualified_name(line: str) -> str | None:
    """The Experience section a heading names before what it is about: "Experience as Senior Perl
    Developer", "Experience at Google" (a heading even though it names a role or an employer)."""
    head = _QUALIFIED.match(normalise_heading(line))
    name = _EXACT.get(head["head"]) if head else None
    return name if name == "experience" else None  # "Research at MIT" names a role, not a section


_SMALL_WORDS = {"and", "of", "&", "/", "in", "for", "the", "a"}


def _title_case(line: str) -> bool:
    words = line.rstrip(":").split()
    return bool(words) and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words if w[0].isalpha())


def _looks_like_heading(line: str) -> bool:
    """A short line in capitals with no sentence punctuation, e.g. 'TECHNICAL SKILLS'."""
    words = line.split()
    letters = [c for c in line if c.isalpha()]
    return (
        0 < len(words) <= 4
        and len(letters) >= 4
        and all(c.isupper() for c in letters)
        and not re.search(r"[.,;@|0-9]", line)
    )


_ICONS = re.compile(r"^[\ue000-\uf8ff\u2600-\u27bf\U0001f300-\U0001faff\ufffd]+\s*")
_ROLE_SEPARATORS = re.compile(r"\s[|•·—–-]\s|\s—|—\s|\s@\s|\bat\s[A-Z]|,\s")


def _names_content(line: str) -> bool:
    """A line that names a role, an employer, a degree, a date or a place: content, however it is set."""
    return bool(
        YEAR.search(line)
        or _ROLE_SEPARATORS.search(line)
        or has_title_word(line)
        or level_named(line) is not None
        or is_place(line)
    )


def find_sections(text: str, spans: tuple[Span, ...]) -> tuple[Section, ...]:
    levels: dict[int, int] = {}
    for span in spans:
        if span.heading_level:
            start = _line_start(text, span.start)
            levels[start] = min(levels.get(start, 9), span.heading_level)
    # Marked headings deeper than the standard ones ("### Acme Corp" under "## Experience") are not sections.
    standard_levels = [level for start, level in levels.items() if standard_name(_line_at(text, start))]
    deepest = min(standard_levels) if standard_levels else 9
    headings: list[tuple[int, str, str | None]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = _ICONS.sub("", line.strip())  # " Experience": an icon font's glyph before the heading
        if is_bullet(stripped) and len(stripped) <= 61 and len(normalise_heading(stripped[1:]).split()) > 1:
            # "• Educational Qualifications": a heading set as a bullet, by its exact name only ("• CUSTOMER
            # EXPERIENCE" in a list of skills is an item)
            bulleted = stripped[1:].strip()
            stripped = bulleted if standard_name(bulleted, loose=False) else stripped
        core = _TRAILING_NOTE.sub("", stripped) or stripped  # "FIELD EXPERIENCE THROUGH CAVE (COMMUNITY ...)"
        if (
            stripped[:1].isalnum()
            and len(core) <= 60
            and not stripped.endswith(".")
            and ":" not in stripped.rstrip(":")  # "Languages: C++, Java" is a line of content
        ):
            marked = offset in levels
            # A marked line deeper than the standard headings ("### Acme Corp" under "## Experience") is not a
            # section unless it is a standard heading by name; nor is one that names a role, a degree, a date
            # or a place: that is content set in bold.
            within = levels.get(offset, 0) <= deepest
            set_as_heading = within and (marked or _looks_like_heading(core) or _title_case(core))
            # "Geo Instruments - Project Coordinator" holds the word "project" but names a role
            loose = set_as_heading and not _names_content(stripped)
            name = standard_name(stripped, loose=False) or standard_name(stripped, loose=loose)
            if name is None and set_as_heading:
                name = qualified_name(stripped)
            own_section = marked and within and not _names_content(stripped)
            if name is not None or own_section:
                headings.append((offset, stripped, name))
        offset += len(line) + 1
    sections = []
    for index, (start, heading, name) in enumerate(headings):
        end = headings[index + 1][0] if index + 1 < len(headings) else len(text)
        sections.append(Section(name=name, heading=heading, start=start, end=end))
    return tuple(sections)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


def source_at(document: Document, offset: int) -> Source:
    span = document.span_at(offset)
    return span.source if span else "body"


_MARGINS = {"header", "footer"}


def lines_under(document: Document, names: tuple[str | None, ...]) -> list[tuple[int, str]]:
    """(offset, line) for each non-empty line before the first heading (all of them when there is none) and
    in the sections with these standard names (None: an unrecognised heading), in the order written; page
    headers and footers left out. Where the readers look for what a resume states outside its own section."""
    end = document.sections[0].start if document.sections else len(document.text)
    lines = _lines(document, 0, end, skip_first=False)
    for section in document.sections:
        if section.name in names:
            lines += _lines(document, section.start, section.end, skip_first=True)
    return lines


def _lines(document: Document, start: int, end: int, *, skip_first: bool) -> list[tuple[int, str]]:
    lines = []
    offset = start
    for line in document.text[start:end].split("\n"):
        begins = offset + len(line) - len(line.lstrip())
        heading = skip_first and offset == start
        if line.strip() and not heading and source_at(document, begins) not in _MARGINS:
            lines.append((offset, line))
        offset += len(line) + 1
    return lines


def section_lines(document: Document, name: str | None) -> list[tuple[int, str]]:
    """(offset, line) for each non-empty line of the sections with this standard name; the heading, and
    page headers and footers that fall inside the section ("Page 2 of 3"), left out."""
    lines = []
    for section in document.sections:
        if section.name == name:
            lines += _lines(document, section.start, section.end, skip_first=True)
    return lines
