"""The fields a parser reads out of a resume, assembled from the structure readers: contacts, roles,
education, certificates, the items of the Skills section and the summary."""

from __future__ import annotations

import re

from atscheck.model import Document, Resume
from atscheck.structure.certificates import read_certificates
from atscheck.structure.contacts import read_contacts
from atscheck.structure.roles import read_roles
from atscheck.structure.schools import read_schools
from atscheck.structure.sections import section_lines
from atscheck.text import is_bullet

_ITEM_SEPARATORS = re.compile(r"\s*[,;|•·]\s*")
_LABEL = re.compile(r"^[^,:]{2,40}:\s*")
MAX_SKILL_WORDS = 6


def read_skills(document: Document) -> tuple[str, ...]:
    """The items of the Skills sections: 'Languages: Python, Go' gives Python and Go."""
    items: list[str] = []
    for _, line in section_lines(document, "skills"):
        text = line.strip()
        text = text[1:].strip() if is_bullet(text) else text
        text = _LABEL.sub("", text)
        for item in _ITEM_SEPARATORS.split(text):
            item = item.strip(" .()")
            if item and len(item.split()) <= MAX_SKILL_WORDS and item not in items:
                items.append(item)
    return tuple(items)


def _summary(document: Document) -> str:
    lines = [" ".join(line.split()) for _, line in section_lines(document, "summary")]
    return " ".join(lines)


def read_resume(document: Document) -> Resume:
    """The parsed fields of a structured document (its sections found)."""
    return Resume(
        contacts=read_contacts(document),
        roles=read_roles(document),
        schools=read_schools(document),
        certificates=read_certificates(document),
        skills=read_skills(document),
        summary=_summary(document),
    )
