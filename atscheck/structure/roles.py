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
from functools import lru_cache

from atscheck.contact import has_contact_details
from atscheck.model import Document, Period, Role, count_words
from atscheck.structure.dates import PRESENT_WORDS, find_periods, without_periods
from atscheck.structure.sections import lines_under, section_lines
from atscheck.structure.words import (
    has_company_suffix,
    has_employer_word,
    has_title_word,
    is_place,
    reads_as_names,
    trimmed,
)
from atscheck.text import is_bullet

MAX_HEADER_WORDS = 14  # a header line longer than this is a sentence, unless it holds a date range
MAX_DATED_WORDS = 24
MAX_NAME_WORDS = 8
MAX_ROLES = 100  # more is no work history a person wrote, and would only cost the readers after this time
# Labels some templates write before a field ("Date: 2005 - 2010", "Organization : Wipro").
_LABEL = re.compile(
    r"^\s*(?P<label>date|dates|duration|period|location|organi[sz]ation|company|employer|client|role|title|"
    r"designation|position|期間|期间|时间|会社|公司|役職|职位|職種)\s*[:：]\s*",
    re.IGNORECASE,
)
_LABEL_KIND = {"location": "place", "organisation": "employer", "organization": "employer", "company": "employer"}
_LABEL_KIND |= {"employer": "employer", "client": "employer", "role": "title", "title": "title"}
_LABEL_KIND |= {"designation": "title", "position": "title", "会社": "employer", "公司": "employer"}
_LABEL_KIND |= {"役職": "title", "职位": "title", "職種": "title"}
# Where a header line splits into pieces.
_PIECES = re.compile(r"\s*[|•·➤★●▪◆;]\s*|\s*[—]\s*|\s+[-–]+\s+|\s+-(?=[A-Z])|\s[–](?=\S)|\s*-{2,}\s*|\s{3,}|\t")
_DETAIL_LABEL = re.compile(r"^[^:：,|]{2,30}(?::\s|：)")
# The last word of a name that ends in a full stop: "Inc.", "Co.", "Ltd.", "U.S." (one way to match each).
_ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{0,3}\.)+")
_LEVEL = re.compile(r"(?:[IVX]{1,4}|\d|\(\w{1,4}\))")
_DATE_THEN_STOP = re.compile(r"(?:\d|present|now|current)\s*\.\s*$", re.IGNORECASE)
_CJK_PUNCTUATION = re.compile("[。，、；！？]")
_MONTH_WORD = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|winter|since|from)", re.I
)
# Words a title starts with: after a name in capitals they begin the title ("CROWDSTRIKE Senior SE").
_RANKS = {"senior", "staff", "principal", "lead", "junior", "research", "chief", "head", "sr", "jr", "associate"}
_AT = re.compile(r"(?<!\s)\s+(?:at|@)\s+(?=[A-Z0-9])")  # the lookbehind: one try per run of spaces
_PRESENT_ALONE = re.compile(rf"^\W*(?:{PRESENT_WORDS})\W*$", re.IGNORECASE)
_EMPTY_BRACKETS = re.compile(r"\(\s*[,;]?\s*\)|\[\s*\]")
_DURATION = re.compile(r"\(?\b\d+\s*(?:years?|yrs?|months?|mos?)\b[^)]*\)?", re.IGNORECASE)
_NOT_EMPLOYER = re.compile(
    r"^(?:profile|summary|overview|responsibilities|projects?|skills|key\s+\w+|career\s+break|sabbatical|"
    r"(?:parental|maternity|paternity)\s+leave)$",
    re.IGNORECASE,
)
# How a job was held, after a title's comma: part of the title, never a second one.
_ARRANGEMENT = re.compile(
    r"(?:contractor|contract|freelance|freelancer|part[- ]time|full[- ]time|intern|internship|remote|temporary)",
    re.IGNORECASE,
)
_DASHES = ("-", "–", "—")
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


@lru_cache(maxsize=1024)  # each line is asked about several times, as itself and as its neighbours' neighbour
def role_periods(text: str) -> tuple[tuple[int, int, Period], ...]:
    """The line's periods, but not a year glued to a name before it: "SQL Server 2012" and "SharePoint 2013"
    are versions, not dates."""
    kept = []
    for start, end, period in find_periods(text):
        lone_year = period.end is None and not period.current and period.start and period.start.month is None
        window = text[max(0, start - 40) : start]  # the word before, without copying a long line per date
        before = window.rstrip(" ").split(" ")[-1] if window.endswith(" ") else ""
        if lone_year and before[:1].isupper() and before.isalpha() and not _MONTH_WORD.match(before):
            continue
        kept.append((start, end, period))
    return tuple(kept)


def _sentence(text: str) -> bool:
    """Words that say what was done: a full stop at the end, mostly lower case, or (without spaces between
    words, as Chinese and Japanese write) a sentence's punctuation."""
    words = text.split()
    stripped = text.rstrip()
    if stripped.endswith("。") or (stripped.endswith(".") and not _ABBREVIATION.fullmatch(words[-1] if words else "")):
        return True
    if _CJK_PUNCTUATION.search(text) and count_words(text) > MAX_NAME_WORDS:
        return True
    lower = [w for w in words if w[:1].islower()]
    return len(words) >= 5 and len(lower) * 2 > len(words)


def _is_header(text: str, detail: str) -> bool:
    """A line that names a role rather than saying what was done in it. `detail` is the glyph of the
    section's bullets: a line marked with another one ("➤ Acme | Austin, TX" above "★ Built ...") is a header."""
    if is_bullet(text):
        as_detail = text[0] == detail or text[:2] in ("- ", "* ", "+ ")
        text = text[1:].strip()
        if as_detail and not _dated_title(text):
            return False
    detail_label = _DETAIL_LABEL.match(text)
    if detail_label and not _LABEL.match(text) and not role_periods(detail_label.group(0)):
        return False  # "Technologies: .NET, Angular", "Project: Customer Portal": a detail of the role
    periods = role_periods(text)
    rest = without_periods(text, periods)
    if periods and _DATE_THEN_STOP.search(text):
        rest = rest.rstrip().rstrip(".")  # "Engineer, DevOps May 2021 - April 2023.": the stop ends the dates
    elif periods and _ends_dated_entry(rest):
        rest = rest.rstrip().rstrip(".")  # "2015–2019 Data Engineer, Acme GmbH, Berlin." (moderncv's entries)
    if text.rstrip().endswith(";") or _sentence(rest):
        return False
    if text.rstrip().endswith((":", "：")) and not periods and not _LABEL.match(text) and not has_title_word(text):
        return False  # "Skills used:", "Key achievements:": it opens what the role did
    return count_words(rest) <= (MAX_DATED_WORDS if periods else MAX_HEADER_WORDS)


def _ends_dated_entry(rest: str) -> bool:
    """A dated line's words, ended by a full stop as some templates end every entry: a title and its
    employer and place, short and separated by commas, not a sentence."""
    words = rest.rstrip().rstrip(".").split()
    named = " ".join(words)
    return "," in rest and len(words) <= MAX_NAME_WORDS + 4 and has_title_word(named) and reads_as_names(named)


def _dated_title(text: str) -> bool:
    """A bulleted line that names a role: dates at its start or end, and a title beside them
    ("* 12.2023 - now: AI Engineer")."""
    periods = role_periods(text)
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
    found = role_periods(text)
    line.periods = [period for _, _, period in sorted(found, key=lambda item: item[0])]
    remains = without_periods(text, found)
    if line.periods and _ends_dated_entry(remains):
        remains = remains.rstrip().rstrip(".")
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
            piece = trimmed(raw)
            if not piece or not any(c.isalnum() for c in piece) or line.present:
                continue
            _classify(line, piece, hint if position == 0 or hint != "employer" else None)
    return line


def _names_a_place_or_organisation(text: str) -> bool:
    pieces = [piece.strip() for piece in re.split(r"[,;]|\s{2,}", text)]
    return (
        has_employer_word(text) or is_place(text) or any(is_place(", ".join(pieces[i:])) for i in range(1, len(pieces)))
    )


def _names_title(part: str) -> bool:
    """A title ends with its noun or starts with its rank ("Staff SE", "Senior SE3"); "Developer Productivity"
    after a title's comma is the team it works in."""
    words = [w for w in part.split() if not _LEVEL.fullmatch(w)]  # "Engineer III", "Developer 2"
    return bool(words) and (has_title_word(words[-1]) or words[0].lower().strip(".") in _RANKS)


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
        if "," in piece:
            # "Staff SE, Senior SE3": two titles; "Amazon, Software Engineer": an employer and a title;
            # "Engineering Manager, AI/ML" or "Systems Engineer, Public Cloud Services": a title and its field,
            # unless nothing else names the employer; "Data Engineer, contractor": how the job was held
            employed = False
            for part in (p.strip() for p in piece.split(",")):
                titled = _names_title(part) and not (line.titles and _ARRANGEMENT.fullmatch(part))
                if employed and not titled:
                    line.places.append(part)  # "Data Engineer, Acme GmbH, Berlin": after the employer, where
                elif titled or not line.titles or has_company_suffix(part):
                    (line.titles if titled else line.employers).append(part)
                    employed = not titled
                else:
                    index = len(line.titles) - 1
                    line.qualifiers[index] = ", ".join(filter(None, (line.qualifiers.get(index), part)))
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
    """A range written across lines ("May 2017" above, "May 2018" or "current" below, or "September 2020 -"
    wrapped before "January 2023") made one period."""
    if len(periods) == 2 and periods[0].current and periods[0].text.rstrip().endswith(_DASHES):
        second = periods[1]
        if second.end is None and not second.current and periods[0].start and second.start:
            return [Period(periods[0].start, second.start, text=f"{periods[0].text} {second.text}")]
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


def _completes(held: list[Period], line: _Line) -> bool:
    """The line ends a range the lines above began ("May 2017" then "May 2018", or "current")."""
    both = held + line.periods
    return bool(both) and _joined(both, line.present) != both


def _chunks(lines: list[_Line]) -> list[list[_Line]]:
    """A run of header lines cut into one chunk per date range: a chunk ends at its dates, and the lines
    after them that name no title or date (a place, a team) stay with it as details. What the open chunk
    holds is kept as it grows, so a run of any length is cut in one pass."""
    # whether a title or a date follows each line
    followed = [False] * len(lines)
    for position in range(len(lines) - 2, -1, -1):
        later = lines[position + 1]
        followed[position] = followed[position + 1] or bool(later.titles or later.periods)
    chunks: list[list[_Line]] = [[]]
    held: list[Period] = []
    titled = named = False
    for position, line in enumerate(lines):
        opens = bool(line.periods) or (bool(line.titles) and titled)
        starts = not held and titled and named and bool(line.titles and line.employers)
        # "DC Analyst | Deloitte" then "Project Lead | Caddman": two roles without dates
        if line.employers and named and titled and not opens:
            # a second name under a complete role opens the next one only if a title or a date follows
            opens = followed[position]
            if not opens:  # "Bengaluru, Karnataka" under "Acme | Engineer | 2020 - 2022": where it was
                line.places = [", ".join(line.employers + line.places)]
                line.employers = []
        if starts or (held and opens and not _completes(held, line)):
            chunks.append([])
            held, titled, named = [], False, False
        chunks[-1].append(line)
        held += line.periods
        titled = titled or bool(line.titles)
        named = named or bool(line.employers)
    return [chunk for chunk in chunks if chunk]


@dataclass
class _Reader:
    roles: list[Role] = field(default_factory=list)
    employer: str = ""  # of an employer line above the titles it holds
    employer_alone: bool = False
    section_start: int = -1  # where the section of the roles being read starts

    def chunk(self, chunk: list[_Line], start: int, end: int, bullets: tuple[str, ...]) -> None:
        employers = [e for line in chunk for e in line.employers]
        for line in chunk:  # a title's field stays with it when another line names the employer
            for index, qualifier in line.qualifiers.items():
                if employers or _ARRANGEMENT.search(qualifier) or self.employer_alone:
                    line.titles[index] = f"{line.titles[index]}, {qualifier}"
                else:  # "Senior Data Engineer, Zalando, Berlin": the employer, then where
                    employer, _, place = qualifier.partition(", ")
                    line.employers.append(employer)
                    employers.append(employer)
                    if place:
                        line.places.append(place)
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
        named_together = any(line.titles and line.employers for line in chunk)
        if not periods and not (employers and (bullets or named_together)):
            # a sub-heading ("Devops Cloud Engineer - Profile" under the last employer's role), not a role
            return
        periods = _joined(periods, any(line.present for line in chunk))
        for line, title in titles:
            period = line.periods[0] if line.periods and len(periods) != 1 else (periods[0] if periods else None)
            if period is not None and period.end is None and not period.current:
                period = replace(period, end=period.start)  # a role within one year or month
            place = line.places[0] if line.places else (places[0] if places else "")
            self.roles.append(Role(title, employer, place, period, bullets, start, end))


def read_roles(document: Document) -> tuple[Role, ...]:
    """The roles of the document's Experience sections, in the order written. A resume with no Experience
    heading at all (its roles under the summary, or under a heading no list knows) is read as a parser
    reads it: the roles of its summary and unnamed sections, those with a title, an employer and dates only."""
    roles = _roles_in(document, section_lines(document, "experience"))
    if roles or any(section.name == "experience" for section in document.sections):
        return roles
    # the lines before any heading too: a table of the whole resume may hold no heading at all; not the name
    # on top nor a line of contact details ("Maria Garcia" is nobody's employer)
    body = [
        (offset, text) for offset, text in lines_under(document, _BODY_SECTIONS)[1:] if not has_contact_details(text)
    ]
    found = _roles_in(document, body)
    return tuple(role for role in found if role.period is not None and role.title and role.employer)


_BODY_SECTIONS = ("summary", None)


def _roles_in(document: Document, section_text: list[tuple[int, str]]) -> tuple[Role, ...]:
    # Runs of spaces stay: a layout's gap between a role's parts is where its pieces split.
    lines = [(offset + len(text) - len(text.lstrip()), text.strip()) for offset, text in section_text]
    glyphs = Counter(text[0] for _, text in lines if is_bullet(text))
    detail = glyphs.most_common(1)[0][0] if glyphs else ""
    reader = _Reader()
    index = 0

    def starts_role(at: int) -> bool:
        text = lines[at][1]
        if _is_header(text, detail):
            return True
        # "• NYU CUSP Brooklyn, NY" above "Associate Research Scientist May 2015 - Present", or
        # "* Gradient; Bay Area, United States" below "* 12.2023 - now: AI Engineer": a bulleted name
        following = lines[at + 1][1] if at + 1 < len(lines) else ""
        above = lines[at - 1][1] if at > 0 else ""
        beside_dates = bool(role_periods(following)) and _is_header(following, detail)
        under_dated_title = is_bullet(above) and _dated_title(above[1:].strip())
        return (
            is_bullet(text)
            and len(text.split()) <= (MAX_HEADER_WORDS if under_dated_title else MAX_NAME_WORDS)
            and not role_periods(text)
            and (beside_dates or under_dated_title)
            and _is_header(text[1:].strip(), "")
            and _names_a_place_or_organisation(text[1:])
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
        if header and section is not None and section.start != reader.section_start:
            # an employer named in one section holds no titles of the next ("Professional Teaching Experience")
            reader.employer, reader.employer_alone, reader.section_start = "", False, section.start
        for position, chunk in enumerate(chunks):
            is_last = position == len(chunks) - 1
            chunk_end = end if is_last else chunks[position + 1][0].offset
            reader.chunk(chunk, chunk[0].offset, chunk_end, bullets if is_last else ())
    return tuple(_titled_by_heading(document, role) for role in reader.roles[:MAX_ROLES])


_HEADING_TITLE = re.compile(r"\b(?:as|als|como|en tant que)\s+(?P<title>.+)$", re.IGNORECASE)


def _titled_by_heading(document: Document, role: Role) -> Role:
    """A role with no title of its own under "Experience as Senior Perl Developer" holds that title."""
    section = document.section_at(role.start)
    named = _HEADING_TITLE.search(section.heading) if section and not role.title else None
    if named is None or not has_title_word(named["title"]):
        return role
    title = named["title"].strip(" :")
    return replace(role, title=title.title() if title.isupper() else title)


def _goes_on(previous: str, line: str) -> bool:
    """A line that carries on the sentence above it: it starts in lower case or with a bracket, or the
    line above ended mid-phrase."""
    if line[:1].islower():
        return not previous.rstrip().endswith((".", "!", "?"))  # "frete.com" after a full stop is a name
    if is_bullet(line) or role_periods(line) or _LABEL.match(line):
        return False  # "Client: United Health group, Hartford" under a wrapped list starts the next role
    if previous.rstrip().endswith(":") and line.count(",") >= 2:
        return True  # "Skills used:" then "Modern Perl, LWP::UserAgent, Log::Log4perl,": the list it opens
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
