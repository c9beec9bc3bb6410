"""Credit and score: which matches count, and how much of the profile the resume covers.

Formula (also in the README, docs/calibration.md and each JSON result's `scoring`):
- a term's credit is 1.0 when its standard name is found, 0.75 when only an alias is ("K8s" for
  Kubernetes), 0.5 when it is only shown through its tools ("Docker" for containerization) or only a
  misspelling is, 0 when it is missing; matches that a check ruled out (hidden text, letters spaced apart)
  earn nothing;
- terms sharing a `group` are one requirement that takes the best credit among them and the largest weight;
- required = sum(credit * weight) / sum(weight) over the required requirements;
- preferred = the same over the preferred ones, against the weight of the PREFERRED_COUNTED heaviest: nobody
  has all of a role's preferred terms, so ten of them (by weight) earn the whole share, more earn nothing more;
- title = 1 when the resume names one of the role's job titles (recruiters search by title), else 0;
- score = 100 * (0.6 * required + 0.2 * preferred + 0.2 * title), rounded to one decimal; a profile that
  names no title: 100 * (0.75 * required + 0.25 * preferred). A part with no terms gives its share to the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from atscheck.model import (
    Finding,
    Gap,
    Occurrence,
    PartScore,
    ScoreParts,
    Status,
    Term,
    TermMatch,
    TermResult,
    TitleMatch,
)

CREDIT: dict[Status, float] = {"exact": 1.0, "alias": 0.75, "implied": 0.5, "fuzzy": 0.5, "missing": 0.0}
STATUS_BY_FORM: dict[str, Status] = {"name": "exact", "alias": "alias", "member": "implied", "fuzzy": "fuzzy"}


def credit_matches(matches: Sequence[TermMatch], findings: Iterable[Finding]) -> tuple[TermResult, ...]:
    """Drop occurrences inside ranges a check ruled out, then give each term its best status."""
    ruled_out = sorted(rng for finding in findings for rng in finding.uncredited)
    return tuple(_credit(match.term, match.occurrences, ruled_out) for match in matches)


def _credit(term: Term, occurrences: Sequence[Occurrence], ruled_out: list[tuple[int, int]]) -> TermResult:
    if not occurrences:  # most terms of a profile, on any resume
        return TermResult(term, "missing", ())
    credited = tuple(o for o in occurrences if not _inside(o, ruled_out))
    status: Status = "missing"
    for form in ("name", "alias", "member", "fuzzy"):
        if any(o.form == form for o in credited):
            status = STATUS_BY_FORM[form]
            break
    return TermResult(term, status, credited, len(occurrences) - len(credited))


def ranking_score(
    terms: Sequence[TermResult], findings: Iterable[Finding], plain: float, title: TitleMatch | None = None
) -> float:
    """The score without the credit of text a check marked as not for ranking (a bare wall of keywords);
    hidden and spaced-out text earn nothing already. A ranking sorts by this, so stuffing does not pay.
    `plain` is the terms' score, which this is when no text is so marked."""
    unranked = sorted(rng for finding in findings for rng in finding.unranked)
    if not unranked:
        return plain
    return score([_credit(t.term, t.occurrences, unranked) for t in terms], title)[0]


def _inside(occurrence: Occurrence, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= occurrence.start and occurrence.end <= end for start, end in ranges)


@dataclass(frozen=True)
class Requirement:
    """One thing the profile asks for: a term, or a group of terms any of which satisfies it, with its facts
    worked out once (scoring and every report ask them again and again)."""

    members: tuple[TermResult, ...]
    lead: Term  # the member term that stands for the requirement: a required one, else the heaviest
    weight: float  # the largest weight among the members
    credit: float  # the best credit among the members
    best: TermResult  # the member with the best status (the first of them): the one that decides the credit

    @classmethod
    def of(cls, members: tuple[TermResult, ...]) -> Requirement:
        if len(members) == 1:  # most requirements are one term
            (only,) = members
            return cls(members, only.term, only.term.weight, CREDIT[only.status], only)
        best = max(members, key=lambda r: CREDIT[r.status])
        return cls(
            members=members,
            lead=max(members, key=lambda r: (r.term.importance == "required", r.term.weight)).term,
            weight=max(r.term.weight for r in members),
            credit=CREDIT[best.status],
            best=best,
        )


def requirements(terms: Sequence[TermResult]) -> list[Requirement]:
    groups: dict[str, list[TermResult]] = {}
    for result in terms:
        groups.setdefault(result.term.group or f"\x00{result.term.name}", []).append(result)
    return [Requirement.of(tuple(members)) for members in groups.values()]


def _part(name: str, items: Sequence[Requirement]) -> PartScore:
    return PartScore(
        name=name,
        earned=round(sum(r.credit * r.weight for r in items), 2),
        possible=sum(r.weight for r in items),
        found=sum(1 for r in items if r.credit > 0),
        total=len(items),
    )


PREFERRED_COUNTED = 10  # preferred terms (by weight) whose credit earns the whole preferred share
SHARES = {"required": 0.6, "preferred": 0.2, "title": 0.2}
SHARES_WITHOUT_TITLE = {"required": 0.75, "preferred": 0.25, "title": 0.0}


def _capped(name: str, items: Sequence[Requirement]) -> PartScore:
    """A part whose possible weight is that of its PREFERRED_COUNTED heaviest requirements."""
    part = _part(name, items)
    cap = sum(sorted((r.weight for r in items), reverse=True)[:PREFERRED_COUNTED])
    return PartScore(part.name, min(part.earned, cap), cap, part.found, part.total)


def score(terms: Sequence[TermResult], title: TitleMatch | None = None) -> tuple[float, ScoreParts]:
    reqs = requirements(terms)
    required = _part("required", [r for r in reqs if r.lead.importance == "required"])
    preferred = _capped("preferred", [r for r in reqs if r.lead.importance == "preferred"])
    shares = dict(SHARES if title is not None else SHARES_WITHOUT_TITLE)
    for empty, other in (("required", "preferred"), ("preferred", "required")):
        if not (required if empty == "required" else preferred).possible:
            shares[other] += shares[empty]
            shares[empty] = 0.0
    value = 0.0
    if required.possible:
        value += shares["required"] * required.earned / required.possible
    if preferred.possible:
        value += shares["preferred"] * preferred.earned / preferred.possible
    if title is not None and title.found:
        value += shares["title"]
    value = round(100 * value, 1)

    def by(key: str) -> tuple[PartScore, ...]:
        names: dict[str, list[Requirement]] = {}
        for req in reqs:
            names.setdefault(getattr(req.lead, key), []).append(req)
        return tuple(_part(name, items) for name, items in names.items())

    parts = ScoreParts(required, preferred, by("category"), by("kind"), title)
    return value, parts


def gaps(terms: Sequence[TermResult]) -> list[Gap]:
    """Unmet requirements, the user's to-do list: required first, then by weight."""
    unmet = [Gap(tuple(r.term for r in req.members)) for req in requirements(terms) if req.credit == 0]
    return sorted(unmet, key=lambda g: (g.lead.importance != "required", -g.lead.weight))


def to_do(terms: Sequence[TermResult]) -> list[Gap]:
    """The user's to-do list: unmet requirements, and those met only by an alias or a misspelling (which
    an ATS search for the standard name misses); required first, then the heaviest, the quick fixes (an
    alias or a typo already there) before the terms to add."""
    items = []
    for req in requirements(terms):
        if req.credit == 0:
            items.append(Gap(tuple(r.term for r in req.members)))
        elif req.best.status != "exact":
            items.append(Gap((req.best.term,), partial=req.best))
    return sorted(items, key=lambda g: (g.lead.importance != "required", -g.lead.weight, g.partial is None))
