"""images: pictures, icons and icon-font symbols are info; icons standing in for the labels of the contact details
are a warning."""

from __future__ import annotations

from atscheck.checks import images

from .conftest import CLEAN, CONTACT, finding, findings, page, passes, pdf, resume

UNLABELLED = "jordan@example.com | (512) 555-0100"


def test_a_clean_resume_passes() -> None:
    assert passes(images, resume())


def test_pictures_are_info() -> None:
    found = finding(images, resume(images=2, icons=1))
    assert (found.id, found.severity, found.where) == ("images", "info", "document")
    assert found.message.startswith("2 picture(s) or graphic(s), 1 of them icon-sized. An ATS ignores pictures")
    assert "write skills, names and ratings as text" in found.fix


def test_the_finding_names_the_pages_with_pictures() -> None:
    doc = pdf(CLEAN[:8], CLEAN[8:], images=1, pages=(page(1), page(2, images=1)))
    assert finding(images, doc).where == "page 2"


def test_icon_font_symbols_in_the_text_are_info() -> None:
    found = finding(images, resume("\uf0e0 Kubernetes", "\ufffd Docker"))
    assert found.severity == "info"
    assert found.message.startswith("2 symbol(s) or icon(s) in the text that an ATS reads as unknown characters.")


def test_symbol_bullets_pass() -> None:
    assert passes(images, resume("\uf0b7 Built pipelines", "• Wrote reports", "\uf0a7 Ran the team"))


def test_pictures_and_symbols_are_one_finding() -> None:
    found = finding(images, resume("\uf0e0 Kubernetes", images=1))
    assert found.message.startswith(
        "1 picture(s) or graphic(s), 0 of them icon-sized; 1 symbol(s) or icon(s) in the text"
    )


def test_picture_icons_in_place_of_contact_labels_are_a_warning() -> None:
    found = findings(images, resume(swap={CONTACT: [UNLABELLED]}, images=2, icons=2))
    assert [(f.severity, f.where) for f in found] == [("warning", "contact details"), ("info", "document")]
    assert found[0].message.startswith("Icons stand in for the labels of your contact details")
    assert "'Email: ...', 'Phone: ...'" in found[0].fix


def test_icon_font_symbols_in_place_of_labels_are_said_once() -> None:
    found = finding(images, resume(swap={CONTACT: ["\uf0e0 jordan@example.com \uf095 (512) 555-0100"]}))
    assert (found.severity, found.where) == ("warning", "contact details")


def test_labelled_contact_details_beside_icons_pass_the_warning() -> None:
    found = finding(images, resume(images=2, icons=2))
    assert found.severity == "info"
    found = finding(images, resume(swap={CONTACT: ["\uf0e0 Email: jordan@example.com"]}))
    assert found.severity == "info"


def test_unlabelled_contact_details_without_icons_pass() -> None:
    assert passes(images, resume(swap={CONTACT: [UNLABELLED]}))
