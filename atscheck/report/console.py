"""The report a person reads in a terminal (rich)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from atscheck.education import education_fix
from atscheck.model import EducationResult, PostingMatch, Result, Transition
from atscheck.report import (
    Page,
    education_summary,
    gap_label,
    provenance,
    term_fix,
    title_line,
    transition_heading,
    years_line,
)
from atscheck.report.ranking import short_names
from atscheck.run import Run
from atscheck.score import gaps

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
MAX_PREFERRED_SHOWN = 12


def _heading(result: Result) -> Text:
    title = f"{result.profile.title} ({result.profile.id})" if result.profile else ""
    return Text.assemble((result.file, "bold"), "  ·  ", title)


def error_line(result: Result) -> Text:
    assert result.error is not None
    return Text.assemble(("✗ ", "bold red"), (result.file, "bold"), f": {result.error.message}")


def render_result(result: Result) -> RenderableType:
    if result.error:
        return error_line(result)
    assert result.parts is not None and result.score is not None
    verdict = ("PASS", "bold green") if result.passed else ("BELOW THRESHOLD", "bold red")
    parts = result.parts
    summary = Text.assemble(
        ("Score ", "bold"),
        (f"{result.score:g}", "bold"),
        " / 100  ",
        verdict,
        f"  (threshold {result.threshold:g})\n",
        f"Required terms {parts.required.percent:g}% ({parts.required.found}/{parts.required.total} found)  ·  "
        f"Preferred {parts.preferred.percent:g}% ({parts.preferred.found}/{parts.preferred.total})  ·  ",
        " · ".join(f"{p.name} {p.percent:g}%" for p in parts.by_kind),
    )
    blocks: list[RenderableType] = [_heading(result), summary]
    if result.education:
        blocks.append(_education(result.education))
    if result.posting:
        blocks.append(_posting(result.posting))

    todo = gaps(result.terms)
    areas = Table(title="Coverage by skill area", title_justify="left", show_edge=False, pad_edge=False)
    areas.add_column("Skill area")
    areas.add_column("Coverage", justify="right")
    areas.add_column("Found", justify="right")
    areas.add_column("Missing")
    for part in parts.by_category:
        missing = [gap.label for gap in todo if gap.lead.category == part.name]
        style = "green" if part.percent >= 75 else "yellow" if part.percent >= 40 else "red"
        areas.add_row(
            Text(part.name),
            Text(f"{part.percent:g}%", style=style),
            f"{part.found}/{part.total}",
            Text("; ".join(missing[:3]) + (f" (+{len(missing) - 3} more)" if len(missing) > 3 else "")),
        )
    blocks.append(areas)

    to_fix = [t for t in result.terms if t.status in ("alias", "fuzzy")]
    if to_fix:
        fixes = Table(
            title="Found, but not as an ATS searches for it", title_justify="left", show_edge=False, pad_edge=False
        )
        fixes.add_column("Term")
        fixes.add_column("Found as")
        fixes.add_column("Fix")
        for t in to_fix:
            fixes.add_row(Text(t.term.name), t.status, Text(term_fix(t)))
        blocks.append(fixes)

    if todo:
        required = [g for g in todo if g.lead.importance == "required"]
        preferred = [g for g in todo if g.lead.importance == "preferred"]
        table = Table(title="Missing terms (required first)", title_justify="left", show_edge=False, pad_edge=False)
        table.add_column("Term")
        table.add_column("Importance")
        table.add_column("Skill area")
        table.add_column("Kind")
        for gap in required + preferred[:MAX_PREFERRED_SHOWN]:
            table.add_row(
                Text(gap.label, style="bold" if gap.lead.importance == "required" else ""),
                gap.lead.importance,
                Text(gap.lead.category),
                gap.lead.kind,
            )
        blocks.append(table)
        if len(preferred) > MAX_PREFERRED_SHOWN:
            blocks.append(
                Text(
                    f"… and {len(preferred) - MAX_PREFERRED_SHOWN} more preferred terms "
                    "(--format json or markdown lists them all).",
                    style="dim",
                )
            )
        blocks.append(
            Text(
                "How to fix: for each missing term you really have, name it in your Skills section and "
                "in the job where you used it, spelled as shown. Never add skills you do not have.",
                style="italic",
            )
        )

    if result.checks:
        checks = Table(title="ATS readability", title_justify="left", show_edge=False, pad_edge=False)
        checks.add_column("Check")
        checks.add_column("Finding")
        checks.add_column("Fix")
        for finding in result.checks:
            checks.add_row(
                Text(f"{finding.severity}: {finding.id}", style=_SEVERITY_STYLE[finding.severity]),
                Text(finding.message + (f" ({finding.where})" if finding.where else "")),
                Text(finding.fix),
            )
        blocks.append(checks)
    if result.transition:
        blocks.append(_transition(result.transition))
    for warning in result.warnings:
        blocks.append(Text.assemble(("warning: ", "yellow"), warning))
    return Group(*[_spaced(b) for b in blocks])


MAX_FREQUENCY_ROWS = 15


def _posting(posting: PostingMatch) -> RenderableType:
    lines: list[RenderableType] = [Text(title_line(posting))]
    years = years_line(posting)
    if years:
        lines.append(Text(years))
    table = Table(
        title="Posting vs resume: times each term is named", title_justify="left", show_edge=False, pad_edge=False
    )
    table.add_column("Term")
    table.add_column("Posting", justify="right")
    table.add_column("Resume", justify="right")
    rows = sorted(posting.frequency, key=lambda row: (-row[1], row[0]))
    for name, in_posting, in_resume in rows[:MAX_FREQUENCY_ROWS]:
        table.add_row(Text(name), str(in_posting), Text(str(in_resume), style="red" if not in_resume else ""))
    lines.append(table)
    if len(rows) > MAX_FREQUENCY_ROWS:
        lines.append(Text(f"… and {len(rows) - MAX_FREQUENCY_ROWS} more (--format json or markdown lists them all)."))
    return Group(*lines)


def _education(education: EducationResult) -> RenderableType:
    mark = (
        ("✓ ", "green")
        if education.status == "met"
        else ("~ ", "yellow")
        if education.status == "partly"
        else ("✗ ", "red")
    )
    line = Text.assemble(("Education ", "bold"), mark, education_summary(education))
    fix = education_fix(education)
    return Group(line, Text(f"  {fix}")) if fix else line


def _transition(transition: Transition) -> RenderableType:
    covered = [t.term.name for t in transition.covered]
    parts: list[RenderableType] = [
        Text(transition_heading(transition), style="bold"),
        Text(f"Already covered through your current role ({len(covered)}): " + (", ".join(covered) or "none yet")),
    ]
    table = Table(
        title="To add, in this order (required and heaviest first)",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("Skill area")
    table.add_column("Importance")
    table.add_column("Terms")
    for area in transition.to_learn:
        labels = [gap_label(gap) for gap in area.gaps]
        table.add_row(Text(area.name), area.importance, Text("; ".join(labels)))
    parts.append(table)
    return Group(*parts)


def _spaced(block: RenderableType) -> RenderableType:
    return Group(block, Text(""))


@dataclass(frozen=True)
class ConsoleFormat:
    page: Page = field(default_factory=Page)

    def render(self, run: Run) -> str:
        out = io.StringIO()
        render(run, self.page.console(out))
        return out.getvalue()


def render(run: Run, console: Console) -> None:
    """One full report per result; for several files, the ranking; for one file and several roles, a best-fit
    table first (and for --role all, the full report of the best role alone). --quiet shows only failures."""
    quiet = run.request.quiet
    style = "yellow" if provenance.weakened(run) else "dim"
    for line in provenance.lines(run):  # the settings file, what weakens the checks, what was skipped
        console.print(Text(line, style=style), soft_wrap=True)
    if run.is_batch:
        _render_ranking(run, console, quiet)
        return
    results = run.results
    if len(results) > 1 and not quiet:
        console.print(_spaced(_role_fit(run)))
        if run.best_only and run.best_fit:
            results = run.best_fit[:1]
    for result in results:
        if quiet and result.passed:
            continue
        # An error is one line, however narrow the terminal, so it can be read and grepped whole.
        console.print(render_result(result), soft_wrap=result.error is not None)


def _role_fit(run: Run) -> RenderableType:
    table = Table(title=f"Best fit for {run.results[0].file}", title_justify="left", show_edge=False, pad_edge=False)
    for column, justify in (("#", "right"), ("Role", "left"), ("Score", "right"), ("Threshold", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    table.add_column("Result")
    for number, result in enumerate(run.best_fit, start=1):
        assert result.profile is not None
        verdict = Text("pass", "green") if result.passed else Text("below threshold", "red")
        role = Text(f"{result.profile.title} ({result.profile.id})")
        table.add_row(str(number), role, f"{result.score:g}", f"{result.threshold:g}", verdict)
    return table


def _render_ranking(run: Run, console: Console, quiet: bool) -> None:
    rows = [row for row in run.ranking if not (quiet and row.result.passed)]
    names = short_names(run.results)
    for role in dict.fromkeys(row.result.profile for row in rows if row.result.error is None):
        assert role is not None
        table = Table(
            title=f"Ranking · {role.title} ({role.id})", title_justify="left", show_edge=False, pad_edge=False
        )
        for column, justify in (("#", "right"), ("File", "left"), ("Score", "right"), ("Result", "left")):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        table.add_column("Missing required terms")
        table.add_column("Readability errors")
        for row in rows:
            result = row.result
            if result.error is None and result.profile == role:
                verdict = Text("pass", "green") if result.passed else Text("below threshold", "red")
                missing = row.missing_required
                table.add_row(
                    str(row.rank),
                    Text(names[result.file]),
                    f"{result.score:g}",
                    verdict,
                    Text(f"{len(missing)}: " + "; ".join(missing[:2]) + ("; ..." if len(missing) > 2 else ""))
                    if missing
                    else "none",
                    Text(", ".join(row.readability_errors), "red"),
                )
        console.print(_spaced(table))
    for row in rows:
        if row.result.error:
            console.print(error_line(row.result), soft_wrap=True)
    if not quiet or rows:
        console.print(Text(run.summary.sentence(), "bold"), soft_wrap=True)
