"""Dates as people write them on resumes, in English, German, French, Spanish, Portuguese, Chinese and
Japanese: "Sep 2021 - Present", "09/2021 – heute", "2019–2021", "Summer 2019", "2021 - aujourd'hui", "desde
2020", "2012年9月 ~ 2014年9月", a year alone, and ranges written newest first.

A season is its year; "Present" and its translations make a period current, as does a range left open
("2024-"). Two-digit years ("Jan '19") are read in the 1900s from 50 up, else the 2000s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from atscheck.model import Month, Period

# Month names and their usual abbreviations, lower case, accents kept and dropped.
_MONTH_NAMES: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier janv enero ene janeiro gennaio genn",
        "february feb febr februar février fevrier févr fevr febrero fevereiro fev febbraio",
        "march mar märz maerz marz mrz mär mars marzo março marco",
        "april apr avril avr abril abr aprile",
        "may mai mayo maio maggio mag",
        "june jun juni juin junio junho giugno giu",
        "july jul juli juillet juil julio julho luglio lug",
        "august aug august août aout agosto ago",
        "september sep sept septembre septiembre setiembre setembro set settembre",
        "october oct okt oktober octobre octubre outubro out ottobre ott",
        "november nov novembre noviembre novembro",
        "december dec dez dezember décembre decembre déc diciembre dic dezembro dicembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTH_NAMES.setdefault(_name, _number)

_SEASONS = (
    "spring|summer|fall|autumn|winter|frühling|fruehling|sommer|herbst|été|printemps|automne|hiver|verano|invierno|"
    "otoño|primavera"
)
PRESENT_WORDS = (
    r"present|current(?:ly)?|now|today|ongoing|till\s+date|to\s+date|till\s+now|heute|aktuell|jetzt|gegenwart|"
    r"aujourd['’]hui|présent|actuel(?:le)?|en\s+cours|actualidad|actual(?:mente)?|presente|hoy|atual(?:mente)?|"
    r"至今|现在|現在|今|目前"
)
_MONTH = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
# One date: a month name and year, a season and year, a numeric month and year (either order), a CJK
# year-month, a two-digit year after a month name, or a year alone.
_DATE = (
    rf"(?:(?P<mname>{_MONTH})\.?,?(?:\s*|-)(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?:(?P<y1>{_YEAR})|['’](?P<yy>\d{{2}})))"
    rf"|(?:(?:{_SEASONS})\s+(?P<y2>{_YEAR}))"
    rf"|(?:(?P<m1>0?[1-9]|1[0-2])\s*[/.]\s*(?P<y3>{_YEAR}))"
    rf"|(?:(?P<m4>0?[1-9]|1[0-2])/(?P<yy2>\d{{2}})(?![/\d]))"
    rf"|(?:(?P<y4>{_YEAR})\s*[/.-]\s*(?P<m2>0[1-9]|1[0-2])(?![\d/.-]*\d))"
    rf"|(?:(?P<y5>{_YEAR})\s*年\s*(?:(?P<m3>1[0-2]|0?[1-9])\s*月)?)"
    rf"|(?P<y6>{_YEAR})"
)
_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}")
_BOUNDARY_BEFORE = r"(?<![\w/.])"
_BOUNDARY_AFTER = r"(?![\w])"
_ONE = re.compile(_BOUNDARY_BEFORE + "(?:" + _DATE + ")" + _BOUNDARY_AFTER, re.IGNORECASE)
_PRESENT = re.compile(rf"(?<!\w)(?:{PRESENT_WORDS})(?!\w)", re.IGNORECASE)
# Between two dates of a range.
_RANGE_JOIN = re.compile(
    r"\s+|\s*(?:[-–—~～〜→]+|\bto\b|\btill\b|\buntil\b|\bbis\b|\bà\b|\bau\b|\ba\b|\bal\b|\bhasta\b|\bthrough\b|\bthru\b)\s*",
    re.IGNORECASE,
)
# Before a date that starts a current period: "since 2020", "desde 2020", "seit 2020", "depuis 2020".
_SINCE = re.compile(r"(?:\bsince|\bdesde|\bseit|\bdepuis|\bdal|\bfrom)\s+$", re.IGNORECASE)
# An open range: "2024 -", "Oct2024–..." (the dots say it goes on).
_OPEN_END = re.compile(r"\s*[-–—](?:\s*(?:\.{2,}|…))?(?=\s*$|\s{2,}|\s*[|,(\]])")


# Month abbreviations that are also words ("may", "out", "set", "mar"): a date only when capitalised ("May 2020"),
# so "we may 2020" or "scaled out 2020 nodes" is no date.
_WORDS_TOO = {"may", "mar", "set", "out", "ago", "dic", "mag", "ott", "gen", "fev", "sept", "jun", "jul", "mai"}
# A season's months: "Summer 2019" is a year at its precision, lasting three months.
SEASON_MONTHS = 3


def _month_of(match: re.Match[str]) -> Month:
    found = match.groupdict()
    if found["mname"]:
        name = found["mname"].lower()
        if found["y1"]:
            year = int(found["y1"])
        else:
            two = int(found["yy"])
            year = 1900 + two if two >= 50 else 2000 + two
        return Month(year, _MONTH_NAMES[name])
    if found["y2"]:
        return Month(int(found["y2"]))
    if found["y3"]:
        return Month(int(found["y3"]), int(found["m1"]))
    if found["yy2"]:
        two = int(found["yy2"])
        return Month(1900 + two if two >= 50 else 2000 + two, int(found["m4"]))
    if found["y4"]:
        return Month(int(found["y4"]), int(found["m2"]))
    if found["y5"]:
        return Month(int(found["y5"]), int(found["m3"]) if found["m3"] else None)
    return Month(int(found["y6"]))


def _dates(text: str) -> list[tuple[int, int, Month | None]]:
    """Every date and every "Present" in the text, in order; None stands for "Present"."""
    found: list[tuple[int, int, Month | None]] = [
        (m.start(), m.end(), _month_of(m))
        for m in _ONE.finditer(text)
        if not (m["mname"] and m["mname"].lower() in _WORDS_TOO and m["mname"][0].islower())
    ]
    found += [(m.start(), m.end(), None) for m in _PRESENT.finditer(text)]
    found.sort(key=lambda item: item[0])
    kept: list[tuple[int, int, Month | None]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue  # "Present" inside a date's words, or two readings of one date
        kept.append(item)
    return kept


def _before(one: Month, other: Month) -> bool:
    """`one` is earlier than `other` by what both write: "2019" is not before "Sep 2019"."""
    if one.year != other.year or one.month is None or other.month is None:
        return one.year < other.year
    return one.month < other.month


def find_periods(text: str) -> Iterator[tuple[int, int, Period]]:
    """(start, end, Period) for each date range or lone date in `text` (one line), in order. A lone
    "Present" is not a period; a year that is part of a longer number is not a date."""
    dates = _dates(text)
    index = 0
    while index < len(dates):
        start, end, first = dates[index]
        following = dates[index + 1] if index + 1 < len(dates) else None
        if following and _RANGE_JOIN.fullmatch(text[end : following[0]]) is not None:
            second = following[2]
            index += 2
            if first is None and second is None:
                continue
            if first is None or (second is not None and _before(second, first)):  # written newest first
                first, second = second, first
            period = Period(first, second, current=second is None, text=text[start : following[1]])
            yield start, following[1], period
            continue
        index += 1
        if first is None or _DAY.search(text[start:end]):
            continue  # a date with its day alone ("February 10, 2026") is when a page was printed
        open_end = _OPEN_END.match(text, end)
        if open_end:
            yield start, open_end.end(), Period(first, None, current=True, text=text[start : open_end.end()].strip())
        elif _SINCE.search(text[max(0, start - 12) : start]):
            yield start, end, Period(first, None, current=True, text=text[start:end])
        else:
            yield start, end, Period(first, None, text=text[start:end])


_SEASON = re.compile(rf"^(?:{_SEASONS})\s+{_YEAR}$", re.IGNORECASE)


def is_season(period: Period) -> bool:
    """A period written as a season alone ("Summer 2019"): three months of its year."""
    alone = period.end is None or period.end == period.start
    return alone and not period.current and bool(_SEASON.match(period.text.strip()))


def has_period(text: str) -> bool:
    return next(find_periods(text), None) is not None


def without_periods(text: str, periods: Iterable[tuple[int, int, Period]], gap: str = "  ") -> str:
    """The text with each period's span replaced by `gap`, built in one pass however many periods a line has."""
    parts, last = [], 0
    for start, end, _ in sorted(periods, key=lambda item: item[0]):
        parts += [text[last:start], gap]
        last = end
    parts.append(text[last:])
    return "".join(parts)
