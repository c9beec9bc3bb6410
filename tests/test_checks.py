"""Each readability check: a generated file that fails it and one that passes it."""

from __future__ import annotations

from pathlib import Path

from conftest import MLOPS_TEXT, make_docx, make_pdf, png_bytes, textbox_xml
from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor

from atscheck.core import check_file
from atscheck.profiles import load_role
from atscheck.request import Request

FILLER = "Delivered reliable services for customers across regions with careful planning and review. " * 30


def findings(path: Path) -> dict[str, list]:
    result = check_file(path, [load_role("mlops-engineer")], Request())[0]
    out: dict[str, list] = {}
    for finding in result.checks:
        out.setdefault(finding.id, []).append(finding)
    return out


def test_clean_resume_passes_the_layout_checks(tmp_path: Path) -> None:
    lines = [
        *MLOPS_TEXT[:8],
        "- Cut model release time from 2 days to 30 minutes for 12 teams.",
        "- Served 3 million predictions a day from 40 models.",
        "- Moved 25 teams onto one feature store.",
        *MLOPS_TEXT[10:],
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
        "tables-textboxes",
        "header-footer",
        "keyword-stuffing",
        "certifications",
        "spaced-letters",
        "images",
        "dates",
        "measurable-results",
        "not-english",
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
    # One piece of template text is one item, not one per phrase the pattern knows.
    assert "'Lorem ipsum dolor sit amet'" in found["placeholder-text"][0].message
    assert len(found["placeholder-text"]) == 1


def test_icon_glyphs_are_one_images_finding_not_garbled_text(tmp_path: Path) -> None:
    icons = "\n".join(["Jordan Example", "\uf0e0 jordan@example.com \uf095 (512) 555-0100", *MLOPS_TEXT[2:]])
    found = findings(_write(tmp_path / "icons.md", icons))
    assert "garbled-text" not in found
    assert [f.severity for f in found["images"]] == ["warning"]  # the icons stand for labels: said once
    bullets = "\n".join([*MLOPS_TEXT[:6], *("\ufffd " + line[2:] for line in MLOPS_TEXT[6:10]), *MLOPS_TEXT[10:]])
    found = findings(_write(tmp_path / "bullets.md", bullets))
    assert "garbled-text" not in found and "4 symbol(s) or icon(s)" in found["images"][0].message
    broken = "\n".join(line.replace("e", "\ue001") for line in [*MLOPS_TEXT, FILLER])
    found = findings(_write(tmp_path / "broken.md", broken))
    assert found["garbled-text"][0].severity == "error" and "images" not in found


def test_not_english_is_said_once_and_scored_as_it_is(tmp_path: Path) -> None:
    spanish = (
        "Ingeniero de datos con experiencia en la nube y en el despliegue de modelos. Trabajo con Python, "
        "Docker y Kubernetes para los equipos de la empresa, con pruebas y revisiones para cada cambio. "
    ) * 4
    found = findings(_write(tmp_path / "es.md", "\n".join(["Ana Pérez", "EXPERIENCIA", spanish])))
    assert [f.severity for f in found["not-english"]] == ["info"]
    chinese = "数据工程师，负责机器学习平台。使用 Python 和 Docker 部署模型，维护 Kubernetes 集群和数据管道。" * 10
    words = " ".join(["工程师"] * 60)
    found = findings(_write(tmp_path / "zh.md", "\n".join(["张伟", chinese, words])))
    assert "not Latin letters" in found["not-english"][0].message
    result = check_file(tmp_path / "zh.md", [load_role("mlops-engineer")])[0]
    assert result.score is not None and result.score > 0  # scored as it is: Python, Docker, Kubernetes
    english = "\n".join([*MLOPS_TEXT, FILLER[:600]])
    assert "not-english" not in findings(_write(tmp_path / "en.md", english))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


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
    assert all(f.severity == "info" for f in found["contact-info"])  # header-footer says it, once
    assert "email address and phone number appear only in the page header" in found["header-footer"][0].message

    def boxed(document) -> None:
        document.add_paragraph()._p.append(parse_xml(textbox_xml("jordan@example.com")))
        for line in no_contact:
            document.add_paragraph(line)

    found = findings(make_docx(tmp_path / "b.docx", boxed))
    assert any("email address appears only in a text box" in f.message for f in found["contact-info"])


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
    result = check_file(path, [load_role("mlops-engineer")], Request(skip_checks=("placeholder-text",)))[0]
    assert all(f.id != "placeholder-text" for f in result.checks)


def test_strict_fails_on_error_findings(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from atscheck.cli import app

    path = make_pdf(tmp_path / "t.pdf", [[*MLOPS_TEXT, "Lorem ipsum"]])
    runner = CliRunner()
    assert runner.invoke(app, [str(path), "--min-score", "0"]).exit_code == 0
    assert runner.invoke(app, [str(path), "--min-score", "0", "--strict"]).exit_code == 1


def _status(path: Path) -> dict[str, str]:
    result = check_file(path, [load_role("mlops-engineer")])[0]
    return {t.term.name: t.status for t in result.terms}


def test_tables_and_text_boxes_name_the_terms_only_there(tmp_path: Path) -> None:
    def build(document) -> None:
        for line in MLOPS_TEXT:
            document.add_paragraph(line)
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Platforms"
        table.cell(0, 1).text = "Databricks, Kubernetes"
        document.add_paragraph()._p.append(parse_xml(textbox_xml("Vertex AI pipelines")))

    finding = findings(make_docx(tmp_path / "t.docx", build))["tables-textboxes"][0]
    assert finding.severity == "warning" and finding.where == "tables and text boxes"
    assert "Databricks" in finding.message and "Vertex AI" in finding.message
    assert "Kubernetes" not in finding.message.split("only there:")[1]  # also in the body
    assert "tables-textboxes" not in findings(make_docx(tmp_path / "ok.docx", paragraphs=MLOPS_TEXT))


def test_header_footer_in_a_docx_and_in_a_pdf_margin(tmp_path: Path) -> None:
    def build(document) -> None:
        document.sections[0].footer.paragraphs[0].text = "Databricks certified | Page 1"
        for line in MLOPS_TEXT:
            document.add_paragraph(line)

    finding = findings(make_docx(tmp_path / "f.docx", build))["header-footer"][0]
    assert "Databricks" in finding.message and finding.where == "footer"

    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.set_y(5)
    pdf.cell(0, 5, "jordan@example.com | (512) 555-0100")
    pdf.set_y(35)
    for line in MLOPS_TEXT[2:]:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "margin.pdf"))
    found = findings(tmp_path / "margin.pdf")
    assert "email address and phone number appear only in the page header" in found["header-footer"][0].message
    assert "header-footer" not in findings(make_pdf(tmp_path / "ok.pdf", [MLOPS_TEXT]))


def test_running_footer_repeated_on_every_page_is_a_footer(tmp_path: Path) -> None:
    from fpdf import FPDF

    class WithFooter(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.cell(0, 5, f"Jordan Example - Kubeflow - Page {self.page_no()}")

    pdf = WithFooter(format="Letter")
    pdf.set_font("Helvetica", size=10)
    for page in ([line.replace("Kubeflow, ", "") for line in MLOPS_TEXT], ["PROJECTS", FILLER[:90]]):
        pdf.add_page()
        for line in page:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "running.pdf"))
    from atscheck.extract import extract

    document = extract(tmp_path / "running.pdf")
    footers = [span for span in document.spans if span.source == "footer"]
    assert {span.page for span in footers} == {1, 2}
    assert "Kubeflow" in findings(tmp_path / "running.pdf")["header-footer"][0].message


def test_keyword_stuffing_repeats_and_bare_blocks(tmp_path: Path) -> None:
    honest = [*MLOPS_TEXT, *(f"- Ran Kubernetes cluster number {n}." for n in range(9))]
    assert "keyword-stuffing" not in findings(make_pdf(tmp_path / "h.pdf", [honest]))  # once per bullet
    crowded = [*MLOPS_TEXT, "AWS EC2, AWS S3, AWS Lambda, AWS IAM, AWS VPC, AWS RDS, AWS EKS"]
    finding = findings(make_pdf(tmp_path / "r.pdf", [crowded]))["keyword-stuffing"][0]
    assert finding.severity == "warning" and finding.message.startswith("'AWS' is written 7 times on one line")
    words = [f"Keyword{n}" for n in range(45)]
    block = [*MLOPS_TEXT, ", ".join(words[:15]), ", ".join(words[15:30]), ", ".join(words[30:])]
    assert "block of 45 keywords" in findings(make_pdf(tmp_path / "b.pdf", [block]))["keyword-stuffing"][0].message
    labelled = [*MLOPS_TEXT, *(f"Group {n}: " + ", ".join(words[n * 9 : n * 9 + 9]) for n in range(5))]
    assert "keyword-stuffing" not in findings(make_pdf(tmp_path / "ok.pdf", [labelled]))


def test_a_keyword_wall_keeps_its_score_but_not_its_ranking(tmp_path: Path) -> None:
    profile = load_role("mlops-engineer")
    fewer = MLOPS_TEXT[:6] + MLOPS_TEXT[10:]  # a real resume with fewer of the role's terms than the wall
    honest = check_file(make_pdf(tmp_path / "honest.pdf", [fewer]), [profile])[0]
    wall = ", ".join(t.name for t in profile.terms if t.kind != "certification")
    lines = [*MLOPS_TEXT[:3], "Engineer.", "SKILLS", *(wall[i : i + 90] for i in range(0, len(wall), 90))]
    stuffed = check_file(make_pdf(tmp_path / "stuffed.pdf", [lines]), [profile])[0]
    assert "keyword-stuffing" in {f.id for f in stuffed.checks}
    assert stuffed.score is not None and honest.score is not None and stuffed.score > honest.score
    assert stuffed.ranking_score is not None and stuffed.ranking_score < honest.score
    assert honest.ranking_score == honest.score


def test_certifications_belong_in_their_section_on_page_one(tmp_path: Path) -> None:
    in_summary = [*MLOPS_TEXT, "Certified Kubernetes Administrator (CKA) since 2022."]
    finding = findings(make_pdf(tmp_path / "s.pdf", [in_summary]))["certifications"][0]
    assert finding.severity == "info" and "Certified Kubernetes Administrator" in finding.message
    late = findings(make_pdf(tmp_path / "late.pdf", [MLOPS_TEXT, ["CERTIFICATIONS", "CKA, 2023"]]))
    assert "after page 1" in late["certifications"][0].message
    ok = [*MLOPS_TEXT, "CERTIFICATIONS", "Certified Kubernetes Administrator (CKA), 2023"]
    assert "certifications" not in findings(make_pdf(tmp_path / "ok.pdf", [ok]))


def test_spaced_letters_are_found_and_earn_no_credit(tmp_path: Path) -> None:
    lines = [line.replace("Kubeflow, ", "") for line in MLOPS_TEXT]
    broken = [*lines, "S K I L L S", "Tools: Kube flow, Databricks, Data bricks"]
    path = make_pdf(tmp_path / "spaced.pdf", [broken])
    finding = findings(path)["spaced-letters"][0]
    assert finding.severity == "warning"
    assert "'S K I L L S'" in finding.message and "'Kube flow'" in finding.message
    status = _status(path)
    assert status["Kubeflow"] == "missing" and status["Databricks"] == "exact"  # also written whole
    assert "spaced-letters" not in findings(make_pdf(tmp_path / "ok.pdf", [MLOPS_TEXT]))


def test_images_and_contact_icons(tmp_path: Path) -> None:
    import io

    from docx.shared import Pt as Points

    def with_icons(document) -> None:
        contact = document.add_paragraph()
        contact.add_run().add_picture(io.BytesIO(png_bytes()), width=Points(10), height=Points(10))
        contact.add_run(" jordan@example.com")
        for line in MLOPS_TEXT[2:]:
            document.add_paragraph(line)

    found = findings(make_docx(tmp_path / "icons.docx", with_icons))["images"]
    assert [f.severity for f in found] == ["warning", "info"]
    assert "1 of them icon-sized" in found[1].message

    def with_photo(document) -> None:
        document.add_paragraph().add_run().add_picture(io.BytesIO(png_bytes()), width=Points(100))
        for line in ["Jordan Example", "Email: jordan@example.com | Phone: (512) 555-0100", *MLOPS_TEXT[2:]]:
            document.add_paragraph(line)

    assert [f.severity for f in findings(make_docx(tmp_path / "photo.docx", with_photo))["images"]] == ["info"]


def test_dates_mixed_formats_and_undated_roles(tmp_path: Path) -> None:
    roles = [
        "EXPERIENCE",
        "MLOps Engineer, Acme | Jan 2021 - Present",
        "- Deployed models.",
        "Data Engineer, Beta | 03/2018 - 12/2020",
        "- Built pipelines.",
        "Intern, Gamma",
        "- Wrote tests.",
    ]
    lines = MLOPS_TEXT[:4] + roles + MLOPS_TEXT[10:]
    messages = [f.message for f in findings(make_pdf(tmp_path / "d.pdf", [lines]))["dates"]]
    assert any("mixed formats ('Jan 2021', '03/2018')" in m for m in messages)
    assert any("1 of 3 roles have no dates (Intern, Gamma)" in m for m in messages)
    assert "dates" not in findings(make_pdf(tmp_path / "ok.pdf", [MLOPS_TEXT]))


def test_measurable_results_counts_bullets_with_numbers(tmp_path: Path) -> None:
    finding = findings(make_pdf(tmp_path / "m.pdf", [MLOPS_TEXT]))["measurable-results"][0]
    assert finding.severity == "info" and "0 of 4 experience bullets" in finding.message
    measured = [
        *MLOPS_TEXT[:6],
        "- Cut deployment time by 80% for 40 models.",
        "- Saved $120k a year in GPU cost.",
        "- Served 3 million predictions a day",
        "  across 12 regions.",
        *MLOPS_TEXT[10:],
    ]
    assert "measurable-results" not in findings(make_pdf(tmp_path / "ok.pdf", [measured]))
