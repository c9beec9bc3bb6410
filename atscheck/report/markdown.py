"""Markdown output, e.g. for a GitHub step summary or a pull-request comment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from atscheck.model import Delta, PostingMatch, Result, Transition
from atscheck.outcome import Run
from atscheck.output import escape_all, escape_controls
from atscheck.report import (
    CHECKLIST_KINDS,
    CHECKLIST_TITLE,
    ReportOptions,
    delta_findings,
    delta_summary,
    delta_terms,
    education_summary,
    gap_label,
    number,
    provenance,
    skill_years_lines,
    term_fix,
    title_line,
    transition_heading,
    years_line,
)
from atscheck.score import gaps
from atscheck.structure.education import education_fix


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_result(result: Result) -> str:
    title = f"{result.profile.title} (`{result.profile.id}`)" if result.profile else ""
    lines = [f"## {_cell(result.file)} · {title}", ""]
    if result.error:
        lines += [f"**Could not be read** ({result.error.code}): {result.error.message}", ""]
        return "\n".join(lines)
    assert result.parts is not None
    parts = result.parts
    todo = gaps(result.terms)
    verdict = "✅ pass" if result.passed else "❌ below threshold"
    lines += [
        f"**Score {number(result.score or 0.0)} / 100**: {verdict} (pass mark {number(result.threshold)})",
        "",
        f"- Required terms: {parts.required.found} of {parts.required.total} found "
        f"({number(parts.required.percent)}% credit)",
        f"- Preferred terms: {parts.preferred.found} of {parts.preferred.total} found "
        f"({number(parts.preferred.percent)}% credit)",
        "- Credit by kind: " + ", ".join(f"{p.name} {number(p.percent)}%" for p in parts.by_kind),
        "",
        "Credit: 1 for the standard name, less for an alias or a typo; a group of terms counts once.",
        "",
    ]
    if result.baseline:
        lines += _delta(result.baseline)
    if result.education:
        mark = {"met": "✅", "partly": "⚠️", "missing": "❌"}[result.education.status]
        lines += [f"**Education** {mark} {education_summary(result.education)}.", ""]
        fix = education_fix(result.education)
        lines += [f"{fix}", ""] if fix else []
    if result.posting:
        lines += _posting(result.posting)
    lines += [
        "### Coverage by skill area",
        "",
        "| Skill area | Credit | Found | Missing |",
        "|---|---:|---:|---|",
    ]
    for part in parts.by_category:
        missing = "; ".join(gap.label for gap in todo if gap.lead.category == part.name)
        lines.append(
            f"| {_cell(part.name)} | {number(part.percent)}% | {part.found} of {part.total} | {_cell(missing)} |"
        )
    lines.append("")
    to_fix = [t for t in result.terms if t.status in ("alias", "implied", "fuzzy")]
    if to_fix:
        lines += ["### Found, but not as an ATS searches for it", "", "| Term | Found as | Fix |", "|---|---|---|"]
        lines += [f"| {_cell(t.term.name)} | {t.status} | {_cell(term_fix(t))} |" for t in to_fix]
        lines.append("")
    if todo:
        lines += [
            "### Missing terms (required first)",
            "",
            "| Term | Importance | Skill area | Kind |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {_cell(g.label)} | {g.lead.importance} | {_cell(g.lead.category)} | {g.lead.kind} |" for g in todo
        ]
        lines += [
            "",
            "For each missing term you really have, name it in your Skills section and in the job where "
            "you used it, spelled as shown.",
            "",
        ]
    if result.checks:
        lines += ["### ATS readability", "", "| Severity | Check | Finding | Fix |", "|---|---|---|---|"]
        lines += [f"| {f.severity} | `{f.id}` | {_cell(f.message)} | {_cell(f.fix)} |" for f in result.checks]
        lines.append("")
    if result.transition:
        lines += _transition(result.transition)
    if result.warnings:
        lines += ["### Extraction warnings", ""] + [f"- {_cell(w)}" for w in result.warnings] + [""]
    return "\n".join(lines)


def _delta(delta: Delta) -> list[str]:
    mark = "➖" if delta.before is None else "🔻" if delta.dropped else "🔺" if delta.change else "⏺"
    lines = [f"**Change** {mark} {_cell(delta_summary(delta))}", ""]
    findings = delta_findings(delta)
    return lines + ([_cell(findings), ""] if findings else [])


def _changes(results: Sequence[Result]) -> list[str]:
    """The batch view of --baseline-ref, one row per (file, role): fits a pull-request comment."""
    lines = ["### Changes", "", "| File | Role | Before | After | Terms | Findings |", "|---|---|---:|---:|---|---|"]
    for result in results:
        delta = result.baseline
        if delta is None or result.profile is None:
            continue
        if delta.before is None:
            assert delta.error is not None
            before, terms = "new", delta.error.message
        else:
            before, terms = number(delta.before), delta_terms(delta)
        lines.append(
            f"| {_cell(result.file)} | `{result.profile.id}` | {before} | {number(delta.after)} | {_cell(terms)} | "
            f"{_cell(delta_findings(delta))} |"
        )
    return [*lines, ""]


def _posting(posting: PostingMatch) -> list[str]:
    lines = [title_line(posting), ""]
    years = years_line(posting)
    lines += [years, ""] if years else []
    asked = skill_years_lines(posting)
    lines += [*(f"- {_cell(line)}" for line in asked), ""] if asked else []
    if posting.checklist:
        lines += [f"**{CHECKLIST_TITLE}**", "", "| Question | The posting says | Your resume | What to do |"]
        lines.append("|---|---|---|---|")
        for a in posting.checklist:
            said = f"{a.item.quote} (line {a.item.line})"
            shown = a.resume or "says nothing"
            lines.append(f"| {CHECKLIST_KINDS[a.item.kind]} | {_cell(said)} | {_cell(shown)} | {_cell(a.advice)} |")
        lines.append("")
    lines += ["| Term | In the posting | In the resume |", "|---|---:|---:|"]
    for name, in_posting, in_resume in sorted(posting.frequency, key=lambda row: (-row[1], row[0])):
        lines.append(f"| {_cell(name)} | {in_posting} | {in_resume} |")
    return [*lines, ""]


def _transition(transition: Transition) -> list[str]:
    covered = ", ".join(t.term.name for t in transition.covered) or "none yet"
    lines = [
        f"### {transition_heading(transition)}",
        "",
        f"Already covered through your current role ({len(transition.covered)}): {covered}.",
        "",
        "To add, in this order (required and heaviest first):",
        "",
        "| Skill area | Importance | Terms |",
        "|---|---|---|",
    ]
    for area in transition.to_learn:
        labels = [gap_label(gap) for gap in area.gaps]
        lines.append(f"| {_cell(area.name)} | {area.importance} | {_cell('; '.join(labels))} |")
    return [*lines, ""]


def _role_fit(run: Run) -> list[str]:
    lines = [f"## Best fit for {_cell(run.results[0].file)}", "", "| # | Role | Score | Pass mark | Result |"]
    lines.append("|---:|---|---:|---:|---|")
    for place, r in enumerate(run.best_fit, start=1):
        verdict = "✅ pass" if r.passed else "❌ below threshold"
        role = f"{r.profile.title} (`{r.profile.id}`)" if r.profile else ""
        lines.append(f"| {place} | {role} | {number(r.score or 0.0)} | {number(r.threshold)} | {verdict} |")
    return [*lines, ""]


@dataclass(frozen=True)
class MarkdownFormat:
    options: ReportOptions = field(default_factory=ReportOptions)

    def render(self, run: Run) -> str:
        """The whole report; control characters cannot slip through."""
        run = escape_all(run)
        if not run.is_batch:
            fit = _role_fit(run) if len(run.results) > 1 else []
            parts = [*_run_lines(run), *fit, *(render_result(r) for r in run.results)]
            return escape_controls("# atscheck report\n\n" + "\n".join(parts) + "\n")
        return escape_controls(_ranking(run))


def _run_lines(run: Run) -> list[str]:
    """The settings file, settings that weaken the checks (as warnings), what the folder search skipped."""
    config = provenance.config_line(run)
    lines = [config] if config else []
    lines += [f"> **Warning:** {_cell(line)}" for line in provenance.weakened(run)] + list(run.notes)
    return [f"{line}\n" for line in lines]


def _ranking(run: Run) -> str:
    lines = ["# atscheck ranking", "", *_run_lines(run), run.summary.sentence(), ""]
    lines += ["| # | File | Role | Score | Result | Missing required terms | Readability errors |"]
    lines += ["|---:|---|---|---:|---|---|---|"]
    for row in run.ranking:
        result = row.result
        role = f"`{result.profile.id}`" if result.profile else ""
        if result.error:
            unread = f"could not be read: {_cell(result.error.message)}"
            lines.append(f"| | {_cell(result.file)} | {role} | | {unread} | | |")
            continue
        verdict = "✅ pass" if result.passed else "❌ below threshold"
        lines.append(
            f"| {row.rank} | {_cell(result.file)} | {role} | {number(result.score or 0.0)} | {verdict} | "
            f"{_cell('; '.join(row.missing_required))} | {', '.join(row.readability_errors)} |"
        )
    if any(r.baseline for r in run.results):
        lines += ["", *_changes(run.results)]
    return "\n".join(lines) + "\n"
