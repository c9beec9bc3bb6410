"""Output formats. Each format renders the same Run; none computes anything of its own.

A format is a class with `render(run) -> str`, built with the ReportOptions it is written with, that makes
whatever it prints safe itself (control characters, markup, formulas), so a library caller rendering a Run
gets safe text. A format implements `Format` and adds one line to FORMATS; the command line's --format
choices, the --report file suffixes and the config file's allowed values are read from it. The modules are
imported only when their format is used.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from atscheck.model import ChecklistKind, Delta, EducationResult, Gap, PostingMatch, Term, TermResult, Transition
from atscheck.structure.education import LEVEL_NAMES, expected_degree

if TYPE_CHECKING:
    from rich.console import Console

    from atscheck.outcome import Run


@dataclass(frozen=True)
class ReportOptions:
    """How a report is written: how many columns wide, whether it may use colour codes, and how much it says."""

    width: int = 80
    color: bool = False
    full: bool = False  # the console report: every table, term and fix (default: the short report)
    quiet: bool = False  # the console report: one line per file and role
    matrix: bool = False  # the CSV report: candidates x requirements instead of the ranking

    def console(self, out: io.StringIO) -> Console:
        """A rich console that writes into `out` the way these options want it. It reads no markup and no
        emoji codes in the text it prints: a file name, a posting's title or a heading is text, never
        `[link=...]`, `[blink]` or a tag that does not close (a report styles with rich's Text, not markup)."""
        from rich.console import Console  # here, not at the top: the JSON and CSV reports never load rich

        return Console(
            file=out,
            width=self.width,
            force_terminal=self.color,
            no_color=not self.color,
            soft_wrap=False,
            legacy_windows=False,
            markup=False,
            emoji=False,
        )


class Format(Protocol):
    def render(self, run: Run) -> str: ...


def pieces(report: Format, run: Run) -> Iterator[str]:
    """The report in pieces, to write as they come: a format with a `chunks(run)` method (JSON) gives a large
    run one result at a time; any other its whole text at once."""
    chunks = getattr(report, "chunks", None)
    if chunks is None:
        yield report.render(run)
    else:
        yield from chunks(run)


@dataclass(frozen=True)
class FormatEntry:
    """Where a format's class is ("module:class"), the --report file names that ask for it, and whether it
    shows the extracted text (then the run must keep each result's Document)."""

    path: str
    suffixes: tuple[str, ...] = ()
    needs_documents: bool = False


# --format name -> the format; each class is built as Class(options).
FORMATS: dict[str, FormatEntry] = {
    "console": FormatEntry("atscheck.report.console:ConsoleFormat", (".txt",)),
    "json": FormatEntry("atscheck.report.json:JsonFormat", (".json",)),
    "markdown": FormatEntry("atscheck.report.markdown:MarkdownFormat", (".md", ".markdown")),
    "csv": FormatEntry("atscheck.report.csv:CsvFormat", (".csv",)),
    "html": FormatEntry("atscheck.report.html:HtmlFormat", (".html",), needs_documents=True),
    # One line per result and its top gaps: for hooks and CI logs.
    "short": FormatEntry("atscheck.report.short:ShortFormat"),
    # The parsed fields as JSON Resume (jsonresume.org), atscheck's facts under meta.
    "jsonresume": FormatEntry("atscheck.report.jsonresume:JsonResumeFormat"),
}


def suffixes() -> tuple[str, ...]:
    """Every --report file suffix a format asks for."""
    return tuple(suffix for entry in FORMATS.values() for suffix in entry.suffixes)


def format_for(path: Path) -> str | None:
    """The format a report file's name ends with (.json, .md, .csv, .html, .txt), or None."""
    suffix = path.suffix.lower()
    return next((name for name, entry in FORMATS.items() if suffix in entry.suffixes), None)


def format_names() -> tuple[str, ...]:
    return tuple(FORMATS)


def needs_documents(name: str) -> bool:
    return name in FORMATS and FORMATS[name].needs_documents


def get_format(name: str, options: ReportOptions | None = None) -> Format:
    """The format called `name`, written with `options` (80 columns, no colour, the short report by default)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(FORMATS)}")
    module, _, cls = FORMATS[name].path.partition(":")
    factory = getattr(importlib.import_module(module), cls)
    return factory(options or ReportOptions())  # type: ignore[no-any-return]


FIX_ALIAS = "Write '{name}' too: an ATS search for '{name}' misses '{found}'."
FIX_FUZZY = "Correct '{found}' to '{name}': an ATS search for '{name}' does not find a misspelling."
FIX_IMPLIED = (
    "You show {name} through {members}, but an ATS search for '{name}' does not find the tools alone: name the "
    "skill too, e.g. '{example}'."
)
FIX_MISSING = "If you have used {name}, name it in your Skills section and in the experience where you used it."


def number(value: float) -> str:
    """The one number format of the reports a person reads: one decimal ('81.6', '45.0', '100.0')."""
    return f"{value:.1f}"


def placement(term: Term) -> str:
    """Where in the resume a term belongs, short enough for a to-do line."""
    if term.kind == "certification":
        return "Certifications section"
    if term.kind == "soft-skill":
        return "a bullet that shows it"
    return "Skills + where you used it"


def gap_fix(gap: Gap) -> str:
    """What to do about one to-do item: add a missing term, or write the name of one found as an alias."""
    if gap.partial is not None:
        return term_fix(gap.partial)
    if len(gap.terms) > 1:
        return f"Any one of {gap.label} will do. {_fix_missing(gap.lead)}"
    return _fix_missing(gap.lead)


def _fix_missing(term: Term) -> str:
    if term.kind == "certification":
        return f"If you hold {term.name}, list it in your Certifications section."
    if term.kind == "soft-skill":
        return f"Show {term.name} in an experience bullet (what you did, with whom), not only in a list."
    return FIX_MISSING.format(name=term.name)


def term_fix(result: TermResult) -> str:
    """The concrete edit that turns this term into an exact match."""
    name = result.term.name
    if result.status == "alias":
        return FIX_ALIAS.format(name=name, found=_first(result, "alias"))
    if result.status == "implied":
        members = list(dict.fromkeys(o.text.replace("\n", " ") for o in result.occurrences if o.form == "member"))
        shown = " and ".join(members[:2]) if len(members) <= 2 else ", ".join(members[:3]) + " and more"
        example = f"{name[:1].upper()}{name[1:]} ({', '.join(members[:3])})"
        return FIX_IMPLIED.format(name=name, members=shown, example=example)
    if result.status == "fuzzy":
        return FIX_FUZZY.format(name=name, found=_first(result, "fuzzy"))
    if result.status == "missing":
        return _fix_missing(result.term)
    return ""


def _first(result: TermResult, form: str) -> str:
    return next(o.text.replace("\n", " ") for o in result.occurrences if o.form == form)


def education_summary(result: EducationResult) -> str:
    """One line: what the role expects and what the resume names."""
    requirement = result.requirement
    found = LEVEL_NAMES[result.level_found] if result.level_found else "no degree"
    if result.field_found:
        found += f" in {result.field_found}"
    return f"the role expects {expected_degree(requirement)} ({requirement.importance}); the resume names {found}"


def gap_label(gap: Gap) -> str:
    """The gap's terms, with '(certification)' when it is one: the transition view marks them."""
    return gap.label + (" (certification)" if gap.lead.kind == "certification" else "")


def transition_heading(transition: Transition) -> str:
    how = "your best fit among the roles that lead here" if transition.detected else "as you asked with --from"
    return f"Moving from {transition.source.title} ({how}; this resume scores {transition.source_score:g} for it)"


def title_line(posting: PostingMatch) -> str:
    if posting.title_found:
        return f"Job title: the posting's title '{posting.title}' is in the resume (as '{posting.title_found}')."
    return (
        f"Job title: the posting's title '{posting.title}' is not in the resume. ATS and recruiters search by title: "
        "if it fits, use it in your summary or as your current role's title."
    )


CHECKLIST_KINDS: dict[ChecklistKind, str] = {
    "work-authorization": "Work authorisation",
    "sponsorship": "Visa sponsorship",
    "clearance": "Security clearance",
    "licence": "Licence",
    "location": "Location / on site",
    "years": "Years of experience",
    "degree": "Degree",
    "language": "Language",
}


CHECKLIST_TITLE = "Pre-flight checklist: what this posting's screening questions will ask"


def checklist_summary(posting: PostingMatch) -> str | None:
    """'Screening questions to expect: visa sponsorship, location / on site (2 the resume says nothing about).'"""
    if not posting.checklist:
        return None
    kinds = list(dict.fromkeys(CHECKLIST_KINDS[a.item.kind].lower() for a in posting.checklist))
    silent = sum(1 for a in posting.checklist if a.resume is None)
    unanswered = f" ({silent} the resume says nothing about)" if silent else ""
    return f"Screening questions to expect: {', '.join(kinds)}{unanswered}. --full quotes each with what to do."


def years_line(posting: PostingMatch) -> str | None:
    if posting.years_required is None:
        return None
    if posting.years_found is None:
        return f"Experience: the posting asks for {posting.years_required}+ years; no dated roles were found to count."
    verdict = "meets" if posting.years_met else "is short of"
    return (
        f"Experience: the posting asks for {posting.years_required}+ years; your dated roles add up to "
        f"{posting.years_found} year{'' if posting.years_found == 1 else 's'}, which {verdict} it."
    )


def months_text(months: int) -> str:
    """'3 years 2 months', '8 months', '1 year'."""
    years, rest = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if rest or not parts:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(parts)


def skill_years_lines(posting: PostingMatch) -> list[str]:
    """ "Python: 5+ years asked; your roles show 6 years 2 months (2 roles). Met." for each term the posting
    asks years of."""
    lines = []
    for asked in posting.skill_years:
        if not asked.roles:
            shown = "no dated role names it (a ranker counts none for a skill only listed)"
        else:
            shown = f"your roles show {months_text(asked.months)} ({asked.roles} role{'s' if asked.roles > 1 else ''})"
        verdict = "Met." if asked.met else "Short: if you have more, name it in the role where you used it."
        lines.append(f"{asked.term}: {asked.years}+ years asked; {shown}. {verdict}")
    return lines


def delta_summary(delta: Delta) -> str:
    """'62 -> 71 (+9) since main:resume.pdf: now found Terraform; lost: Airflow'."""
    if delta.before is None:
        assert delta.error is not None
        return f"No earlier version to compare: {delta.error.message}"
    change = f"{delta.change:+.1f}" if delta.change else "no change"
    return f"{number(delta.before)} -> {number(delta.after)} ({change}) since {delta.source}: {delta_terms(delta)}"


def delta_terms(delta: Delta) -> str:
    parts = []
    if delta.found:
        parts.append("now found " + ", ".join(delta.found))
    if delta.lost:
        parts.append("lost: " + ", ".join(n + (" (required)" if n in delta.lost_required else "") for n in delta.lost))
    unmet = [label for label in delta.lost_required if label not in delta.lost]
    if unmet:
        parts.append("required, now unmet: " + "; ".join(unmet))
    parts += [f"{name} now {after} (was {before})" for name, before, after in delta.respelled]
    return "; ".join(parts) or "no terms found or lost"


def delta_findings(delta: Delta) -> str:
    """'New findings: hidden-text (error). Fixed: multi-column.' or ''."""
    parts = []
    if delta.new_findings:
        parts.append("New findings: " + ", ".join(f"{f.id} ({f.severity})" for f in delta.new_findings) + ".")
    if delta.fixed_findings:
        parts.append("Fixed: " + ", ".join(f.id for f in delta.fixed_findings) + ".")
    return " ".join(parts)
