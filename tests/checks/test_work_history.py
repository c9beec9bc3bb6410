"""work-history: every role names a title and an employer; a title with no employer and an employer with no
title are warnings that name them."""

from __future__ import annotations

from atscheck.checks import work_history

from .conftest import document, finding, findings, passes, resume


def experience(*lines: str) -> tuple[str, ...]:
    return ("Jordan Example", "EXPERIENCE", *lines)


def test_a_clean_resume_passes() -> None:
    assert passes(work_history, resume())


def test_a_title_without_an_employer_is_named() -> None:
    doc = document(*experience("Data Analyst | 2018 - 2020", "- Wrote 30 reports."))
    found = finding(work_history, doc)
    assert (found.severity, found.where) == ("warning", "experience")
    assert found.message.startswith("1 role(s) name no employer: Data Analyst.")
    assert "'Title, Company | Jan 2021 - Present'" in found.fix


def test_an_employer_without_a_title_is_named() -> None:
    doc = document(*experience("2018 - 2020    Acme Corp ------------- Boston, MA", "- Wrote 30 reports."))
    found = finding(work_history, doc)
    assert found.message.startswith("1 role(s) name no job title: Acme Corp.") and "search by title" in found.message


def test_several_titles_under_one_employer_pass() -> None:
    doc = document(
        *experience(
            "Acme Corp", "Senior Engineer | 2022 - 2024", "- Led 3 teams.", "Engineer | 2019 - 2022", "- Built 9 tools."
        )
    )
    assert passes(work_history, doc)


def test_both_problems_are_two_findings() -> None:
    doc = document(
        *experience(
            "Data Analyst | 2018 - 2020",
            "- Wrote 30 reports.",
            "2015 - 2017    Beta Inc ------ Austin, TX",
            "- Ran 4 jobs.",
        )
    )
    assert len(findings(work_history, doc)) == 2
