"""placeholder-text: template leftovers ("Lorem ipsum", "Your Name", "123 Main Street") are an error."""

from __future__ import annotations

import pytest

from atscheck.checks import placeholder_text

from .conftest import document, finding, passes, resume


def test_a_clean_resume_passes() -> None:
    assert passes(placeholder_text, resume())


def test_template_text_fails_and_own_details_pass() -> None:
    found = finding(placeholder_text, document("Your Name", "Lorem ipsum dolor sit amet"))
    assert (found.id, found.severity, found.where) == ("placeholder-text", "error", "document")
    assert found.message == "Template text left in: 'Lorem ipsum dolor sit amet', 'Your Name'."
    assert "Replace every placeholder" in found.fix
    assert passes(placeholder_text, document("Jordan Example", "Engineer at Acme"))


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("First Last", "First Last"),
        ("YOUR NAME HERE", "YOUR NAME HERE"),
        ("Company Name | Jan 2021 - Present", "Company Name"),
        ("Job Title Here", "Job Title Here"),
        ("your.email@gmail.com", "your.email@"),
        ("Email: email@example.com", "email@example.com"),
        ("123 Main Street, Springfield", "123 Main Street"),
        ("123 Main St", "123 Main St"),
        ("Austin | City, State", "City, State"),
        ("University Name, 2018", "University Name"),
        ("Degree Name in Computer Science", "Degree Name"),
        ("Month Year - Present", "Month Year"),
    ],
)
def test_each_kind_of_template_text_fails(written: str, named: str) -> None:
    found = finding(placeholder_text, resume(written))
    assert found.severity == "error"
    assert found.message == f"Template text left in: {named!r}."


@pytest.mark.parametrize(
    "written",
    [
        "Jordan Example, Austin, Texas",
        "Worked first on the last mile of delivery",
        "Named the company's first product",
        "Main Street Bank | Jan 2021 - Present",
        "State University, 2018",
    ],
)
def test_ordinary_text_near_the_template_words_passes(written: str) -> None:
    assert passes(placeholder_text, resume(written))


def test_template_phrases_a_space_apart_are_one_piece_and_each_piece_is_named_once() -> None:
    doc = resume("Lorem ipsum  dolor sit amet", "Company Name", "Company Name", "lorem ipsum")
    found = finding(placeholder_text, doc)
    assert found.message == "Template text left in: 'Company Name', 'lorem ipsum', 'Lorem ipsum dolor sit amet'."


def test_template_phrases_on_two_lines_are_two_pieces() -> None:
    found = finding(placeholder_text, document("Lorem ipsum", "dolor sit amet"))
    assert found.message == "Template text left in: 'dolor sit amet', 'Lorem ipsum'."


def test_at_most_five_pieces_are_named() -> None:
    doc = document("First Last", "Company Name", "Job Title Here", "University Name", "Degree Name", "Month Year")
    found = finding(placeholder_text, doc)
    assert found.message == (
        "Template text left in: 'Company Name', 'Degree Name', 'First Last', 'Job Title Here', 'Month Year'."
    )
