"""ATS-readability checks. Each module holds one check: an ID, a docstring saying what passes and
what fails, and `check(context)` yielding findings. A check may also rule out matches (hidden text),
so that scoring, which runs after the checks, credits only what an ATS and a recruiter would see.

A new check is a module and one line in CHECKS (the order findings of one severity are reported in).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

from atscheck.checks import (
    certifications,
    contact_info,
    dates,
    file,
    garbled_text,
    header_footer,
    hidden_text,
    images,
    keyword_stuffing,
    language,
    length,
    measurable_results,
    multi_column,
    no_text,
    placeholder_text,
    section_headings,
    skills_in_context,
    spaced_letters,
    tables_textboxes,
    work_history,
)
from atscheck.checks.context import WHOLE_FILE, Context
from atscheck.model import Finding

__all__ = ["BLOCKING", "CHECKS", "Context", "all_ids", "blockers", "others_first", "run_checks", "unreadable"]

CHECKS: tuple[ModuleType, ...] = (
    no_text,
    garbled_text,
    language,
    hidden_text,
    placeholder_text,
    spaced_letters,
    multi_column,
    tables_textboxes,
    header_footer,
    contact_info,
    section_headings,
    certifications,
    keyword_stuffing,
    dates,
    work_history,
    skills_in_context,
    images,
    measurable_results,
    length,
    file,
)


# Findings that stop an ATS outright when they are errors: reports show them before anything else. With the
# unreadable ones, term results say nothing about the resume, so reports leave them out. A note that explains
# the whole result (the resume is not in English) comes first among the other findings.
BLOCKING = frozenset({"no-text", "garbled-text", "hidden-text"})
UNREADABLE = frozenset({"no-text", "garbled-text"})
FIRST = frozenset({"not-english"})
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def blockers(findings: Iterable[Finding]) -> list[Finding]:
    """The error findings that stop an ATS from using the resume as it is."""
    return [f for f in findings if f.id in BLOCKING and f.severity == "error"]


def others_first(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that do not block an ATS, the note that explains the whole result first, then by severity."""
    rest = [f for f in findings if f not in blockers([f])]
    return sorted(rest, key=lambda f: (f.id not in FIRST, _SEVERITY_RANK[f.severity]))


def unreadable(findings: Iterable[Finding]) -> bool:
    """The text an ATS gets is empty or garbage: a keyword score on it means nothing."""
    return any(f.id in UNREADABLE and f.where == WHOLE_FILE for f in blockers(findings))


def all_ids() -> tuple[str, ...]:
    return tuple(module.ID for module in CHECKS)


def run_checks(context: Context, skip: Iterable[str] = ()) -> tuple[Finding, ...]:
    skipped = set(skip)
    findings: list[Finding] = []
    for module in CHECKS:
        if module.ID not in skipped:
            findings.extend(module.check(context))
    return tuple(sorted(findings, key=lambda f: _SEVERITY_RANK[f.severity]))
