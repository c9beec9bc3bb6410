"""section-headings: Summary, Experience, Education and Skills (and Certifications for a role with
certifications) under standard headings; a missing one is a warning, an unknown heading is info."""

from __future__ import annotations

import pytest

from atscheck.checks import section_headings

from .conftest import CLEAN, NAME, NO_CERTIFICATIONS, document, filler, finding, findings, line, passes, resume

BODY = filler(30)


def test_a_clean_resume_passes() -> None:
    assert passes(section_headings, resume())


def test_missing_sections_fail() -> None:
    found = finding(section_headings, document(NAME, "SUMMARY", BODY, "SKILLS", "Python"), NO_CERTIFICATIONS)
    assert (found.id, found.severity, found.where) == ("section-headings", "warning", "document")
    assert found.message.startswith("No section heading found for: Experience, Education. An ATS may file")
    assert found.fix == "Use plain, standard headings on their own line: Experience, Education."


def test_a_role_with_certifications_expects_their_section() -> None:
    doc = resume(swap={"CERTIFICATIONS": [], CLEAN[-1]: []})
    assert finding(section_headings, doc).message.startswith("No section heading found for: Certifications.")
    assert passes(section_headings, doc, NO_CERTIFICATIONS)


@pytest.mark.parametrize(
    "headings",
    [
        ("Professional Summary", "Work History", "Academic Background", "Technical Skills"),
        ("PROFILE", "EMPLOYMENT HISTORY", "EDUCATION AND TRAINING", "CORE COMPETENCIES"),
        ("About Me:", "Relevant Experience", "Education & Training", "Skills / Tools"),
    ],
)
def test_common_variants_of_the_standard_headings_pass(headings: tuple[str, ...]) -> None:
    lines = [part for heading in headings for part in (heading, BODY)]
    assert passes(section_headings, document(NAME, *lines), NO_CERTIFICATIONS)


def test_an_unknown_heading_is_info() -> None:
    found = finding(section_headings, resume(line("My Journey", heading_level=2), BODY))
    assert (found.severity, found.where) == ("info", "My Journey")
    assert found.message == "Heading(s) an ATS may not recognise: 'My Journey'."
    assert "Rename them to standard headings" in found.fix


def test_the_first_unknown_heading_is_the_name() -> None:
    doc = resume(swap={NAME: [line(NAME, heading_level=1)]})
    assert passes(section_headings, doc)
    doc = resume(line("Things I Love", heading_level=2), swap={NAME: [line(NAME, heading_level=1)]})
    assert finding(section_headings, doc).message == "Heading(s) an ATS may not recognise: 'Things I Love'."


def test_at_most_five_unknown_headings_are_named() -> None:
    unknown = [line(f"Part {n}", heading_level=2) for n in "ABCDEF"]
    found = finding(section_headings, resume(*unknown))
    assert found.where == "Part A, Part B, Part C, Part D, Part E"


def test_missing_and_unknown_are_two_findings() -> None:
    doc = document(line(NAME, heading_level=1), line("My Journey", heading_level=2), BODY, "SKILLS", "Python")
    assert [f.severity for f in findings(section_headings, doc)] == ["warning", "info"]


def test_too_little_text_is_the_no_text_checks_finding() -> None:
    assert passes(section_headings, document(NAME, "Engineer"))
