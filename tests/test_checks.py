"""Each readability check: a generated file that fails it and one that passes it."""

from __future__ import annotations

from pathlib import Path

from conftest import MLOPS_TEXT, make_docx, make_pdf
from docx.shared import Pt, RGBColor

from atscheck.pipeline import Options, check_file
from atscheck.profiles import load_role

FILLER = "Delivered reliable services for customers across regions with careful planning and review. " * 30


def findings(path: Path) -> dict[str, list]:
    result = check_file(path, [load_role("mlops-engineer")], Options())[0]
    out: dict[str, list] = {}
    for finding in result.checks:
        out.setdefault(finding.id, []).append(finding)
    return out


def test_clean_resume_passes_the_layout_checks(tmp_path: Path) -> None:
    lines = [
        *MLOPS_TEXT,
        "CERTIFICATIONS",
        "Certified Kubernetes Administrator (CKA)",
        FILLER[:1500],
        "linkedin.com/in/jordan github.com/jordan",
    ]
    found = findings(make_pdf(tmp_path / "ok.pdf", [lines]))
    for check in (
        "no-text",
        "garbled-text",
        "hidden-text",
        "placeholder-text",
        "multi-column",
        "contact-info",
        "section-headings",
        "file",
    ):
        assert check not in found, (check, found.get(check))


def test_hidden_text_is_an_error_and_earns_no_credit(tmp_path: Path) -> None:
    def build(document) -> None:
        for line in MLOPS_TEXT:
            document.add_paragraph(line)
        run = document.add_paragraph().add_run("Kubeflow Databricks OpenTelemetry")
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        tiny = document.add_paragraph().add_run("Pulumi")
        tiny.font.size = Pt(1)

    path = make_docx(tmp_path / "stuffed.docx", build)
    found = findings(path)
    assert found["hidden-text"][0].severity == "error"
    assert "Databricks" in found["hidden-text"][0].message
    result = check_file(path, [load_role("mlops-engineer")])[0]
    status = {t.term.name: t.status for t in result.terms}
    assert status["Databricks"] == "missing" and status["Pulumi"] == "missing"
    assert status["Kubeflow"] == "exact"  # also written visibly in the skills line


def test_placeholder_text(tmp_path: Path) -> None:
    found = findings(make_pdf(tmp_path / "t.pdf", [[*MLOPS_TEXT, "Lorem ipsum dolor sit amet", "Company Name"]]))
    assert found["placeholder-text"][0].severity == "error"
    assert "Lorem ipsum" in found["placeholder-text"][0].message


def test_contact_info_missing_or_only_in_header(tmp_path: Path) -> None:
    no_contact = [line for line in MLOPS_TEXT if "@" not in line]
    found = findings(make_pdf(tmp_path / "n.pdf", [no_contact]))
    messages = " ".join(f.message for f in found["contact-info"])
    assert "No email address" in messages and "No phone number" in messages
    assert "jordan@example.com" not in messages

    def build(document) -> None:
        document.sections[0].header.paragraphs[0].text = "jordan@example.com | (512) 555-0100"
        for line in no_contact:
            document.add_paragraph(line)

    found = findings(make_docx(tmp_path / "h.docx", build))
    assert any("only in a header" in f.message for f in found["contact-info"])


def test_section_headings_missing_and_unusual(tmp_path: Path) -> None:
    path = tmp_path / "resume.md"
    body = f"# Jordan Example\n\n## My Journey\n\n{FILLER[:400]}\n\n## Skills\n\nPython, Docker\n\n"
    path.write_text(body + f"## Things I Love\n\n{FILLER[:300]}\n", encoding="utf-8")
    severities = {f.severity: f for f in findings(path)["section-headings"]}
    assert "Experience" in severities["warning"].message and "Education" in severities["warning"].message
    assert "Things I Love" in severities["info"].message and "My Journey" in severities["info"].message
    assert "Jordan Example" not in severities["info"].message


def test_multi_column_docx(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    def build(document) -> None:
        for line in MLOPS_TEXT:
            document.add_paragraph(line)
        sect = document.sections[0]._sectPr
        sect.append(
            parse_xml('<w:cols xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:num="2"/>')
        )

    assert findings(make_docx(tmp_path / "c.docx", build))["multi-column"][0].severity == "warning"


def test_length_too_short_and_too_long(tmp_path: Path) -> None:
    assert findings(make_pdf(tmp_path / "short.pdf", [MLOPS_TEXT]))["length"][0].severity == "warning"
    long_pages = [[*MLOPS_TEXT], [FILLER[:1500]], [FILLER[:1500]]]
    assert findings(make_pdf(tmp_path / "long.pdf", long_pages))["length"][0].severity == "info"


def test_file_extension_mismatch_and_text_format(tmp_path: Path) -> None:
    found = findings(make_docx(tmp_path / "resume.pdf", paragraphs=MLOPS_TEXT))
    assert any("extension" in f.message for f in found["file"])
    text = tmp_path / "resume.md"
    text.write_text("\n".join(MLOPS_TEXT), encoding="utf-8")
    assert findings(text)["file"][0].severity == "info"


def test_skip_check_turns_a_check_off(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "t.pdf", [[*MLOPS_TEXT, "Lorem ipsum"]])
    result = check_file(path, [load_role("mlops-engineer")], Options(skip_checks=("placeholder-text",)))[0]
    assert all(f.id != "placeholder-text" for f in result.checks)


def test_strict_fails_on_error_findings(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from atscheck.cli import app

    path = make_pdf(tmp_path / "t.pdf", [[*MLOPS_TEXT, "Lorem ipsum"]])
    runner = CliRunner()
    assert runner.invoke(app, [str(path), "--min-score", "0"]).exit_code == 0
    assert runner.invoke(app, [str(path), "--min-score", "0", "--strict"]).exit_code == 1
