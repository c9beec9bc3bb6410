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
# A phone number has 9 to 15 digits (E.164); "2016 - 2020" (8) is a date range, not a phone.
_PHONE_DIGITS = range(9, 16)


def phone_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Where each phone number starts and ends: a run of digits and separators with 9 to 15 digits, at
    least 9 characters from its first digit to its last, not glued to a word or a slash."""
    for match in _PHONE_RUN.finditer(text):
        run = match.group()
        end = match.start() + len(run.rstrip(_SEPARATORS))
        if end == match.end() and end < len(text) and (text[end].isalnum() or text[end] in "_/"):
            continue
        first = match.start() + len(run) - len(run.lstrip("+("))
        if end - first >= 9 and sum(c.isdigit() for c in run) in _PHONE_DIGITS:
            yield match.start(), end


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
