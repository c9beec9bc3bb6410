"""Career transition: what a resume already covers through the role it fits now, and what to add, in order,
to move into the role it is scored for."""

from __future__ import annotations

from atscheck.model import Gap, Profile, Result, SkillArea, Transition
from atscheck.score import gaps


def build_transition(target: Result, current_role: Profile, source: Result, detected: bool) -> Transition:
    """`target`: the resume scored for the role wanted; `source`: the same resume scored for `current_role`."""
    assert source.score is not None
    current = {term.name for term in current_role.terms}
    covered = tuple(t for t in target.terms if t.status != "missing" and t.term.name in current)
    # gaps() puts required before preferred, heavier first: the order to learn or add them. Areas keep
    # that order, so the area with the most important gap comes first within each importance.
    areas: dict[tuple[str, str], list[Gap]] = {}
    for gap in gaps(target.terms):
        areas.setdefault((gap.lead.importance, gap.lead.category), []).append(gap)
    return Transition(
        source=current_role.ref,
        source_score=source.score,
        detected=detected,
        covered=covered,
        to_learn=tuple(
            SkillArea(name, importance, tuple(area_gaps))  # type: ignore[arg-type]
            for (importance, name), area_gaps in areas.items()
        ),
    )
