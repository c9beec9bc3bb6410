"""The resume as an AI ranker reads it: months in each role, total experience, breaks and overlaps between
roles, and for each of the role's terms where it is shown: in which roles' lines (so for how many months
and how recently), or only in a list of skills.

Rankers (Greenhouse, Ashby, Workday's HiredScore, language models) weigh a skill shown in a role's work
over one listed in a Skills section, and compute months of use and recency from the dates of the roles
that name it. "Present" is `today`, which the caller passes in, so the same resume reads the same every day.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from atscheck.model import (
    Career,
    CareerBreak,
    Document,
    Month,
    Overlap,
    Period,
    PostingTerm,
    Resume,
    SkillEvidence,
    SkillYears,
    TermMatch,
)

BREAK_MONTHS = 6  # a gap a recruiter asks about
MIN_OVERLAP_MONTHS = 2  # one shared month is a move from one job to the next


def this_month(today: datetime.date) -> Month:
    return Month(today.year, today.month)


def _span(period: Period | None, today: Month) -> tuple[int, int] | None:
    """[first, last] month indexes a period covers; None without dates. A year alone counts from its January,
    as parsers read "2019 - 2021" (24 months); a role within one year ("2019") counts that year."""
    if period is None or period.start is None:
        return None
    first = period.start.index
    if period.current:
        return first, max(first, today.index)
    end = period.end or period.start
    if end.month is None and period.start.month is None and end.year == period.start.year:
        return first, first + 11
    # "2015 - 2019" runs to the start of 2019 (48 months); "Jan 2015 - Dec 2018" to the end of its last month
    return first, max(first, end.index - (1 if end.month is None else 0))


def _covered(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans merged where they touch or overlap, in order."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _months(spans: Iterable[tuple[int, int]]) -> int:
    return sum(last - first + 1 for first, last in _covered(spans))


def _month_at(index: int) -> Month:
    return Month(index // 12, index % 12 + 1)


def read_career(document: Document, matches: Sequence[TermMatch], today: datetime.date) -> Career | None:
    """The work history of the document's parsed roles, and where each matched term is shown; None when the
    document has no roles."""
    resume = document.resume
    if resume is None or not resume.roles:
        return None
    now = this_month(today)
    spans = [_span(role.period, now) for role in resume.roles]
    dated = [span for span in spans if span is not None]
    merged = _covered(dated)
    breaks = tuple(
        CareerBreak(_month_at(before[1]), _month_at(after[0]), after[0] - before[1] - 1)
        for before, after in pairwise(merged)
        if after[0] - before[1] - 1 > BREAK_MONTHS
    )
    overlaps = []
    for first, one in enumerate(spans):
        for second in range(first + 1, len(spans)):
            other = spans[second]
            if one is None or other is None or resume.roles[first].period == resume.roles[second].period:
                continue  # the same dates: two titles written on one line, not two jobs at once
            shared = min(one[1], other[1]) - max(one[0], other[0]) + 1
            if shared >= MIN_OVERLAP_MONTHS:
                overlaps.append(Overlap(first, second, shared))
    return Career(
        role_months=tuple(None if span is None else span[1] - span[0] + 1 for span in spans),
        total_months=_months(dated),
        breaks=breaks,
        overlaps=tuple(overlaps),
        skills=tuple(_skills(document, resume, spans, matches, now)),
    )


def _skills(
    document: Document,
    resume: Resume,
    spans: Sequence[tuple[int, int] | None],
    matches: Sequence[TermMatch],
    now: Month,
) -> list[SkillEvidence]:
    found = [match for match in matches if match.occurrences]
    found.sort(key=lambda match: match.term.importance != "required")
    evidence = []
    for match in found:
        roles: list[int] = []
        listed = elsewhere = False
        for occurrence in match.occurrences:
            inside = [i for i, role in enumerate(resume.roles) if role.start <= occurrence.start < role.end]
            roles += [i for i in inside if i not in roles]
            if not inside:
                section = document.section_at(occurrence.start)
                if section is not None and section.name == "skills":
                    listed = True
                else:
                    elsewhere = True
        role_spans = [span for i in roles if (span := spans[i]) is not None]
        current = any((period := resume.roles[i].period) is not None and period.current for i in roles)
        last = max((span[1] for span in role_spans), default=None)
        evidence.append(
            SkillEvidence(
                term=match.term.name,
                importance=match.term.importance,
                roles=tuple(sorted(roles)),
                months=_months(role_spans),
                last_used=None if current or last is None else _month_at(last),
                current=current,
                listed=listed,
                elsewhere=elsewhere,
            )
        )
    return evidence


_NUMBERS = {
    w: n for n, w in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], start=1)
}
# "5+ years", "3-5 years", "five years", "2 or more years": the lowest number is what is asked.
_YEARS = re.compile(
    r"\b(\d{1,2}|" + "|".join(_NUMBERS) + r")\s*\+?\s*(?:(?:-|–|to|or)\s*(?:\d{1,2}|more)\s*)?\+?\s*years?\b",
    re.IGNORECASE,
)


def skill_years(asked: Sequence[PostingTerm], career: Career | None) -> tuple[SkillYears, ...]:
    """For each posting term whose line asks years of it ("5+ years of experience with Python"), the months
    the resume's roles show it."""
    shown = {e.term: e for e in career.skills} if career else {}
    found = []
    for term in asked:
        match = _YEARS.search(term.snippet)
        if match is None or term.name.lower() not in term.snippet.lower():
            continue
        number = match.group(1).lower()
        years = int(number) if number.isdigit() else _NUMBERS[number]
        evidence = shown.get(term.name)
        if 0 < years <= 30:
            found.append(
                SkillYears(term.name, years, evidence.months if evidence else 0, len(evidence.roles) if evidence else 0)
            )
    return tuple(found)


def months_text(months: int) -> str:
    """'3 years 2 months', '8 months', '1 year'."""
    years, rest = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if rest or not parts:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(parts)
