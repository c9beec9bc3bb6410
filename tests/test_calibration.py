"""What the pass marks promise on the real resumes of ../shared/corpus (docs/calibration.md; skipped cleanly
when ../shared is absent): every resume of a person who works as a role passes it, unless the resume names
none of the role's skills or is written in another language; nobody outside technology scores 20 on any
role; the self-declared keyword-stuffed resume is flagged, and no other. Who each person is:
tests/data/practitioners.toml."""

from __future__ import annotations

import datetime
import tomllib
from functools import cache

import pytest
from conftest import REPO, SHARED

from atscheck.core import check_file
from atscheck.model import Result
from atscheck.profiles import bundled_ids, load_role
from atscheck.request import Request

LABELS = tomllib.loads((REPO / "tests" / "data" / "practitioners.toml").read_text(encoding="utf-8"))["resume"]
# Practitioners whose resumes a keyword screen cannot pass, and why (docs/calibration.md says so too).
EXCEPTIONS = {row["file"]: row["cannot_pass"] for row in LABELS if "cannot_pass" in row}
STUFFED = "venkatesh-sre-ats-optimized.md"


@cache
def scored(name: str) -> tuple[Result, ...]:
    path = SHARED / "corpus" / name
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is absent)")
    roles = [load_role(role) for role in bundled_ids()]
    return tuple(check_file(path, roles, Request(today=datetime.date(2026, 12, 5))))


PRACTITIONERS = [
    (row["file"], role)
    for row in LABELS
    for role in row["practitioner_of"]
    if not (row["template"] or row["image_only"]) and row["file"] not in EXCEPTIONS
]


@pytest.mark.parametrize(("name", "role"), PRACTITIONERS, ids=[f"{n}:{r}" for n, r in PRACTITIONERS])
def test_a_resume_of_someone_who_works_as_the_role_passes_it(name: str, role: str) -> None:
    [result] = [r for r in scored(name) if r.role == role]
    assert result.passed, f"{name} scores {result.score} for {role}, below {result.threshold}"


@pytest.mark.parametrize("name", sorted(EXCEPTIONS))
def test_the_exceptions_are_told_why(name: str) -> None:
    """A resume a keyword screen cannot pass is told what to do, not given a pass it would not get."""
    results = scored(name)
    assert not any(r.passed and r.role == "software-engineer" for r in results)
    if "Chinese" in EXCEPTIONS[name]:
        assert any(f.id == "not-english" for f in results[0].checks)


NON_TECHNICAL = [row["file"] for row in LABELS if row["non_technical"]]


@pytest.mark.parametrize("name", NON_TECHNICAL)
def test_a_resume_outside_technology_scores_under_20_on_every_role(name: str) -> None:
    assert all(r.score is not None and r.score < 20 for r in scored(name)), [(r.role, r.score) for r in scored(name)]


@pytest.mark.parametrize("name", [row["file"] for row in LABELS])
def test_only_the_stuffed_resume_is_flagged_as_stuffing(name: str) -> None:
    flagged = any(f.id == "keyword-stuffing" for r in scored(name) for f in r.checks)
    assert flagged == (name == STUFFED)


def test_every_pass_mark_lies_between_50_and_80() -> None:
    assert all(50 <= load_role(role).pass_score <= 80 for role in bundled_ids())
