"""--show-text: the text as an ATS reads it, in reading order, with sections, sources and matches marked."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from rich.console import Console
from rich.text import Text

from atscheck.contact import redact
from atscheck.model import Result
from atscheck.outcome import Run
from atscheck.output import escape_all, escape_controls
from atscheck.report import ReportOptions, provenance
from atscheck.report.console import error_line

_SOURCE_LABEL = {"table": "[table]", "header": "[header]", "footer": "[footer]", "textbox": "[text box]"}
# Without colour (not a terminal, or --no-color), matched terms are marked in the text itself, so that
# `atscheck --show-text resume.pdf | grep '\[\[Docker\]\]'` finds them.
MARK_OPEN, MARK_CLOSE = "[[", "]]"


@dataclass(frozen=True)
class TextFormat:
    """--show-text: each result's text, instead of the report (the run must keep its documents)."""

    options: ReportOptions = field(default_factory=ReportOptions)

    def render(self, run: Run) -> str:
        run = escape_all(run)
        out = io.StringIO()
        console = self.options.console(out)
        for line in provenance.lines(run):
            console.print(Text(line, style="yellow" if provenance.weakened(run) else "dim"), soft_wrap=True)
        for result in run.results:
            render(result, console)
        return out.getvalue()


def render(result: Result, console: Console) -> None:
    if result.error:
        console.print(error_line(result), soft_wrap=True)
        return
    document = result.document
    assert document is not None  # --show-text keeps documents, in batch workers too
    plain = not console.is_terminal or console.no_color
    how = f"marked {MARK_OPEN}like this{MARK_CLOSE}" if plain else "highlighted"
    console.print(
        Text(
            f"── {escape_controls(result.file, newlines=False)}: {document.format}, {document.word_count} words"
            + (f", {len(document.pages)} page(s)" if document.pages else "")
            + f" ── matched terms are {how}; email and phone are masked",
            style="bold",
        )
    )
    matched = sorted((o.start, o.end) for t in result.terms for o in t.occurrences)
    section_starts = {s.start: s for s in document.sections}
    offset = 0
    page = None
    for line in document.text.split("\n"):
        span = document.span_at(offset) if line.strip() else None
        if span is not None and span.page is not None and span.page != page:
            page = span.page
            console.print(Text(f"── page {page} ──", style="dim"))
        if offset in section_starts:
            section = section_starts[offset]
            label = f"standard section: {section.name}" if section.name else "not a standard section name"
            if span and span.source != "body":
                label += f", in a {_SOURCE_LABEL[span.source].strip('[]')}"
            console.print(Text(f"§ {line.strip()}  ({label})", style="bold magenta"))
        else:
            text = Text(
                _SOURCE_LABEL.get(span.source, "") + " " if span and span.source != "body" else "", style="cyan"
            )
            here = [(start - offset, min(end - offset, len(line))) for start, end in matched]
            here = [(start, end) for start, end in here if 0 <= start < len(line)]
            if plain:
                body = Text(_with_markers(line, here))
            else:
                body = Text(line)
                for start, end in here:
                    body.stylize("bold yellow reverse", start, end)
            text.append_text(body)
            console.print(_masked(text), soft_wrap=True)
        offset += len(line) + 1


def _with_markers(line: str, ranges: list[tuple[int, int]]) -> str:
    """The line with each matched range in markers; a range overlapping an earlier one is left unmarked."""
    pieces, done = [], 0
    for start, end in ranges:
        if start >= done:
            pieces += [line[done:start], MARK_OPEN, line[start:end], MARK_CLOSE]
            done = end
    return "".join(pieces) + line[done:]


def _masked(text: Text) -> Text:
    plain = text.plain
    masked = redact(plain)
    if masked == plain:
        return text
    return Text(masked, style=text.style)
