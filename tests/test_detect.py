from pathlib import Path

import pytest
from conftest import make_docx, make_pdf

from atscheck.errors import InputError
from atscheck.extract import detect_format, extract


def test_format_is_chosen_by_content_with_a_warning(tmp_path: Path) -> None:
    docx_named_pdf = make_docx(tmp_path / "resume.pdf", paragraphs=["Kubernetes and Docker"])
    document = extract(docx_named_pdf)
    assert document.format == "docx"
    assert "really a Word (DOCX) file" in document.warnings[0]
    pdf_named_docx = make_pdf(tmp_path / "resume.docx", [["Kubernetes and Docker"]])
    document = extract(pdf_named_docx)
    assert document.format == "pdf" and "really a PDF" in document.warnings[0]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Word .doc"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 50, "JPEG image"),
        (bytes(range(256)) * 4, "not a PDF, DOCX, or text"),
    ],
)
def test_unsupported_formats_say_what_to_do(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as error:
        detect_format(data, "resume.pdf")
    assert error.value.code == "unsupported"
    assert fragment in error.value.message
    assert "PDF or DOCX" in error.value.message


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: p, "missing"),
        (lambda p: (p.write_bytes(b""), p)[1], "empty"),
        (lambda p: (p.mkdir(), p)[1], "unsupported"),
    ],
)
def test_unreadable_paths(tmp_path: Path, make, code: str) -> None:
    path = make(tmp_path / "my resume é.pdf")
    with pytest.raises(InputError) as error:
        extract(path)
    assert error.value.code == code
