"""Text that is not atscheck's reaches a terminal, a CI log, a spreadsheet or a renderer as the text it is
(issue 30, items 9 to 13): rich markup in a name is neither a link nor blinking text nor a crash; a name's
control characters and newlines are shown, never acted on (no `::warning` line for GitHub Actions); Markdown
carries no tag, image or link from a file; no CSV cell becomes a formula, however a spreadsheet splits it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import invoke, make_docx
from hostile_helpers import _PLAIN

import atscheck
from atscheck.report import ReportOptions, get_format

MARKUP_NAMES = [
    "[link=https://evil.example/x]click me[/link].md",  # a folder "[link=https:" holds the rest
    "[blink]blinking[/blink] cv.md",
    "a[/x]b.txt",  # a closing tag that was never opened: rich raised MarkupError
    "[bold red]red[/] :warning: cv.txt",
]
POSTING = (
    "[link=https://evil.example]Senior MLOps Engineer[/link] [blink]now[/blink] <img src=https://t.example/p.png>\n\n"
    "Requirements\n- 5+ years of Python, Kubernetes, Docker and Terraform\n- MLflow, Airflow, AWS and CI/CD\n"
)
OSC8, BLINK = "\x1b]8;", "\x1b[5m"


def _files(folder: Path, names: list[str], text: str = _PLAIN) -> list[Path]:
    paths = []
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------- item 9: rich markup is text


def test_markup_in_names_and_posting_titles_is_shown_as_written(tmp_path: Path) -> None:
    paths = _files(tmp_path / "resumes", MARKUP_NAMES)
    posting = tmp_path / "[blink]posting.txt"  # its name is the role's id: jd:[blink]posting.txt
    posting.write_text(POSTING, encoding="utf-8")
    runs = {
        "batch": atscheck.run(atscheck.Request(paths=(tmp_path / "resumes",))),
        "role all": atscheck.run(atscheck.Request(paths=(paths[2],), roles=("all",))),
        "posting": atscheck.run(atscheck.Request(paths=(paths[0],), postings=(str(posting),))),
        "batch and posting": atscheck.run(atscheck.Request(paths=tuple(paths), postings=(str(posting),))),
    }
    for name, run in runs.items():
        for options in (
            ReportOptions(color=True, width=200),
            ReportOptions(color=True, width=200, full=True),
            ReportOptions(color=True, width=200, quiet=True),
        ):
            output = get_format("console", options).render(run)
            assert OSC8 not in output and BLINK not in output, (name, options)
            plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
            shown = "a[/x]b.txt" if name == "role all" else "[blink]blinking[/blink] cv.md"
            assert shown in plain or "[link=https:/evil.example" in plain, (name, options, plain[:400])
            if "posting" in name:
                assert "jd:[blink]posting.txt" in plain, (name, options)
    assert ":warning:" in get_format("console", ReportOptions(width=200)).render(runs["batch"])  # no emoji code


def test_a_name_that_is_a_broken_tag_is_no_crash_anywhere(tmp_path: Path) -> None:
    [path] = _files(tmp_path, ["a[/x]b.txt"])
    for args in ((), ("--full",), ("--role", "all"), ("--role", "all", "--full"), ("-q",), ("--show-text",)):
        result = invoke(path, *args)
        assert result.exit_code in (0, 1) and "Traceback" not in result.output and "a[/x]b.txt" in result.output, args
    missing = invoke(tmp_path / "[blink]x[/blink].txt", "--profile", tmp_path / "[bold]p[/bold].toml")
    assert missing.exit_code == 2 and "[bold]p[/bold].toml" in missing.output


# ---------------------------------------------------------------- items 10 and 11: controls and newlines


CONTROL_NAME = "bad\x1b]0;PWNED\x07\x1b[2J.pdf"
NEWLINE_NAME = "cv\n::warning file=x::pwned.md"


@pytest.mark.parametrize("args", [("--format", "json"), ("--format", "csv"), ("--format", "markdown"), ("-o", "r.txt")])
def test_an_unreadable_files_name_reaches_stderr_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(CONTROL_NAME).write_bytes(b"%PDF-1.7 not really")
    Path(NEWLINE_NAME.replace("cv", "broken")).write_bytes(b"%PDF-1.7 not really")
    result = invoke(".", *args)
    assert result.exit_code == 3
    assert not any(c in result.stderr for c in "\x1b\x07") and "bad␛]0;PWNED␇␛[2J.pdf" in result.stderr
    assert not any(line.startswith("::") for line in result.stderr.splitlines()), result.stderr


@pytest.mark.parametrize(
    "args", [("--format", "short"), ("-q",), (), ("--full",), ("--format", "csv"), ("--format", "markdown")]
)
def test_no_name_starts_a_line_of_a_ci_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """GitHub Actions obeys a line of a log that starts with `::`; a file name must not be able to write one."""
    monkeypatch.chdir(tmp_path)
    _files(tmp_path, [NEWLINE_NAME, "cv\r::error::x.md", "cv\u2028::notice::x.md"], "weak")
    _files(tmp_path, [NEWLINE_NAME.replace(".md", "-2.md")])
    for target in ((".",), (NEWLINE_NAME,)):
        result = invoke(*target, *args)
        assert result.exit_code in (1, 3), result.output
        for line in (result.stdout + result.stderr).splitlines():
            assert not line.lstrip().startswith("::"), (args, line)
        if "--full" not in args:  # (the full ranking's table wraps a long name over its cell's lines)
            assert "cv␊::warning file=x::pwned.md" in result.output, (args, result.output[:600])


# ---------------------------------------------------------------- item 12: Markdown holds no markup from a file


def _rendered(markdown: str) -> str:
    from markdown_it import MarkdownIt  # rich's own dependency

    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)


def test_markdown_carries_no_tag_image_or_link_from_a_file(tmp_path: Path) -> None:
    hostile = "<img src=https://t.example/p.png> [x](https://evil.example) ![p](https://t.example/q.png) *b* `c`"

    def build(document) -> None:
        document.add_heading(hostile, level=1)
        for line in _PLAIN.splitlines():
            document.add_paragraph(line)

    folder = tmp_path / "x](https:" / "evil.example)"  # a name that is half a link
    folder.mkdir(parents=True)
    resume = make_docx(folder / "cv <img src=x> [y](z).docx", build)
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING.replace("[blink]", hostile + " [blink]"), encoding="utf-8")
    other = _files(tmp_path, ["resume <b>bold</b>.md"])[0]
    for args in ((resume,), (resume, "--jd", posting), (resume, other), (resume, other, "--jd", posting)):
        markdown = invoke(*args, "--format", "markdown").stdout
        html = _rendered(markdown)
        assert "<img" not in html and "<a " not in html and "<b>" not in html and "<em>" not in html, (args, html)
        assert "<img" not in markdown.replace("\\<img", ""), args
        assert "x\\](https:" in markdown and "[y\\](z)" in markdown, args  # shown as written, never a link


def test_markdown_of_an_honest_run_reads_as_before(tmp_path: Path) -> None:
    [path] = _files(tmp_path, ["my_resume-2024.md"])
    markdown = invoke(path, "--format", "markdown").stdout
    assert f"## {path} · MLOps Engineer (`mlops-engineer`)" in markdown  # intraword _ and - stay as written


# ---------------------------------------------------------------- item 13: no formula, however the sheet splits


@pytest.mark.parametrize(
    "name", ["x;=1+2;y.md", "x\t=1+2\ty.md", ";@SUM(A1);.md", "x,=HYPERLINK(1),y.md", "=1+2.md", "a;-1;b.md"]
)
def test_no_csv_cell_becomes_a_formula_when_a_spreadsheet_splits_it(tmp_path: Path, name: str) -> None:
    _files(tmp_path, [name, "other.md"])
    output = invoke(tmp_path, "--format", "csv").stdout
    matrix = invoke(tmp_path, "--format", "csv", "--matrix").stdout
    for text in (output, matrix):
        for delimiter in (",", ";", "\t"):
            for row in csv.reader(io.StringIO(text), delimiter=delimiter):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (delimiter, cell)
    files = {row["file"].replace("'", "") for row in csv.DictReader(io.StringIO(output))}
    assert str(tmp_path / name) in files  # the name itself, with only the guards added
    results = json.loads(invoke(tmp_path, "--format", "json").stdout)["results"]
    assert str(tmp_path / name) in {result["file"] for result in results}  # JSON keeps the exact name
