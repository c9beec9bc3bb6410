"""Calibration on real resumes from ../shared/corpus (skipped cleanly when ../shared is absent).

What the scores promise on them is pinned in tests/test_calibration.py; image-only files are results with a
no-text error."""

from __future__ import annotations

import pytest
from conftest import shared_file

from atscheck.core import check_file
from atscheck.profiles import load_role
from atscheck.request import Request


def _result(name: str):
    return check_file(shared_file("corpus", name), [load_role("mlops-engineer")], Request(keep_documents=True))[0]


@pytest.mark.parametrize(
    "name", ["yctsai-image-only-resume.pdf", "yctsai-image-only-resume.docx", "sethkunzler-canva-image-only-resume.pdf"]
)
def test_image_only_resumes_are_results_with_no_text(name: str) -> None:
    result = _result(name)
    assert result.error is None and result.score == 0
    assert result.checks[0].id == "no-text"


def test_same_resume_in_three_formats_scores_alike() -> None:
    scores = {_result(f"kylesykes-datasci-resume.{ext}").score for ext in ("pdf", "docx", "md")}
    assert len(scores) == 1, scores


def test_a_letter_spaced_pdf_scores_as_its_docx_and_markdown_twins() -> None:
    """xhtml2pdf's letter-spaced PDF ("D ocker" to word-margin parsers) is read whole and credited."""
    results = [
        _result(name)
        for name in (
            "abhaymise-ai-engineer-xhtml2pdf.pdf",
            "abhaymise-ai-engineer-resume.docx",
            "abhaymise-ai-engineer-resume.md",
        )
    ]
    assert len({result.score for result in results}) == 1, [result.score for result in results]
    [finding] = [c for c in results[0].checks if c.id == "spaced-letters"]
    assert "atscheck reads them whole" in finding.message and not finding.uncredited


def test_textbox_headings_are_read() -> None:
    result = _result("anshul-textbox-resume.docx")
    assert result.document is not None
    assert {s.name for s in result.document.sections} >= {"skills", "education"}
