"""The fields a parser reads out of a resume, assembled from the structure readers: contacts, roles,
education, certificates, the items of the Skills section and the summary."""

from __future__ import annotations

import re
from dataclasses import replace

from atscheck.contact import EMAIL, redact
from atscheck.model import Document, Resume, Role
from atscheck.structure.certificates import read_certificates
from atscheck.structure.contacts import read_contacts
from atscheck.structure.roles import read_roles
from atscheck.structure.schools import read_schools
from atscheck.structure.sections import section_lines
from atscheck.text import is_bullet, split_items

_LABEL = re.compile(r"^[^,:]{2,40}:\s*")
MAX_SKILL_WORDS = 6


def read_skills(document: Document) -> tuple[str, ...]:
    """The items of the Skills sections: 'Languages: Python, Go' gives Python and Go."""
    items: list[str] = []
    for _, line in section_lines(document, "skills"):
        text = line.strip()
        text = text[1:].strip() if is_bullet(text) else text
        text = _LABEL.sub("", text)
        for item in split_items(text):
            item = item.strip(" .()")
            if item and len(item.split()) <= MAX_SKILL_WORDS and item not in items:
                items.append(item)
    return tuple(items)


def _summary(document: Document) -> str:
    lines = [" ".join(line.split()) for _, line in section_lines(document, "summary")]
    return " ".join(lines)


_PHONE_LINK = re.compile(r"^(?:wa\.me|api\.whatsapp\.com|t\.me/\+)|/\+?\d{7,}$")  # a number as a link


def _role(role: Role) -> Role:
    return replace(
        role,
        title=redact(role.title),
        employer=redact(role.employer),
        location=redact(role.location),
        bullets=tuple(redact(b) for b in role.bullets),
        period=role.period and replace(role.period, text=redact(role.period.text)),
    )


def masked(resume: Resume) -> Resume:
    """The fields with every email address and phone number masked, wherever the resume wrote them (a title,
    an employer, a school, a certificate, a skill), and links that are phone numbers left out: reports print
    these fields, and reports never print contact details."""
    contacts = resume.contacts
    return replace(
        resume,
        contacts=replace(
            contacts,
            name=redact(contacts.name),
            location=redact(contacts.location),
            links=tuple(link for link in contacts.links if not _PHONE_LINK.search(link) and not EMAIL.search(link)),
        ),
        roles=tuple(_role(role) for role in resume.roles),
        schools=tuple(
            replace(s, institution=redact(s.institution), degree=redact(s.degree), field=redact(s.field))
            for s in resume.schools
        ),
        certificates=tuple(replace(c, name=redact(c.name), issuer=redact(c.issuer)) for c in resume.certificates),
        skills=tuple(redact(skill) for skill in resume.skills),
        summary=redact(resume.summary),
    )


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
