"""The command line: exit codes, formats and messages, as a user meets them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, invoke, make_pdf

from atscheck import __version__

EXAMPLES = REPO / "examples"


def test_version_and_help() -> None:
    assert invoke("--version").stdout.strip() == f"atscheck {__version__}"
    result = invoke("--help")
    assert result.exit_code == 0
    assert "atscheck resume.pdf --role mlops-engineer" in result.stdout
    assert "Exit codes" in result.stdout


def test_list_roles() -> None:
    result = invoke("--list-roles")
    assert result.exit_code == 0 and "mlops-engineer" in result.stdout and "MLOps Engineer" in result.stdout


def test_console_report_on_the_example_passes(mlops_pdf: Path) -> None:
    result = invoke(mlops_pdf, "--role", "mlops-engineer")
    assert result.exit_code == 0, result.stdout
    for text in ("Score", "PASS", "to fix (required first", "MLOps Engineer", "--full"):
        assert text in result.stdout
    full = invoke(mlops_pdf, "--role", "mlops-engineer", "--full")
    for text in ("Score", "PASS", "Coverage by skill area", "Missing terms (required first)", "MLOps Engineer"):
        assert text in full.stdout
    assert invoke(mlops_pdf, "-v").stdout == full.stdout


def test_json_shape(mlops_pdf: Path) -> None:
    result = invoke(mlops_pdf, "--role", "mlops-engineer", "--format", "json")
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    entry = document["results"][0]
    assert {
        "file",
        "role",
        "profile",
        "score",
        "passed",
        "threshold",
        "score_parts",
        "terms",
        "checks",
        "warnings",
        "error",
    } <= set(entry)
    assert entry["role"] == "mlops-engineer" and entry["error"] is None
    assert entry["ranking_score"] == entry["score"]  # no keyword wall: ranked at its score
    assert set(entry["profile"]) == {"id", "title", "version"}
    term = next(t for t in entry["terms"] if t["name"] == "Kubernetes")
    assert {"name", "category", "kind", "importance", "status", "matched", "count"} <= set(term)
    assert term["status"] == "exact" and term["count"] >= 2
    assert set(term["matched"][0]) >= {"text", "page", "source", "section", "snippet"}
    assert term["matched"][0]["page"] == 1
    assert document["summary"]["count"] == 1
    assert "jordan@example.com" not in result.stdout and "555-0100" not in result.stdout


def test_markdown_has_the_same_content(mlops_pdf: Path) -> None:
    result = invoke(mlops_pdf, "--format", "markdown")
    assert result.exit_code == 0
    assert "## " in result.stdout and "| Skill area | Credit |" in result.stdout
    assert "### Missing terms (required first)" in result.stdout


def test_below_threshold_exits_1(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "chef.pdf", [["Head chef at a busy restaurant, menu planning and food safety."] * 5])
    result = invoke(path, "--role", "mlops-engineer")
    assert result.exit_code == 1
    assert "BELOW THRESHOLD" in result.stdout


def test_min_score_overrides_the_profile(mlops_pdf: Path) -> None:
    assert invoke(mlops_pdf, "--min-score", "100").exit_code == 1
    assert invoke(mlops_pdf, "--min-score", "0").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--role", "mlops-enginer"), "Did you mean 'mlops-engineer'"),
        (("--skip-check", "nope"), "Unknown check id"),
        (("--format", "xml"), "xml"),
    ],
)
def test_usage_errors_exit_2(mlops_pdf: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke(mlops_pdf, *args)
    assert result.exit_code == 2
    assert message in result.output


def test_malformed_profile_exits_2(mlops_pdf: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\ntitle = "X"\n[[terms]]\nname = "A"\n', encoding="utf-8")
    result = invoke(mlops_pdf, "--profile", bad)
    assert result.exit_code == 2
    assert "term #1 ('A'): 'category' is missing" in result.output


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (None, "missing", "No file at"),
        (b"", "empty", "The file is empty"),
        (b"%PDF-1.4\n garbage", "corrupt", "damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "unsupported", "Save it as PDF or DOCX"),
    ],
)
def test_unreadable_files_exit_3_with_one_clear_line(
    tmp_path: Path, content: bytes | None, code: str, message: str
) -> None:
    path = tmp_path / "my resume.pdf"
    if content is not None:
        path.write_bytes(content)
    result = invoke(path, "--format", "json")
    assert result.exit_code == 3
    entry = json.loads(result.stdout)["results"][0]
    assert entry["error"]["code"] == code and message in entry["error"]["message"] and entry["score"] is None
    console = invoke(path)
    assert console.exit_code == 3 and message in console.stdout and "Traceback" not in console.output


def test_image_only_file_is_a_result_with_a_finding(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 100, 100, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    result = invoke(path, "--format", "json")
    entry = json.loads(result.stdout)["results"][0]
    assert result.exit_code == 1
    assert entry["score"] == 0 and entry["error"] is None
    assert entry["checks"][0]["id"] == "no-text" and entry["checks"][0]["severity"] == "error"


def test_show_text_marks_sections_and_masks_contacts(mlops_pdf: Path) -> None:
    result = invoke(mlops_pdf, "--show-text")
    assert result.exit_code == 0
    assert "§ EXPERIENCE  (standard section: experience)" in result.stdout
    assert "Senior [[MLOps]] Engineer, Acme Corp" in result.stdout  # not a terminal: plain markers, for grep
    assert "[[Docker]], [[Kubernetes]]" in result.stdout and "\x1b[" not in result.stdout
    assert "jordan@example.com" not in result.stdout and "[email]" in result.stdout


def test_show_text_highlights_on_a_terminal_without_markers(mlops_pdf: Path) -> None:
    import io

    from rich.console import Console

    from atscheck import runner
    from atscheck.report import text
    from atscheck.request import Request

    result = runner.run(Request(paths=(mlops_pdf,), keep_documents=True)).results[0]
    out = io.StringIO()
    text.render(result, Console(file=out, force_terminal=True, width=200))
    assert "[[" not in out.getvalue() and "\x1b[" in out.getvalue()


def test_output_file_has_no_ansi_codes(mlops_pdf: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    invoke(mlops_pdf, "--output", out)
    text = out.read_text(encoding="utf-8")
    assert "Credit: required" in text and "\x1b[" not in text


def test_input_file_is_never_modified(mlops_pdf: Path) -> None:
    before = mlops_pdf.read_bytes()
    invoke(mlops_pdf, "--format", "json")
    assert mlops_pdf.read_bytes() == before


@pytest.mark.parametrize(
    "name", ["mlops-engineer-resume.pdf", "mlops-engineer-resume.docx", "mlops-engineer-resume.md"]
)
def test_bundled_examples_pass_with_the_same_score(name: str) -> None:
    entry = json.loads(invoke(EXAMPLES / name, "--format", "json").stdout)["results"][0]
    assert entry["passed"] is True
    reference = json.loads(invoke(EXAMPLES / "mlops-engineer-resume.md", "--format", "json").stdout)
    assert entry["score"] == reference["results"][0]["score"]


def test_python_dash_m_works(mlops_pdf: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "atscheck", str(mlops_pdf), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["results"][0]["passed"] is True


def test_show_text_says_a_heading_lives_in_a_text_box(tmp_path: Path) -> None:
    from conftest import MLOPS_TEXT, make_docx, textbox_xml
    from docx.oxml import parse_xml

    def build(document) -> None:
        for line in MLOPS_TEXT:
            document.add_paragraph(line)
        document.add_paragraph()._p.append(parse_xml(textbox_xml("Certifications")))

    result = invoke(make_docx(tmp_path / "box.docx", build), "--show-text")
    assert "§ Certifications  (standard section: certifications, in a text box)" in result.stdout
