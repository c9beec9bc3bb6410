"""dates: every role dated, in one format an ATS can read; no dates at all, mixed formats, two-digit years and
undated roles are warnings."""

from __future__ import annotations

import pytest

from atscheck.checks import dates
from atscheck.evidence import read_career

from .conftest import ROLE, TODAY, document, filler, finding, findings, passes, resume


def experience(*lines: str) -> tuple[str, ...]:
    return ("Jordan Example", "EXPERIENCE", *lines)


def test_a_clean_resume_passes() -> None:
    assert passes(dates, resume())


def test_mixed_formats_fail_and_one_format_passes() -> None:
    mixed = experience(ROLE, "- Built pipelines", "Analyst, Beta Inc | 03/2018 - 12/2020", "- Reports")
    found = finding(dates, document(*mixed))
    assert (found.id, found.severity, found.where) == ("dates", "warning", "experience")
    assert "mixed formats ('Jan 2021', '03/2018')" in found.message and "years of experience" in found.message
    assert "'Jan 2021 - Mar 2024'" in found.fix and "four-digit year" in found.fix
    same = experience(ROLE, "- Built pipelines", "Analyst, Beta Inc | Mar 2018 - Dec 2020", "- Reports")
    assert passes(dates, document(*same))


@pytest.mark.parametrize(
    ("first", "second", "shown"),
    [
        ("Engineer, Acme | 2021 - Present", "Analyst, Beta | Mar 2018 - Dec 2020", "'2021', 'Mar 2018'"),
        ("Engineer, Acme | 2021-03 - Present", "Analyst, Beta | March 4, 2018 - 2020", "'March 4, 2018', '2021-03'"),
    ],
)
def test_any_two_formats_are_mixed(first: str, second: str, shown: str) -> None:
    found = finding(dates, document(*experience(first, "- Built pipelines", second, "- Reports")))
    assert "mixed formats" in found.message
    assert all(part in found.message for part in shown.split(", "))


@pytest.mark.parametrize(
    ("role", "shown"),
    [("Engineer, Acme | Jan '21 - Mar '23", "'Jan '21'"), ("Engineer, Acme | 01/21 - 03/23", "'01/21'")],
)
def test_a_two_digit_year_fails_even_in_one_format(role: str, shown: str) -> None:
    found = finding(dates, document(*experience(role, "- Built pipelines")))
    assert found.severity == "warning"
    assert f"a two-digit year ({shown})" in found.message


@pytest.mark.parametrize("written", ["Jan 2021 - Present", "2019 - 2021", "03/2018 - 12/2020", "2018-03 - 2020-12"])
def test_each_four_digit_format_alone_passes(written: str) -> None:
    assert passes(dates, document(*experience(f"Engineer, Acme | {written}", "- Built pipelines")))


def test_no_dates_at_all_fail_once() -> None:
    found = finding(dates, document(*experience("Engineer, Acme Corp", "- Built pipelines.", "- Wrote reports.")))
    assert (found.severity, found.where) == ("warning", "experience")
    assert found.message.startswith("No employment dates found in your Experience section")
    assert "'Jan 2021 - Mar 2024'" in found.fix and "'Present'" in found.fix


def test_a_role_without_dates_is_named() -> None:
    doc = document(*experience(ROLE, "- Built pipelines.", "Analyst, Beta Inc", "- Wrote reports."))
    found = finding(dates, doc)
    assert found.severity == "warning"
    assert "1 of 2 roles have no dates (Analyst, Beta Inc)" in found.message
    assert "Add start and end dates to every role" in found.fix


def test_a_role_on_two_lines_is_dated_on_either() -> None:
    lines = experience("Senior Engineer", "Acme Corp, Jan 2021 - Present", "- Built pipelines.")
    assert passes(dates, document(*lines, "Analyst", "Beta Inc, Mar 2018 - Dec 2020", "- Wrote reports."))
    found = finding(dates, document(*lines, "Analyst", "Beta Inc", "- Wrote reports."))
    assert "1 of 2 roles have no dates (Analyst, Beta Inc)" in found.message


def test_mixed_formats_and_an_undated_role_are_two_findings() -> None:
    doc = document(
        *experience(ROLE, "- Built.", "Analyst, Beta | 03/2018 - 12/2020", "- Wrote.", "Intern, Gamma", "- Ran.")
    )
    messages = [f.message for f in findings(dates, doc)]
    assert len(messages) == 2 and "mixed formats" in messages[0] and "1 of 3 roles" in messages[1]


def test_a_year_in_a_bullet_is_no_employment_date() -> None:
    doc = document(*experience(ROLE, "- Moved the platform to the cloud in 2019, by 03/2020."))
    assert passes(dates, doc)


def test_a_project_line_inside_a_role_is_no_undated_role() -> None:
    doc = document(*experience(ROLE, "- Built pipelines.", "Project Atlas", "- Wrote reports."))
    assert passes(dates, doc)


def test_without_an_experience_section_the_check_says_nothing() -> None:
    assert passes(dates, document("Jordan Example", "SUMMARY", filler(40), "Engineer since '21, 03/2018 and 2019"))


def test_the_work_history_counts_present_as_today() -> None:
    doc = document(*experience(ROLE, "- Built pipelines", "Analyst, Beta Inc | Mar 2018 - Dec 2020", "- Reports"))
    assert doc.resume is not None
    assert [(role.title, role.employer) for role in doc.resume.roles] == [
        ("Senior Engineer", "Acme Corp"),
        ("Analyst", "Beta Inc"),
    ]
    now = read_career(doc, (), TODAY)
    later = read_career(doc, (), TODAY.replace(year=2030, month=1))
    assert now is not None and later is not None
    assert now.role_months == (54, 34) and now.total_months == 88  # Jan 2021 - Jun 2025; Mar 2018 - Dec 2020
    assert later.role_months[0] == 109 and later.total_months == 143
