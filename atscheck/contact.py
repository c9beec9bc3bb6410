"""Email addresses and phone numbers: found for the contact-info check, masked everywhere else.

Reports, snippets and JSON never print them (CI logs and step summaries are often public).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_LIKE = re.compile(r"(?<![\w/])\+?\(?\d[\d ().-]{7,}\d(?![\w/])")
# A phone number has 9 to 15 digits (E.164); "2016 - 2020" (8) is a date range, not a phone.
_PHONE_DIGITS = range(9, 16)


def phone_numbers(text: str) -> Iterator[re.Match[str]]:
    for match in _PHONE_LIKE.finditer(text):
        if sum(c.isdigit() for c in match.group()) in _PHONE_DIGITS:
            yield match


def contact_details(text: str) -> dict[str, list[int]]:
    """Where each kind of contact detail starts in the text: {"email address": [...], "phone number": [...]}."""
    return {
        "email address": [m.start() for m in EMAIL.finditer(text)],
        "phone number": [m.start() for m in phone_numbers(text)],
    }


def redact(text: str) -> str:
    text = EMAIL.sub("[email]", text)
    for match in reversed(list(phone_numbers(text))):
        text = text[: match.start()] + "[phone]" + text[match.end() :]
    return text
