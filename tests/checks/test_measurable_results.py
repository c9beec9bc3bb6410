"""measurable-results: fewer than half of the Experience bullets holding a number is an info finding."""

from __future__ import annotations

import pytest

from atscheck.checks import measurable_results

from .conftest import ROLE, document, finding, passes, resume


def experience(*bullets: str) -> tuple[str, ...]:
    return ("EXPERIENCE", ROLE, *bullets)


def test_a_clean_resume_passes() -> None:
    assert passes(measurable_results, resume())


def test_bullets_without_numbers_fail_and_measured_ones_pass() -> None:
    found = finding(measurable_results, document(*experience("- Built pipelines", "- Wrote reports", "- Helped")))
    assert (found.id, found.severity, found.where) == ("measurable-results", "info", "experience")
    assert found.message == "0 of 3 experience bullets hold a number. Recruiters look for measured results."
    assert "in figures" in found.fix
    measured = experience("- Cut costs by 30%", "- Served 2 million users", "- Helped the team")
    assert passes(measurable_results, document(*measured))


def test_half_of_the_bullets_measured_is_enough() -> None:
    half = experience("- Cut costs by 30%", "- Served 2 million users", "- Wrote reports", "- Helped the team")
    assert passes(measurable_results, document(*half))
    less = experience("- Cut costs by 30%", "- Built pipelines", "- Wrote reports", "- Helped the team")
    assert finding(measurable_results, document(*less)).message.startswith("1 of 4 experience bullets")


def test_fewer_than_three_bullets_are_too_few_to_judge() -> None:
    assert passes(measurable_results, document(*experience("- Built pipelines", "- Wrote reports")))


def test_a_year_alone_is_no_result() -> None:
    doc = document(*experience("- Moved to the cloud in 2021", "- Wrote reports in 2019", "- Led the 2020 launch"))
    assert finding(measurable_results, doc).message.startswith("0 of 3")


@pytest.mark.parametrize(
    "result",
    ["- Cut costs by a third ($40k)", "- Doubled the throughput", "- Served thousands of users", "- 5x faster"],
)
def test_amounts_and_words_for_numbers_are_results(result: str) -> None:
    found = finding(measurable_results, document(*experience(result, "- Built pipelines", "- Wrote docs")))
    assert found.message.startswith("1 of 3")
    assert passes(measurable_results, document(*experience(result, result, "- Built pipelines", "- Wrote docs")))


def test_bullets_outside_the_experience_section_do_not_count() -> None:
    doc = document(*experience("- Cut costs by 30%"), "PROJECTS", "- Built a blog", "- Wrote a game", "- Drew maps")
    assert passes(measurable_results, doc)
