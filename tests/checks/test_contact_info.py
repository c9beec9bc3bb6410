"""contact-info: an email address and a phone number in the body (warnings), LinkedIn and GitHub URLs (info)."""

from __future__ import annotations

from atscheck.checks import contact_info

from .conftest import CONTACT, LINKS, document, finding, findings, line, passes, resume

EMAIL = "jordan@example.com"
PHONE = "Phone: (512) 555-0100"


def test_a_clean_resume_passes() -> None:
    assert passes(contact_info, resume())


def test_a_missing_email_address_fails() -> None:
    found = finding(contact_info, resume(swap={CONTACT: [PHONE]}))
    assert (found.id, found.severity, found.where) == ("contact-info", "warning", "top of the resume")
    assert found.message == "No email address found: an ATS cannot fill in how to reach you."
    assert "Put your email address as plain text near your name" in found.fix


def test_a_missing_phone_number_fails() -> None:
    found = finding(contact_info, resume(swap={CONTACT: [f"Email: {EMAIL}"]}))
    assert (found.severity, found.where) == ("warning", "top of the resume")
    assert found.message == "No phone number found: an ATS cannot fill in how to reach you."
    assert "Put your phone number as plain text" in found.fix


def test_the_details_themselves_are_never_printed() -> None:
    found = findings(contact_info, resume(line(EMAIL, source="textbox"), swap={CONTACT: [], LINKS: []}))
    assert found and not any(EMAIL in f.message + f.fix + f.where for f in found)


def test_an_email_address_only_in_a_text_box_fails() -> None:
    found = finding(contact_info, resume(swap={CONTACT: [line(EMAIL, source="textbox"), PHONE]}))
    assert (found.severity, found.where) == ("warning", "textbox")
    assert found.message == "Your email address appears only in a text box, which many ATS do not read."
    assert "Move your email address into the body" in found.fix


def test_a_phone_number_in_a_text_box_and_a_header_fails() -> None:
    boxed = [f"Email: {EMAIL}", line(PHONE, source="textbox"), line(PHONE, source="header")]
    found = finding(contact_info, resume(swap={CONTACT: boxed}))
    assert found.where == "header, textbox"
    assert found.message == (
        "Your phone number appears only in a text box and the header or footer, which many ATS do not read."
    )


def test_a_text_box_copy_beside_the_body_one_passes() -> None:
    assert passes(contact_info, resume(line(CONTACT, source="textbox")))


def test_only_in_a_header_or_footer_is_the_header_footer_checks_finding() -> None:
    margins = [line(f"Email: {EMAIL}", source="header"), line(PHONE, source="footer")]
    assert passes(contact_info, resume(swap={CONTACT: margins}))


def test_no_linkedin_or_github_url_is_info() -> None:
    found = finding(contact_info, resume(swap={LINKS: []}))
    assert (found.severity, found.where) == ("info", "top of the resume")
    assert found.message == "No LinkedIn or GitHub profile URL found."
    assert "linkedin.com/in/your-name" in found.fix


def test_one_of_the_two_urls_is_named_as_found() -> None:
    found = finding(contact_info, resume(swap={LINKS: ["https://www.LinkedIn.com/in/jordan"]}))
    assert found.message == "No GitHub profile URL found (LinkedIn found)."
    found = finding(contact_info, resume(swap={LINKS: ["github.com/jordan"]}))
    assert found.message == "No LinkedIn profile URL found (GitHub found)."


def test_missing_details_are_a_finding_each() -> None:
    found = findings(contact_info, resume(swap={CONTACT: [], LINKS: []}))
    assert [(f.severity, f.message.split(":")[0]) for f in found] == [
        ("warning", "No email address found"),
        ("warning", "No phone number found"),
        ("info", "No LinkedIn or GitHub profile URL found."),
    ]


def test_too_little_text_is_the_no_text_checks_finding() -> None:
    assert passes(contact_info, document("Jordan Example", "Engineer"))
