"""ATS-readability checks. Each module holds one check: an ID, a docstring saying what passes and
what fails, and `check(context)` yielding findings. A check may also rule out matches (hidden text),
so that scoring, which runs after the checks, credits only what an ATS and a recruiter would see."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType

from atscheck.model import Document, Finding, Profile, TermMatch
from atscheck.structure.experience import Experience

# A symbol standing on its own, not inside a word: an icon-font symbol (private use area) or a glyph the font
# could not map (U+FFFD) is then an icon or a symbol bullet, which the images check reports; inside words,
# such characters are garbled text.
_SYMBOL = "\ufffd\ue000-\uf8ff"
ICON_GLYPH = re.compile(f"(?<![\\w{_SYMBOL}])[{_SYMBOL}](?![\\w{_SYMBOL}])")


@dataclass(frozen=True)
class Context:
    document: Document
    profile: Profile
    matches: tuple[TermMatch, ...]
    experience: Experience  # the document's Experience section, read once for every profile


CheckFunction = Callable[[Context], Iterator[Finding]]


def pages_where(pages: Iterable[int | None]) -> str:
    """'page 1, 3' for a finding's where, or 'document' for formats without pages."""
    numbers = sorted({page for page in pages if page})
    return f"page {', '.join(map(str, numbers))}" if numbers else "document"


def terms_only_in(context: Context, sources: set[str]) -> list[str]:
    """The profile terms found, but only in text from these sources (tables, headers, ...)."""
    return sorted(
        match.term.name
        for match in context.matches
        if match.occurrences and all(o.source in sources for o in match.occurrences)
    )


def _modules() -> tuple[ModuleType, ...]:
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
        spaced_letters,
        tables_textboxes,
    )

    return (
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
        images,
        measurable_results,
        length,
        file,
    )


# Findings that stop an ATS outright, and from which severity on: reports show them before anything else.
# With the unreadable ones, term results say nothing about the resume, so reports leave them out.
BLOCKING = {"no-text": "error", "garbled-text": "error", "hidden-text": "error", "not-english": "info"}
UNREADABLE = frozenset({"no-text", "garbled-text"})
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
WHOLE_FILE = "whole file"  # the `where` of a finding about the whole file, not one page of it


def blockers(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.id in BLOCKING and _SEVERITY_RANK[f.severity] <= _SEVERITY_RANK[BLOCKING[f.id]]]


def unreadable(findings: Iterable[Finding]) -> bool:
    """The text an ATS gets is empty or garbage: a keyword score on it means nothing."""
    return any(f.id in UNREADABLE and f.where == WHOLE_FILE for f in blockers(findings))


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
