"""What a review of the structure reader found, each as a test: no crash on any mix of dates, dates that are
versions or sentences are no roles, places and wrapped ranges keep a role's bullets, employers after a title's
comma, seasons, projects, a posting's years per term, licences, certificate levels, odd JSON, hostile lines,
and no email address or phone number in any field of any report."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from conftest import invoke
from hypothesis import given, settings
from hypothesis import strategies as st

import atscheck
from atscheck.evidence import read_career
from atscheck.model import Document, Span
from atscheck.report import FORMATS
from atscheck.structure import read_document, structured
from atscheck.structure.certificates import _split
from atscheck.structure.dates import find_periods

TOKENS = [
    "2019",
    "Sep 2019",
    "Summer 2019",
    "Present",
    "-",
    "–",
    "to",
    "|",
    "Engineer",
    "Acme Corp",
    "•",
    "(",
    ")",
    "12/2020",
    "2021-03",
    "now",
    "heute",
    "〜",
    "2024年10月",
    ",",
    "Austin, TX",
    "\n",
    "Inc.",
    "A.",
    "desde",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_no_mix_of_dates_and_names_makes_the_reader_fail(tokens: list[str]) -> None:
    text = "Jordan Example\nEXPERIENCE\n" + " ".join(tokens)
    list(find_periods(text))
    document = structured(Document("x.txt", "text", text, (Span(text, 0),)))
    read_career(document, (), datetime.date(2026, 12, 5))


def roles(text: str) -> list[tuple[str, str, str]]:
    document = structured(Document("x.txt", "text", text, (Span(text, 0),)))
    assert document.resume is not None
    return [(r.title, r.employer, r.period.text if r.period else "") for r in document.resume.roles]


def test_a_same_year_range_of_a_year_and_a_month_is_read() -> None:
    assert roles("EXPERIENCE\nEngineer, Acme Corp | 2019 - Sep 2019\n- Built 3 tools.") == [
        ("Engineer", "Acme Corp", "2019 - Sep 2019")
    ]


def test_a_version_or_a_sentence_with_a_year_is_no_role() -> None:
    text = (
        "EXPERIENCE\nSoftware Engineer, Acme Corp | Jan 2019 - Present\n"
        "- Led the migration of our services from Windows Server\n2012 to containers, with zero downtime.\n"
        "- Ran SQL Server 2012 and SharePoint 2013 farms.\n"
    )
    assert [r[:2] for r in roles(text)] == [("Software Engineer", "Acme Corp")]


def test_a_place_line_under_a_role_keeps_its_bullets(tmp_path: Path) -> None:
    text = (
        "EXPERIENCE\nAcme Corp\nSenior Engineer | Mar 2020 - Dec 2022\nBengaluru, Karnataka\n"
        "- Built 30 services in Go.\n"
    )
    document = structured(Document("x.txt", "text", text, (Span(text, 0),)))
    assert document.resume is not None
    [role] = document.resume.roles
    assert (role.title, role.employer, role.bullets) == ("Senior Engineer", "Acme Corp", ("Built 30 services in Go.",))


def test_a_range_wrapped_over_two_lines_is_one_range() -> None:
    text = "EXPERIENCE\nData Engineer | Virtusa | September 2020 –\nJanuary 2023\n- Built 9 pipelines.\n"
    document = structured(Document("x.txt", "text", text, (Span(text, 0),)))
    assert document.resume is not None
    [role] = document.resume.roles
    assert role.period is not None and not role.period.current
    assert (role.period.start and role.period.start.iso, role.period.end and role.period.end.iso) == (
        "2020-09",
        "2023-01",
    )
    assert role.bullets == ("Built 9 pipelines.",)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "Systems Engineer, Public Cloud Container Services | Melbourne, Australia\nCommonwealth Bank | 2022 - 2023",
            ("Systems Engineer, Public Cloud Container Services", "Commonwealth Bank"),
        ),
        ("Senior Data Engineer, contractor | Samsung | 2021 - 2023", ("Senior Data Engineer, contractor", "Samsung")),
        ("Software Engineer, Amazon (Ring) | 2020 - 2022", ("Software Engineer", "Amazon (Ring)")),
        ("Senior Engineer, Acme Corp | 2020 - 2022", ("Senior Engineer", "Acme Corp")),
        (
            "Senior Software Engineer II, Developer Productivity | Confluent | 2024 - 2025",
            ("Senior Software Engineer II, Developer Productivity", "Confluent"),
        ),
    ],
)
def test_the_employer_after_a_titles_comma(lines: str, expected: tuple[str, str]) -> None:
    assert [r[:2] for r in roles(f"EXPERIENCE\n{lines}\n- Did 3 things.")] == [expected]


def test_a_season_is_three_months_and_no_mixed_format(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "Jordan Example\nEXPERIENCE\nData Intern, Acme Corp | Summer 2019\n- Built 3 dashboards.\n"
        "Analyst, Beta Inc | Sep 2020 - Dec 2021\n- Wrote 30 reports.\n",
        encoding="utf-8",
    )
    [result] = atscheck.check(path, "data-engineer")
    assert result.career is not None and result.career.role_months == (3, 16)
    assert not [f for f in result.checks if f.id == "dates"]


def test_project_experience_is_no_employment() -> None:
    text = (
        "EXPERIENCE\nEngineer, Acme Corp | 2020 - 2022\n- Built 3 tools.\n"
        "PROJECT EXPERIENCE\nTerraform GCP Resources | 2021\n- Wrote modules.\n"
    )
    assert [r[:2] for r in roles(text)] == [("Engineer", "Acme Corp")]


@pytest.mark.parametrize(
    ("item", "name", "issuer"),
    [
        ("AWS Certified Solutions Architect – Associate", "AWS Certified Solutions Architect – Associate", ""),
        (
            "Microsoft Certified – Azure Administrator Associate",
            "Microsoft Certified – Azure Administrator Associate",
            "",
        ),
        (
            "AWS Certified Developer – Associate, Amazon Web Services (AWS), 2023",
            "AWS Certified Developer – Associate",
            "Amazon Web Services (AWS)",
        ),
        ("Terraform Associate - HashiCorp", "Terraform Associate", "HashiCorp"),
    ],
)
def test_a_certificates_level_stays_in_its_name(item: str, name: str, issuer: str) -> None:
    read = _split(item)
    assert (read.name, read.issuer) == (name, issuer)


POSTING = """Data Engineer

Requirements
- 5+ years of experience with Python and 3+ years with Java
- A full UK driving licence
- Experience with SQL and Airflow on AWS
"""


def test_a_postings_years_go_to_the_term_they_stand_before_and_a_licence_is_no_degree(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING, encoding="utf-8")
    resume = tmp_path / "r.txt"
    resume.write_text(
        "Jordan Example\nEXPERIENCE\nEngineer, Acme Corp | 2015 - 2024\n- Python, Java, SQL, Airflow on AWS.\n",
        encoding="utf-8",
    )
    [result] = atscheck.check(resume, jd=str(posting))
    assert result.posting is not None
    assert {a.term: a.years for a in result.posting.skill_years} == {"Python": 5, "Java": 3}
    assert result.education is None  # no degree asked


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('"just a string"', "not a JSON Resume document"),
        ('{"basics": {"name": ' + "1" * 5000 + "}}", "a number too long"),
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
    ],
)
def test_odd_json_is_one_clear_line(tmp_path: Path, content: str, said: str) -> None:
    path = tmp_path / "resume.json"
    path.write_text(content, encoding="utf-8")
    done = invoke(path, "--quiet")
    assert done.exit_code == 3 and said in done.output and "report it" not in done.output


def test_latin1_json_says_so(tmp_path: Path) -> None:
    path = tmp_path / "resume.json"
    path.write_bytes('{"basics": {"name": "José"}}'.encode("latin-1"))
    done = invoke(path, "--quiet")
    assert done.exit_code == 3 and "not UTF-8" in done.output


def test_a_folders_other_json_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0"}', encoding="utf-8")
    (tmp_path / "resume.json").write_text(json.dumps({"basics": {"name": "Jo"}, "work": []}), encoding="utf-8")
    run = atscheck.run(atscheck.Request(paths=(tmp_path,)))
    assert [Path(r.file).name for r in run.results] == ["resume.json"] and run.skipped == 1


HOSTILE = {
    "abbreviations": "EXPERIENCE\nAcme " + "A." * 5000 + "1.",
    "long word on top": "x" * 150_000 + "@\nEXPERIENCE\nEngineer, Acme | 2020 - 2021",
    "dash lines": "-\n" * 60_000,
    "spaces in a role line": "EXPERIENCE\nEngineer" + " " * 100_000 + "x | 2020 - 2021",
    "spaces in a skills line": "SKILLS\nPython" + " " * 100_000 + "x",
    "thousands of roles": "EXPERIENCE\n" + "Engineer, Acme Corp | Jan 2000 - Dec 2021\n" * 6000,
    # no Experience heading: the whole text is read for dated roles
    "titles and no heading": "Senior Engineer | Acme\n" * 20_000,
    "names under one role": "EXPERIENCE\nEngineer | Acme | 2020 - 2021\n" + "Acme Corp\n" * 20_000,
    "school names": "EDUCATION\n" + "JNTU Hyderabad | Hyderabad, India\n" * 10_000,
    "certificates without a section": "AWS Certified Cloud Practitioner\n" * 10_000,
    "a run of dashes under the name": "Jane Doe\n" + "-" * 100_000,
    "many dates on one line": "Jane Doe\nSummary\n" + "Engineer 2019 - 2020, " * 9_000,
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_lines_are_read_in_proportion_to_their_length(name: str) -> None:
    text = HOSTILE[name]
    document = structured(Document("x.txt", "text", text, (Span(text, 0),)))
    career = read_career(document, (), datetime.date(2026, 12, 5))
    assert document.resume is not None and len(document.resume.roles) <= 100
    assert career is None or len(career.overlaps) <= 10


EMAIL, PHONE = "jane.doe@example.com", "206 555 0199"
PRIVATE = f"""Jane Doe {EMAIL}
{PHONE} | Austin, TX {EMAIL} | wa.me/12065550199 | linkedin.com/in/jane
SUMMARY
Engineer; reach me at {EMAIL}.
EXPERIENCE
Data Engineer {PHONE}, Beta Inc {EMAIL} | Austin, TX {PHONE} | Jan 2019 - Present
- Built pipelines; questions to {EMAIL} or {PHONE}.
Reach me at {EMAIL}, Acme Corp | 2015 - 2018
- Wrote Python.
EDUCATION
B.S. Computer Science, State University ({EMAIL}) | 2011 - 2015
CERTIFICATIONS
AWS Certified Developer – Associate, verify: {EMAIL}, 2023
SKILLS
Python, SQL, call {PHONE}, {EMAIL}
"""


@pytest.mark.parametrize("format", [name for name in FORMATS if name != "console"] + ["console"])
def test_no_email_or_phone_in_any_field_of_any_report(tmp_path: Path, format: str) -> None:
    path = tmp_path / "resume.txt"
    path.write_text(PRIVATE, encoding="utf-8")
    done = invoke(path, "--format", format, "--full", "--role", "data-engineer")
    assert done.exit_code in (0, 1), done.output
    for secret in (EMAIL, PHONE, "2065550199", "12065550199"):
        assert secret not in done.stdout, (format, secret)
    read = read_document(path)
    assert read.resume is not None and "wa.me/12065550199" not in read.resume.contacts.links
