"""no-text: a file (under 25 words) or a page of a PDF (under 30 characters) with no text an ATS can read."""

from __future__ import annotations

from atscheck.checks import WHOLE_FILE, no_text

from .conftest import CLEAN, document, filler, finding, page, passes, pdf, resume


def test_a_clean_resume_passes() -> None:
    assert passes(no_text, resume())
    assert passes(no_text, pdf(CLEAN[:10], CLEAN[10:]))


def test_almost_no_text_is_an_error() -> None:
    found = finding(no_text, document("Jordan Example", "Resume"))
    assert (found.id, found.severity, found.where) == ("no-text", "error", WHOLE_FILE)
    assert found.message == "An ATS finds almost no text in this file (3 words)."
    assert "if you cannot select the words, an ATS cannot read them" in found.fix


def test_an_image_resume_is_named_as_one() -> None:
    found = finding(no_text, pdf([""], images=1, pages=(page(1, chars=0, images=1),)))
    assert found.message == (
        "An ATS finds almost no text in this file (0 words). It holds 1 picture(s): the resume is probably an image."
    )


def test_twenty_five_words_are_enough() -> None:
    assert finding(no_text, document(filler(24))).severity == "error"
    assert passes(no_text, document(filler(25)))


def test_an_empty_page_beside_pages_with_text_is_an_error() -> None:
    found = finding(no_text, pdf(CLEAN, ["Page 2 of 3"], CLEAN[:3]))
    assert (found.severity, found.where) == ("error", "page 2")
    assert found.message == "Page(s) 2 have no readable text: an ATS sees them as empty."
    assert found.fix.startswith("If those pages are images or scans, replace them with real text.")


def test_thirty_characters_on_a_page_are_enough() -> None:
    assert passes(no_text, pdf(CLEAN, ["x" * 30]))
    assert finding(no_text, pdf(CLEAN, ["x" * 29], [""])).where == "page 2, 3"
