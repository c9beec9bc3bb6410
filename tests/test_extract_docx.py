import zipfile
from pathlib import Path

import pytest
from conftest import make_docx, textbox_xml
from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor

from atscheck.errors import InputError
from atscheck.structure import read_document

HYPERLINK_XML = (
    '<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:r><w:t>github.com/example</w:t></w:r></w:hyperlink>"
)


def _build(document) -> None:
    document.add_heading("Experience", level=1)
    document.add_paragraph("Built Kubernetes platforms.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Skills"
    table.cell(0, 1).text = "Docker, Helm"
    document.sections[0].header.paragraphs[0].text = "Header Person | header@example.com"
    document.sections[0].footer.paragraphs[0].text = "Footer page text"
    box = document.add_paragraph("Before the box.")
    box._p.append(parse_xml(textbox_xml("Terraform in a text box")))
    link = document.add_paragraph("Code: ")
    link._p.append(parse_xml(HYPERLINK_XML))
    hidden = document.add_paragraph().add_run("Secret Kubeflow")
    hidden.font.hidden = True
    white = document.add_paragraph().add_run("White MLflow")
    white.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    white.font.size = Pt(2)


def test_every_source_is_read_and_labelled(tmp_path: Path) -> None:
    document = read_document(make_docx(tmp_path / "r.docx", _build))
    text = document.text

    def source(word: str) -> str:
        return document.span_at(text.index(word)).source

    assert source("Kubernetes") == "body"
    assert source("Docker") == "table"
    assert source("Header Person") == "header"
    assert source("Footer page") == "footer"
    assert source("Terraform") == "textbox"
    assert text.count("Terraform in a text box") == 1  # DrawingML and VML fallback are one box
    assert "Code: github.com/example" in text
    assert text.index("Header Person") < text.index("Experience") < text.index("Footer page")


def test_run_formatting_is_kept(tmp_path: Path) -> None:
    document = read_document(make_docx(tmp_path / "r.docx", _build))
    hidden = document.span_at(document.text.index("Secret Kubeflow"))
    white = document.span_at(document.text.index("White MLflow"))
    assert hidden.hidden is True
    assert white.color == (1.0, 1.0, 1.0) and white.font_size == 2
    assert document.section_at(document.text.index("Kubernetes")).name == "experience"


def test_heading_styles_become_sections(tmp_path: Path) -> None:
    def build(document) -> None:
        document.add_heading("My Journey", level=1)
        document.add_paragraph("text")
        document.add_heading("Technical Skills", level=1)
        document.add_paragraph("Python")

    document = read_document(make_docx(tmp_path / "r.docx", build))
    assert [(s.name, s.heading) for s in document.sections] == [(None, "My Journey"), ("skills", "Technical Skills")]


def test_zip_without_word_document(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError) as error:
        read_document(path)
    assert error.value.code == "unsupported"
    assert "not a Word document" in error.value.message


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/big.bin", b"\0" * (120 * 1024 * 1024))
    with pytest.raises(InputError) as error:
        read_document(path)
    assert error.value.code == "too-large"


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_word_hyphen_and_tab_elements_read_as_written(tmp_path: Path) -> None:
    """Word stores a non-breaking hyphen, an optional hyphen and tabs as elements, not characters."""

    def build(document) -> None:
        paragraph = document.add_paragraph()
        paragraph._p.append(
            parse_xml(
                f"<w:r {W_NS}><w:t>Kubernetes</w:t><w:noBreakHyphen/><w:t>based platform</w:t><w:ptab "
                'w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>2021</w:t><w:tab/>'
                "<w:t>Terra</w:t><w:softHyphen/><w:t>form</w:t></w:r>"
            )
        )

    text = read_document(make_docx(tmp_path / "r.docx", build)).text
    assert text == "Kubernetes-based platform 2021 Terraform"


def test_a_style_with_an_empty_name_is_read_by_its_outline_level(tmp_path: Path) -> None:
    """<w:name/> with no value (some converters write it): the style is no 'Heading N' by name, and its
    outline level still makes its paragraphs headings."""
    import docx

    word = docx.Document()
    word.styles.element.append(
        parse_xml(
            '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:type="paragraph" '
            'w:styleId="Odd"><w:name/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
        )
    )
    word.add_paragraph("Experience", style=None).style = word.styles.get_by_id("Odd", 1)
    word.add_paragraph("Built model pipelines with Kubernetes.")
    path = tmp_path / "odd-style.docx"
    word.save(str(path))
    document = read_document(path)
    assert "Built model pipelines" in document.text
    assert [span.text for span in document.spans if span.heading_level == 2] == ["Experience"]
