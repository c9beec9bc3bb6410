"""length: 250 to 1,200 words on at most 2 pages; shorter is a warning, longer is info."""

from __future__ import annotations

from atscheck.checks import length

from .conftest import document, filler, finding, passes, pdf, resume


def test_a_clean_resume_passes() -> None:
    assert passes(length, resume())


def test_the_limits_pass() -> None:
    assert passes(length, document(filler(250)))
    assert passes(length, document(filler(1200)))
    assert passes(length, pdf([filler(300)], [filler(300)]))


def test_under_250_words_is_a_warning() -> None:
    found = finding(length, document(filler(249)))
    assert (found.id, found.severity, found.where) == ("length", "warning", "document")
    assert found.message == "Only 249 words: too little for an ATS to find the skills a role asks for."
    assert "aim for 400-800 words" in found.fix


def test_almost_no_text_is_the_no_text_checks_finding() -> None:
    assert passes(length, document(filler(24)))


def test_over_1200_words_is_info() -> None:
    found = finding(length, document(filler(1201)))
    assert (found.severity, found.where) == ("info", "document")
    assert found.message == "1201 words: longer than recruiters read (1-2 pages)."
    assert "last 10 years" in found.fix


def test_over_two_pages_is_info() -> None:
    found = finding(length, pdf([filler(200)], [filler(200)], ["References on request"]))
    assert found.severity == "info"
    assert found.message == "403 words on 3 pages: longer than recruiters read (1-2 pages)."
