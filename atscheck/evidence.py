"""The resume as an AI ranker reads it: months in each role, total experience, breaks and overlaps between
roles, and for each of the role's terms where it is shown: in which roles' lines (so for how many months
and how recently), or only in a list of skills.

Rankers (Greenhouse, Ashby, Workday's HiredScore, language models) weigh a skill shown in a role's work
over one listed in a Skills section, and compute months of use and recency from the dates of the roles
that name it. "Present" is `today`, which the caller passes in, so the same resume reads the same every day.
"""

from __future__ import annotations

import datetime
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
from atscheck.structure.dates import SEASON_MONTHS, is_season
from atscheck.text import YEARS, number_of

BREAK_MONTHS = 6  # a gap a recruiter asks about
MIN_OVERLAP_MONTHS = 2  # one shared month is a move from one job to the next
MAX_OVERLAPS = 10
MAX_YEARS_ASKED = 30  # more is a number that is not years of experience


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
    if is_season(period):
        return first, first + SEASON_MONTHS - 1
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
    return Career(
        role_months=tuple(None if span is None else span[1] - span[0] + 1 for span in spans),
        total_months=_months(dated),
        breaks=breaks,
        overlaps=_overlaps(resume, spans),
        skills=tuple(_skills(document, resume, spans, matches, now)),
    )


def _overlaps(resume: Resume, spans: Sequence[tuple[int, int] | None]) -> tuple[Overlap, ...]:
    """Roles dated to the month that run at the same time, the first MAX_OVERLAPS found: by a sweep over the
    roles in date order, so a hostile list of thousands of roles costs time in proportion to its length. A year
    alone ("2015 - 2017") cannot tell an overlap from a move, and two titles on one line share their dates."""
    by_month = [
        (span, i)
        for i, span in enumerate(spans)
        if span is not None and (period := resume.roles[i].period) is not None and _to_the_month(period)
    ]
    by_month.sort()
    found: list[Overlap] = []
    latest: tuple[int, int] | None = None  # (last month, role) of the role reaching furthest so far
    for (first, last), role in by_month:
        if latest is not None and resume.roles[latest[1]].period != resume.roles[role].period:
            shared = min(last, latest[0]) - first + 1
            if shared >= MIN_OVERLAP_MONTHS:
                found.append(Overlap(min(latest[1], role), max(latest[1], role), shared))
                if len(found) == MAX_OVERLAPS:
                    break
        if latest is None or last > latest[0]:
            latest = (last, role)
    return tuple(found)


def _to_the_month(period: Period) -> bool:
    end = period.end or period.start
    return bool(period.start and period.start.month and (period.current or (end and end.month)))


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


def skill_years(asked: Sequence[PostingTerm], career: Career | None) -> tuple[SkillYears, ...]:
    """For each posting term whose line asks years of it ("5+ years of experience with Python"), the months
    the resume's roles show it. A line asking years of two things ("5+ years of Python and 3+ years of Java")
    gives each the years named nearest before it (or, with none before, the first after)."""
    shown = {e.term: e for e in career.skills} if career else {}
    found = []
    for term in asked:
        at = term.snippet.lower().find(term.name.lower())
        phrases = list(YEARS.finditer(term.snippet))
        if at < 0 or not phrases:
            continue
        before = [m for m in phrases if m.end() <= at]
        years = number_of((before[-1] if before else phrases[0]).group(1))
        evidence = shown.get(term.name)
        if 0 < years <= MAX_YEARS_ASKED:
            months, roles = (evidence.months, len(evidence.roles)) if evidence else (0, 0)
            found.append(SkillYears(term.name, years, months, roles))
    return tuple(found)
