"""The report a person reads in a terminal (rich).

By default a short report, read in a minute: the verdict and why; what blocks an ATS outright; the top
gaps with where to add them; the other findings, one line each; how to see more. `full` prints every
table. Numbers use one format (report.number); a percentage is always labelled as credit."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from atscheck.checks import blockers, others_first, unreadable
from atscheck.model import (
    Delta,
    EducationResult,
    Finding,
    Gap,
    PartScore,
    PostingMatch,
    ProfileRef,
    Result,
    TermResult,
    Transition,
)
from atscheck.outcome import FLAGS, Row, Run
from atscheck.output import escape_all, escape_controls
from atscheck.report import (
    CHECKLIST_KINDS,
    CHECKLIST_TITLE,
    ReportOptions,
    career,
    checklist_summary,
    delta_findings,
    delta_summary,
    delta_terms,
    education_summary,
    gap_label,
    number,
    placement,
    provenance,
    skill_years_lines,
    term_fix,
    title_line,
    transition_heading,
    years_line,
)
from atscheck.report.ranking import short_names
from atscheck.score import PREFERRED_COUNTED, gaps, to_do
from atscheck.structure.education import education_fix

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SEVERITY_MARK = {"error": "✗", "warning": "!", "info": "i"}
MAX_PREFERRED_SHOWN = 12
MAX_GAPS = 8  # the short report's to-do list
GAP_LABEL_WIDTH = 38  # a longer label is shortened, with the full text once below the list
MORE = "More: --full (all terms and fixes) · --format html -o report.html (marked up)"


def _heading(result: Result) -> Text:
    title = f"{result.profile.title} ({result.profile.id})" if result.profile else ""
    return Text.assemble((result.file, "bold"), "  ·  ", title)


def error_line(result: Result) -> Text:
    """One line, whatever the file's name or the message hold (--show-text keeps newlines elsewhere)."""
    assert result.error is not None
    file, message = (escape_controls(text, newlines=False) for text in (result.file, result.error.message))
    return Text.assemble(("✗ ", "bold red"), (file, "bold"), f": {message}")


def _verdict(result: Result) -> Text:
    assert result.score is not None
    verdict = ("PASS", "bold green") if result.passed else ("BELOW THRESHOLD", "bold red")
    return Text.assemble(
        verdict,
        "  ",
        ("Score ", "bold"),
        (number(result.score), "bold"),
        f" / 100  (pass mark {number(result.threshold)})",
    )


def _found(part: PartScore, what: str) -> str:
    """'20 of 21 required terms found (96.1% credit)': counts and the weighted credit, each named as such."""
    return f"{part.found} of {part.total} {what} found ({number(part.percent)}% credit)"


def _credit_line(result: Result) -> Text:
    assert result.parts is not None
    parts = result.parts
    return Text(
        f"Credit: required {number(parts.required.percent)}% · preferred {number(parts.preferred.percent)}%"
        f" ({PREFERRED_COUNTED} preferred terms earn it all)"
    )


def _title_line(result: Result) -> Text | None:
    """Whether the resume names the role's job title: recruiters search by it, rankers weigh it."""
    title = result.parts.title if result.parts else None
    if title is None:
        return None
    if title.found:
        return Text.assemble(("Job title ✓ ", "green"), f"the resume names '{' '.join(title.found.split())}'")
    shown = ", ".join(title.titles[:3]) + (", ..." if len(title.titles) > 3 else "")
    return Text.assemble(
        ("Job title ✗ ", "red"),
        f"none of the role's titles ({shown}): recruiters search by title; if one is yours, use it in your "
        "headline and for your current role",
    )


def render_brief(result: Result) -> RenderableType:
    """The report read in a minute: verdict and reason, blockers, top gaps, other findings, how to see more."""
    if result.error:
        return error_line(result)
    assert result.parts is not None
    stops = blockers(result.checks)
    verdict: list[RenderableType] = [_verdict(result), Text(_reason(result))]
    if not unreadable(result.checks):
        verdict.append(_credit_line(result))
        title = _title_line(result)
        if title is not None:
            verdict.append(title)
    blocks: list[RenderableType] = [_heading(result), Group(*verdict)]
    if result.baseline:
        blocks.append(_delta(result.baseline))
    if stops:
        blocks.append(_blockers(stops))
    if unreadable(result.checks):
        blocks.append(
            Text(
                "Term results are left out: on text an ATS cannot read, they say nothing. Fix the above first.",
                style="bold",
            )
        )
    else:
        if result.education:
            # The fix only when the degree is required: a preferred one's advice is in --full.
            blocks.append(_education(result.education, fix=result.education.requirement.importance == "required"))
        if result.posting:
            blocks.append(_posting_brief(result.posting))
        items = to_do(result.terms)
        if items:
            blocks.append(_gaps(items))
        if result.transition:
            transition = result.transition
            blocks.append(
                Text(
                    f"{transition_heading(transition)}: {len(transition.covered)} of its terms already covered; "
                    "--full lists what to add, in order.",
                )
            )
    others = others_first(result.checks)
    if others:
        blocks.append(_findings_brief(others))
    for warning in result.warnings:
        blocks.append(Text.assemble(("warning: ", "yellow"), warning))
    blocks.append(Text(MORE, style="dim"))
    return Group(*[_spaced(b) for b in blocks[:-1]], blocks[-1])


def _reason(result: Result) -> str:
    """The one line that says why: what blocks the ATS, or how many of the terms it searches for are there."""
    stops = blockers(result.checks)
    if stops:
        problems = "1 problem blocks" if len(stops) == 1 else f"{len(stops)} problems block"
        return f"{problems.capitalize()} an ATS from using this resume as it is (below)."
    assert result.parts is not None
    required, preferred = result.parts.required, result.parts.preferred
    return (
        f"An ATS search finds {required.found} of {required.total} required terms "
        f"and {preferred.found} of {preferred.total} preferred ones."
    )


def _blockers(stops: Sequence[Finding]) -> RenderableType:
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for finding in stops:
        grid.add_row(Text("  ✗", style="bold red"), Text(finding.message))
        grid.add_row("", Text.assemble(("Fix: ", "bold"), finding.fix))
    return Group(Text("Blocks an ATS:", style="bold red"), grid)


def _gaps(items: Sequence[Gap]) -> RenderableType:
    shown = items[:MAX_GAPS]
    title = f"Top {len(shown)} of {len(items)} to fix" if len(items) > len(shown) else "To fix"
    lines: list[RenderableType] = [Text(f"{title} (required first; add only what you really have):", style="bold")]
    notes: list[str] = []
    for gap in shown:
        label = _gap_item(gap)
        if len(label) > GAP_LABEL_WIDTH:
            notes.append(label)
            marker = f" [{len(notes)}]"
            label = label[: GAP_LABEL_WIDTH - len(marker) - 1].rstrip(" ,:") + "…" + marker
        partial = gap.partial
        where = _partial_where(partial) if partial else placement(gap.lead)
        importance = gap.lead.importance
        line = Text.assemble(
            ("  ~ " if partial else "  ✗ ", "yellow" if partial else "red"),
            (f"{label:<{GAP_LABEL_WIDTH}} ", "bold" if importance == "required" else ""),
            f"{importance:<9} ",
            where,
        )
        line.no_wrap, line.overflow = True, "ellipsis"
        lines.append(line)
    lines += [Text(f"  [{n}] {note}", style="dim") for n, note in enumerate(notes, start=1)]
    return Group(*lines)


def _gap_item(gap: Gap) -> str:
    """'Kubeflow', or 'any one of: AWS, Google Cloud, Azure' for a group."""
    return gap.label if len(gap.terms) == 1 else "any one of: " + ", ".join(t.name for t in gap.terms)


def _first_form(partial: TermResult) -> str:
    return next(o.text for o in partial.occurrences).replace("\n", " ")


def _partial_where(partial: TermResult) -> str:
    """What the resume wrote instead of the name: another spelling, a typo, or a tool that shows the skill
    (the fix, in --full and the other reports, says which)."""
    return f"you wrote '{_first_form(partial)}'"


def _findings_brief(findings: Sequence[Finding]) -> RenderableType:
    lines: list[RenderableType] = [Text("Other findings:", style="bold")]
    for finding in findings:
        line = Text.assemble(
            (f"  {_SEVERITY_MARK[finding.severity]} ", _SEVERITY_STYLE[finding.severity]), finding.message
        )
        line.no_wrap, line.overflow = True, "ellipsis"
        lines.append(line)
    return Group(*lines)


def _posting_brief(posting: PostingMatch) -> RenderableType:
    asked = skill_years_lines(posting)
    lines = [title_line(posting), years_line(posting), *asked, checklist_summary(posting)]
    return Group(*[Text(line) for line in lines if line])


def _checklist(posting: PostingMatch) -> RenderableType:
    table = Table(title=CHECKLIST_TITLE, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("Question")
    table.add_column("The posting says")
    table.add_column("Your resume")
    table.add_column("What to do")
    for a in posting.checklist:
        table.add_row(
            Text(CHECKLIST_KINDS[a.item.kind], style="bold"),
            Text(f"“{a.item.quote}” (line {a.item.line})"),
            Text(a.resume or "says nothing", style="" if a.resume else "yellow"),
            Text(a.advice),
        )
    return table


def render_result(result: Result) -> RenderableType:
    """The complete report (--full): every table."""
    if result.error:
        return error_line(result)
    assert result.parts is not None and result.score is not None
    parts = result.parts
    summary = Group(
        _verdict(result),
        Text(
            f"{_found(parts.required, 'required terms')} · {_found(parts.preferred, 'preferred')}\n"
            "Credit by kind: " + " · ".join(f"{p.name} {number(p.percent)}%" for p in parts.by_kind)
        ),
    )
    blocks: list[RenderableType] = [_heading(result), summary]
    if result.baseline:
        blocks.append(_delta(result.baseline))
    if result.education:
        blocks.append(_education(result.education))
    if result.posting:
        blocks.append(_posting(result.posting))

    todo = gaps(result.terms)
    areas = Table(title="Coverage by skill area", title_justify="left", show_edge=False, pad_edge=False)
    areas.add_column("Skill area")
    areas.add_column("Credit", justify="right")
    areas.add_column("Found", justify="right")
    areas.add_column("Missing")
    for part in parts.by_category:
        missing = [gap.label for gap in todo if gap.lead.category == part.name]
        style = "green" if part.percent >= 75 else "yellow" if part.percent >= 40 else "red"
        areas.add_row(
            Text(part.name),
            Text(f"{number(part.percent)}%", style=style),
            f"{part.found}/{part.total}",
            Text("; ".join(missing[:3]) + (f" (+{len(missing) - 3} more)" if len(missing) > 3 else "")),
        )
    blocks.append(areas)

    to_fix = [t for t in result.terms if t.status in ("alias", "implied", "fuzzy")]
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
    if result.career is not None:
        blocks.append(_career(result))
    if result.transition:
        blocks.append(_transition(result.transition))
    for warning in result.warnings:
        blocks.append(Text.assemble(("warning: ", "yellow"), warning))
    return Group(*[_spaced(b) for b in blocks])


MAX_FREQUENCY_ROWS = 15


def _career(result: Result) -> RenderableType:
    """The ranker's view: roles with dates and months, the history's length and breaks, and where each
    required term is shown."""
    assert result.career is not None and result.resume is not None
    roles = Table(title="What a ranker reads: your roles", title_justify="left", show_edge=False, pad_edge=False)
    for column in ("Title", "Employer", "Dates", "Months"):
        roles.add_column(column)
    for row in career.role_rows(result):
        roles.add_row(Text(row.title), Text(row.employer), row.dates, row.months)
    skills = Table(title="Required terms: where they are shown", title_justify="left", show_edge=False, pad_edge=False)
    for column in ("Term", "Shown", "Months", "Last used"):
        skills.add_column(column)
    rows = career.skill_rows(result)
    for skill in rows:
        style = "" if skill.months != "-" else "yellow"
        skills.add_row(Text(skill.term), Text(skill.shown, style=style), skill.months, skill.last_used)
    history = Text("\n".join(career.history_lines(result.career, result.resume.roles)))
    shown = skills if rows else Text(career.NONE_FOUND)
    return Group(Text(career.INTRO, style="italic"), roles, history, shown)


def _posting(posting: PostingMatch) -> RenderableType:
    lines: list[RenderableType] = [Text(title_line(posting))]
    years = years_line(posting)
    if years:
        lines.append(Text(years))
    lines += [Text(line) for line in skill_years_lines(posting)]
    if posting.checklist:
        lines.append(_checklist(posting))
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


def _delta(delta: Delta) -> RenderableType:
    style = "yellow" if delta.before is None else "red" if delta.dropped else "green"
    lines: list[RenderableType] = [Text.assemble(("Change ", "bold"), (delta_summary(delta), style))]
    findings = delta_findings(delta)
    if findings:
        lines.append(Text(findings))
    return Group(*lines)


def _changes(results: Sequence[Result], names: dict[str, str]) -> RenderableType:
    """The batch view of --baseline-ref: one row per (file, role)."""
    table = Table(title="Changes", title_justify="left", show_edge=False, pad_edge=False)
    for column in ("File", "Role", "Score", "Terms", "Findings"):
        table.add_column(column)
    for result in results:
        delta = result.baseline
        if delta is None or result.profile is None:
            continue
        if delta.before is None:
            assert delta.error is not None
            score, terms = Text("new", "yellow"), Text(delta.error.message)
        else:
            score = Text(f"{number(delta.before)} -> {number(delta.after)}", "red" if delta.dropped else "green")
            terms = Text(delta_terms(delta))
        table.add_row(Text(names[result.file]), result.profile.id, score, terms, Text(delta_findings(delta)))
    return table


def _education(education: EducationResult, fix: bool = True) -> RenderableType:
    mark = (
        ("✓ ", "green")
        if education.status == "met"
        else ("~ ", "yellow")
        if education.status == "partly"
        else ("✗ ", "red")
    )
    line = Text.assemble(("Education ", "bold"), mark, education_summary(education))
    advice = education_fix(education) if fix else ""
    return Group(line, Padding(Text(advice), (0, 0, 0, 2))) if advice else line


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
    options: ReportOptions = field(default_factory=ReportOptions)

    def render(self, run: Run) -> str:
        out = io.StringIO()
        render(escape_all(run, newlines=False), self.options.console(out), self.options)
        return out.getvalue()


def render(run: Run, console: Console, options: ReportOptions) -> None:
    """The short report of each result (--full: the complete one); for several files, the ranking; for one
    file and several roles, a best-fit table first, then the best role's report (--full and not --role all:
    every role's). --quiet: one line per file and role. First, what the run itself must say (the settings
    file, what weakens the checks, what was skipped); with --quiet only what weakens the checks."""
    weakened = provenance.weakened(run)
    for line in weakened if options.quiet else provenance.lines(run):
        console.print(Text(line, style="yellow" if weakened else "dim"), soft_wrap=True)
    if options.quiet:
        for result in run.results:
            console.print(quiet_line(result), soft_wrap=True)
        return
    if run.is_batch:
        _render_ranking(run, console, options.full)
        return
    results: Sequence[Result] = run.results
    if len(results) > 1:
        console.print(_spaced(_role_fit(run)))
        if (run.best_only or not options.full) and run.best_fit:
            results = run.best_fit[:1]
    for result in results:
        # An error is one line, however narrow the terminal, so it can be read and grepped whole.
        report = render_result(result) if options.full else render_brief(result)
        console.print(report, soft_wrap=result.error is not None)


def quiet_line(result: Result) -> Text:
    """'PASS 81.6/100 (pass mark 45.0)  resume.pdf  mlops-engineer': one line to read or grep."""
    if result.error:
        return error_line(result)
    assert result.score is not None and result.profile is not None
    verdict = ("PASS", "green") if result.passed else ("FAIL", "red")
    flags = Row(None, result).flags
    return Text.assemble(
        verdict,
        f" {number(result.score)}/100 (pass mark {number(result.threshold)})  {result.file}  {result.profile.id}",
        (f"  [{', '.join(flags)}]" if flags else "", "bold red"),
    )


def _role_fit(run: Run) -> RenderableType:
    table = Table(title=f"Best fit for {run.results[0].file}", title_justify="left", show_edge=False, pad_edge=False)
    for column, justify in (("#", "right"), ("Role", "left"), ("Score", "right"), ("Pass mark", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    table.add_column("Result")
    for place, result in enumerate(run.best_fit, start=1):
        assert result.profile is not None and result.score is not None
        verdict = Text("pass", "green") if result.passed else Text("below threshold", "red")
        role = Text(f"{result.profile.title} ({result.profile.id})")
        table.add_row(str(place), role, number(result.score), number(result.threshold), verdict)
    return table


def _render_ranking(run: Run, console: Console, full: bool) -> None:
    rows = run.ranking
    # Beside the name, the short ranking's columns take RANKING_COLUMNS characters; the name gets the rest.
    names = short_names(run.results, width=None if full else max(16, console.width - RANKING_COLUMNS))
    for role in dict.fromkeys(row.result.profile for row in rows if row.result.error is None):
        assert role is not None
        group = [row for row in rows if row.result.error is None and row.result.profile == role]
        console.print(_spaced(_full_ranking(group, names, role) if full else _ranking(group, names, role)))
    if any(r.baseline for r in run.results):
        console.print(_spaced(_changes(run.results, names)))
    for row in rows:
        if row.result.error:
            console.print(error_line(row.result), soft_wrap=True)
    console.print(Text(run.summary.sentence(), "bold"))
    console.print(Text(RANKED_BY if full else f"{RANKED_BY}\n{RANKING_MORE}", style="dim"))


RANKING_COLUMNS = 46
RANKED_BY = "Ranked without credit from a keyword wall (column 'Ranked', when it differs)."
RANKING_MORE = "More: --full (missing terms per file) · --format html -o report.html"
_FLAG_HEADERS = {"no text": "no text", "stuffing": "stuffing", "hidden text": "hidden"}


def _ranking(rows: Sequence[Row], names: dict[str, str], role: ProfileRef) -> Table:
    """At 80 columns: name, score, the score it is ranked by when that differs, pass or not, the main flags."""
    discounted = any(row.ranked_at is not None for row in rows)
    table = Table(
        title=f"Ranking · {role.title} ({role.id})",
        title_justify="left",
        title_style="bold",
        box=None,
        padding=(0, 1, 0, 0),
        header_style="bold",
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("File", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    if discounted:
        table.add_column("Ranked", justify="right", no_wrap=True)
    table.add_column("Result", no_wrap=True)
    for flag in FLAGS:
        table.add_column(_FLAG_HEADERS[flag], justify="center", no_wrap=True)
    for row in rows:
        result = row.result
        assert result.score is not None
        cells: list[RenderableType] = [str(row.rank), Text(names[result.file]), number(result.score)]
        if discounted:
            cells.append("" if row.ranked_at is None else number(row.ranked_at))
        cells.append(Text("pass", "green") if result.passed else Text("below", "red"))
        cells += [Text("yes", "bold red") if flag in row.flags else Text("·", "dim") for flag in FLAGS]
        table.add_row(*cells)
    return table


def _full_ranking(rows: Sequence[Row], names: dict[str, str], role: ProfileRef) -> Table:
    """The short ranking's columns (the score ranked by, when it differs, and the flags that say why) and what
    each file misses."""
    discounted = any(row.ranked_at is not None for row in rows)
    table = Table(title=f"Ranking · {role.title} ({role.id})", title_justify="left", show_edge=False, pad_edge=False)
    columns = (("#", "right"), ("File", "left"), ("Score", "right"), ("Ranked", "right"), ("Result", "left"))
    for column, justify in columns if discounted else (c for c in columns if c[0] != "Ranked"):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    table.add_column("Flags")
    table.add_column("Missing required terms")
    table.add_column("Readability errors")
    for row in rows:
        result = row.result
        assert result.score is not None
        verdict = Text("pass", "green") if result.passed else Text("below threshold", "red")
        missing = row.missing_required
        ranked = ["" if row.ranked_at is None else number(row.ranked_at)] if discounted else []
        table.add_row(
            str(row.rank),
            Text(names[result.file]),
            number(result.score),
            *ranked,
            verdict,
            Text(", ".join(row.flags), "bold red"),
            Text(f"{len(missing)}: " + "; ".join(missing[:2]) + ("; ..." if len(missing) > 2 else ""))
            if missing
            else "none",
            Text(", ".join(row.readability_errors), "red"),
        )
    return table
