"""JSON Resume (jsonresume.org, schema v1): the parsed fields written as a JSON Resume document, and a JSON
Resume document read back into them. One module for both directions, so what `--format jsonresume` writes
is what `atscheck resume.json` reads.

Dates are ISO 8601 at the precision written ("2021", "2021-03"); a current role has no `endDate`, and a role
within one year or month has that one date as both. The email address and the phone number are never
written (reports never print them): `meta.atscheck.contact` says whether they were found (the structure stage
masks any written elsewhere in the fields).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from atscheck.model import Certificate, Contacts, DegreeLevel, Month, Period, Resume, Role, School

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
_ISO = re.compile(r"^(?P<year>[12]\d{3})(?:-(?P<month>[01]\d)(?:-[0-3]\d)?)?$")
_NETWORKS = {
    "linkedin.com": "LinkedIn",
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "twitter.com": "Twitter",
    "x.com": "X",
    "stackoverflow.com": "Stack Overflow",
    "kaggle.com": "Kaggle",
    "medium.com": "Medium",
}
_LEVELS: dict[str, DegreeLevel] = {
    "associate": "associate",
    "bachelor": "bachelor",
    "master": "master",
    "doctor": "doctorate",
    "phd": "doctorate",
}


# ---------------------------------------------------------------- fields -> JSON Resume

_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def month_text(month: Month) -> str:
    """ "Mar 2021", or "2021" for a year alone: how a resume writes a date."""
    return f"{_MONTH_NAMES[month.month - 1]} {month.year}" if month.month else str(month.year)


def _dated(item: dict[str, Any], period: Period | None) -> dict[str, Any]:
    if period is None or period.start is None:
        return item
    item["startDate"] = period.start.iso
    if not period.current:
        item["endDate"] = (period.end or period.start).iso
    return item


def _profile(link: str) -> dict[str, str]:
    host, _, path = link.partition("/")
    host = host.removeprefix("www.").split(".", 1)[-1] if host.count(".") > 1 and "linkedin" in host else host
    network = _NETWORKS.get(host, "")
    entry = {"url": f"https://{link}"}
    if network:
        entry["network"] = network
        entry["username"] = path.split("/")[-1].lstrip("@")
    return entry


def to_document(resume: Resume, meta: Mapping[str, Any]) -> dict[str, Any]:
    """The fields as one JSON Resume document; `meta` goes under meta.atscheck (the schema allows it)."""
    contacts = resume.contacts
    profiles = [_profile(link) for link in contacts.links]
    basics: dict[str, Any] = {"name": contacts.name}
    if resume.roles and resume.roles[0].title:
        basics["label"] = resume.roles[0].title
    if resume.summary:
        basics["summary"] = resume.summary
    if contacts.location:
        basics["location"] = {"address": contacts.location}
    sites = [p["url"] for p in profiles if "network" not in p]
    if sites:
        basics["url"] = sites[0]
    networks = [p for p in profiles if "network" in p]
    if networks:
        basics["profiles"] = networks
    document: dict[str, Any] = {"$schema": SCHEMA, "basics": basics}
    document["work"] = [
        _dated(
            {
                "name": role.employer,
                "position": role.title,
                **({"location": role.location} if role.location else {}),
                **({"highlights": list(role.bullets)} if role.bullets else {}),
            },
            role.period,
        )
        for role in resume.roles
    ]
    document["education"] = [
        _dated(
            {
                "institution": school.institution,
                **({"studyType": school.degree} if school.degree else {}),
                **({"area": school.field} if school.field else {}),
            },
            school.period,
        )
        for school in resume.schools
    ]
    document["certificates"] = [
        {
            "name": certificate.name,
            **({"issuer": certificate.issuer} if certificate.issuer else {}),
            **({"date": certificate.date.iso} if certificate.date else {}),
        }
        for certificate in resume.certificates
    ]
    if resume.skills:
        document["skills"] = [{"name": "Skills", "keywords": list(resume.skills)}]
    document["meta"] = {
        "version": "v1.0.0",
        "atscheck": {"contact": {"email": contacts.has_email, "phone": contacts.has_phone}, **meta},
    }
    return document


# ---------------------------------------------------------------- JSON Resume -> fields


def is_resume(document: object) -> bool:
    """A JSON Resume document: an object with any of its sections, each of the schema's type."""
    if not isinstance(document, dict):
        return False
    sections = {"basics": dict, "work": list, "education": list, "skills": list, "certificates": list}
    present = [key for key in sections if key in document]
    return bool(present) and all(isinstance(document[key], sections[key]) for key in present)


def month(value: object) -> Month | None:
    match = _ISO.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    number = int(match["month"]) if match["month"] else None
    return Month(int(match["year"]), number if number and 1 <= number <= 12 else None)


def period(item: Mapping[str, Any]) -> Period | None:
    start = month(item.get("startDate"))
    if start is None:
        return None
    end = month(item.get("endDate"))
    text = f"{month_text(start)} - {month_text(end) if end else 'Present'}"
    return Period(start, end, current=end is None, text=text)


def text_of(value: object) -> str:
    """A field's text: strings as they are, anything else (a number, a list) as nothing."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def strings(value: object) -> tuple[str, ...]:
    return tuple(text for item in value[:MAX_ITEMS] if (text := text_of(item))) if isinstance(value, list) else ()


MAX_ITEMS = 100  # of a list (work, education, highlights): more is no resume, and would only cost time


def items(document: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = document.get(key)
    return [item for item in value[:MAX_ITEMS] if isinstance(item, dict)] if isinstance(value, list) else []


def level_of(study_type: str) -> DegreeLevel | None:
    lowered = study_type.lower()
    return next((level for word, level in _LEVELS.items() if word in lowered), None)


def section(document: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """An object-valued field ("basics", "location"), or an empty one when it is missing or not an object."""
    value = document.get(key)
    return value if isinstance(value, dict) else {}


def contacts_of(document: Mapping[str, Any]) -> Contacts:
    basics = section(document, "basics")
    location = section(basics, "location")
    place = text_of(location.get("address")) or ", ".join(
        part for part in (text_of(location.get("city")), text_of(location.get("region"))) if part
    )
    links = [text_of(p.get("url")) for p in items(basics, "profiles")] + [text_of(basics.get("url"))]
    return Contacts(
        name=text_of(basics.get("name")),
        location=place,
        has_email=bool(text_of(basics.get("email"))),
        has_phone=bool(text_of(basics.get("phone"))),
        links=tuple(re.sub(r"^(?:https?://)?(?:www\.)?", "", link).rstrip("/").lower() for link in links if link),
    )


def certificates_of(document: Mapping[str, Any]) -> tuple[Certificate, ...]:
    return tuple(
        Certificate(text_of(c.get("name")), text_of(c.get("issuer")), month(c.get("date")))
        for c in items(document, "certificates")
        if text_of(c.get("name"))
    )


def schools_of(document: Mapping[str, Any]) -> tuple[School, ...]:
    return tuple(
        School(
            institution=text_of(e.get("institution")),
            degree=text_of(e.get("studyType")),
            level=level_of(text_of(e.get("studyType"))),
            field=text_of(e.get("area")),
            period=period(e),
        )
        for e in items(document, "education")
        if text_of(e.get("institution")) or text_of(e.get("studyType"))
    )


def role_of(item: Mapping[str, Any], start: int, end: int) -> Role:
    return Role(
        title=text_of(item.get("position")),
        employer=text_of(item.get("name")) or text_of(item.get("company")),
        location=text_of(item.get("location")),
        period=period(item),
        bullets=tuple(part for part in (text_of(item.get("summary")), *strings(item.get("highlights"))) if part),
        start=start,
        end=end,
    )
