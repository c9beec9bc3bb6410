"""multi-column: a PDF page in two columns, or a DOCX set in columns, is a warning."""

from __future__ import annotations

from atscheck.checks import multi_column

from .conftest import CLEAN, document, finding, page, passes, pdf, resume


def test_a_one_column_resume_passes() -> None:
    assert passes(multi_column, resume())
    assert passes(multi_column, pdf(CLEAN))


def test_a_pdf_page_in_two_columns_fails_and_one_column_passes() -> None:
    found = finding(multi_column, document("Jordan Example", pages=(page(1, columns=2),)))
    assert (found.id, found.severity, found.where) == ("multi-column", "warning", "page 1")
    assert "laid out in columns" in found.message and "mix the columns' lines" in found.message
    assert "single-column layout" in found.fix and "--show-text" in found.fix
    assert passes(multi_column, document("Jordan Example", pages=(page(1, columns=1),)))


def test_the_finding_names_the_pages_in_columns() -> None:
    doc = pdf(CLEAN[:6], CLEAN[6:14], CLEAN[14:], pages=(page(1), page(2, columns=2), page(3, columns=2)))
    assert finding(multi_column, doc).where == "page 2, 3"


def test_a_docx_set_in_columns_fails_for_the_whole_document() -> None:
    found = finding(multi_column, resume(columns=2))
    assert (found.severity, found.where) == ("warning", "document")
