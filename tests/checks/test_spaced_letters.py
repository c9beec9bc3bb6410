"""spaced-letters: letters spaced out, a term of the role broken by gaps, or a PDF word drawn with wide gaps."""

from __future__ import annotations

import pytest

from atscheck.checks import spaced_letters

from .conftest import CLEAN, document, finding, line, passes, pdf, resume


def test_a_clean_resume_passes() -> None:
    assert passes(spaced_letters, resume())


def test_letters_spaced_out_fail() -> None:
    doc = document("S K I L L S", "Python, Docker")
    found = finding(spaced_letters, doc)
    assert (found.id, found.severity, found.where) == ("spaced-letters", "warning", "S K I L L S")
    assert found.message == (
        "1 word(s) are broken up by spaces, e.g. 'S K I L L S'. An ATS reads the pieces, not the word, so these do "
        "not count as keywords."
    )
    assert "without spaces inside them" in found.fix and "--show-text" in found.fix
    assert found.uncredited == ((0, len("S K I L L S")),)


def test_a_spaced_out_term_earns_no_credit() -> None:
    doc = document("Skills: P y t h o n,  D  o  c  k  e  r")
    found = finding(spaced_letters, doc)
    assert found.message.startswith("2 word(s) are broken up by spaces, e.g. 'P y t h o n', 'D o c k e r'.")
    # Each range covers the word, with the punctuation that ends its last piece.
    assert [doc.text[start:end].rstrip(",") for start, end in found.uncredited] == ["P y t h o n", "D  o  c  k  e  r"]


@pytest.mark.parametrize("written", ["R & D", "A B C", "a team of 5 5 5 5", "Plan A to B"])
def test_short_runs_of_letters_pass(written: str) -> None:
    assert passes(spaced_letters, resume(written))


@pytest.mark.parametrize(
    ("written", "broken"),
    [
        ("Built images with D ocker daily", "D ocker"),
        ("Tools: Terrafor m, Python", "Terrafor m"),
        ("Models in Sci kit -le arn and Python", "Sci kit -le arn"),
        ("Alerts in Data do g", "Data do g"),
    ],
)
def test_a_term_broken_by_gaps_fails(written: str, broken: str) -> None:
    doc = document(written)
    found = finding(spaced_letters, doc)
    assert found.where == broken
    assert found.message.startswith(f"1 word(s) are broken up by spaces, e.g. {broken!r}.")
    [(start, end)] = found.uncredited
    assert doc.text[start:end].rstrip(",") == broken


@pytest.mark.parametrize(
    "written",
    [
        "Alerts in Data Dog",  # two words, a spelling matter
        "Tools: Terra form",  # two words too
        "Models in scikit learn",  # the term's own word break
        "Machine Learning with Python",
        "Graf ana and Jen kins",  # no term of this role
        "D\nocker",  # pieces join within a line only
    ],
)
def test_whole_words_and_the_terms_own_breaks_pass(written: str) -> None:
    assert passes(spaced_letters, document(written))


def test_each_broken_word_is_named_once_and_every_place_ruled_out() -> None:
    found = finding(spaced_letters, document("D ocker", "Built D ocker images", "S K I L L S"))
    assert found.message.startswith("3 word(s) are broken up by spaces, e.g. 'D ocker', 'S K I L L S'.")
    assert len(found.uncredited) == 3


def test_a_pdf_word_drawn_with_wide_gaps_fails() -> None:
    doc = pdf([*CLEAN, line("Built images with Docker", split_as="B uilt images with D ocker")])
    found = finding(spaced_letters, doc)
    assert (found.severity, found.where) == ("warning", "B uilt images with D ocker")
    assert found.message.startswith(
        "1 word(s) are drawn with wide gaps between their letters, so some ATS parsers read them broken, "
        "e.g. 'B uilt images with D ocker'. atscheck reads them whole and counts them"
    )
    assert "remove letter-spacing" in found.fix
    assert found.uncredited == ()


def test_wide_gaps_name_the_roles_terms_first_each_word_once() -> None:
    spans = [
        line("Teamwork", split_as="Team work"),
        line("Docker", split_as="D ocker"),
        line("teamwork", split_as="t eamwork"),
    ]
    found = finding(spaced_letters, pdf([*CLEAN, *spans]))
    assert found.message.startswith("2 word(s) are drawn with wide gaps")
    assert "e.g. 'D ocker', 'Team work'." in found.message


def test_broken_and_drawn_apart_are_one_finding() -> None:
    doc = pdf(["S K I L L S", line("Docker", split_as="D ocker")])
    found = finding(spaced_letters, doc)
    assert "broken up by spaces" in found.message and "drawn with wide gaps" in found.message
    assert found.where == "S K I L L S"
