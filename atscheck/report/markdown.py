"""Markdown output, e.g. for a GitHub step summary or a pull-request comment.

Everything that is not atscheck's own wording (file names, role titles and ids, a posting's title, headings
and words from a resume, messages that quote them) goes through `md`, so it renders as the text it is: no
HTML tag, image, link, emphasis or table cell can come from a file, and GitHub does not turn a quoted web
address into a link. Role ids go in code spans (`code`).
"""

from __future__ import annotations

import re
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

# What Markdown (CommonMark and GitHub's) reads as markup inside a line, escaped with a backslash (which any
# ASCII punctuation may take): a tag or autolink (<), a link or image (] before ( or [), code, emphasis (an _
# at a word's edge), strikethrough, math, a table cell, a mention, a backslash; and the "://" and "www." that
# make GitHub link a bare web address. The rest stays as written, so the text reads the same raw.
_MARKUP = re.compile(r"[\\`*~$@|<]|\](?=[(\[])|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|:(?=//)|(?<=www)\.|\s")


def md(text: str) -> str:
    """`text` as literal Markdown text on one line: a table cell, a heading, a list item."""
    return _MARKUP.sub(lambda m: " " if m.group().isspace() else "\\" + m.group(), text)


def code(text: str) -> str:
    """`text` in a code span, on one line, safe in a table cell (GitHub splits cells at a bare |)."""
    text = " ".join(text.split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if text.startswith("`") or text.endswith("`") else f"{fence}{text}{fence}"


def render_result(result: Result) -> str:
    title = f"{md(result.profile.title)} ({code(result.profile.id)})" if result.profile else ""
    lines = [f"## {md(result.file)} · {title}", ""]
    if result.error:
        lines += [f"**Could not be read** ({md(result.error.code)}): {md(result.error.message)}", ""]
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
        "- Credit by kind: " + ", ".join(f"{md(p.name)} {number(p.percent)}%" for p in parts.by_kind),
        "",
        "Credit: 1 for the standard name, less for an alias or a typo; a group of terms counts once.",
        "",
    ]
    if result.baseline:
        lines += _delta(result.baseline)
    if result.education:
        mark = {"met": "✅", "partly": "⚠️", "missing": "❌"}[result.education.status]
        lines += [f"**Education** {mark} {md(education_summary(result.education))}.", ""]
        fix = education_fix(result.education)
        lines += [md(fix), ""] if fix else []
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
        lines.append(f"| {md(part.name)} | {number(part.percent)}% | {part.found} of {part.total} | {md(missing)} |")
    lines.append("")
    to_fix = [t for t in result.terms if t.status in ("alias", "implied", "fuzzy")]
    if to_fix:
        lines += ["### Found, but not as an ATS searches for it", "", "| Term | Found as | Fix |", "|---|---|---|"]
        lines += [f"| {md(t.term.name)} | {t.status} | {md(term_fix(t))} |" for t in to_fix]
        lines.append("")
    if todo:
        lines += [
            "### Missing terms (required first)",
            "",
            "| Term | Importance | Skill area | Kind |",
            "|---|---|---|---|",
        ]
        lines += [f"| {md(g.label)} | {g.lead.importance} | {md(g.lead.category)} | {g.lead.kind} |" for g in todo]
        lines += [
            "",
            "For each missing term you really have, name it in your Skills section and in the job where "
            "you used it, spelled as shown.",
            "",
        ]
    if result.checks:
        lines += ["### ATS readability", "", "| Severity | Check | Finding | Fix |", "|---|---|---|---|"]
        lines += [f"| {f.severity} | {code(f.id)} | {md(f.message)} | {md(f.fix)} |" for f in result.checks]
        lines.append("")
    if result.transition:
        lines += _transition(result.transition)
    if result.warnings:
        lines += ["### Extraction warnings", ""] + [f"- {md(w)}" for w in result.warnings] + [""]
    return "\n".join(lines)


def _delta(delta: Delta) -> list[str]:
    mark = "➖" if delta.before is None else "🔻" if delta.dropped else "🔺" if delta.change else "⏺"
    lines = [f"**Change** {mark} {md(delta_summary(delta))}", ""]
    findings = delta_findings(delta)
    return lines + ([md(findings), ""] if findings else [])


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
            f"| {md(result.file)} | {code(result.profile.id)} | {before} | {number(delta.after)} | {md(terms)} | "
            f"{md(delta_findings(delta))} |"
        )
    return [*lines, ""]


def _posting(posting: PostingMatch) -> list[str]:
    lines = [md(title_line(posting)), ""]
    years = years_line(posting)
    lines += [md(years), ""] if years else []
    asked = skill_years_lines(posting)
    lines += [*(f"- {md(line)}" for line in asked), ""] if asked else []
    if posting.checklist:
        lines += [f"**{CHECKLIST_TITLE}**", "", "| Question | The posting says | Your resume | What to do |"]
        lines.append("|---|---|---|---|")
        for a in posting.checklist:
            said = f"{a.item.quote} (line {a.item.line})"
            shown = a.resume or "says nothing"
            kind = CHECKLIST_KINDS[a.item.kind]
            lines.append(f"| {md(kind)} | {md(said)} | {md(shown)} | {md(a.advice)} |")
        lines.append("")
    lines += ["| Term | In the posting | In the resume |", "|---|---:|---:|"]
    for name, in_posting, in_resume in sorted(posting.frequency, key=lambda row: (-row[1], row[0])):
        lines.append(f"| {md(name)} | {in_posting} | {in_resume} |")
    return [*lines, ""]


def _transition(transition: Transition) -> list[str]:
    covered = ", ".join(t.term.name for t in transition.covered) or "none yet"
    lines = [
        f"### {md(transition_heading(transition))}",
        "",
        f"Already covered through your current role ({len(transition.covered)}): {md(covered)}.",
        "",
        "To add, in this order (required and heaviest first):",
        "",
        "| Skill area | Importance | Terms |",
        "|---|---|---|",
    ]
    for area in transition.to_learn:
        labels = [gap_label(gap) for gap in area.gaps]
        lines.append(f"| {md(area.name)} | {area.importance} | {md('; '.join(labels))} |")
    return [*lines, ""]


def _role_fit(run: Run) -> list[str]:
    lines = [f"## Best fit for {md(run.results[0].file)}", "", "| # | Role | Score | Pass mark | Result |"]
    lines.append("|---:|---|---:|---:|---|")
    for place, r in enumerate(run.best_fit, start=1):
        verdict = "✅ pass" if r.passed else "❌ below threshold"
        role = f"{md(r.profile.title)} ({code(r.profile.id)})" if r.profile else ""
        lines.append(f"| {place} | {role} | {number(r.score or 0.0)} | {number(r.threshold)} | {verdict} |")
    return [*lines, ""]


@dataclass(frozen=True)
class MarkdownFormat:
    options: ReportOptions = field(default_factory=ReportOptions)

    def render(self, run: Run) -> str:
        """The whole report; control characters cannot slip through."""
        run = escape_all(run, newlines=False)
        if not run.is_batch:
            fit = _role_fit(run) if len(run.results) > 1 else []
            parts = [*_run_lines(run), *fit, *(render_result(r) for r in run.results)]
            return escape_controls("# atscheck report\n\n" + "\n".join(parts) + "\n")
        return escape_controls(_ranking(run))


def _run_lines(run: Run) -> list[str]:
    """The settings file, settings that weaken the checks (as warnings), what the folder search skipped."""
    config = provenance.config_line(run)
    lines = [md(config)] if config else []
    lines += [f"> **Warning:** {md(line)}" for line in provenance.weakened(run)] + [md(note) for note in run.notes]
    return [f"{line}\n" for line in lines]


def _ranking(run: Run) -> str:
    """Best ranking score first: a keyword wall's terms count in the score, not in the rank ('Ranked' shows the
    score ranked by where it differs, 'Flags' why)."""
    lines = ["# atscheck ranking", "", *_run_lines(run), run.summary.sentence(), ""]
    lines += ["| # | File | Role | Score | Ranked | Result | Flags | Missing required terms | Readability errors |"]
    lines += ["|---:|---|---|---:|---:|---|---|---|---|"]
    for row in run.ranking:
        result = row.result
        role = code(result.profile.id) if result.profile else ""
        if result.error:
            unread = f"could not be read: {md(result.error.message)}"
            lines.append(f"| | {md(result.file)} | {role} | | | {unread} | | | |")
            continue
        verdict = "✅ pass" if result.passed else "❌ below threshold"
        ranked = "" if row.ranked_at is None else number(row.ranked_at)
        lines.append(
            f"| {row.rank} | {md(result.file)} | {role} | {number(result.score or 0.0)} | {ranked} | {verdict} | "
            f"{', '.join(row.flags)} | {md('; '.join(row.missing_required))} | "
            f"{md(', '.join(row.readability_errors))} |"
        )
    if any(r.baseline for r in run.results):
        lines += ["", *_changes(run.results)]
    return "\n".join(lines) + "\n"
