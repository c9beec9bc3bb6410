"""HTML report: one self-contained page (inline CSS, no scripts, no fonts or images from anywhere) that shows
the resume as atscheck read it, with every matched term highlighted, beside what to fix.

Per resume: the verdict and score parts; what blocks an ATS; the extracted text in reading order, page by
page, each credited match marked by status (exact, alias, typo) with a title naming the term; text that
earns no credit (hidden, letters spaced apart) and text from tables, text boxes, headers and footers marked
as such; each finding beside the page or section it concerns; the to-do list by skill area with its fixes.
For several resumes: a ranking that links to each, and a candidates x requirements matrix per role.

Every piece of resume text is escaped, and email addresses and phone numbers are masked as in every format.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, field

from atscheck.about import __version__
from atscheck.checks import blockers, unreadable
from atscheck.contact import EMAIL, phone_numbers
from atscheck.model import Document, Finding, Gap, PostingMatch, Result, Status
from atscheck.outcome import FLAGS, Matrix, Run
from atscheck.output import escape_all
from atscheck.report import (
    CHECKLIST_KINDS,
    CHECKLIST_TITLE,
    ReportOptions,
    career,
    education_summary,
    gap_fix,
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
from atscheck.score import STATUS_BY_FORM, to_do

STATUS_LABEL: dict[Status, str] = {
    "exact": "exact",
    "alias": "alias",
    "implied": "shown by a tool",
    "fuzzy": "typo",
    "missing": "missing",
}
SOURCE_LABEL = {"table": "table", "header": "page header", "footer": "page footer", "textbox": "text box"}
SOURCE_NOTE = {
    "table": "Text from a table: some ATS scramble or drop tables.",
    "header": "Text from a page header: many ATS drop headers.",
    "footer": "Text from a page footer: many ATS drop footers.",
    "textbox": "Text from a text box: many ATS skip text boxes.",
}
NO_CREDIT = {
    "hidden-text": "Hidden text (white, tiny or hidden): it earns no credit",
    "spaced-letters": "Letters spaced apart: an ATS reads the pieces, so this earns no credit",
}
_PAGES = re.compile(r"\bpages? ([\d, ]+)")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class HtmlFormat:
    options: ReportOptions = field(default_factory=ReportOptions)

    def render(self, run: Run) -> str:
        return render(escape_all(run))


def render(run: Run) -> str:
    results = run.results
    title = "atscheck report" + (f": {results[0].file}" if len(results) == 1 else "")
    body: list[str] = [f"<header class=top><h1>{esc(title)}</h1>{_legend()}</header>"]
    # What the run itself must say: the settings file, what weakens the checks, what the search skipped.
    weakened = set(provenance.weakened(run))
    body += [
        f"<p class='run-note{' weakened' if line in weakened else ''}'>{esc(line)}</p>"
        for line in provenance.lines(run)
    ]
    anchors = {id(result): f"r{n}" for n, result in enumerate(results, start=1)}
    if run.is_batch:
        body.append(_ranking(run, anchors))
        body += [_matrix(matrix, anchors) for matrix in run.matrices]
    elif len(results) > 1:
        body.append(_role_fit(run, anchors))
    body += [_result(result, anchors[id(result)]) for result in results]
    body.append(
        f"<footer>Made by atscheck {esc(__version__)}, offline: nothing in this page was uploaded. "
        "Email addresses and phone numbers are masked.</footer>"
    )
    return (
        "<!doctype html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
        '<meta name=viewport content="width=device-width, initial-scale=1">\n'
        # No network: nothing may load from anywhere, and no script may run.
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _legend() -> str:
    items = [
        "<mark class='m exact'>exact</mark> the name an ATS searches for",
        "<mark class='m alias'>alias</mark> partial credit: write the standard name too",
        "<mark class='m implied'>shown by a tool</mark> partial credit: name the skill too",
        "<mark class='m fuzzy'>typo</mark> partial credit: correct the spelling",
        "<span class=nocredit>no credit</span> hidden or spaced-out text",
        "<span class='srctag'>table</span> from a table, text box, header or footer",
    ]
    return "<p class=legend>" + " ".join(f"<span class=key>{item}</span>" for item in items) + "</p>"


# ---------------------------------------------------------------- several resumes


def _flags(flags: Iterable[str]) -> str:
    return "".join(f"<td class=flag>{'yes' if flag in flags else ''}</td>" for flag in FLAGS)


def _ranking(run: Run, anchors: dict[int, str]) -> str:
    names = short_names(run.results)
    flag_heads = "".join(f"<th>{esc(flag)}</th>" for flag in FLAGS)
    # The score a row is ranked by gets a column only when it differs from the score somewhere.
    discounted = any(row.ranked_at is not None for row in run.ranking)
    rows = []
    for row in run.ranking:
        result = row.result
        link = f"<a href='#{anchors[id(result)]}'>{esc(names[result.file])}</a>"
        role = esc(result.profile.id) if result.profile else ""
        if result.error:
            rows.append(
                f"<tr class=error><td></td><td>{link}</td><td>{role}</td>"
                f"<td colspan={(4 if discounted else 3) + len(FLAGS)}>could not be read: "
                f"{esc(result.error.message)}</td></tr>"
            )
            continue
        assert result.score is not None and result.parts is not None
        required = result.parts.required
        ranked = "" if row.ranked_at is None else number(row.ranked_at)
        rows.append(
            f"<tr><td class=num>{row.rank}</td><td>{link}</td><td>{role}</td>"
            f"<td class=num>{number(result.score)}</td>"
            + (f"<td class=num>{ranked}</td>" if discounted else "")
            + f"<td>{_badge(result.passed)}</td><td class=num>{required.found} of {required.total}</td>"
            f"{_flags(row.flags)}</tr>"
        )
    return (
        "<section class=ranking><h2>Ranking</h2>"
        f"<p>{esc(run.summary.sentence())} Ranked by the score without credit from a keyword wall or hidden "
        "text (shown as 'Ranked' where it differs).</p>"
        "<table class=grid><thead><tr><th>#</th><th>File</th><th>Role</th><th>Score</th>"
        + ("<th>Ranked</th>" if discounted else "")
        + f"<th>Result</th><th>Required found</th>{flag_heads}</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></section>"
    )


_CELL_MARK: dict[Status, str] = {"exact": "✓", "alias": "≈", "implied": "≈", "fuzzy": "~", "missing": "✗"}


def _matrix(matrix: Matrix, anchors: dict[int, str]) -> str:
    """Candidates by requirements; each cell's title holds the term found and where."""
    names = short_names([row.result for row, _ in matrix.rows])
    heads = "".join(
        f"<th class='req {esc(gap.lead.importance)}' title='{esc(gap.label)} ({esc(gap.lead.importance)})'>"
        f"<span>{esc(_short(gap.label, 28))}</span></th>"
        for gap in matrix.columns
    )
    rows = []
    for row, cells in matrix.rows:
        result = row.result
        tds = "".join(
            f"<td class='cell {cell.status}' title='{esc(_cell_title(gap, cell.status, cell.term, cell.snippet))}'>"
            f"{_CELL_MARK[cell.status]}</td>"
            for gap, cell in zip(matrix.columns, cells, strict=True)
        )
        rows.append(
            f"<tr><th class=cand><a href='#{anchors[id(result)]}'>{esc(names[result.file])}</a></th>"
            f"<td class=num>{number(result.score or 0.0)}</td>{tds}</tr>"
        )
    return (
        f"<section class=matrix><h2>Candidates × requirements · {esc(matrix.profile.title)}</h2>"
        "<p>✓ found as written · ≈ only an alias · ~ only a misspelling · ✗ missing. Hover a cell for the words "
        "found and where; required columns are marked.</p>"
        "<div class=scroll><table class='grid matrix-table'><thead><tr><th>Candidate</th><th>Score</th>"
        f"{heads}</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div></section>"
    )


def _cell_title(gap: Gap, status: Status, term: str, snippet: str) -> str:
    if status == "missing":
        return f"{gap.label}: missing"
    found = f"{term}: {STATUS_LABEL[status]}"
    return f"{found}, “{snippet}”" if snippet else found


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip(" ,") + "…"


def _role_fit(run: Run, anchors: dict[int, str]) -> str:
    rows = "".join(
        f"<tr><td class=num>{n}</td><td><a href='#{anchors[id(r)]}'>{esc(r.profile.title if r.profile else '')}"
        f"</a></td><td class=num>{number(r.score or 0.0)}</td><td class=num>{number(r.threshold)}</td>"
        f"<td>{_badge(r.passed)}</td></tr>"
        for n, r in enumerate(run.best_fit, start=1)
    )
    return (
        f"<section class=ranking><h2>Best fit for {esc(run.results[0].file)}</h2><table class=grid><thead><tr>"
        "<th>#</th><th>Role</th><th>Score</th><th>Pass mark</th><th>Result</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _badge(passed: bool) -> str:
    return "<span class='badge pass'>pass</span>" if passed else "<span class='badge fail'>below</span>"


# ---------------------------------------------------------------- one resume


def _result(result: Result, anchor: str) -> str:
    role = f"{result.profile.title} ({result.profile.id})" if result.profile else ""
    head = f"<h2><span class=file>{esc(result.file)}</span> <span class=role>{esc(role)}</span></h2>"
    if result.error:
        return (
            f"<section class='resume error' id={anchor}>{head}<p class=blocker>Could not be read "
            f"({esc(result.error.code)}): {esc(result.error.message)}</p></section>"
        )
    placed = _placement(result)
    parts = [head, _verdict(result), _blockers(result)]
    text = _document(result, placed)
    aside = _aside(result, [f for f in result.checks if f not in placed.all and f not in blockers(result.checks)])
    parts.append(f"<div class=layout><article class=doc>{text}</article><aside>{aside}</aside></div>")
    parts.append(_career(result))
    return f"<section class=resume id={anchor}>" + "".join(parts) + "</section>"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    cells = "".join(f"<tr>{''.join(f'<td>{esc(cell)}</td>' for cell in row)}</tr>" for row in rows)
    return f"<table class=grid><thead><tr>{''.join(f'<th>{esc(h)}</th>' for h in head)}</tr></thead>{cells}</table>"


def _career(result: Result) -> str:
    """The ranker's view: the roles with their dates and months, and where each required term is shown."""
    if result.career is None or result.resume is None:
        return ""
    roles = _table(("Title", "Employer", "Dates", "Months"), [astuple(row) for row in career.role_rows(result)])
    history = "".join(f"<p>{esc(line)}</p>" for line in career.history_lines(result.career, result.resume.roles))
    rows = [astuple(row) for row in career.skill_rows(result)]
    skills = _table(("Term", "Shown", "Months", "Last used"), rows) if rows else f"<p>{esc(career.NONE_FOUND)}</p>"
    return (
        f"<details class=career open><summary><h3>What a ranker reads</h3></summary><p><i>{esc(career.INTRO)}</i>"
        f"</p><h4>Your roles</h4>{roles}{history}<h4>Required terms: where they are shown</h4>{skills}</details>"
    )


def _verdict(result: Result) -> str:
    assert result.score is not None and result.parts is not None
    parts = result.parts
    verdict = "PASS" if result.passed else "BELOW THE PASS MARK"
    lines = [
        f"<div class='verdict {'pass' if result.passed else 'fail'}'><div class=score>"
        f"<b>{number(result.score)}</b><small>/ 100</small></div><div><p class=big>{verdict}</p>"
        f"<p>pass mark {number(result.threshold)}</p></div>"
    ]
    if unreadable(result.checks):
        lines.append(
            "<p class=reason>The text an ATS gets from this file is empty or garbled: term results are "
            "left out until that is fixed.</p></div>"
        )
        return "".join(lines)
    required, preferred = parts.required, parts.preferred
    lines.append(
        f"<div class=parts>{_bar('Required terms', required.found, required.total, required.percent)}"
        f"{_bar('Preferred terms', preferred.found, preferred.total, preferred.percent)}"
        "<p class=note>Bars show credit: 1 for the standard name, less for an alias or a typo; a group of "
        "terms counts once.</p></div></div>"
    )
    areas = "".join(
        f"<tr><td>{esc(p.name)}</td><td class=num>{p.found} of {p.total}</td>"
        f"<td><span class=meter><span style='width:{p.percent:.0f}%'></span></span> {number(p.percent)}%</td></tr>"
        for p in parts.by_category
    )
    lines.append(
        "<details class=areas><summary>Credit by skill area</summary><table class=grid><thead><tr><th>Skill area"
        f"</th><th>Found</th><th>Credit</th></tr></thead><tbody>{areas}</tbody></table></details>"
    )
    extra = []
    if result.education:
        extra.append(f"Education ({result.education.status}): {education_summary(result.education)}.")
    if result.posting:
        extra += [title_line(result.posting), years_line(result.posting) or "", *skill_years_lines(result.posting)]
    if result.transition:
        transition = result.transition
        extra.append(
            f"{transition_heading(transition)}: {len(transition.covered)} of its terms already covered; the "
            "list on the right is what to add."
        )
    lines += [f"<p class=context>{esc(line)}</p>" for line in extra if line]
    if result.posting and result.posting.checklist:
        lines.append(_checklist(result.posting))
    return "".join(lines)


def _checklist(posting: PostingMatch) -> str:
    rows = "".join(
        f"<tr><th>{esc(CHECKLIST_KINDS[a.item.kind])}</th><td>“{esc(a.item.quote)}” <small>(line {a.item.line})"
        f"</small></td><td class={'shown' if a.resume else 'silent'}>{esc(a.resume or 'says nothing')}</td>"
        f"<td>{esc(a.advice)}</td></tr>"
        for a in posting.checklist
    )
    return (
        f"<details class='areas checklist' open><summary>{esc(CHECKLIST_TITLE)}</summary><table class=grid><thead>"
        "<tr><th>Question</th><th>The posting says</th><th>Your resume</th><th>What to do</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></details>"
    )


def _bar(label: str, found: int, total: int, percent: float) -> str:
    return (
        f"<div class=bar><span class=label>{label}: {found} of {total} found</span>"
        f"<span class=meter><span style='width:{percent:.0f}%'></span></span>"
        f"<span class=pct>{number(percent)}% credit</span></div>"
    )


def _blockers(result: Result) -> str:
    stops = blockers(result.checks)
    if not stops:
        return ""
    items = "".join(_finding(f) for f in stops)
    return f"<div class=blockers><h3>Blocks an ATS</h3>{items}</div>"


def _finding(finding: Finding) -> str:
    where = f" <span class=where>({esc(finding.where)})</span>" if finding.where else ""
    return (
        f"<div class='finding {finding.severity}' data-check='{esc(finding.id)}'>"
        f"<p><b>{finding.severity} · {esc(finding.id)}</b>{where}</p><p>{esc(finding.message)}</p>"
        f"<p class=fix>Fix: {esc(finding.fix)}</p></div>"
    )


def _aside(result: Result, findings: Sequence[Finding]) -> str:
    out: list[str] = []
    if not unreadable(result.checks):
        items = to_do(result.terms)
        if items:
            areas: dict[str, list[Gap]] = {}
            for gap in items:
                areas.setdefault(gap.lead.category, []).append(gap)
            out.append(f"<h3>To fix <small>{len(items)}, required first; add only what you really have</small></h3>")
            out.append("<div class=todo>")
            for area, gaps in areas.items():
                out.append(f"<h4>{esc(area)}</h4><ul>")
                for gap in gaps:
                    status = gap.partial.status if gap.partial else "missing"
                    # Where to add a missing term is enough here (the title holds the whole sentence); an
                    # alias or a typo needs the edit spelled out.
                    fix = gap_fix(gap) if gap.partial else f"add to {placement(gap.lead)}"
                    if len(gap.terms) > 1 and not gap.partial:
                        fix = f"any one will do; {fix}"
                    out.append(
                        f"<li class='gap {status}' title='{esc(gap_fix(gap))}'><span class='tag {status}'>"
                        f"{STATUS_LABEL[status]}</span> <b>{esc(gap.label)}</b> <span class='imp "
                        f"{gap.lead.importance}'>{gap.lead.importance}</span> <span class=fix>{esc(fix)}</span></li>"
                    )
                out.append("</ul>")
            out.append("</div>")
        other = [t for t in result.terms if t.status in ("alias", "implied", "fuzzy")]
        covered = {gap.partial.term.name for gap in items if gap.partial}
        other = [t for t in other if t.term.name not in covered]  # already listed above
        if other:
            out.append("<h3>Found, not as an ATS searches for it <small>its group is met</small></h3><ul>")
            out += [f"<li><b>{esc(t.term.name)}</b>: {esc(term_fix(t))}</li>" for t in other]
            out.append("</ul>")
    if findings:
        out.append("<h3>About the whole file</h3>")
        out += [_finding(f) for f in findings]  # most severe first, as the checks return them
    for warning in result.warnings:
        out.append(f"<div class='finding warning'><p><b>extraction</b></p><p>{esc(warning)}</p></div>")
    return "".join(out)


# ---------------------------------------------------------------- the text, marked up


@dataclass
class _Placed:
    """Findings shown beside the text: at the top of a page, or before a section's heading."""

    pages: dict[int, list[Finding]] = field(default_factory=dict)
    sections: dict[int, list[Finding]] = field(default_factory=dict)  # by the section's start offset
    top: list[Finding] = field(default_factory=list)

    @property
    def all(self) -> list[Finding]:
        return [f for group in (*self.pages.values(), *self.sections.values(), self.top) for f in group]


_TOP = {"contact details", "top of the resume"}


def _placement(result: Result) -> _Placed:
    """Where each finding goes in the text: its page (the first it names), its section (a `where` naming a
    heading or a standard section), the top (contact details); the rest stays beside the text."""
    placed = _Placed()
    document = result.document
    if document is None:
        return placed
    stops = blockers(result.checks)
    for finding in result.checks:
        if finding in stops:
            continue
        where = finding.where.strip().lower()
        section = next(
            (s for s in document.sections if where and where in (s.heading.strip().lower(), (s.name or ""))), None
        )
        pages = _PAGES.search(where)
        if where in _TOP:
            placed.top.append(finding)
        elif section is not None:
            placed.sections.setdefault(section.start, []).append(finding)
        elif pages and document.pages:
            first = int(pages.group(1).replace(" ", "").split(",")[0])
            placed.pages.setdefault(first, []).append(finding)
    return placed


@dataclass(frozen=True)
class _Mark:
    """A range of the text to wrap: a mask (replaced), a no-credit span, or a matched term."""

    start: int
    end: int
    kind: str  # "mask" | "nocredit" | "match"
    open: str
    close: str = ""
    replace: str | None = None  # a mask's text

    @property
    def rank(self) -> int:
        return {"mask": 0, "nocredit": 1, "match": 2}[self.kind]


def _marks(result: Result, document: Document) -> list[_Mark]:
    text = document.text
    marks = [
        _Mark(m.start(), m.end(), "mask", "<span class=masked title='masked'>", "</span>", "[email]")
        for m in EMAIL.finditer(text)
    ]
    masked_text = EMAIL.sub(lambda m: "\0" * len(m.group()), text)  # phones found as redact() finds them
    marks += [
        _Mark(start, end, "mask", "<span class=masked title='masked'>", "</span>", "[phone]")
        for start, end in phone_numbers(masked_text)
    ]
    for finding in result.checks:
        note = NO_CREDIT.get(finding.id, "This text earns no credit")
        marks += [
            _Mark(start, end, "nocredit", f"<span class=nocredit title='{esc(note)}'>", "</span>")
            for start, end in finding.uncredited
        ]
    for term in result.terms:
        for o in term.occurrences:
            status = STATUS_BY_FORM[o.form]
            title = f"{term.term.name} ({STATUS_LABEL[status]}, {term.term.importance}, {term.term.category})"
            marks.append(
                _Mark(
                    o.start,
                    o.end,
                    "match",
                    f"<mark class='m {status}' data-term='{esc(term.term.name)}' title='{esc(title)}'>",
                    "</mark>",
                )
            )
    return sorted(marks, key=lambda m: (m.start, -m.end, m.rank))


def _render_range(text: str, start: int, end: int, marks: list[_Mark]) -> str:
    """text[start:end] as HTML with the marks inside it nested (a mark that overlaps the one it starts in is
    cut at that one's end, so every mark stays one element)."""
    out: list[str] = []
    stack: list[_Mark] = []
    pos = start

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            if top.replace is None:
                out.append(esc(text[pos : top.end]))
            pos = max(pos, top.end)
            out.append(top.close)

    for mark in marks:
        if mark.end <= start or mark.start >= end:
            continue
        close_until(mark.start)
        if stack and stack[-1].replace is not None:
            continue  # inside a masked email or phone: nothing of it is shown
        mark_end = min(mark.end, end, *(m.end for m in stack))
        if mark.start < pos:
            continue
        out.append(esc(text[pos : mark.start]))
        pos = mark.start
        out.append(mark.open)
        if mark.replace is not None:
            out.append(esc(mark.replace))
            pos = mark_end
        stack.append(_Mark(mark.start, mark_end, mark.kind, mark.open, mark.close, mark.replace))
    close_until(end)
    out.append(esc(text[pos:end]))
    return "".join(out)


def _document(result: Result, placed: _Placed) -> str:
    document = result.document
    if document is None:
        return "<p class=note>The extracted text was not kept for this result.</p>"
    if not document.text.strip():
        return "<div class=page><p class=note>An ATS gets no text from this file: there is nothing to show.</p></div>"
    marks = _marks(result, document)
    out: list[str] = []
    if placed.top:
        out += [_finding(f) for f in placed.top]
    sections = {s.start: s for s in document.sections}
    page: int | None = None
    source = "body"
    offset = 0
    opened = False
    for line in document.text.split("\n"):
        stripped = line.lstrip()
        first = offset + len(line) - len(stripped)
        span = document.span_at(first) if stripped else None
        if span is not None and span.page is not None and span.page != page:
            if opened:
                out.append("</div>")
            page = span.page
            out.append(f"<div class=page data-page={page}><div class=pageno>Page {page}</div>")
            out += [_finding(f) for f in placed.pages.get(page, [])]
            opened = True
        elif not opened:
            out.append("<div class=page>")
            opened = True
        line_source = span.source if span else source
        if offset in sections:
            out += [_finding(f) for f in placed.sections.get(offset, [])]
            section = sections[offset]
            tag = f"standard section: {section.name}" if section.name else "not a standard section name"
            out.append(
                f"<div class='line heading'>{_render_range(document.text, offset, offset + len(line), marks)}"
                f" <span class=sectag>{esc(tag)}</span></div>"
            )
        elif not stripped:
            out.append("<div class='line blank'></div>")
        else:
            classes = "line" if line_source == "body" else f"line src src-{line_source}"
            label = ""
            if line_source != "body" and line_source != source:
                label = f"<span class=srctag title='{esc(SOURCE_NOTE[line_source])}'>{SOURCE_LABEL[line_source]}</span>"
            note = f" title='{esc(SOURCE_NOTE[line_source])}'" if line_source != "body" else ""
            out.append(
                f"<div class='{classes}'{note}>{label}"
                f"{_render_range(document.text, offset, offset + len(line), marks)}</div>"
            )
        if stripped:
            source = line_source
        offset += len(line) + 1
    if opened:
        out.append("</div>")
    return "".join(out)


CSS = """
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f8fafc;--card:#fff;--ok:#047857;--bad:#b91c1c;
--exact:#bbf7d0;--exact-b:#16a34a;--alias:#fde68a;--alias-b:#d97706;--fuzzy:#fecaca;--fuzzy-b:#dc2626}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif}
header.top{background:#111827;color:#f9fafb;padding:14px 28px}
header.top h1{margin:0;font-size:18px;font-weight:600;word-break:break-all}
.legend{margin:6px 0 0;font-size:13px;color:#d1d5db}.legend .key{margin-right:14px;white-space:nowrap}
section{background:var(--card);margin:18px 28px;padding:18px 22px;border:1px solid var(--line);border-radius:10px}
h2{margin:0 0 12px;font-size:20px}h2 .file{word-break:break-all}h2 .role{color:var(--muted);font-weight:400;
font-size:15px}
h3{font-size:15px;margin:18px 0 8px}h3 small{color:var(--muted);font-weight:400}h4{margin:10px 0 4px;font-size:13px;
text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.verdict{display:flex;gap:22px;align-items:center;flex-wrap:wrap;padding:12px 16px;border-radius:8px;
border-left:6px solid var(--ok);background:#ecfdf5}
.verdict.fail{border-left-color:var(--bad);background:#fef2f2}
.score b{font-size:40px;line-height:1}.score small{color:var(--muted);margin-left:4px}
.big{font-weight:700;margin:0;font-size:17px}.verdict.pass .big{color:var(--ok)}.verdict.fail .big{color:var(--bad)}
.verdict p{margin:2px 0}.parts{flex:1;min-width:300px}
.bar{display:flex;align-items:center;gap:10px;margin:3px 0;font-size:14px}.bar .label{width:230px}
.meter{display:inline-block;width:160px;height:9px;background:#e5e7eb;border-radius:5px;overflow:hidden;
vertical-align:middle}.meter span{display:block;height:100%;background:#10b981}
.note{color:var(--muted);font-size:12.5px;margin:4px 0 0}.reason{flex-basis:100%}
.context{margin:8px 0 0;font-size:14px}
details.areas{margin-top:10px;font-size:14px}details.areas summary{cursor:pointer;color:#374151}
.checklist th{text-align:left;vertical-align:top}.checklist td{vertical-align:top}.checklist .silent{color:#92400e}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:22px;margin-top:16px}
@media (max-width:1000px){.layout{grid-template-columns:1fr}}
.doc{font-size:14px}
.page{border:1px solid var(--line);border-radius:6px;padding:14px 18px 18px;margin-bottom:14px;background:#fff;
box-shadow:0 1px 2px rgba(0,0,0,.04)}
.pageno{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em;margin-bottom:6px}
.line{white-space:pre-wrap;overflow-wrap:anywhere;min-height:1.2em}
.line.heading{font-weight:700;margin-top:10px;border-bottom:1px solid var(--line)}
.sectag{font-weight:400;font-size:11.5px;color:#7c3aed;background:#f5f3ff;border-radius:4px;padding:0 5px;
margin-left:6px;white-space:nowrap}
.src{border-left:3px solid #60a5fa;padding-left:8px;background:#eff6ff}
.src-header,.src-footer{border-left-color:#a78bfa;background:#f5f3ff}.src-textbox{border-left-color:#f59e0b;
background:#fffbeb}
.srctag{font-size:11px;background:#dbeafe;color:#1e40af;border-radius:4px;padding:0 5px;margin-right:6px;
white-space:nowrap}
mark.m{border-radius:3px;padding:0 1px;color:inherit;border-bottom:2px solid}
mark.exact{background:var(--exact);border-color:var(--exact-b)}
mark.alias{background:var(--alias);border-color:var(--alias-b)}
mark.fuzzy{background:var(--fuzzy);border-color:var(--fuzzy-b)}
mark.implied{background:var(--alias);border-color:var(--fuzzy-b);border-bottom-style:dotted}
.nocredit{text-decoration:line-through;text-decoration-color:#dc2626;color:#6b7280;
background:repeating-linear-gradient(45deg,#f3f4f6,#f3f4f6 4px,#e5e7eb 4px,#e5e7eb 8px)}
.legend .nocredit{color:#111827;padding:0 3px}.legend mark.m,.legend .srctag{color:#111827}
.masked{color:var(--muted);font-style:italic}
aside{font-size:14px}aside ul{list-style:none;margin:0;padding:0}
li.gap{padding:4px 0;border-bottom:1px dashed var(--line)}li.gap .fix{display:block}
.tag{font-size:11px;border-radius:4px;padding:1px 6px;text-transform:uppercase;letter-spacing:.03em}
.tag.missing{background:#fee2e2;color:#991b1b}.tag.alias{background:var(--alias)}.tag.fuzzy{background:var(--fuzzy)}.tag.implied{background:var(--alias)}
.imp{font-size:11.5px;color:var(--muted)}.imp.required{color:var(--bad);font-weight:600}
.fix{color:#374151;font-size:13px}
.finding{border-left:4px solid #9ca3af;background:#f9fafb;padding:6px 10px;margin:8px 0;border-radius:4px;
font-size:13.5px}.finding p{margin:2px 0}
.finding.error{border-left-color:var(--bad);background:#fef2f2}.finding.warning{border-left-color:#d97706;
background:#fffbeb}.finding.info{border-left-color:#3b82f6;background:#eff6ff}
.finding .where{color:var(--muted);font-weight:400}
.blockers{margin-top:14px}.blockers h3{color:var(--bad)}
.blocker{color:var(--bad);font-weight:600}
table.grid{border-collapse:collapse;font-size:14px}table.grid th,table.grid td{border-bottom:1px solid var(--line);
padding:4px 10px;text-align:left}table.grid th{background:#f3f4f6}
td.num{text-align:right;font-variant-numeric:tabular-nums}td.flag{color:var(--bad);font-weight:600;
text-align:center}
tr.error td{color:var(--bad)}
.badge{border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600}.badge.pass{background:#d1fae5;
color:var(--ok)}.badge.fail{background:#fee2e2;color:var(--bad)}
.scroll{overflow-x:auto}
.matrix-table th.req{vertical-align:bottom;height:170px;padding:4px 2px;white-space:nowrap}
.matrix-table th.req span{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:400;font-size:12.5px}
.matrix-table th.req.required span{font-weight:700}
.matrix-table td.cell{text-align:center;padding:3px 5px;cursor:default}
td.cell.exact{background:#dcfce7;color:#166534}td.cell.alias{background:#fef9c3;color:#854d0e}
td.cell.fuzzy{background:#ffedd5;color:#9a3412}td.cell.implied{background:#fef9c3;color:#854d0e}td.cell.missing{color:#d1d5db}
th.cand{font-weight:400;white-space:nowrap}
a{color:#1d4ed8}
.run-note{margin:10px 28px 0;color:var(--muted);font-size:13.5px}.run-note.weakened{color:#92400e;font-weight:600}
footer{color:var(--muted);font-size:12.5px;margin:8px 28px 28px}
@media print{body{background:#fff}section{border:none;margin:0 0 12px}.layout{grid-template-columns:1fr 300px}}
"""
