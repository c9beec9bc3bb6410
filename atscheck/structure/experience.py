"""The Experience section read once per document: its roles (title lines and bullets) and the years its dated
roles span. Checks and the posting comparison read this instead of parsing the section each time.

"Present" counts as the year of `today`, which the caller passes in (Request.today), so the same resume
gives the same output whatever day it is checked.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass

from atscheck.model import Document
from atscheck.structure.sections import section_lines
from atscheck.text import YEAR, is_bullet


@dataclass(frozen=True)
class Entry:
    """One role of the Experience section: the lines above its bullets (title, company, dates), and the
    bullets, each joined with the lines it wraps onto."""

    header: tuple[str, ...]
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class Experience:
    entries: tuple[Entry, ...]
    years: int | None  # from the earliest year of a dated role to the latest ("Present": today); None: no dates


def read_experience(document: Document, today: datetime.date) -> Experience:
    return Experience(_entries(document), _years(document, today.year))


MAX_HEADER_LINES = 6
MAX_TITLE_WORDS = 12


def _entries(document: Document) -> tuple[Entry, ...]:
    """The roles of the Experience section, in order."""
    lines = [" ".join(line.split()) for _, line in section_lines(document, "experience")]
    # With two kinds of bullets, the rarer one marks the roles ("• Google", then "◦ Built ...").
    glyphs = Counter(line[0] for line in lines if is_bullet(line))
    detail = glyphs.most_common(1)[0][0] if glyphs else ""
    entries: list[Entry] = []
    header: list[str] = []
    bullets: list[str] = []
    for text in lines:
        if is_bullet(text) and text[0] == detail:
            bullets.append(text)
        elif bullets and not is_bullet(text) and _continues(bullets[-1], text):
            bullets[-1] += " " + text
        else:
            if bullets:
                entries.append(Entry(tuple(header[-MAX_HEADER_LINES:]), tuple(bullets)))
                header, bullets = [], []
            text = text[1:].strip() if is_bullet(text) else text
            if text and len(text.split()) <= MAX_TITLE_WORDS and not text.endswith("."):  # not a sentence
                header.append(text)
    if bullets:
        entries.append(Entry(tuple(header[-MAX_HEADER_LINES:]), tuple(bullets)))
    return tuple(entries)


_PRESENT = re.compile(r"\b(present|current|now|today|ongoing)\b", re.IGNORECASE)


_RANGE = re.compile(r"\b(?:19|20)\d{2}\b.*?(?:[-–—]|\bto\b|\buntil\b)", re.IGNORECASE)


def _years(document: Document, this_year: int) -> int | None:
    """How many years the date ranges of the Experience section span, from the earliest year to the latest
    ("Present" is this year). None when no range is written."""
    years = []
    for _, line in section_lines(document, "experience"):
        if _RANGE.search(line):
            years += [int(year) for year in YEAR.findall(line) if int(year) <= this_year]
            if _PRESENT.search(line):
                years.append(this_year)
    return max(years) - min(years) if years else None


def _continues(bullet: str, line: str) -> bool:
    """A wrapped bullet goes on in lower case, or after a line that ended mid-sentence; a role's title
    line is short or holds a year."""
    long = len(line.split()) > MAX_TITLE_WORDS
    return line[0].islower() or (bullet[-1] not in ".!?" and (long or not YEAR.search(line)))
