"""The ranking view of a batch (console, Markdown, CSV): best score first, per role; unreadable files last."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from atscheck.model import Gap, Result
from atscheck.score import gaps


@dataclass(frozen=True)
class Row:
    rank: int | None  # None for a file that could not be read
    result: Result

    @cached_property
    def _gaps(self) -> list[Gap]:
        return gaps(self.result.terms)

    @property
    def missing_required(self) -> tuple[str, ...]:
        return tuple(gap.label for gap in self._gaps if gap.lead.importance == "required")

    @property
    def missing_preferred(self) -> tuple[str, ...]:
        return tuple(gap.label for gap in self._gaps if gap.lead.importance != "required")

    @property
    def readability_errors(self) -> tuple[str, ...]:
        return tuple(finding.id for finding in self.result.checks if finding.severity == "error")

    @property
    def readability_warnings(self) -> tuple[str, ...]:
        return tuple(finding.id for finding in self.result.checks if finding.severity == "warning")


def rank(results: Sequence[Result]) -> list[Row]:
    """Rows grouped by role (in the order the roles were given), each group sorted by score."""
    roles: list[str] = []
    for result in results:
        role = result.profile.id if result.profile else ""
        if role not in roles:
            roles.append(role)
    rows: list[Row] = []
    for role in roles:
        group = [r for r in results if (r.profile.id if r.profile else "") == role]
        scored = sorted((r for r in group if r.error is None), key=lambda r: (-(r.score or 0.0), r.file))
        rows += [Row(number, result) for number, result in enumerate(scored, start=1)]
        rows += [Row(None, result) for result in sorted((r for r in group if r.error), key=lambda r: r.file)]
    return rows


def short_names(results: Sequence[Result]) -> dict[str, str]:
    """File names relative to the folder all files share, so a ranking table stays narrow."""
    files = sorted({result.file for result in results})
    try:
        common = os.path.commonpath([os.path.dirname(f) or "." for f in files])
    except ValueError:  # absolute and relative paths mixed
        return {f: f for f in files}
    return {f: os.path.relpath(f, common) if common else f for f in files}


def is_batch(results: Sequence[Result]) -> bool:
    """More than one file: reports show the ranking rather than each file's full report."""
    return len({result.file for result in results}) > 1


@dataclass(frozen=True)
class Summary:
    count: int  # results: one per file and role
    passed: int
    failed: int  # scored below the threshold
    errors: int  # could not be read
    mean_score: float | None
    skipped: int = 0  # files in the given folders that are not resumes

    def sentence(self) -> str:
        parts = [f"{self.passed} passed", f"{self.failed} below the threshold"]
        if self.errors:
            parts.append(f"{self.errors} could not be read")
        mean = f"; mean score {self.mean_score:g}" if self.mean_score is not None else ""
        skipped = f" {self.skipped} other file(s) in the folders were skipped." if self.skipped else ""
        return f"{self.count} result(s): {', '.join(parts)}{mean}.{skipped}"


def summarize(results: Sequence[Result], skipped: int = 0) -> Summary:
    scored = [r.score for r in results if r.error is None and r.score is not None]
    return Summary(
        count=len(results),
        passed=sum(1 for r in results if r.passed),
        failed=sum(1 for r in results if r.error is None and not r.passed),
        errors=sum(1 for r in results if r.error is not None),
        mean_score=round(sum(scored) / len(scored), 1) if scored else None,
        skipped=skipped,
    )
