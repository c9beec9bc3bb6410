"""dates: employment dates an ATS can read, in one format, on every role.

Passes: each role in the Experience section has dates, all written one way. Fails (warning): dates in
mixed formats ("Jan 2021", "03/2022", "2019"), ambiguous two-digit years ("Jan '21", "03/21"), or some
roles without dates. ATS compute years of experience from these dates; a format they cannot parse leaves
the field empty and years-of-experience filters then fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from atscheck.checks.context import Context
from atscheck.model import Finding, Role
from atscheck.structure.dates import has_period
from atscheck.structure.sections import section_lines

ID = "dates"
RECOMMENDED = "Jan 2021 - Mar 2024"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# Checked in order; each match is blanked out before the next pattern runs, so "Jan 2021" is not also "2021".
_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Month D, YYYY", re.compile(rf"\b{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}\b", re.IGNORECASE)),
    ("Month YYYY", re.compile(rf"\b{_MONTH}\.?,?\s+\d{{4}}\b", re.IGNORECASE)),
    # "Summer 2019" says the months as well as a month name does
    ("Month YYYY", re.compile(r"\b(?:spring|summer|fall|autumn|winter)\s+\d{4}\b", re.IGNORECASE)),
    ("Month 'YY", re.compile(rf"\b{_MONTH}\.?\s*['’]\d{{2}}\b", re.IGNORECASE)),
    ("MM/YYYY", re.compile(r"\b(?:0?[1-9]|1[0-2])[/.]\d{4}\b")),
    ("YYYY-MM", re.compile(r"\b(?:19|20)\d{2}[-/.](?:0[1-9]|1[0-2])\b")),
    ("MM/YY", re.compile(r"\b(?:0?[1-9]|1[0-2])/\d{2}\b")),
    ("YYYY", re.compile(r"\b(?:19|20)\d{2}\b")),
)
_AMBIGUOUS = {"Month 'YY", "MM/YY"}


def formats_in(line: str) -> list[tuple[str, str]]:
    """(format name, text) for each date written in the line."""
    found = []
    for name, pattern in _FORMATS:
        for match in pattern.finditer(line):
            found.append((name, match.group()))
        line = pattern.sub(lambda m: " " * len(m.group()), line)
    return found


def _name(role: Role) -> str:
    return ", ".join(part for part in (role.title, role.employer) if part)[:40]


def check(context: Context) -> Iterator[Finding]:
    lines = [line for _, line in section_lines(context.document, "experience")]
    if not lines:
        return  # section-headings reports a missing Experience section
    # Employment dates are the roles' own dates; a year in a bullet ("in 2021 we...") is not one. When no role
    # could be read, the section's lines are all there is to go by.
    roles = context.document.resume.roles if context.document.resume else ()
    written = [role.period.text for role in roles if role.period] if roles else lines
    dates = [date for text in written for date in formats_in(text)]
    kinds = {name for name, _ in dates}
    undated = [role for role in roles if role.period is None]
    if not dates and not any(role.period for role in roles) and not any(has_period(line) for line in lines):
        yield Finding(
            id=ID,
            severity="warning",
            message="No employment dates found in your Experience section; an ATS cannot work out your years "
            "of experience.",
            fix=f"Give every role a start and end date, written the same way: '{RECOMMENDED}' ('Present' for "
            "your current job).",
            where="experience",
        )
        return
    if len(kinds) > 1 or kinds & _AMBIGUOUS:
        examples: dict[str, str] = {}
        for name, text in dates:
            examples.setdefault(name, text)
        shown = ", ".join(f"'{text}'" for text in examples.values())
        problem = "mixed formats" if len(kinds) > 1 else "a two-digit year"
        yield Finding(
            id=ID,
            severity="warning",
            message=f"Employment dates are written in {problem} ({shown}). An ATS may read some of them "
            "wrongly or not at all, and then miscount your years of experience.",
            fix=f"Write every date the same way, with month and four-digit year: '{RECOMMENDED}'.",
            where="experience",
        )
    if undated:
        names = "; ".join(_name(role) for role in undated[:3])
        yield Finding(
            id=ID,
            severity="warning",
            message=f"{len(undated)} of {len(roles)} roles have no dates ({names}). An ATS counts years of "
            "experience only from dated roles.",
            fix=f"Add start and end dates to every role: '{RECOMMENDED}'.",
            where="experience",
        )
