from pathlib import Path

import pytest
from conftest import DEJAVU, make_pdf

from atscheck.errors import InputError
from atscheck.extract.pdf.layout import Line, reading_order
from atscheck.structure import read_document


def test_text_pages_and_sections(mlops_pdf: Path) -> None:
    document = read_document(mlops_pdf)
    assert document.format == "pdf"
    assert "Senior MLOps Engineer, Acme Corp" in document.text
    assert len(document.pages) == 1
    assert {s.name for s in document.sections} >= {"summary", "experience", "skills", "education"}
    span = document.span_at(document.text.index("Kubernetes"))
    assert span is not None and span.page == 1 and span.source == "body" and span.bbox is not None


def test_page_numbers_are_kept(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "two.pdf", [["Page one text about Python"], ["Page two text about Docker"]])
    document = read_document(path)
    assert document.span_at(document.text.index("Docker")).page == 2
    assert document.span_at(document.text.index("Python")).page == 1


def test_hyphenated_line_break_is_joined(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "h.pdf", [["Ran production clusters on Kuber-", "netes and Terraform."]])
    assert "Kubernetes and Terraform" in read_document(path).text


def test_real_hyphenated_words_stay(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "h.pdf", [["Worked on CI-", "CD and scikit-learn"]])
    text = read_document(path).text
    assert "CI-\nCD" in text and "scikit-learn" in text


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs the DejaVu font to write ligature glyphs")
def test_ligatures_become_letters(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "lig.pdf", [["Ef\ufb01cient work\ufb02ow o\ufb03ce sta\ufb00"]], font=str(DEJAVU))
    assert "Efficient workflow office staff" in read_document(path).text


def test_two_columns_read_column_by_column(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(20, 15)
    pdf.cell(170, 8, "Casey Columns, Data Engineer")
    for row in range(12):
        pdf.set_xy(20, 30 + row * 6)
        pdf.cell(60, 6, f"sidebar item {row}")
        pdf.set_xy(110, 33 + row * 6.5)  # a different line pitch, as real sidebars have
        pdf.cell(90, 6, f"main column sentence number {row}")
    path = tmp_path / "twocol.pdf"
    pdf.output(str(path))
    document = read_document(path)
    text = document.text
    assert text.index("Casey Columns") < text.index("sidebar item 0")
    assert text.index("sidebar item 11") < text.index("main column sentence number 0")
    assert document.columns == 2


class _FakeLine:
    def __init__(self, text: str) -> None:
        self.text = text

    def get_text(self) -> str:
        return self.text


def test_rows_with_right_aligned_dates_stay_rows() -> None:
    lines = []
    for row in range(10):
        top = 100 + row * 14
        lines.append(Line(50, top, 300, top + 10, _FakeLine("Senior Engineer, Acme Corp")))  # type: ignore[arg-type]
        lines.append(Line(450, top, 560, top + 10, _FakeLine("Jan 2020 - Mar 2022")))  # type: ignore[arg-type]
    # A gap no line crosses, but every date shares its row with a title: rows, not columns.
    ordered, columns = reading_order(lines, 612)
    assert columns == 1
    assert ordered[0].x0 == 50 and ordered[1].x0 == 450


def test_encrypted_pdf_with_user_password_is_a_clear_error(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 6, "secret resume")
    pdf.set_encryption(owner_password="owner", user_password="user")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError) as error:
        read_document(path)
    assert error.value.code == "encrypted"
    assert "password" in error.value.message


def test_encrypted_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 6, "open resume with Kubernetes")
    pdf.set_encryption(owner_password="owner")
    path = tmp_path / "open.pdf"
    pdf.output(str(path))
    assert "Kubernetes" in read_document(path).text


def test_truncated_pdf_is_corrupt(mlops_pdf: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(mlops_pdf.read_bytes()[:300])
    with pytest.raises(InputError) as error:
        read_document(broken)
    assert error.value.code == "corrupt"


def _one_line_pdf(path: Path, content: bytes) -> Path:
    from conftest import one_page_pdf, raw_pdf, stream

    path.write_bytes(raw_pdf(one_page_pdf(stream(b"BT /F1 10 Tf 72 700 Td " + content + b" ET"))))
    return path


def test_letter_spaced_words_are_read_whole_and_marked(tmp_path: Path) -> None:
    """Character spacing (Tc), as xhtml2pdf writes it: the page shows whole words; a word-margin parser does not."""
    document = read_document(_one_line_pdf(tmp_path / "tc.pdf", b"1.6 Tc (Skills: Docker, MLflow, Kubernetes) Tj"))
    assert "Skills: Docker, MLflow, Kubernetes" in document.text
    split = {span.text.strip(): span.split_as for span in document.spans if span.split_as}
    assert split["Docker,"] == "D o c k e r,"


def test_letter_spaced_words_without_space_characters(tmp_path: Path) -> None:
    document = read_document(_one_line_pdf(tmp_path / "tj.pdf", b"1.6 Tc [(Docker) -700 (MLflow) -700 (Airflow)] TJ"))
    assert "Docker MLflow Airflow" in document.text


def test_words_set_apart_by_kerning_alone_stay_apart(tmp_path: Path) -> None:
    """LaTeX and some exporters write no space characters; the gap alone separates the words."""
    document = read_document(
        _one_line_pdf(tmp_path / "kern.pdf", b"[(Phabricator) -250 (is) -250 (used) -250 (daily)] TJ")
    )
    assert "Phabricator is used daily" in document.text
    assert not any(span.split_as for span in document.spans)


def test_a_glyph_drawn_back_over_its_neighbour_is_no_letter_gap(tmp_path: Path) -> None:
    """The "j" of Helvetica reaches left of the pen, so its box starts before where it is drawn; kerning "ax"
    back under it is a tight word, not letter-spacing (the pen's position decides, not the box's edge)."""
    document = read_document(_one_line_pdf(tmp_path / "j.pdf", b"[(Kubernetes a) 556 (j) -120 (ax)] TJ"))
    assert "Kubernetes ajax" in document.text
    assert not any(span.split_as for span in document.spans)


def test_ordinary_text_is_not_marked_letter_spaced(mlops_pdf: Path) -> None:
    assert not any(span.split_as for span in read_document(mlops_pdf).spans)


def test_a_bullet_before_a_wide_gap_starts_its_line(tmp_path: Path) -> None:
    document = read_document(_one_line_pdf(tmp_path / "bullet.pdf", b"[(-) -2500 (Built pipelines)] TJ"))
    assert "- Built pipelines" in document.text


def test_letter_spaced_terms_are_credited_with_a_warning(tmp_path: Path) -> None:
    from atscheck.core import check_file
    from atscheck.profiles import load_role

    path = _one_line_pdf(tmp_path / "tc.pdf", b"1.6 Tc (Skills: Docker, MLflow, Kubernetes, Terraform) Tj")
    [result] = check_file(path, [load_role("mlops-engineer")])
    assert {t.term.name: t.status for t in result.terms if t.term.name in ("Docker", "MLflow")} == {
        "Docker": "exact",
        "MLflow": "exact",
    }
    [finding] = [c for c in result.checks if c.id == "spaced-letters"]
    assert finding.severity == "warning" and not finding.uncredited
    assert "'D o c k e r,'" in finding.message and "atscheck reads them whole" in finding.message


def test_a_superscript_stays_on_its_line(tmp_path: Path) -> None:
    """Ordinals set as superscripts ("1st", "7th") are one word, not a line of their own."""
    content = b"(Ranked 1) Tj /F1 6 Tf 4 Ts (st) Tj /F1 10 Tf 0 Ts ( of 50) Tj"
    assert "Ranked 1st of 50" in read_document(_one_line_pdf(tmp_path / "sup.pdf", content)).text


def test_a_drawn_soft_hyphen_is_a_hyphen(tmp_path: Path) -> None:
    """LuaTeX maps its hyphen glyph to U+00AD; the page shows "cloud-native"."""
    from conftest import one_page_pdf, raw_pdf, stream

    objects = one_page_pdf(stream(b"BT /F1 10 Tf 72 700 Td <636C6F7564AD6E6174697665> Tj ET"))
    objects[5] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    path = tmp_path / "shy.pdf"
    path.write_bytes(raw_pdf(objects))
    assert "cloud-native" in read_document(path).text


def test_a_space_before_a_gap_keeps_the_line_together(tmp_path: Path) -> None:
    """Two spaces after a full stop (PDFium gives one): the gap after a drawn space is text going on."""
    document = read_document(_one_line_pdf(tmp_path / "gap.pdf", b"[(Staff engineer. ) -800 (Expertise in Go)] TJ"))
    assert "Staff engineer. Expertise in Go" in document.text
