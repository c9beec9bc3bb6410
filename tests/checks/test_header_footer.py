"""header-footer: the email, the phone number or a term of the role only in a page header or footer."""

from __future__ import annotations

from atscheck.checks import header_footer

from .conftest import CLEAN, CONTACT, SHOWN, document, finding, line, passes, pdf, resume


def test_a_clean_resume_passes() -> None:
    assert passes(header_footer, resume())


def test_contact_details_only_in_the_header_fail() -> None:
    found = finding(header_footer, resume(swap={CONTACT: [line(CONTACT, source="header")]}))
    assert (found.id, found.severity, found.where) == ("header-footer", "warning", "header")
    assert found.message.startswith(
        "Your email address and phone number appear only in the page header. Many ATS drop headers and footers"
    )
    assert "in the body of the page" in found.fix and "page numbers" in found.fix


def test_one_detail_only_in_the_footer_fails() -> None:
    doc = resume(line("jordan@example.com", source="footer"), swap={CONTACT: ["Phone: (512) 555-0100"]})
    found = finding(header_footer, doc)
    assert found.where == "footer"
    assert found.message.startswith("Your email address appears only in the page footer.")


def test_terms_only_in_the_margins_fail() -> None:
    doc = document(
        "SKILLS", "Python, Docker", line("Terraform | Python", source="footer"), line("Datadog", source="header")
    )
    found = finding(header_footer, doc)
    assert found.where == "footer and header"
    assert found.message.startswith(
        "2 of the role's terms (Datadog, Terraform) appear only in the page footer and header."
    )


def test_one_term_only_in_a_pdf_margin_band_fails() -> None:
    doc = pdf(["SKILLS", "Python, Docker"], ["Page 2", line("Jordan Example - Terraform", source="footer")])
    found = finding(header_footer, doc)
    assert found.message.startswith("1 of the role's terms (Terraform) appears only in the page footer.")


def test_contact_and_terms_together_are_one_finding() -> None:
    doc = resume(
        line("jordan@example.com | Machine Learning", source="header"),
        swap={CONTACT: [], CLEAN[4]: [], SHOWN: ["- Trained 40 models."]},
    )
    found = finding(header_footer, doc)
    assert found.message.startswith(
        "Your email address and 1 of the role's terms (machine learning) appear only in the page header."
    )


def test_what_the_body_repeats_passes() -> None:
    assert passes(header_footer, resume(line(CONTACT, source="header"), line("Python | Docker", source="footer")))


def test_a_text_box_is_not_a_margin() -> None:
    assert passes(
        header_footer, resume(line("Terraform", source="textbox"), swap={CONTACT: [line(CONTACT, source="textbox")]})
    )
