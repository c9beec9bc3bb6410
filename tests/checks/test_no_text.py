"""no-text: a file (under 25 words) or a page of a PDF (a picture and under 30 characters) with no text an ATS
can read; a page with nothing on it is a note: blank, it can go."""

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


def test_a_scanned_page_beside_pages_with_text_is_an_error() -> None:
    pages = (page(1, chars=1500), page(2, chars=11, images=1), page(3, chars=40))
    found = finding(no_text, pdf(CLEAN, ["Page 2 of 3"], CLEAN[:3], pages=pages))
    assert (found.severity, found.where) == ("error", "page 2")
    assert found.message == "Page(s) 2 show a picture but no readable text: an ATS sees them as empty."
    assert found.fix.startswith("If those pages are images or scans, replace them with real text.")


def test_a_blank_last_page_is_a_note_that_it_can_go() -> None:
    """The empty page a Google Docs export often ends with: no blocker, no 'no text' flag in a ranking."""
    found = finding(no_text, pdf(CLEAN, [""]))
    assert (found.severity, found.where) == ("info", "page 2")
    assert found.message == "Page(s) 2 are blank: an ATS skips them, but a recruiter sees an empty page."
    assert "Delete the blank page" in found.fix


def test_a_short_last_line_on_its_own_page_is_text() -> None:
    assert passes(no_text, pdf(CLEAN, ["References on request"]))
    assert passes(no_text, pdf(CLEAN, ["x" * 29]))
