"""section-headings: ATS file content under a section by its heading, and know the common names only.

Passes: Summary, Experience, Education and Skills are found (and Certifications when the profile has
certification terms), under standard names or common variants ("Work History", "Technical Skills").
Fails: a standard section missing (warning); a heading that is not a standard name (info, with the
standard name to use where one fits).
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks.context import Context
from atscheck.model import Finding

ID = "section-headings"
EXPECTED = ("summary", "experience", "education", "skills")
_TITLES = {
    "summary": "Summary",
    "experience": "Experience",
    "education": "Education",
    "skills": "Skills",
    "certifications": "Certifications",
}


def check(context: Context) -> Iterator[Finding]:
    document = context.document
    if not document.has_text:
        return  # no-text already says the file is empty
    found = {s.name for s in document.sections if s.name}
    expected = list(EXPECTED)
    if any(t.kind == "certification" for t in context.profile.terms):
        expected.append("certifications")
    missing = [name for name in expected if name not in found]
    if missing:
        names = ", ".join(_TITLES[name] for name in missing)
        yield Finding(
            id=ID,
            severity="warning",
            message=f"No section heading found for: {names}. An ATS may file that content under the wrong "
            "section, or lose it.",
            fix=f"Use plain, standard headings on their own line: {names}.",
            where="document",
        )
    # A first heading that is not a section name is usually the candidate's own name.
    sections = list(document.sections)
    if sections and sections[0].name is None:
        sections = sections[1:]
    unusual = [s for s in sections if s.name is None]
    if unusual:
        listed = ", ".join(f"'{s.heading}'" for s in unusual[:5])
        yield Finding(
            id=ID,
            severity="info",
            message=f"Heading(s) an ATS may not recognise: {listed}.",
            fix="Rename them to standard headings where they fit (Summary, Experience, Education, Skills, "
            "Certifications, Projects), or fold their content into one of those sections.",
            where=", ".join(s.heading for s in unusual[:5]),
        )
