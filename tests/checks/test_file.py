"""file: over 2.5 MB, an extension that does not match the content (warnings), or plain text (info)."""

from __future__ import annotations

import pytest

from atscheck.checks import file

from .conftest import CLEAN, finding, findings, passes, pdf, resume

MB = 1024 * 1024
MISNAMED = (
    "The file is named 'resume.pdf' but is really a Word (DOCX) file; atscheck read it as such. "
    "Rename it with the right extension: some ATS trust the name and fail to open it."
)


def test_a_small_pdf_or_docx_passes() -> None:
    assert passes(file, pdf(CLEAN, size_bytes=400_000))
    assert passes(file, resume(size_bytes=int(2.5 * MB)))


def test_a_file_over_two_and_a_half_megabytes_fails() -> None:
    found = finding(file, pdf(CLEAN, size_bytes=3 * MB + 1))
    assert (found.id, found.severity, found.where) == ("file", "warning", "file")
    assert found.message.startswith("The file is 3.0 MB;") and "over 2.5 MB" in found.message
    assert "compress pictures" in found.fix


def test_an_extension_that_does_not_match_the_content_fails() -> None:
    found = finding(file, resume(path="resume.pdf", warnings=(MISNAMED,)))
    assert (found.severity, found.where) == ("warning", "file name")
    assert found.message == "The file's extension does not match its content."
    assert "Rename the file with the right extension" in found.fix


def test_other_reading_warnings_pass() -> None:
    assert passes(file, pdf(CLEAN, warnings=("Page 3 was cut: the text limit was reached.",)))


@pytest.mark.parametrize("format", ["text", "markdown"])
def test_a_plain_text_or_markdown_file_is_info(format: str) -> None:
    found = finding(file, resume(format=format))
    assert (found.severity, found.where) == ("info", "file")
    assert "plain-text/Markdown file" in found.message and "PDF or DOCX" in found.message
    assert "upload a PDF or DOCX made from it" in found.fix


def test_each_problem_is_a_finding() -> None:
    doc = resume(format="markdown", size_bytes=4 * MB, warnings=(MISNAMED,))
    assert [(f.severity, f.where) for f in findings(file, doc)] == [
        ("warning", "file"),
        ("warning", "file name"),
        ("info", "file"),
    ]
