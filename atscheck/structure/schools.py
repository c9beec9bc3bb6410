"""The entries of the education history: institution, degree (as written, and its level), field, dates.

An entry's lines name an institution ("State University", "Collin College", "北京理工大学"), a degree
("Bachelor of Science in Computer Science", "B.S.", "M.Sc. Artificial Intelligence"), dates and places, in
any order and on one line or several; a line that names a second institution, or a second degree once the
entry has one of each, starts the next entry. Bullets and sentences (GPA, coursework, a thesis) are not.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from atscheck.model import DegreeLevel, Document, Period, School
from atscheck.structure.dates import find_periods
from atscheck.structure.education import level_named
from atscheck.structure.sections import section_lines
from atscheck.structure.words import is_place
from atscheck.text import is_bullet

_INSTITUTION = re.compile(
    r"\b(?:university|universit[äéy]|universidad|universidade|università|college|institute|institut|instituto|"
    r"school|academy|polytechnic|hochschule|fachhochschule|politecnico|conservatory|seminary|lab|"
    r"iit|mit|postech|kaist|epfl|eth|high|coursera|udacity|udemy|edx|netology|datacamp)\b|大学|学院|学校|大學",
    re.IGNORECASE,
)
_OTHER_DEGREE = re.compile(
    r"\b(?:diploma|degree|certificate in|high school|secondary|hsc|ssc|sslc|matriculation|intermediate|a-levels?|"
    r"abitur|baccalaur[ée]at|bootcamp)\b",
    re.IGNORECASE,
)
_PIECES = re.compile(r"\s*[|•·—]\s*|\s+[-–]+\s+|\s*-{2,}\s*|\s{3,}|\t|;\s*|,\s+(?![^,(]*\))")
_FIELD_AFTER = re.compile(r"\b(?:in|of)\s+(?P<field>[^,;|()]+?)\s*(?:\(|,|;|$)")
_DEGREE_NAME = re.compile(
    r"^(?P<degree>(?:Bachelor|Master|Doctor|Associate)(?:'?s)?(?: of (?:Science|Arts|Engineering|Technology|"
    r"Applied Science|Business Administration|Philosophy|Computer Applications|Fine Arts))?|[A-Z][\w.]*\.?)\s*"
)
_NOT_TEXT = re.compile(
    r"\b(?:gpa|cgpa|grade|percentage|courses?|coursework|thesis|minor|concentration|honou?rs)\b", re.I
)
MAX_WORDS = 16


@dataclass
class _Entry:
    institution: str = ""
    degree: str = ""
    level: DegreeLevel | None = None
    field: str = ""
    periods: list[Period] = dataclasses.field(default_factory=list)

    def school(self) -> School:
        period = self.periods[0] if self.periods else None
        if len(self.periods) > 1 and period is not None and period.end is None and not period.current:
            later = self.periods[1]
            period = Period(period.start, later.end or later.start, later.current, f"{period.text} {later.text}")
        return School(self.institution, self.degree, self.level, self.field, period)


def _degree_parts(piece: str) -> tuple[str, DegreeLevel | None, str]:
    """'Bachelor of Science in Computer Science' -> ('Bachelor of Science', 'bachelor', 'Computer Science')."""
    named = level_named(piece)
    level = named[0] if named else None
    if named:
        start = piece.find(named[1])
        own = _DEGREE_NAME.match(piece[start:])
        degree_end = start + (len(own["degree"]) if own else len(named[1]))
        after = _FIELD_AFTER.match(piece[degree_end:].lstrip(" ,"))
        if after:
            return piece[start:degree_end].strip(" ,"), level, after["field"].strip()
    if named:
        start = piece.find(named[1])
        around = (piece[:start] + " " + piece[start + len(named[1]) :]).strip(" ,()")
        around = re.sub(r"^\(?\)?|\(\s*\)", "", around).strip(" ,()")
        if named[1].lower().startswith(("bachelor", "master")):
            own = _DEGREE_NAME.match(piece[start:])
            degree = own["degree"] if own else named[1]
            rest = piece[start + len(degree) :].strip(" ,()")
            return degree, level, (piece[:start].strip(" ,()") or rest)
        return named[1], level, around
    return piece, None, ""


def _read(line: str, entries: list[_Entry]) -> None:
    periods = list(find_periods(line))
    remains = line
    for start, end, _ in sorted(periods, key=lambda item: -item[0]):
        remains = remains[:start] + "   " + remains[end:]
    entry = entries[-1] if entries else None
    for raw in _PIECES.split(remains):
        piece = raw.strip(" ,:()[]-–—*_#").strip()
        piece = re.sub(r"^(?:expected\s+)?(?:graduation\s+date|date)\s*:?\s*$", "", piece, flags=re.IGNORECASE)
        if not piece or not any(c.isalpha() for c in piece) or _NOT_TEXT.search(piece):
            continue
        institution = _INSTITUTION.search(piece) is not None
        degree = level_named(piece) is not None or _OTHER_DEGREE.search(piece) is not None
        if degree and not (institution and level_named(piece) is None):
            if entry is None or entry.degree:
                entry = _Entry()
                entries.append(entry)
            entry.degree, entry.level, entry.field = _degree_parts(piece)
        elif institution:
            if entry is None or entry.institution:
                entry = _Entry()
                entries.append(entry)
            entry.institution = piece
        elif entry is not None and entry.degree and not entry.field and not is_place(piece):
            entry.field = piece  # "M.S., Computer Science"
        elif entry is not None and entry.degree and not entry.institution and not is_place(piece):
            entry.institution = piece  # "B.S. Mathematics Education, SIU Edwardsville"
    if entries and periods:
        entries[-1].periods += [period for _, _, period in periods]


def read_schools(document: Document) -> tuple[School, ...]:
    """The education entries of the document's Education sections, in the order written."""
    entries: list[_Entry] = []
    for _, text in section_lines(document, "education"):
        line = " ".join(text.split())
        if is_bullet(line):
            line = line[1:].strip()
            if not (level_named(line) or _INSTITUTION.search(line)):
                continue
        if len(line.split()) > MAX_WORDS and not level_named(line):
            continue
        _read(line.rstrip("."), entries)
    return tuple(entry.school() for entry in entries if entry.institution or entry.degree)
