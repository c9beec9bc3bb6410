"""ATS-readability checks. Each module holds one check: an ID, a docstring saying what passes and
what fails, and `check(context)` yielding findings. A check may also rule out matches (hidden text),
so that scoring, which runs after the checks, credits only what an ATS and a recruiter would see."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType

from atscheck.model import Document, Finding, Profile, TermMatch


@dataclass(frozen=True)
class Context:
    document: Document
    profile: Profile
    matches: tuple[TermMatch, ...]


CheckFunction = Callable[[Context], Iterator[Finding]]


def _modules() -> tuple[ModuleType, ...]:
    from atscheck.checks import (
        contact_info,
        file,
        garbled_text,
        hidden_text,
        length,
        multi_column,
        no_text,
        placeholder_text,
        section_headings,
    )

    return (
        no_text,
        garbled_text,
        hidden_text,
        placeholder_text,
        multi_column,
        contact_info,
        section_headings,
        length,
        file,
    )


def all_ids() -> tuple[str, ...]:
    return tuple(module.ID for module in _modules())


def run_checks(context: Context, skip: Iterable[str] = ()) -> tuple[Finding, ...]:
    skipped = set(skip)
    findings: list[Finding] = []
    for module in _modules():
        if module.ID not in skipped:
            findings.extend(module.check(context))
    order = {"error": 0, "warning": 1, "info": 2}
    return tuple(sorted(findings, key=lambda f: order[f.severity]))
