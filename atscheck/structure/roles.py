"""The roles of the work history, read as a parser reads them: title, employer, location and dates.

The Experience section alternates header lines (short lines that name the role: a title, an employer, a
place, the dates) and content (bullets and sentences). Each run of header lines is cut into one chunk per
date range; in a chunk, each piece of a line (split at "|", "—", " at ", runs of dashes or spaces, commas
before a place) is a title when it holds a title word ("Engineer", "Lead", "Praktikant"), a place when it
reads as one ("Seattle, WA", "Remote"), else the employer. Layouts this reads:
- "Title, Company | Sep 2021 - Present", "Title • Company • City ... Sep 2021 - Present";
- "Company" then "Title" then dates on lines of their own, in any order;
- several titles under one employer: the employer's line, then each title with its own dates (a later
  chunk with a title and no employer keeps the employer of the line above it);
- "SALSIFY, Staff SE, Senior SE3": two titles at one employer, both with the line's dates.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from atscheck.model import Document, Period, Role, count_words
from atscheck.structure.dates import PRESENT_WORDS, find_periods, has_period
from atscheck.structure.sections import section_lines
from atscheck.structure.words import has_employer_word, has_title_word, is_place
from atscheck.text import is_bullet

MAX_HEADER_WORDS = 14  # a header line longer than this is a sentence, unless it holds a date range
MAX_DATED_WORDS = 24
MAX_NAME_WORDS = 8
# Labels some templates write before a field ("Date: 2005 - 2010", "Organization : Wipro").
_LABEL = re.compile(
    r"^\s*(?P<label>date|dates|duration|period|location|organi[sz]ation|company|employer|client|role|title|"
    r"designation|position)\s*:\s*",
    re.IGNORECASE,
)
_LABEL_KIND = {"location": "place", "organisation": "employer", "organization": "employer", "company": "employer"}
_LABEL_KIND |= {"employer": "employer", "client": "employer", "role": "title", "title": "title"}
_LABEL_KIND |= {"designation": "title", "position": "title"}
# Where a header line splits into pieces.
_PIECES = re.compile(r"\s*[|•·➤★●▪◆]\s*|\s*[—]\s*|\s+[-–]+\s+|\s+-(?=[A-Z])|\s[–](?=\S)|\s*-{2,}\s*|\s{3,}|\t")
_DETAIL_LABEL = re.compile(r"^[^:,|]{2,30}:\s")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}\.|[A-Z]\.)+$")
# Words a title starts with: after a name in capitals they begin the title ("CROWDSTRIKE Senior SE").
_RANKS = {"senior", "staff", "principal", "lead", "junior", "research", "chief", "head", "sr", "jr", "associate"}
_AT = re.compile(r"\s+(?:at|@)\s+(?=[A-Z0-9])")
_PRESENT_ALONE = re.compile(rf"^\W*(?:{PRESENT_WORDS})\W*$", re.IGNORECASE)
_EMPTY_BRACKETS = re.compile(r"\(\s*[,;]?\s*\)|\[\s*\]")
_DURATION = re.compile(r"\(?\b\d+\s*(?:years?|yrs?|months?|mos?)\b[^)]*\)?", re.IGNORECASE)
_NOT_EMPLOYER = re.compile(
    r"^(?:profile|summary|overview|responsibilities|projects?|skills|key\s+\w+|career\s+break|sabbatical|"
    r"(?:parental|maternity|paternity)\s+leave)$",
    re.IGNORECASE,
)
_TRAILING_PLACE = re.compile(r",\s*(?P<place>[^,]+(?:,\s*[^,]+)?)$")


@dataclass
class _Line:
    offset: int
    text: str
    titles: list[str] = field(default_factory=list)
    employers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    present: bool = False
    qualifiers: dict[int, str] = field(default_factory=dict)  # title index -> "AI/ML" of "Manager, AI/ML"


def _is_header(text: str, detail: str) -> bool:
    """A line that names a role rather than saying what was done in it. `detail` is the glyph of the
    section's bullets: a line marked with another one ("➤ Acme | Austin, TX" above "★ Built ...") is a header."""
    if is_bullet(text):
        as_detail = text[0] == detail or text[:2] in ("- ", "* ", "+ ")
        text = text[1:].strip()
        if as_detail and not _dated_title(text):
            return False
    if _DETAIL_LABEL.match(text) and not _LABEL.match(text):
        return False  # "Technologies: .NET, Angular", "Project: Customer Portal": a detail of the role
    words = text.split()
    length = count_words(text)
    if has_period(text):
        return length <= MAX_DATED_WORDS
    if length > MAX_HEADER_WORDS or text.rstrip().endswith(";"):
        return False
    if text.rstrip().endswith(".") and not _ABBREVIATION.search(text):
        return False  # a sentence; "Viasat Inc." or "Omnious. Co., Ltd." is a name
    lower = [w for w in words if w[:1].islower()]
    return length < 5 or len(lower) * 2 <= len(words)


def _dated_title(text: str) -> bool:
    """A bulleted line that names a role: dates at its start or end, and a title beside them
    ("* 12.2023 - now: AI Engineer")."""
    periods = list(find_periods(text))
    if not periods:
        return False
    start, end, _ = periods[0]
    at_edge = start <= 2 or len(text) - periods[-1][1] <= 2
    rest = text[:start] + text[end:]
    return at_edge and has_title_word(rest) and count_words(rest) <= MAX_NAME_WORDS and not text.endswith(".")


def _split_title_employer(piece: str) -> tuple[str, str]:
    """'Senior Software Engineer (Development) ABB India Limited' -> the title, the employer;
    'CROWDSTRIKE Senior SE' (a name in capitals before the title) -> the title, the employer."""
    words = piece.split()
    capitals = 0
    while capitals < len(words) - 1 and words[capitals].isupper() and len(words[capitals]) > 1:
        capitals += 1
    if capitals > 0 and words[capitals].lower().strip(".") in _RANKS and not has_title_word(" ".join(words[:capitals])):
        return " ".join(words[capitals:]), " ".join(words[:capitals])
    last = max((i for i, w in enumerate(words) if has_title_word(w)), default=-1)
    if last < 0 or last == len(words) - 1:
        return piece, ""
    end = last + 1
    if words[end].startswith("("):
        while end < len(words) and not words[end].endswith(")"):
            end += 1
        end += 1
    rest = " ".join(words[end:])
    if rest and rest[0].isupper() and has_employer_word(rest) and not has_title_word(rest):
        return " ".join(words[:end]).rstrip(" ,;"), rest
    return piece, ""


def _read_line(offset: int, text: str) -> _Line:
    line = _Line(offset, text)
    remains = text
    for start, end, period in sorted(find_periods(text), key=lambda item: -item[0]):
        line.periods.insert(0, period)
        remains = remains[:start] + "  " + remains[end:]
    remains = _DURATION.sub(" ", remains)
    remains = _EMPTY_BRACKETS.sub(" ", remains)
    line.present = bool(_PRESENT_ALONE.match(remains))  # "current" on a line of its own ends a range above
    hinted = None
    label = _LABEL.match(remains)
    if label:
        hinted = _LABEL_KIND.get(label["label"].lower())
        remains = remains[label.end() :]
    at = _AT.search(remains)  # "Software Engineer at ABB India Limited": what follows "at" is the employer
    parts = [(remains[: at.start()], hinted), (remains[at.end() :], "employer")] if at else [(remains, hinted)]
    for part, hint in parts:
        for position, raw in enumerate(_PIECES.split(part)):
            piece = " ".join(raw.strip(" ,;:()[]-–—*_#").split())
            if not piece or not any(c.isalnum() for c in piece) or line.present:
                continue
            _classify(line, piece, hint if position == 0 or hint != "employer" else None)
    return line


def _classify(line: _Line, piece: str, hinted: str | None) -> None:
    if hinted == "place" or (hinted is None and is_place(piece)):
        line.places.append(piece)
        return
    trailing = _TRAILING_PLACE.search(piece)
    if trailing and is_place(trailing["place"]) and hinted != "title":
        line.places.append(trailing["place"].strip())
        piece = piece[: trailing.start()].strip()
    if hinted == "employer":
        employer, _, place = piece.partition(",")  # "Organization : Wipro, Noida"
        line.employers.append(employer.strip())
        if place.strip():
            line.places.append(place.strip())
    elif hinted == "title" or has_title_word(piece):
        head, _, tail = piece.rpartition(",")
        if head and has_employer_word(tail) and not has_title_word(tail) and has_title_word(head):
            # "Adjunct Instructor of Astronomy, University of Wisconsin": the title, then the employer
            line.titles.append(head.strip())
            line.employers.append(tail.strip())
            return
        if "," in piece and not has_employer_word(piece):
            # "Staff SE, Senior SE3": two titles; "Amazon, Software Engineer": an employer and a title;
            # "Engineering Manager, AI/ML": a title and its field, unless nothing else names the employer
            for part in (p.strip() for p in piece.split(",")):
                if has_title_word(part) or not line.titles:
                    (line.titles if has_title_word(part) else line.employers).append(part)
                else:
                    line.qualifiers[len(line.titles) - 1] = part
            return
        title, employer = _split_title_employer(piece)
        line.titles.append(title)
        if employer:
            line.employers.append(employer)
    elif "," in piece and not has_employer_word(piece.split(",", 1)[1]):
        employer, rest = piece.split(",", 1)
        line.employers.append(employer.strip())
        (line.titles if has_title_word(rest) else line.places).append(rest.strip())
    elif not _NOT_EMPLOYER.match(piece):
        line.employers.append(piece)


def _joined(periods: list[Period], present: bool) -> list[Period]:
    """A range written across lines ("May 2017" above, "May 2018" or "current" below) made one period."""
    lone = [p for p in periods if p.end is None and not p.current]
    if len(periods) == 2 and len(lone) == 2 and lone[0].start and lone[1].start and lone[0].start < lone[1].start:
        return [Period(lone[0].start, lone[1].start, text=f"{lone[0].text} - {lone[1].text}")]
    if present and len(periods) == 1 and len(lone) == 1:
        return [Period(lone[0].start, None, current=True, text=f"{lone[0].text} - present")]
    return periods


def _nearest_employer(chunk: list[_Line], title_line: _Line) -> str:
    """The employer named on the title's line, else the nearest line above it, else the nearest below."""
    at = chunk.index(title_line)
    for line in [title_line, *reversed(chunk[:at]), *chunk[at + 1 :]]:
        if line.employers:
            return line.employers[0]
    return ""


def _chunks(lines: list[_Line]) -> list[list[_Line]]:
    """A run of header lines cut into one chunk per date range: a chunk ends at its dates, and the lines
    after them that name no title (a place, a second employer line) stay with it."""
    chunks: list[list[_Line]] = [[]]
    for line in lines:
        chunk = chunks[-1]
        dated = any(held.periods for held in chunk)
        titled = any(held.titles for held in chunk)
        named = any(held.employers for held in chunk)
        completes = (
            _joined([p for held in chunk for p in held.periods] + line.periods, line.present)
            != [p for held in chunk for p in held.periods] + line.periods
        )
        if (
            dated
            and not completes
            and (line.periods or (line.titles and titled) or (line.employers and named and titled))
        ):
            chunks.append([])
        chunks[-1].append(line)
    return [chunk for chunk in chunks if chunk]


@dataclass
class _Reader:
    document: Document
    roles: list[Role] = field(default_factory=list)
    employer: str = ""  # of an employer line above the titles it holds
    employer_alone: bool = False

    def chunk(self, chunk: list[_Line], start: int, end: int, bullets: tuple[str, ...]) -> None:
        employers = [e for line in chunk for e in line.employers]
        for line in chunk:  # a title's field stays with it when another line names the employer
            for index, qualifier in line.qualifiers.items():
                if employers:
                    line.titles[index] = f"{line.titles[index]}, {qualifier}"
                else:
                    line.employers.append(qualifier)
                    employers.append(qualifier)
        titles = [(line, title) for line in chunk for title in line.titles]
        periods = [p for line in chunk for p in line.periods]
        if not titles and periods and employers and self.employer_alone and bullets and len(employers) == 1:
            # Under an employer's own line, a dated line names a position ("Platform Team | 2023 - 2024").
            titles, employers = [(chunk[0], employers[0])], []
        places = [p for line in chunk for p in line.places]
        if not titles and not periods:
            return
        if not titles:
            if periods and employers and not bullets:
                self.employer, self.employer_alone = employers[0], True  # "➤ HHAeXchange | 04/2021 - 02/2025"
                return
            if not employers:
                return
            titles = [(chunk[0], "")]
        elif employers:
            alone = not any(line.titles for line in chunk if line.employers)
            self.employer, self.employer_alone = employers[0], alone
        employer = (
            _nearest_employer(chunk, titles[0][0]) if employers else (self.employer if self.employer_alone else "")
        )
        if not periods and not (employer and bullets):
            return  # a sub-heading ("Devops Cloud Engineer - Profile"), not a role
        periods = _joined(periods, any(line.present for line in chunk))
        for line, title in titles:
            period = line.periods[0] if line.periods and len(periods) != 1 else (periods[0] if periods else None)
            if period is not None and period.end is None and not period.current:
                period = replace(period, end=period.start)  # a role within one year or month
            place = line.places[0] if line.places else (places[0] if places else "")
            self.roles.append(Role(title, employer, place, period, bullets, start, end))


def read_roles(document: Document) -> tuple[Role, ...]:
    """The roles of the document's Experience sections, in the order written."""
    # Runs of spaces stay: a layout's gap between a role's parts is where its pieces split.
    lines = [
        (offset + len(text) - len(text.lstrip()), text.strip())
        for offset, text in section_lines(document, "experience")
    ]
    glyphs = Counter(text[0] for _, text in lines if is_bullet(text))
    detail = glyphs.most_common(1)[0][0] if glyphs else ""
    reader = _Reader(document)
    index = 0

    def starts_role(at: int) -> bool:
        text = lines[at][1]
        if _is_header(text, detail):
            return True
        # "• NYU CUSP Brooklyn, NY" above "Associate Research Scientist May 2015 - Present": a bulleted name
        following = lines[at + 1][1] if at + 1 < len(lines) else ""
        return (
            is_bullet(text)
            and len(text.split()) <= MAX_NAME_WORDS
            and not has_period(text)
            and has_period(following)
            and _is_header(following, detail)
            and _is_header(text[1:].strip(), "")
        )

    while index < len(lines):
        header: list[_Line] = []
        while index < len(lines) and starts_role(index):
            offset, text = lines[index]
            header.append(_read_line(offset, text[1:].strip() if is_bullet(text) else text))
            index += 1
        content: list[str] = []
        while index < len(lines) and (not starts_role(index) or (content and _goes_on(content[-1], lines[index][1]))):
            content.append(lines[index][1])
            index += 1
        last = lines[index - 1][0]
        section = document.section_at(last)
        following = lines[index][0] if index < len(lines) else len(document.text)
        end = min(following, section.end) if section else following  # a role ends with its section
        bullets = _bullets(content)
        chunks = _chunks(header)
        for position, chunk in enumerate(chunks):
            last = position == len(chunks) - 1
            chunk_end = end if last else chunks[position + 1][0].offset
            reader.chunk(chunk, chunk[0].offset, chunk_end, bullets if last else ())
    return tuple(reader.roles)


def _goes_on(previous: str, line: str) -> bool:
    """A line that carries on the sentence above it: it starts in lower case or with a bracket, or the
    line above ended mid-phrase."""
    if line[:1].islower():
        return not previous.rstrip().endswith((".", "!", "?"))  # "frete.com" after a full stop is a name
    if is_bullet(line) or has_period(line):
        return False
    unfinished = not previous.rstrip().endswith((".", "!", "?", ":", ";"))
    if unfinished and not has_title_word(line) and not is_place(line) and any(w[:1].islower() for w in line.split()):
        return True  # "Maps, Google Places and Google Earth" after "... working on Google": a wrapped sentence
    return line[:1] == "(" or previous.rstrip().endswith((",", " and", "&", " -", "(", " of"))


def _bullets(lines: list[str]) -> tuple[str, ...]:
    """The content lines as items: a bullet starts one, a line that goes on a sentence joins it."""
    items: list[str] = []
    for line in lines:
        text = line[1:].strip() if is_bullet(line) else line
        if items and not is_bullet(line) and (line[:1].islower() or items[-1][-1:] not in ".!?"):
            items[-1] += " " + text
        elif text:
            items.append(text)
    return tuple(items)
