"""certifications: a certification of the role belongs in a Certifications section, on the first page."""

from __future__ import annotations

from atscheck.checks import certifications

from .conftest import (
    CKA,
    CLEAN,
    NO_CERTIFICATIONS,
    PROFILE,
    document,
    filler,
    finding,
    findings,
    passes,
    pdf,
    profile,
    resume,
    term,
)

LISTED = f"{CKA}, 2023"


def test_a_clean_resume_passes() -> None:
    assert passes(certifications, resume())
    assert passes(certifications, pdf(CLEAN))


def test_a_certification_named_only_outside_its_section_fails() -> None:
    found = finding(certifications, document("SUMMARY", f"Platform engineer and {LISTED}.", "SKILLS", "Python"))
    assert (found.id, found.severity, found.where) == ("certifications", "info", "certifications")
    assert found.message == f"Certification(s) named outside a Certifications section: {CKA}."
    assert "section headed 'Certifications'" in found.fix and "full name and year" in found.fix


def test_named_by_its_alias_it_is_reported_by_its_name() -> None:
    found = finding(certifications, document("EXPERIENCE", "- Passed the CKA exam in 2023."))
    assert found.message.endswith(f"outside a Certifications section: {CKA}.")


def test_named_in_its_section_and_elsewhere_passes() -> None:
    assert passes(certifications, document("SUMMARY", f"A {CKA}.", "CERTIFICATIONS", LISTED))


def test_a_certifications_section_after_page_one_fails() -> None:
    found = finding(certifications, pdf(["SUMMARY", f"A {CKA}.", filler(40)], ["CERTIFICATIONS", LISTED]))
    assert (found.severity, found.where) == ("info", "certifications")
    assert found.message == f"Your Certifications section is after page 1: {CKA}."
    assert "onto the first page" in found.fix


def test_a_certifications_section_on_page_one_passes() -> None:
    assert passes(certifications, pdf(["SUMMARY", filler(40), "CERTIFICATIONS", LISTED], ["SKILLS", f"{CKA}"]))


def test_a_document_without_pages_is_never_late() -> None:
    assert passes(certifications, document("SUMMARY", filler(400), "CERTIFICATIONS", LISTED))


def test_outside_and_late_are_two_findings() -> None:
    ckad = "Certified Kubernetes Application Developer"
    role = profile(*PROFILE.terms, term(ckad, "certification"))
    doc = pdf(["SUMMARY", f"A {ckad}."], ["CERTIFICATIONS", LISTED])
    messages = [f.message for f in findings(certifications, doc, role)]
    assert messages == [
        f"Certification(s) named outside a Certifications section: {ckad}.",
        f"Your Certifications section is after page 1: {CKA}.",
    ]


def test_a_role_without_certifications_or_a_resume_naming_none_passes() -> None:
    assert passes(certifications, document("SUMMARY", f"A {CKA}."), NO_CERTIFICATIONS)
    assert passes(
        certifications, document("SUMMARY", "Python and Docker.", "CERTIFICATIONS", "AWS Solutions Architect")
    )
