"""The HTML report: self-contained, escaped, private, and faithful to the results it shows."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import MLOPS_TEXT, REPO, make_docx, make_pdf
from docx.shared import RGBColor

from atscheck import runner
from atscheck.model import Result
from atscheck.outcome import Run
from atscheck.report import ReportOptions, get_format, number
from atscheck.request import Request
from atscheck.score import to_do

EXAMPLE = REPO / "examples" / "mlops-engineer-resume.pdf"


def run_of(*paths: Path, **options: object) -> Run:
    return runner.run(Request(paths=paths, keep_documents=True, **options))  # type: ignore[arg-type]


def html_of(run: Run) -> str:
    return get_format("html").render(run)


class Tree(HTMLParser):
    """Counts what a browser would build: elements opened and closed, scripts, outside references."""

    VOID = frozenset({"meta", "br", "img", "input", "link", "hr", "col", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: dict[str, int] = {}
        self.references: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        values = dict(attrs)
        for name in ("src", "srcset", "data", "action"):
            if name in values:
                self.references.append(f"{tag} {name}={values[name]}")
        if values.get("href") and not str(values["href"]).startswith("#"):
            self.references.append(f"{tag} href={values['href']}")
        if tag == "mark" and "data-term" in values:  # a match (the legend's samples have no term)
            self.marks.append(values)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert not tree.errors and tree.stack == [], (tree.errors, tree.stack)
    return tree


def matched(result: Result) -> int:
    return sum(t.count for t in result.terms)


def test_example_report_is_self_contained_and_marks_every_match() -> None:
    run = run_of(EXAMPLE)
    page = html_of(run)
    tree = parse(page)
    assert tree.tags.get("script", 0) == 0 and tree.tags.get("link", 0) == 0 and tree.references == []
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert "default-src 'none'" in page  # a browser loads nothing for it, and runs no script
    result = run.results[0]
    assert len(tree.marks) == matched(result) > 0
    # Each highlight says which term it is and how it was found.
    for mark in tree.marks:
        assert mark["data-term"] and mark["title"] and mark["title"].startswith(mark["data-term"])
        assert mark["class"] in ("m exact", "m alias", "m implied", "m fuzzy")
    aliases = {t.term.name for t in result.terms if any(o.form == "alias" for o in t.occurrences)}
    assert aliases and aliases == {m["data-term"] for m in tree.marks if m["class"] == "m alias"}
    required = result.parts.required  # type: ignore[union-attr]
    assert f"<b>{number(result.score or 0)}</b>" in page
    assert f"{required.found} of {required.total} found" in page and f"{number(required.percent)}% credit" in page
    assert page.count("class='gap ") == len(to_do(result.terms))
    assert "Page 1" in page and "standard section: experience" in page


def test_resume_text_is_escaped_and_contacts_masked(tmp_path: Path) -> None:
    hostile = [
        *MLOPS_TEXT,
        "<script>window.pwned = 1</script> </div></section></body> <img src=x onerror=alert(1)>",
        "Tom & Jerry's \"quoted\" 'title' <b>bold</b>",
    ]
    run = run_of(make_pdf(tmp_path / "hostile.pdf", [hostile]))
    page = html_of(run)
    tree = parse(page)
    assert tree.tags.get("script", 0) == 0 and tree.tags.get("img", 0) == 0 and tree.tags.get("b", 0) > 0
    text = "".join(tree.text)
    assert "<script>window.pwned = 1</script> </div></section></body>" in text  # shown as text, intact
    assert "Tom & Jerry's \"quoted\" 'title' <b>bold</b>" in text
    assert "jordan@example.com" not in page and "555-0100" not in page and "[email]" in text and "[phone]" in text
    assert len(tree.marks) == matched(run.results[0])


def test_statuses_sources_and_uncredited_text(tmp_path: Path) -> None:
    def build(document) -> None:
        for line in MLOPS_TEXT:
            document.add_paragraph(line.replace("Kubernetes", "K8s").replace("Terraform", "Terrafrom"))
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Tools"
        table.cell(0, 1).text = "Grafana, Prometheus"
        run = document.add_paragraph().add_run("Databricks OpenTelemetry Pulumi")
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    run = run_of(make_docx(tmp_path / "mixed.docx", build))
    result = run.results[0]
    tree = parse(html_of(run))
    classes = {str(m["class"]) for m in tree.marks}
    assert {"m alias", "m fuzzy", "m exact"} <= classes
    assert len(tree.marks) == matched(result)
    page = html_of(run)
    assert "src src-table" in page and ">table</span>" in page
    nocredit = re.search(r"<span class=nocredit title='([^']*)'>([^<]*)</span>", page)
    assert nocredit and "no credit" in nocredit.group(1) and "Databricks" in nocredit.group(2)
    # The hidden-text finding is a blocker, shown once above the text.
    assert page.count("data-check='hidden-text'") == 1


def test_findings_sit_where_they_concern(tmp_path: Path) -> None:
    lines = [*MLOPS_TEXT[:5], "MLOps Engineer, Acme Corp", "- Built things.", *MLOPS_TEXT[10:]]
    page = html_of(run_of(make_pdf(tmp_path / "undated.pdf", [lines])))
    dates = page.index("data-check='dates'")
    assert page.index("<div class=page data-page=1>") < dates < page.index("standard section: experience")


def test_several_resumes_rank_link_and_matrix(tmp_path: Path) -> None:
    folder = tmp_path / "applicants"
    folder.mkdir()
    make_pdf(folder / "strong.pdf", [MLOPS_TEXT])
    make_pdf(folder / "weak.pdf", [MLOPS_TEXT[:6]])
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    run = run_of(folder)
    page = html_of(run)
    tree = parse(page)
    anchors = set(re.findall(r" id=(r\d+)", page))
    links = re.findall(r"href='#(r\d+)'", page)
    assert links and set(links) <= anchors and len(anchors) == 3
    assert page.index("strong.pdf</a>") < page.index("weak.pdf</a>")  # ranked
    assert "could not be read" in page
    matrix = run.matrices[0]
    assert page.count("<td class='cell ") == len(matrix.rows) * len(matrix.columns) == 2 * len(matrix.columns)
    assert re.search(r"<td class='cell exact' title='Docker: exact, “[^']*Docker", page)
    assert len(tree.marks) == sum(matched(r) for r in run.results if r.error is None)


def test_csv_matrix(tmp_path: Path) -> None:
    folder = tmp_path / "applicants"
    folder.mkdir()
    make_pdf(folder / "a.pdf", [MLOPS_TEXT])
    make_pdf(folder / "b.pdf", [[line.replace("Kubernetes", "K8s") for line in MLOPS_TEXT[:8]]])
    run = run_of(folder)
    rows = list(csv.reader(io.StringIO(get_format("csv", ReportOptions(matrix=True)).render(run))))
    header = rows[0]
    assert header[:4] == ["rank", "file", "role", "score"] and "Docker" in header and "Kubernetes" in header
    assert len(rows) == 3 and all(len(row) == len(header) for row in rows)
    cells = {row[1].rsplit("/", 1)[-1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert cells["a.pdf"]["Kubernetes"] == "exact" and cells["b.pdf"]["Kubernetes"] == "alias"
    assert cells["b.pdf"]["Apache Airflow"] == "missing"
    assert set(header[4:]) == {gap.label for gap in run.matrices[0].columns}


def test_the_page_says_what_weakens_the_checks(tmp_path: Path) -> None:
    run = run_of(make_pdf(tmp_path / "r.pdf", [MLOPS_TEXT]), skip_checks=("images",), min_score=10.0)
    notes = re.findall(r"<p class='run-note weakened'>([^<]*)</p>", html_of(run))
    assert any("images" in note for note in notes) and any("lowered to 10" in note for note in notes)
