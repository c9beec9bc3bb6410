"""What the issue-30 hidden-ink tests share (tests/test_hostile_round2_*_ink.py): a visible resume without the
two terms, and the verdicts a file holding them hidden, or shown, must get."""

from __future__ import annotations

from pathlib import Path

from conftest import MLOPS_TEXT

from atscheck.core import check_file
from atscheck.model import Result
from atscheck.profiles import load_role

HIDDEN_TERMS = ("Kubernetes", "Terraform")
WORDS = "Kubernetes Terraform"
# The visible resume names neither term, so any credit for them can only come from the line under test.
VISIBLE = [line.replace("Kubernetes", "clusters").replace("Terraform", "scripts") for line in MLOPS_TEXT]


def result_of(path: Path) -> Result:
    [result] = check_file(path, [load_role("mlops-engineer")])
    return result


def statuses(result: Result) -> list[str]:
    return [next(t.status for t in result.terms if t.term.name == name) for name in HIDDEN_TERMS]


def assert_hidden(path: Path, technique: str) -> Result:
    """The two terms earn nothing, the hidden-text finding names them and `technique`, the rest is read."""
    result = result_of(path)
    assert statuses(result) == ["missing", "missing"]
    [finding] = [c for c in result.checks if c.id == "hidden-text"]
    assert f"2 {technique}" in finding.message and "Kubernetes, Terraform" in finding.message
    assert next(t.status for t in result.terms if t.term.name == "Python") == "exact"
    return result


def assert_shown(path: Path) -> None:
    """The two terms are credited and nothing is called hidden."""
    result = result_of(path)
    assert statuses(result) == ["exact", "exact"]
    assert "hidden-text" not in {c.id for c in result.checks}
