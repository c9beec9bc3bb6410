"""The result of one run: the Results in input order, and the views every report shares (the ranking, the
best-fitting roles, the summary), computed here once so that reports only format."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from atscheck.model import NOT_AT_REF, Gap, Profile, ProfileRef, Result, Status
from atscheck.request import ALL_ROLES, Request
from atscheck.score import gaps, requirements


@dataclass(frozen=True)
class Row:
    """A result in the ranking; `rank` is None for a file that could not be read."""

    rank: int | None
    result: Result

    # Computed when asked, not kept: a ranking of thousands of files would hold every file's gaps.
    @property
    def missing_required(self) -> tuple[str, ...]:
        return tuple(gap.label for gap in gaps(self.result.terms) if gap.lead.importance == "required")

    @property
    def missing_preferred(self) -> tuple[str, ...]:
        return tuple(gap.label for gap in gaps(self.result.terms) if gap.lead.importance != "required")

    @property
    def readability_errors(self) -> tuple[str, ...]:
        return tuple(finding.id for finding in self.result.checks if finding.severity == "error")

    @property
    def readability_warnings(self) -> tuple[str, ...]:
        return tuple(finding.id for finding in self.result.checks if finding.severity == "warning")

    @property
    def ranked_at(self) -> float | None:
        """The score this row is ranked by, when it differs from its score (a keyword wall lost its credit)."""
        ranked = self.result.ranking_score
        return ranked if ranked is not None and ranked != self.result.score else None

    @property
    def flags(self) -> tuple[str, ...]:
        """The ranking's main flags (FLAGS order) this result raises: from warnings and errors, not from a note
        ("page 2 is blank" is no "no text")."""
        ids = {finding.id for finding in self.result.checks if finding.severity != "info"}
        return tuple(flag for flag, check_ids in FLAGS.items() if ids & check_ids)


# The ranking's flags, and the checks that raise them.
FLAGS = {
    "no text": frozenset({"no-text"}),
    "stuffing": frozenset({"keyword-stuffing"}),
    "hidden text": frozenset({"hidden-text"}),
}


def _ranked_by(result: Result) -> float:
    """The ranking score (no credit from a keyword wall or hidden text), so stuffing does not outrank."""
    return result.ranking_score if result.ranking_score is not None else result.score or 0.0


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
        mean = f"; mean score {self.mean_score:.1f}" if self.mean_score is not None else ""
        skipped = f" {self.skipped} other file(s) in the folders were skipped." if self.skipped else ""
        return f"{self.count} result(s): {', '.join(parts)}{mean}.{skipped}"


@dataclass(frozen=True)
class Cell:
    """One candidate against one requirement: the best status among its terms, the term that has it, and
    where it was found (a snippet, contact details masked; empty when missing)."""

    status: Status
    term: str
    snippet: str = ""


@dataclass(frozen=True)
class Matrix:
    """A recruiter's view of one role: candidates (in ranking order) by requirements (in profile order)."""

    profile: ProfileRef
    columns: tuple[Gap, ...]  # each requirement's terms; Gap.label names it, Gap.lead its importance
    rows: tuple[tuple[Row, tuple[Cell, ...]], ...]


def _cells(result: Result) -> tuple[Cell, ...]:
    cells = []
    for req in requirements(result.terms):
        best = req.best
        snippet = best.occurrences[0].snippet if best.occurrences else ""
        cells.append(Cell(best.status, best.term.name, snippet))
    return tuple(cells)


def _columns(result: Result) -> tuple[Gap, ...]:
    return tuple(Gap(tuple(r.term for r in req.members)) for req in requirements(result.terms))


def _role_of(result: Result) -> str:
    return result.profile.id if result.profile else ""


@dataclass(frozen=True)
class Run:
    """What a run produced. `results` hold one Result per file and profile, in input order (files sorted by
    path within a folder); `skipped` counts the other files found in the folders."""

    results: tuple[Result, ...]
    profiles: tuple[Profile, ...] = ()
    skipped: int = 0
    request: Request = field(default_factory=Request, repr=False)
    notes: tuple[str, ...] = ()  # what the folder search left out (links outside, reports, unreadable folders)
    # With Request.slim, `results` are slim (no occurrences, no document) and these are the full ones, read
    # back one at a time in the same order (atscheck/engines/collect.py).
    full: Iterable[Result] | None = field(default=None, repr=False, compare=False)

    def full_results(self) -> Iterator[Result]:
        """Every result in full, in the order of `results`: what a report listing every occurrence (JSON)
        reads. A slim run reads them back one at a time, so they are never all in memory at once."""
        if self.full is None:
            yield from self.results
            return
        for kept, full in zip(self.results, self.full, strict=True):
            # What the run added after checking the file (the change since a baseline) is on the kept result.
            yield full if kept.baseline is None else replace(full, baseline=kept.baseline)

    @property
    def best_only(self) -> bool:
        """--role all: a report shows the best-fitting role's full report alone, after the best-fit table."""
        return self.request.roles == (ALL_ROLES,)

    @property
    def is_batch(self) -> bool:
        """More than one file: reports show the ranking rather than each file's full report."""
        return len({result.file for result in self.results}) > 1

    @cached_property
    def ranking(self) -> tuple[Row, ...]:
        """Rows grouped by role (in the order the roles were given), each group best ranking score first (the
        score without credit from a keyword wall or hidden text); the files that could not be read last."""
        rows: list[Row] = []
        for role in dict.fromkeys(_role_of(r) for r in self.results):
            group = [r for r in self.results if _role_of(r) == role]
            scored = sorted(
                (r for r in group if r.error is None), key=lambda r: (-_ranked_by(r), -(r.score or 0.0), r.file)
            )
            rows += [Row(number, result) for number, result in enumerate(scored, start=1)]
            rows += [Row(None, result) for result in sorted((r for r in group if r.error), key=lambda r: r.file)]
        return tuple(rows)

    @cached_property
    def matrices(self) -> tuple[Matrix, ...]:
        """One candidates x requirements matrix per role, over the results that could be scored."""
        out = []
        for role in dict.fromkeys(_role_of(r) for r in self.results if r.error is None and r.profile):
            rows = [row for row in self.ranking if row.result.error is None and _role_of(row.result) == role]
            first = rows[0].result
            assert first.profile is not None
            out.append(Matrix(first.profile, _columns(first), tuple((row, _cells(row.result)) for row in rows)))
        return tuple(out)

    @cached_property
    def best_fit(self) -> tuple[Result, ...]:
        """For one file scored against several roles: its scored results, best-fitting role first."""
        return tuple(sorted((r for r in self.results if r.error is None), key=lambda r: -(r.score or 0.0)))

    @cached_property
    def summary(self) -> Summary:
        scored = [r.score for r in self.results if r.error is None and r.score is not None]
        return Summary(
            count=len(self.results),
            passed=sum(1 for r in self.results if r.passed),
            failed=sum(1 for r in self.results if r.error is None and not r.passed),
            errors=sum(1 for r in self.results if r.error is not None),
            mean_score=round(sum(scored) / len(scored), 1) if scored else None,
            skipped=self.skipped,
        )

    def _judged(self) -> list[Result]:
        """The results the exit code judges: every one; with --role all, each file's best-fitting role (the
        question is which role a resume fits, and it passes when it fits one)."""
        if not self.best_only:
            return list(self.results)
        best: dict[str, Result] = {}
        for result in self.results:
            held = best.get(result.file)
            if held is None or (result.passed, result.score or 0.0) > (held.passed, held.score or 0.0):
                best[result.file] = result
        return list(best.values())

    def exit_code(self) -> int:
        """3 if any input (or an earlier version named with --baseline) could not be read; else 1 if a result
        fails by the request's `fail_on` (below-threshold: scored below its threshold; drop: its score fell or
        it lost a required term since its baseline; never) or, with `strict`, has an error-severity
        readability finding; else 0. With --role all, a file's best-fitting role is the result judged. A file
        new since --baseline-ref's ref has nothing to compare: not an error."""
        if any(
            r.error or (r.baseline and r.baseline.error and r.baseline.error.code != NOT_AT_REF) for r in self.results
        ):
            return 3
        if any(FAIL_ON[self.request.fail_on](r) for r in self._judged()):
            return 1
        if self.request.strict and any(f.severity == "error" for r in self.results for f in r.checks):
            return 1
        return 0


# --fail-on: when a result fails the run (exit 1).
FAIL_ON: dict[str, Callable[[Result], bool]] = {
    "below-threshold": lambda result: not result.passed,
    "drop": lambda result: result.baseline is not None and result.baseline.dropped,
    "never": lambda result: False,
}
