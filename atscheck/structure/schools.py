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
from atscheck.structure.dates import find_periods, without_periods
from atscheck.structure.education import level_named
from atscheck.structure.sections import lines_under, section_lines
from atscheck.structure.words import is_place, reads_as_names
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
_PIECES = re.compile(
    r"(?<=[\u4e00-\u9fff])/(?=[\u4e00-\u9fff])|\s*[|•·—]\s*|\s+[-–]+\s+|\s*-{2,}\s*|\s{3,}|\t|;\s*|,\s+(?![^,(]*\))"
)
_FIELD_AFTER = re.compile(r"\b(?:[Ii][Nn]|[Oo][Ff])\s+(?P<field>[^,;|()]+?)\s*(?:\(|,|;|$)")
_DEGREE_NAME = re.compile(
    r"^(?P<degree>(?:Bachelor|Master|Doctor|Associate)(?:'?s)?(?: of (?:Science|Arts|Engineering|Technology|"
    r"Applied Science|Business Administration|Philosophy|Computer Applications|Fine Arts))?|[A-Z][\w.]*\.?)\s*"
)
_NOT_TEXT = re.compile(
    r"\b(?:gpa|cgpa|grade|percentage|courses?|coursework|thesis|minor|concentration|honou?rs|laude|scholarship|"
    r"recipient|abroad|exchange|kappa|dean'?s|award(?:ed)?|valedictorian)\b",
    re.I,
)
MAX_WORDS = 16
MAX_NAME_WORDS = 6
# Abbreviations for a university, in capitals: "TU Munich", "TH Rijswijk", "Uni Wien".
_SHORT_INSTITUTION = re.compile(r"\b(?:TU|TH|Uni|ETH|HTW|HAW|RWTH)\b")
# Labels of an entry's date: "Degree Awarded: May 2018" names no second degree.
_DATE_LABEL = re.compile(
    r"^(?:expected\s+)?(?:graduation\s+date|date|degree\s+(?:awarded|conferred|date)|graduated|awarded|completed)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"[A-Z]{2,8}")
_SET_APART = re.compile(r"\s*[|•·]|\s{3,}|\t")
_FROM = re.compile(r"^(?:from|at)\s+(?=[A-Z])")
_CLAUSE = re.compile(r"(?<!\s)\s+with\s.*$")  # "from VTU with 6.79 CGPA": what follows "with" is a grade


def _cleaned(raw: str) -> str:
    piece = raw.strip(" ,:()[]-–—*_#").strip()
    piece = _DATE_LABEL.sub("", piece)
    return _CLAUSE.sub("", piece) if _FROM.match(piece) else piece


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


def _is_degree(text: str) -> bool:
    return level_named(text) is not None or _OTHER_DEGREE.search(text) is not None


def _dated_place(line: str) -> bool:
    """ "Grad. May 2011 | Kolkata, India" under a school's name: when and where, so the line above is a school."""
    periods = list(find_periods(line))
    if not periods:
        return False
    rest = line[: periods[0][0]] + " " + line[periods[-1][1] :]
    return any(is_place(part.strip(" |,")) for part in re.split(r"[|•·]", rest))


def _stands_alone(line: str, piece: str) -> bool:
    """The piece is the whole line, or set apart from the rest by a bar, a bullet or a gap."""
    text = line.strip()
    if not text.startswith(piece):
        return False
    after = text[len(piece) :]
    if not after.strip() or _SET_APART.match(after):
        return True
    rest = after.strip(" ,-–—")
    # "Nucleo Avançado em Educação - NAVE": its short name; "Brigham Young Univeristy Idaho, Rexburg, Idaho"
    return bool(_ACRONYM.fullmatch(rest)) or (after.lstrip().startswith(",") and is_place(rest))


def _a_name(piece: str) -> bool:
    """A short name in capitals ("JNTU Hyderabad", "Nucleo Avançado em Educação"), not a phrase."""
    words = piece.split()
    capitals = [w for w in words if w[:1].isupper()]
    return 0 < len(words) <= MAX_NAME_WORDS and len(capitals) * 2 > len(words) and not is_place(piece)


def _read(line: str, entries: list[_Entry], following: str = "") -> None:
    periods = list(find_periods(line))
    remains = without_periods(line, periods, "   ")
    entry = entries[-1] if entries else None
    pieces = [piece for raw in _PIECES.split(remains) if (piece := _cleaned(raw))]
    # A school named without a word that says so ("JNTU Hyderabad | Hyderabad, India", then its degree):
    # the line's first name starts an entry when the line has a place or dates, or the next line a degree.
    # A line that names a degree or a school itself has no need of it.
    known_on_line = any(_INSTITUTION.search(p) or _SHORT_INSTITUTION.search(p) or _is_degree(p) for p in pieces)
    placed = (
        not known_on_line
        and not periods
        and (any(is_place(piece) for piece in pieces) or _is_degree(following) or _dated_place(following))
    )
    fallback = False  # the institution was taken from a piece that names nothing; a school named later wins
    for position, piece in enumerate(pieces):
        if not any(c.isalpha() for c in piece) or _NOT_TEXT.search(piece):
            continue
        named_by_place = _FROM.match(piece)  # "BE in Computer Science ... from VTU"
        if named_by_place:
            piece = piece[named_by_place.end() :]
        institution = _INSTITUTION.search(piece) is not None or bool(_SHORT_INSTITUTION.search(piece))
        institution = institution or bool(named_by_place)
        known = institution or _is_degree(piece)
        city = position + 1 < len(pieces) and is_place(f"{piece}, {pieces[position + 1]}")  # "Magdeburg, Germany"
        alone = _stands_alone(remains, piece)  # "Chennai, Tamil Nadu" is one place, not a name and a place
        if not known and position == 0 and placed and alone and _a_name(piece) and not city:
            institution = True
        degree = level_named(piece) is not None or _OTHER_DEGREE.search(piece) is not None
        if degree and not (institution and level_named(piece) is None):
            if entry is None or entry.degree:
                entry = _Entry()
                entries.append(entry)
            entry.degree, entry.level, entry.field = _degree_parts(piece)
        elif institution and not (fallback and not _a_name(piece)):  # not "recognition at TU Munich"
            if entry is None or (entry.institution and not fallback):
                entry = _Entry()
                entries.append(entry)
            entry.institution, fallback = piece, False
        elif entry is not None and entry.degree and not entry.field and not is_place(piece):
            entry.field = piece  # "M.S., Computer Science"
        elif entry is not None and entry.degree and not entry.institution and not is_place(piece):
            # "B.S. Mathematics Education, SIU Edwardsville"; "M.Sc. in Robotics, Cognition, TU Munich"
            entry.institution, fallback = piece, True
    if entries and periods:
        entries[-1].periods += [period for _, _, period in periods]


def read_schools(document: Document) -> tuple[School, ...]:
    """The education entries of the document's Education sections, in the order written. A resume with no
    Education section may state its degree among its personal details ("本科/萌鹿大学计算机系", "B.Sc.,
    State University" under the name): a line there that names both a degree and a school is read."""
    schools = _schools_in([" ".join(text.split()) for _, text in section_lines(document, "education")])
    if schools or any(section.name == "education" for section in document.sections):
        return schools
    details = lines_under(document, _DETAILS_SECTIONS)
    both = [" ".join(text.split()) for _, text in details if _names_degree_and_school(text)]
    return _schools_in([line[1:].strip() if is_bullet(line) else line for line in both])


_DETAILS_SECTIONS = ("contact", "summary")


def _names_degree_and_school(line: str) -> bool:
    """'本科/萌鹿大学计算机系', 'B.Sc. Computer Science, State University': not a sentence that mentions one."""
    text = line[1:] if is_bullet(line) else line
    named = level_named(text) is not None and _INSTITUTION.search(text) is not None
    return named and len(text.split()) <= MAX_NAME_WORDS * 2 and reads_as_names(text) and not text.endswith(".")


def _schools_in(lines: list[str]) -> tuple[School, ...]:
    entries: list[_Entry] = []
    for index, line in enumerate(lines):
        if is_bullet(line):
            line = line[1:].strip()
            if not (level_named(line) or _INSTITUTION.search(line)):
                continue
        if len(line.split()) > MAX_WORDS and not level_named(line):
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        _read(line.rstrip("."), entries, following)
    return tuple(entry.school() for entry in entries if entry.institution or entry.degree)
