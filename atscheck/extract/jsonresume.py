"""JSON Resume documents (jsonresume.org), recognised by their content: the fields as the document declares
them, and the text a resume rendered from them would show (headings, "Title, Company | dates" lines,
highlights as bullets), so matching and the checks read it as they read a PDF."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from atscheck import jsonresume
from atscheck.errors import InputError
from atscheck.extract.limits import Limits
from atscheck.model import Document, Resume, Role, Span
from atscheck.text import clean

_KEYS = (b'"basics"', b'"work"', b'"education"', b'"$schema"')
NOT_A_RESUME = (
    "This JSON file is not a JSON Resume document (jsonresume.org): it has no basics, work or education. "
    "Check a JSON Resume export, or your resume as PDF or DOCX."
)


def looks_like_resume(head: bytes) -> bool:
    """A JSON document whose first bytes name a JSON Resume section: how a folder's .json files (a
    package.json, a report) are told from resumes without reading them whole."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[") and any(key in head for key in _KEYS)


class JsonResumeReader:
    format: str = "jsonresume"
    label: str = "a JSON Resume file"
    extensions: tuple[str, ...] = (".json",)

    def recognises(self, head: bytes, name: str) -> bool:
        return Path(name).suffix.lower() == ".json" or looks_like_resume(head)  # a .json file is read as JSON

    def read(self, data: bytes, name: str, limits: Limits) -> Document:
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise InputError("corrupt", "This JSON file is not UTF-8, as JSON must be. Save it as UTF-8.") from None
        except RecursionError:
            raise InputError("corrupt", "This JSON file is nested too deeply to be a resume.") from None
        except json.JSONDecodeError as error:
            raise InputError(
                "corrupt",
                f"This JSON file cannot be read (line {error.lineno}): it is not valid JSON. Export it again.",
            ) from None
        except ValueError:  # a number too long to read ("integer string conversion" limit)
            raise InputError("corrupt", "This JSON file holds a number too long to read: it is no resume.") from None
        if not jsonresume.is_resume(document):
            raise InputError("unsupported", NOT_A_RESUME)
        return _Page(name).render(document)


class _Page:
    """The text of a rendered JSON Resume, line by line, with the offsets each role's lines take."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[str] = []
        self.spans: list[Span] = []
        self.length = 0

    def add(self, text: str, heading: bool = False) -> None:
        text = " ".join(clean(text).split())
        if not text:
            return
        start = self.length + (1 if self.lines else 0)
        self.spans.append(Span(text, start, heading_level=2 if heading else 0, bold=heading))
        self.lines.append(text)
        self.length = start + len(text)

    def render(self, document: Mapping[str, Any]) -> Document:
        text_of, items = jsonresume.text_of, jsonresume.items
        contacts = jsonresume.contacts_of(document)
        basics = jsonresume.section(document, "basics")
        self.add(contacts.name)
        self.add(text_of(basics.get("label")))
        self.add(contacts.location)
        self.add(" | ".join(part for part in (text_of(basics.get("email")), text_of(basics.get("phone"))) if part))
        self.add(" | ".join(contacts.links))
        summary = text_of(basics.get("summary"))
        if summary:
            self.add("Summary", heading=True)
            self.add(summary)
        roles: list[Role] = []
        if items(document, "work"):
            self.add("Experience", heading=True)
            for item in items(document, "work"):
                start = self.length + 1
                role = jsonresume.role_of(item, 0, 0)
                dates = role.period.text if role.period else ""
                self.add(
                    " | ".join(
                        part
                        for part in (", ".join(p for p in (role.title, role.employer) if p), role.location, dates)
                        if part
                    )
                )
                for bullet in role.bullets:
                    self.add(f"- {bullet}")
                roles.append(jsonresume.role_of(item, start, self.length))
        schools = jsonresume.schools_of(document)
        if schools:
            self.add("Education", heading=True)
            for school in schools:
                degree = " in ".join(part for part in (school.degree, school.field) if part)
                dates = school.period.text if school.period else ""
                self.add(" | ".join(part for part in (degree, school.institution, dates) if part))
        certificates = jsonresume.certificates_of(document)
        if certificates:
            self.add("Certifications", heading=True)
            for certificate in certificates:
                self.add(
                    ", ".join(
                        p
                        for p in (
                            certificate.name,
                            certificate.issuer,
                            certificate.date.iso if certificate.date else "",
                        )
                        if p
                    )
                )
        skills: list[str] = []
        if items(document, "skills"):
            self.add("Skills", heading=True)
            for group in items(document, "skills"):
                keywords = jsonresume.strings(group.get("keywords"))
                skills += [text_of(group.get("name")), *keywords] if not keywords else list(keywords)
                self.add(": ".join(part for part in (text_of(group.get("name")), ", ".join(keywords)) if part))
        for key, heading in (("projects", "Projects"), ("volunteer", "Volunteering"), ("awards", "Awards")):
            if items(document, key):
                self.add(heading, heading=True)
                for item in items(document, key):
                    for field in ("name", "position", "organization", "title", "awarder", "description", "summary"):
                        self.add(text_of(item.get(field)))
                    for highlight in jsonresume.strings(item.get("highlights")):
                        self.add(f"- {highlight}")
        text = "\n".join(self.lines)
        resume = Resume(
            contacts=contacts,
            roles=tuple(roles),
            schools=schools,
            certificates=certificates,
            skills=tuple(skill for skill in skills if skill),
            summary=summary,
        )
        return Document(path=self.name, format="jsonresume", text=text, spans=tuple(self.spans), resume=resume)
