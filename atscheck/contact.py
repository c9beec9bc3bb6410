"""Email addresses and phone numbers: found for the contact-info check, masked everywhere else.

Reports, snippets and JSON never print them (CI logs and step summaries are often public).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from types import MappingProxyType

# Both patterns take time in proportion to the text, however hostile (a 40,000-letter word, a line of
# "1 1 1 ..."): a match starts only where a run of its characters starts (the lookbehinds) and takes the
# run whole (possessive quantifiers), so no position is tried twice.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
_PHONE_RUN = re.compile(r"(?<![\w/])\+?\(?\d[\d ().-]*+")
_SEPARATORS = " ().-"
_PHONE_LINK = re.compile(r"(?:wa\.me/|tel:|phone=|t\.me/)(\+?\d{7,15}+)", re.IGNORECASE)
# A phone number has 9 to 15 digits (E.164); "2016 - 2020" (8) is a date range, not a phone.
_PHONE_DIGITS = range(9, 16)
# Nor is a range of numeric months ("11.2022 - 12.2023", "2019-01 - 2020-12"), though it has 12 digits.
_MONTH_YEAR = r"(?:(?:0?[1-9]|1[0-2])[./-](?:19|20)\d\d|(?:19|20)\d\d[./-](?:0?[1-9]|1[0-2]))"
_MONTH_RANGE = re.compile(rf"\(?{_MONTH_YEAR}\s*-{{1,2}}\s*{_MONTH_YEAR}\)?")


def phone_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Where each phone number starts and ends, in order: a run of digits and separators with 9 to 15 digits,
    at least 9 characters from its first digit to its last, not glued to a word or a slash; or the number of
    a link that calls or messages it ("wa.me/15551234567", "tel:+15551234567")."""
    links = [(m.start(1), m.end(1)) for m in _PHONE_LINK.finditer(text)] if ("/" in text or ":" in text) else []
    runs = []
    for match in _PHONE_RUN.finditer(text):
        run = match.group()
        end = match.start() + len(run.rstrip(_SEPARATORS))
        if end == match.end() and end < len(text) and (text[end].isalnum() or text[end] in "_/"):
            continue
        first = match.start() + len(run) - len(run.lstrip("+("))
        in_link = any(start < end and match.start() < stop for start, stop in links)
        if _MONTH_RANGE.fullmatch(text, match.start(), end):
            continue
        if end - first >= 9 and sum(c.isdigit() for c in run) in _PHONE_DIGITS and not in_link:
            runs.append((match.start(), end))
    yield from sorted(links + runs)


def has_contact_details(text: str) -> bool:
    """Whether the text holds an email address or a phone number: a contact line, not a name or a field."""
    return "@" in text or next(phone_numbers(text), None) is not None


@lru_cache(maxsize=4)  # three checks ask for each role scored; the answer depends on the text alone
def contact_details(text: str) -> Mapping[str, tuple[int, ...]]:
    """Where each kind of contact detail starts in the text: {"email address": (...), "phone number": (...)}."""
    return MappingProxyType(
        {
            "email address": tuple(m.start() for m in EMAIL.finditer(text)) if "@" in text else (),
            "phone number": tuple(start for start, _ in phone_numbers(text)),
        }
    )


def redact(text: str) -> str:
    text = EMAIL.sub("[email]", text) if "@" in text else text
    for start, end in reversed(list(phone_numbers(text))):
        text = text[:start] + "[phone]" + text[end:]
    return text
