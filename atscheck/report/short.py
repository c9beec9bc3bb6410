"""The short report (--format short), for pre-commit and CI logs: one line per file and role, then at most
the top three gaps and the change since the baseline. `--full` gives the complete console report."""

from __future__ import annotations

from dataclasses import dataclass, field

from atscheck.checks import blockers, unreadable
from atscheck.model import Result
from atscheck.outcome import Run
from atscheck.output import escape_all
from atscheck.report import ReportOptions, delta_summary, number
from atscheck.score import gaps

TOP_GAPS = 3


def render_result(result: Result) -> list[str]:
    role = result.profile.id if result.profile else ""
    if result.error:
        return [f"✗ {result.file} ({role}): could not be read: {result.error.message}"]
    mark, verdict = ("✓", "pass") if result.passed else ("✗", "below threshold")
    assert result.score is not None
    score, mark_needed = number(result.score), number(result.threshold)
    lines = [f"{mark} {result.file} ({role}): {score} / 100, {verdict} (pass mark {mark_needed})"]
    # What stops an ATS comes first: with it, a list of terms to add would send the user the wrong way.
    lines += [f"    blocks an ATS: {finding.message} Fix: {finding.fix}" for finding in blockers(result.checks)]
    todo = gaps(result.terms)
    if todo and not unreadable(result.checks):
        shown = "; ".join(f"{gap.label} ({gap.lead.importance})" for gap in todo[:TOP_GAPS])
        more = f"; {len(todo) - TOP_GAPS} more" if len(todo) > TOP_GAPS else ""
        lines.append(f"    add: {shown}{more}")
    if result.baseline:
        lines.append(f"    change: {delta_summary(result.baseline)}")
    return lines


@dataclass(frozen=True)
class ShortFormat:
    options: ReportOptions = field(default_factory=ReportOptions)

    def render(self, run: Run) -> str:
        run = escape_all(run, newlines=False)  # no name can start a line (a CI log's ::command)
        lines = [line for result in run.results for line in render_result(result)]
        if any(not r.passed for r in run.results):
            lines.append("The full report: atscheck FILE (in the pre-commit hook: add --full to its args).")
        return "\n".join(lines) + "\n"
