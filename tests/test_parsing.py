"""The fields a parser reads (issue 28): dates as people write them, roles in their common layouts, degrees
and titles that are not headings, education, certificates and contacts, in text, DOCX and generated PDF."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from conftest import invoke, make_docx, write_resume

import atscheck
from atscheck.evidence import read_career
from atscheck.model import Month, Resume
from atscheck.request import Request
from atscheck.structure import read_document
from atscheck.structure.dates import find_periods
from atscheck.structure.education import names_degree

FORMATS = ("txt", "docx", "pdf")


def periods(text: str) -> list[tuple[str | None, str | None, bool]]:
    return [
        (p.start.iso if p.start else None, p.end.iso if p.end else None, p.current) for _, _, p in find_periods(text)
    ]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Sep 2021 - Present", ("2021-09", None, True)),
        ("09/2021 – heute", ("2021-09", None, True)),
        ("2019–2021", ("2019", "2021", False)),
        ("Summer 2019", ("2019", None, False)),
        ("2021 - aujourd'hui", ("2021", None, True)),
        ("desde 2020", ("2020", None, True)),
        ("seit 03/2019", ("2019-03", None, True)),
        ("2015", ("2015", None, False)),
        ("2021 – 2019", ("2019", "2021", False)),  # written newest first
        ("Present - Sep 2021", ("2021-09", None, True)),
        ("2012年9月 ~ 2014年9月", ("2012-09", "2014-09", False)),
        ("JULY 2009– JUNE 2011", ("2009-07", "2011-06", False)),
        ("Oct-2017 to Till Date", ("2017-10", None, True)),
        ("Jan '19 - Mar '20", ("2019-01", "2020-03", False)),
        ("2018-03 – 2020-11", ("2018-03", "2020-11", False)),
        ("12.2023 - now", ("2023-12", None, True)),
        ("2024-        Acme", ("2024", None, True)),  # an open range: still there
        ("Mar. 2021  Present", ("2021-03", None, True)),  # a PDF that lost its dash
    ],
)
def test_dates_as_people_write_them(written: str, read: tuple[str | None, str | None, bool]) -> None:
    assert periods(written) == [read]


@pytest.mark.parametrize("text", ["February 10, 2026", "version 2", "call 555-0100", "3/4 of the team"])
def test_what_is_not_a_period(text: str) -> None:
    assert periods(text) == []  # a printed date with its day is not a period of work


def resume_of(path: Path) -> Resume:
    document = read_document(path)
    assert document.resume is not None
    return document.resume


def roles_of(path: Path) -> list[tuple[str, str, str, str | None, str | None]]:
    return [
        (
            r.title,
            r.employer,
            r.location,
            r.period.start.iso if r.period and r.period.start else None,
            "present" if r.period and r.period.current else (r.period.end.iso if r.period and r.period.end else None),
        )
        for r in resume_of(path).roles
    ]


TOP = ["Jordan Example", "jordan@example.com | (512) 555-0100 | linkedin.com/in/jordan-example | Austin, TX"]


@pytest.mark.parametrize("kind", FORMATS)
def test_one_line_roles_with_separators(tmp_path: Path, kind: str) -> None:
    lines = [
        *TOP,
        "EXPERIENCE",
        "Senior MLOps Engineer • Acme Corp • Austin, TX          Sep 2021 - Present",
        "- Deployed models to Kubernetes.",
        "Data Engineer, Beta Inc | Jan 2018 - Aug 2021",
        "- Built pipelines in Airflow.",
        "Software Engineer at Gamma Labs | 2015 - 2017",
        "- Wrote services in Go.",
    ]
    assert roles_of(write_resume(tmp_path, lines, kind)) == [
        ("Senior MLOps Engineer", "Acme Corp", "Austin, TX", "2021-09", "present"),
        ("Data Engineer", "Beta Inc", "", "2018-01", "2021-08"),
        ("Software Engineer", "Gamma Labs", "", "2015", "2017"),
    ]


@pytest.mark.parametrize("kind", FORMATS)
def test_several_titles_under_one_employer(tmp_path: Path, kind: str) -> None:
    lines = [
        *TOP,
        "EXPERIENCE",
        "Acme Corp | Austin, TX",
        "Senior MLOps Engineer | Mar 2023 - Present",
        "- Ran the model platform.",
        "MLOps Engineer | Jan 2021 - Feb 2023",
        "- Built the first pipelines.",
        "Beta Inc",
        "Data Analyst",
        "Jun 2019 - Dec 2020",
        "- Wrote reports.",
    ]
    assert [role[:2] for role in roles_of(write_resume(tmp_path, lines, kind))] == [
        ("Senior MLOps Engineer", "Acme Corp"),
        ("MLOps Engineer", "Acme Corp"),
        ("Data Analyst", "Beta Inc"),
    ]


def test_roles_in_a_table(tmp_path: Path) -> None:
    def table(document: object) -> None:
        grid = document.add_table(rows=2, cols=3)  # type: ignore[attr-defined]
        for row, cells in zip(
            grid.rows,
            [("ML Engineer", "Acme Corp", "2021 - 2024"), ("Analyst", "Beta Inc", "2018 - 2020")],
            strict=True,
        ):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text

    path = make_docx(tmp_path / "resume.docx", table, paragraphs=[*TOP, "EXPERIENCE"])
    assert [role[:2] + role[3:] for role in roles_of(path)] == [
        ("ML Engineer", "Acme Corp", "2021", "2024"),
        ("Analyst", "Beta Inc", "2018", "2020"),
    ]


def bold_pdf(path: Path, lines: list[tuple[str, bool]]) -> Path:
    """A PDF whose headings (and, like many templates, degree and title lines) are bold and larger."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.add_page()
    for text, bold in lines:
        pdf.set_font("Helvetica", "B" if bold else "", 13 if bold else 10)
        pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_a_degree_or_a_title_in_bold_is_no_section_heading(tmp_path: Path) -> None:
    path = bold_pdf(
        tmp_path / "resume.pdf",
        [
            ("Jordan Example", True),
            ("jordan@example.com", False),
            ("EXPERIENCE", True),
            ("Machine Learning Engineer", True),
            ("Acme Corp, Austin, TX | 2015 - 2019", False),
            ("Deployed models to production with Docker and Kubernetes.", False),
            ("EDUCATION", True),
            ("Master of Science in Computer Engineering", True),
            ("State University | 2013 - 2015", False),
            ("B.S. in Data Science", True),
            ("City College | 2009 - 2013", False),
        ],
    )
    document = read_document(path)
    assert [s.name for s in document.sections if s.name] == ["experience", "education"]
    assert document.resume is not None
    schools = [(s.institution, s.degree, s.level, s.field) for s in document.resume.schools]
    assert schools == [
        ("State University", "Master of Science", "master", "Computer Engineering"),
        ("City College", "B.S.", "bachelor", "Data Science"),
    ]
    career = read_career(document, (), datetime.date(2026, 12, 5))
    assert career is not None and career.total_months == 48  # 2015 - 2019: four years, not one


@pytest.mark.parametrize("kind", FORMATS)
def test_certificates_and_contacts(tmp_path: Path, kind: str) -> None:
    lines = [
        *TOP,
        "CERTIFICATIONS",
        "AWS Certified Machine Learning - Specialty, Amazon Web Services, 2023",
        "Certified Kubernetes Administrator (CKA), The Linux Foundation, Mar 2022",
    ]
    resume = resume_of(write_resume(tmp_path, lines, kind))
    assert [(c.name, c.issuer, c.date) for c in resume.certificates] == [
        ("AWS Certified Machine Learning - Specialty", "Amazon Web Services", Month(2023)),
        ("Certified Kubernetes Administrator (CKA)", "The Linux Foundation", Month(2022, 3)),
    ]
    contacts = resume.contacts
    assert (contacts.name, contacts.has_email, contacts.has_phone) == ("Jordan Example", True, True)
    assert contacts.links == ("linkedin.com/in/jordan-example",) and contacts.location == "Austin, TX"


def test_a_role_without_dates_and_a_title_without_employer_are_found(tmp_path: Path) -> None:
    lines = [
        *TOP,
        "EXPERIENCE",
        "ML Engineer, Acme Corp",
        "- Built pipelines.",
        "Data Analyst | 2018 - 2020",
        "- Reports.",
    ]
    assert roles_of(write_resume(tmp_path, lines, "txt")) == [
        ("ML Engineer", "Acme Corp", "", None, None),
        ("Data Analyst", "", "", "2018", "2020"),
    ]


def test_the_work_history_counts_months_breaks_and_overlaps(tmp_path: Path) -> None:
    lines = [
        *TOP,
        "EXPERIENCE",
        "ML Engineer, Acme Corp | Jan 2023 - Present",
        "- Deployed models with Kubernetes.",
        "Mentor, Code Club | Jun 2023 - Dec 2023",
        "- Taught Python.",
        "Data Engineer, Beta Inc | Jan 2019 - Dec 2021",
        "- Built pipelines in Python.",
    ]
    document = read_document(write_resume(tmp_path, lines, "txt"))
    career = read_career(document, (), datetime.date(2024, 12, 1))
    assert career is not None
    assert career.role_months == (24, 7, 36)
    assert career.total_months == 60  # the overlap counted once
    assert [(b.after.iso, b.before.iso, b.months) for b in career.breaks] == [("2021-12", "2023-01", 12)]
    assert [(o.first, o.second, o.months) for o in career.overlaps] == [(0, 1, 7)]


HISTORY = [
    *TOP,
    "SUMMARY",
    "MLOps engineer.",
    "EXPERIENCE",
    "Senior MLOps Engineer, Acme Corp | Jan 2023 - Present",
    "- Deployed 40 machine learning models with Kubernetes and Python.",
    "Data Engineer, Beta Inc | Jan 2019 - Dec 2021",
    "- Built 12 pipelines in Python.",
    "SKILLS",
    "Python, Kubernetes, Docker, AWS",
]


def test_the_full_console_report_shows_the_rankers_view(tmp_path: Path) -> None:
    done = invoke(write_resume(tmp_path, HISTORY, "txt"), "--full", "--role", "mlops-engineer")
    out = done.stdout
    assert "What a ranker reads: your roles" in out
    assert "Senior MLOps Engineer" in out and "Jan 2023 - present" in out and "Jan 2019 - Dec 2021" in out
    assert "A break of 1 year" in out  # Dec 2021 - Jan 2023
    assert "Required terms: where they are shown" in out
    assert "only in your skills list" in out  # Docker is listed, never shown in a role
    assert "skills-in-context" in out


def test_the_html_and_json_reports_carry_it(tmp_path: Path) -> None:
    path = write_resume(tmp_path, HISTORY, "txt")
    html = invoke(path, "--format", "html", "--role", "mlops-engineer").stdout
    assert "What a ranker reads" in html and "<td>Acme Corp</td>" in html and "Jan 2023 - present" in html
    data = json.loads(invoke(path, "--format", "json", "--role", "mlops-engineer").stdout)
    [result] = data["results"]
    assert [w["name"] for w in result["resume"]["work"]] == ["Acme Corp", "Beta Inc"]
    assert result["career"]["breaks"] == [{"after": "2021-12", "before": "2023-01", "months": 12}]
    kubernetes = next(t for t in result["career"]["terms"] if t["name"] == "Kubernetes")
    assert kubernetes["roles"] == [0] and kubernetes["last_used"] == "present" and kubernetes["listed"] is True
    assert "jordan@example.com" not in json.dumps(result["resume"])


POSTING = """Senior MLOps Engineer

Requirements
- 5+ years of experience with Python
- Three years of Kubernetes in production
- 2+ years with Terraform
- Bachelor's degree in Computer Science or a related field
"""


def test_a_postings_years_per_skill_are_checked_against_the_roles(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING, encoding="utf-8")
    lines = [
        *HISTORY[:-1],
        "Python, Kubernetes, Docker, AWS, Terraform",
        "EDUCATION",
        "B.S. Computer Science, State University",
    ]
    resume = write_resume(tmp_path, lines, "txt")
    request = Request(today=datetime.date(2024, 12, 1))
    [result] = atscheck.check(resume, jd=str(posting), request=request)
    assert result.posting is not None
    asked = {a.term: (a.years, a.months, a.roles, a.met) for a in result.posting.skill_years}
    assert asked["Python"] == (5, 60, 2, True)  # Jan 2019 - Dec 2021 and Jan 2023 - Dec 2024
    assert asked["Kubernetes"] == (3, 24, 1, False)  # only the current role names it
    assert asked["Terraform"] == (2, 0, 0, False)  # only listed: a ranker counts no months
    out = invoke(resume, "--jd", posting, "--full").stdout
    assert "Python: 5+ years asked; your roles show" in out and "(2 roles). Met." in out  # today: more months
    assert "Terraform: 2+ years asked; no dated role names it" in out
    assert "Education ✓" in out and "bachelor's degree in computer science" in out
    data = json.loads(invoke(resume, "--jd", posting, "--format", "json").stdout)
    kubernetes = next(a for a in data["results"][0]["posting"]["skill_years"] if a["term"] == "Kubernetes")
    assert (kubernetes["years"], kubernetes["roles"]) == (3, 1) and kubernetes["months_found"] >= 24


def test_a_posting_without_years_per_skill_asks_none(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    text = POSTING.replace("5+ years of experience with Python", "Python").replace("Three years of ", "")
    posting.write_text(text.replace("2+ years with Terraform", "6+ years of professional experience"), encoding="utf-8")
    [result] = atscheck.check(write_resume(tmp_path, HISTORY, "txt"), jd=str(posting))
    assert result.posting is not None and result.posting.skill_years == ()
    assert result.posting.years_required == 6


@pytest.mark.parametrize(
    ("line", "degree"),
    [
        ("MS in Computer Science or a related field", True),
        ("MS/PhD in CS", True),
        ("Bachelor's degree in Computer Science", True),
        ("B.S. in Data Science", True),
        ("Experience with MS SSIS packages", False),  # Microsoft, not a master's
        ("MS Office and MS SQL", False),
        ("We work with a high degree of autonomy", False),
        ("a degree of open transparency", False),
    ],
)
def test_what_names_a_degree(line: str, degree: bool) -> None:
    assert names_degree(line) is degree
