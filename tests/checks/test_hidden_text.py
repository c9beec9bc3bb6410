"""hidden-text: words a reader cannot see are an error, and their terms earn no credit."""

from __future__ import annotations

from typing import Any

import pytest

from atscheck.checks import hidden_text

from .conftest import CLEAN, NAME, document, finding, line, passes, pdf, resume

STUFFED = "Python Kubernetes Terraform"


def test_a_clean_resume_passes() -> None:
    assert passes(hidden_text, resume())


def test_hidden_words_fail_and_the_same_words_visible_pass() -> None:
    found = finding(hidden_text, document(NAME, line(STUFFED, hidden=True)))
    assert (found.id, found.severity, found.where) == ("hidden-text", "error", "document")
    assert found.message.startswith(
        "3 word(s) are invisible to a reader: 3 set as hidden text (Word's Hidden font setting)."
    )
    assert "keyword stuffing" in found.message
    assert "Delete the hidden text" in found.fix and "visibly" in found.fix
    assert passes(hidden_text, document(NAME, STUFFED))


@pytest.mark.parametrize(
    ("facts", "how"),
    [
        ({"hidden": True}, "set as hidden text (Word's Hidden font setting)"),
        (
            {"hidden": True, "hidden_how": "drawn in invisible ink (text render mode 3 or 7)"},
            "drawn in invisible ink (text render mode 3 or 7)",
        ),
        ({"hidden": True, "hidden_how": "placed off the page"}, "placed off the page"),
        ({"font_size": 3.5}, "tiny (under 4 pt)"),
        ({"font_size": 1.0, "color": (0, 0, 0)}, "tiny (under 4 pt)"),
        ({"color": (1.0, 1.0, 1.0)}, "white on the white page"),
        ({"color": (0.93, 0.95, 0.99)}, "white on the white page"),
    ],
)
def test_each_way_of_hiding_is_named(facts: dict[str, Any], how: str) -> None:
    found = finding(hidden_text, resume(line(STUFFED, **facts)))
    assert found.severity == "error"
    assert f"3 word(s) are invisible to a reader: 3 {how}." in found.message


@pytest.mark.parametrize(
    "facts",
    [
        {"font_size": 4.0},
        {"font_size": 10.0, "color": (0.2, 0.2, 0.2)},
        {"color": (0.9, 0.95, 0.95)},  # light grey: one channel under the near-white line
        {"color": (1.0, 1.0, 1.0), "on_background": True},  # white on a dark sidebar
    ],
)
def test_text_a_reader_can_see_passes(facts: dict[str, Any]) -> None:
    assert passes(hidden_text, resume(line(STUFFED, **facts)))


def test_hidden_marks_and_spaces_without_words_pass() -> None:
    assert passes(hidden_text, resume(line(" • | - ", hidden=True), line("  ", font_size=1.0)))


def test_the_terms_in_hidden_text_are_named_and_ruled_out() -> None:
    found = finding(hidden_text, document(NAME, line("Python Kubernetes", hidden=True)))
    assert "It holds these terms, which earn no credit there: Kubernetes, Python." in found.message
    start = len(NAME) + 1
    assert found.uncredited == ((start, start + len("Python Kubernetes")),)


def test_hidden_text_without_terms_names_none() -> None:
    found = finding(hidden_text, document(NAME, line("hire me now", color=(1, 1, 1))))
    assert "terms" not in found.message and found.uncredited == ((len(NAME) + 1, len(NAME) + 12),)


def test_several_ways_are_counted_apart_most_words_first() -> None:
    doc = resume(line("Docker", font_size=2.0), line(STUFFED, hidden=True), line("Datadog", color=(1, 1, 1)))
    found = finding(hidden_text, doc)
    assert found.message.startswith(
        "5 word(s) are invisible to a reader: 3 set as hidden text (Word's Hidden font setting); 1 tiny (under 4 pt); "
        "1 white on the white page."
    )
    assert "these terms, which earn no credit there: Datadog, Docker, Kubernetes, Python, Terraform." in found.message
    assert len(found.uncredited) == 3


def test_the_finding_names_the_pages_of_a_pdf() -> None:
    doc = pdf(CLEAN[:10], [*CLEAN[10:], line(STUFFED, color=(1, 1, 1))], [line("Docker", font_size=1)])
    assert finding(hidden_text, doc).where == "page 2, 3"
