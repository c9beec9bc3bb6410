"""Finds section headings in extracted text and names the standard ones.

ATS file content under a section by its heading, and they know the common names only. A line is a
heading when the format marks it as one (Markdown "#", a DOCX Heading style, a larger font in a PDF) or
when it is a short line that names a known section ("Work History", "TECHNICAL SKILLS").
"""

from __future__ import annotations

import re

from atscheck.model import Document, Section, Source, Span

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
    "languages": ("languages", "spoken languages", "language skills"),
    "volunteering": ("volunteering", "volunteer experience", "volunteer work", "community"),
    "interests": ("interests", "hobbies", "hobbies and interests", "activities"),
    "leadership": ("leadership", "leadership experience"),
    "references": ("references",),
    "contact": ("contact", "contact information", "contact details", "personal information", "personal details"),
}
_EXACT = {heading: name for name, headings in STANDARD_HEADINGS.items() for heading in headings}
# A heading that is not on the list but says what it is ("Cloud & DevOps Skills", "Relevant Coursework").
_KEYWORDS = (
    ("certific", "certifications"),
    ("experience", "experience"),
    ("employment", "experience"),
    ("education", "education"),
    ("skill", "skills"),
    ("competenc", "skills"),
    ("project", "projects"),
    ("summary", "summary"),
    ("publication", "publications"),
    ("award", "awards"),
)
_SPACED_LETTERS = re.compile(r"^(?:\w ){2,}\w$")
_NOT_LETTERS = re.compile(r"[^\w&/ ]+")


def normalise_heading(line: str) -> str:
    """'S K I L L S:' -> 'skills'; '## Work History' -> 'work history'; '&' and '/' read as 'and'."""
    text = line.strip().strip("#*_=-:|•·").strip()
    if _SPACED_LETTERS.match(text):
        text = text.replace(" ", "")
    text = _NOT_LETTERS.sub(" ", text.lower())
    text = re.sub(r"\s*[&/]\s*", " and ", text)
    return " ".join(text.split())


def standard_name(line: str, *, loose: bool = True) -> str | None:
    """The standard section a heading stands for. `loose` also accepts headings that only contain a
    section's keyword ("Cloud & DevOps Skills"); callers allow it only where the line looks like a heading."""
    heading = normalise_heading(line)
    if heading in _EXACT:
        return _EXACT[heading]
    if loose and heading and len(heading.split()) <= 4:
        for keyword, name in _KEYWORDS:
            if keyword in heading:
                return name
    return None


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
        stripped = line.strip()
        if (
            stripped[:1].isalnum()
            and len(stripped) <= 60
            and not stripped.endswith(".")
            and ":" not in stripped.rstrip(":")  # "Languages: C++, Java" is a line of content
            and levels.get(offset, 0) <= deepest
        ):
            marked = offset in levels
            loose = marked or _looks_like_heading(stripped) or _title_case(stripped)
            name = standard_name(stripped, loose=loose)
            if name is not None or marked:
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


def section_lines(document: Document, name: str) -> list[tuple[int, str]]:
    """(offset, line) for each non-empty line of the sections with this standard name; the heading, and
    page headers and footers that fall inside the section ("Page 2 of 3"), left out."""
    lines = []
    for section in document.sections:
        if section.name != name:
            continue
        offset = section.start
        for line in document.text[section.start : section.end].split("\n"):
            start = offset + len(line) - len(line.lstrip())
            if line.strip() and offset != section.start and source_at(document, start) not in _MARGINS:
                lines.append((offset, line))
            offset += len(line) + 1
    return lines
