"""Role layouts met on resumes the reader had not seen: each in text, DOCX and a generated PDF, with the
layout next to it that must not change."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_resume
from test_parsing import FORMATS, TOP, roles_of

from atscheck.contact import redact
from atscheck.structure import read_document
from atscheck.structure.dates import find_periods
from atscheck.structure.sections import standard_name


@pytest.mark.parametrize("kind", FORMATS)
def test_dated_entries_ended_by_a_full_stop(tmp_path: Path, kind: str) -> None:
    """moderncv ends every entry with a stop: "2015–2019 Data Engineer, Acme GmbH, Berlin."."""
    lines = [
        *TOP,
        "Experience",
        "2015–2019 Data Engineer, Acme GmbH, Berlin.",
        "Built pipelines for the data team in Python and Spark.",
        "2019–2022 Senior Data Engineer, Zalando, Berlin.",
        "Led the platform team of five engineers.",
    ]
    assert roles_of(write_resume(tmp_path, lines, kind)) == [
        ("Data Engineer", "Acme GmbH", "Berlin", "2015", "2019"),
        ("Senior Data Engineer", "Zalando", "Berlin", "2019", "2022"),
    ]


def test_a_sentence_with_a_year_and_a_stop_is_still_no_role(tmp_path: Path) -> None:
    lines = [
        *TOP,
        "Experience",
        "Data Engineer, Acme GmbH | 2015 - 2019",
        "- In 2018 the team moved every pipeline to Airflow, which I planned and led.",
    ]
    assert roles_of(write_resume(tmp_path, lines, "txt")) == [("Data Engineer", "Acme GmbH", "", "2015", "2019")]


@pytest.mark.parametrize("kind", FORMATS)
def test_undated_roles_one_per_line(tmp_path: Path, kind: str) -> None:
    """Canva layouts: "DC Analyst | Deloitte USI" then "Project Lead | Caddman": two roles, no dates."""
    lines = [
        *TOP,
        "Experience",
        "DC Analyst | Deloitte USI",
        "Project Lead | Caddman Technologies",
        "- Designed a wireless remote for the flight controller.",
        "Intern | Pingalaksh",
    ]
    assert roles_of(write_resume(tmp_path, lines, kind)) == [
        ("DC Analyst", "Deloitte USI", "", None, None),
        ("Project Lead", "Caddman Technologies", "", None, None),
        ("Intern", "Pingalaksh", "", None, None),
    ]


def test_an_undated_subheading_is_still_no_role(tmp_path: Path) -> None:
    lines = [
        *TOP,
        "Experience",
        "Data Engineer | Acme Corp | 2019 - 2021",
        "- Ran it.",
        "Devops Cloud Engineer - Profile",
        "- Eight years of cloud work, most of it on Azure.",
    ]
    assert roles_of(write_resume(tmp_path, lines, "txt")) == [("Data Engineer", "Acme Corp", "", "2019", "2021")]


@pytest.mark.parametrize("kind", FORMATS)
def test_a_labelled_client_line_starts_the_next_role(tmp_path: Path, kind: str) -> None:
    """Consultants' resumes: an "Environment:" list wraps, and "Client: ..." below it starts the next role."""
    lines = [
        *TOP,
        "Experience",
        "Client: GS1, Ewing, New Jersey",
        "Nov 2018 – Feb 2019",
        "Role: Azure DevOps Engineer",
        "- Built CI/CD pipelines in Azure DevOps.",
        "Environment: Windows, Linux, Jenkins, Python, Apache Tomcat, Azure, Terraform, Kubernetes,",
        "repository, Artifactory, SQL Client, Power BI, Active Directory, JIRA",
        "Client: United Health group, Hartford, Connecticut",
        "July 2017 – November 2018",
        "Role: DevOps Engineer",
        "- Ran the build farm.",
    ]
    assert [role[:2] for role in roles_of(write_resume(tmp_path, lines, kind))] == [
        ("Azure DevOps Engineer", "GS1"),
        ("DevOps Engineer", "United Health group"),
    ]


@pytest.mark.parametrize("kind", FORMATS)
def test_bulleted_dated_titles_with_the_employer_below(tmp_path: Path, kind: str) -> None:
    """academicpages CVs: "* 11.2022 - 12.2023: ML Engineer" then "* Rohde & Schwarz; Munich, Germany"."""
    lines = [
        *TOP,
        "Work experience",
        "* 12.2023 - now: AI Engineer",
        "* Gradient; Bay Area, United States",
        "* Built the evaluation platform for language models.",
        "* 11.2022 - 12.2023: ML Engineer",
        "* Rohde & Schwarz; Munich, Germany",
        "* Accelerated and productionized large language models.",
    ]
    assert roles_of(write_resume(tmp_path, lines, kind)) == [
        ("AI Engineer", "Gradient", "Bay Area, United States", "2023-12", "present"),
        ("ML Engineer", "Rohde & Schwarz", "Munich, Germany", "2022-11", "2023-12"),
    ]


def test_a_bullet_that_says_what_was_done_is_no_employer(tmp_path: Path) -> None:
    lines = [*TOP, "Work experience", "* 12.2023 - now: AI Engineer at Gradient", "* Built the evaluation platform."]
    assert roles_of(write_resume(tmp_path, lines, "txt")) == [("AI Engineer", "Gradient", "", "2023-12", "present")]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("EXPÉRIENCE PROFESSIONNELLE (classée par date)", "experience"),
        ("Experience (most recent first):", "experience"),
        ("Skills (selected)", "skills"),
    ],
)
def test_a_heading_with_a_note_in_brackets(heading: str, section: str) -> None:
    assert standard_name(heading) == section


@pytest.mark.parametrize("kind", FORMATS)
def test_experience_as_a_title_gives_the_roles_their_title(tmp_path: Path, kind: str) -> None:
    lines = [
        *TOP,
        "EXPERIENCE AS SENIOR PERL DEVELOPER",
        "Peppels.net",
        "JANUARY 2019 - PRESENT",
        "Skills used:",
        "Modern Perl, LWP::UserAgent, Log::Log4perl, HTML::TreeBuilder,",
        "XML::Writer, Email::Sender, Text::CSV_XS",
        "RedSocks",
        "FEBRUARY 2013 - DECEMBER 2015",
        "- Wrote the crawler.",
    ]
    assert roles_of(write_resume(tmp_path, lines, kind)) == [
        ("Senior Perl Developer", "Peppels.net", "", "2019-01", "present"),
        ("Senior Perl Developer", "RedSocks", "", "2013-02", "2015-12"),
    ]


def test_a_heading_that_only_starts_like_a_section_is_content() -> None:
    assert standard_name("Worked with Kubernetes") is None


@pytest.mark.parametrize(
    ("written", "current"), [("Oct2024–...", True), ("Oct 2024 - …", True), ("2019 - 2020...", False)]
)
def test_dots_leave_a_range_open(written: str, current: bool) -> None:
    ((_, _, period),) = list(find_periods(written))
    assert period.current is current


@pytest.mark.parametrize("text", ["11.2022 - 12.2023: ML Engineer", "2019-01 - 2020-12", "06.2020-12.2021"])
def test_a_range_of_numeric_months_is_no_phone_number(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize("phone", ["+49 221 1234 5678", "(555) 123-4567", "555.123.4567"])
def test_phone_numbers_are_still_masked(phone: str) -> None:
    assert redact(f"call {phone}") == "call [phone]"


def schools_of(path: Path) -> list[tuple[str, str, str | None]]:
    from test_parsing import resume_of

    return [(s.institution, s.degree, s.level) for s in resume_of(path).schools]


@pytest.mark.parametrize("kind", FORMATS)
def test_a_school_named_without_a_word_that_says_so(tmp_path: Path, kind: str) -> None:
    """LinkedIn exports and plain templates: the school's name on its own line, its degree below, or beside
    its place; "from VTU" after a degree."""
    lines = [
        *TOP,
        "Education",
        "Nucleo Avançado em Educação",
        "Associate degree in Game Development, Computer Software Engineering · (2014 - 2016)",
        "JNTU Hyderabad | Hyderabad, India",
        "September 2016 - May 2020",
        "Bachelors in Information Technology",
        "BE in Computer Science and Engineering AUG-2012 from VTU with 6.79 CGPA",
    ]
    assert schools_of(write_resume(tmp_path, lines, kind)) == [
        ("Nucleo Avançado em Educação", "Associate degree", "associate"),
        ("JNTU Hyderabad", "Bachelors", "bachelor"),
        ("VTU", "BE", "bachelor"),
    ]


def test_what_is_not_a_school_name(tmp_path: Path) -> None:
    lines = [
        *TOP,
        "Education",
        "M.Sc. Digital Engineering, Otto-von-Guericke University",
        "Apr 2019 – Oct 2022 | Magdeburg, Germany",
        "Physics, Bachelor of Science",
        "Degree Awarded: May 2018",
        "University of Wisconsin-Stevens Point",
        "Columbia, Missouri",
        "2015 MAS.S65 Blockchain Technologies ---- MIT Media Lab",
        "Dean's List",
    ]
    assert schools_of(write_resume(tmp_path, lines, "txt")) == [
        ("Otto-von-Guericke University", "M.Sc.", "master"),
        ("University of Wisconsin-Stevens Point", "Bachelor of Science", "bachelor"),
        ("MIT Media Lab", "", None),
    ]


@pytest.mark.parametrize(
    ("line", "level"),
    [("B. Tech in Mechanical Engineering", "bachelor"), ("M. Sc. in AI", "master"), ("B. E. Civil", "bachelor")],
)
def test_degrees_written_with_a_space_after_the_initial(line: str, level: str) -> None:
    from atscheck.structure.education import level_named

    assert (level_named(line) or ("", ""))[0] == level


def test_an_abbreviated_university_after_the_field(tmp_path: Path) -> None:
    lines = [*TOP, "Education", "* M.Sc. in Robotics, Cognition Intelligence, TU Munich, 10.2020 - 10.2022"]
    assert schools_of(write_resume(tmp_path, lines, "txt")) == [("TU Munich", "M.Sc.", "master")]


@pytest.mark.parametrize("kind", FORMATS)
def test_a_numbered_experience_heading_set_as_a_bullet(tmp_path: Path, kind: str) -> None:
    """ "• Professional Experience 2:" (one section per employer) is a heading; "• CUSTOMER EXPERIENCE" in a
    list of skills is an item of it."""
    lines = [
        *TOP,
        "Skills",
        "• CUSTOMER EXPERIENCE",
        "• PROJECT MANAGEMENT",
        "• Professional Experience 2:",
        "Organization : Wipro, Noida",
        "Designation : Cloud DevOps Engineer",
        "Period : Oct-2017 to Till Date",
        "• Ran the build servers.",
    ]
    path = write_resume(tmp_path, lines, kind)
    assert [role[:2] for role in roles_of(path)] == [("Cloud DevOps Engineer", "Wipro")]
    assert [s.name for s in read_document(path).sections] == ["skills", "experience"]


def test_a_subheading_under_an_employers_role_is_no_second_role(tmp_path: Path) -> None:
    lines = [
        *TOP,
        "Experience",
        "Organization : Infosys, Noida",
        "Designation : Infrastructure Admin",
        "Period : Dec 2013 to Oct 2017",
        "• Migrated servers.",
        "Devops Cloud Engineer - Profile",
        "• Managed software configuration with Ansible.",
    ]
    assert roles_of(write_resume(tmp_path, lines, "txt")) == [
        ("Infrastructure Admin", "Infosys", "Noida", "2013-12", "2017-10")
    ]


@pytest.mark.parametrize("kind", FORMATS)
def test_roles_of_a_resume_with_no_experience_heading(tmp_path: Path, kind: str) -> None:
    """Roles written straight under the summary are read as a parser reads them: dated, with a title."""
    lines = [
        *TOP,
        "About Me",
        "Compelled by complex problems, I lead design in enterprise software.",
        "Workday",
        "Product Design Architect",
        "Jan 2020–Present",
        "- Leading early stage efforts for design discovery.",
        "Platfora",
        "Senior Interaction Designer",
        "Mar 2014–Apr 2016",
        "- Designed the analytics workbench.",
    ]
    assert roles_of(write_resume(tmp_path, lines, kind)) == [
        ("Product Design Architect", "Workday", "", "2020-01", "present"),
        ("Senior Interaction Designer", "Platfora", "", "2014-03", "2016-04"),
    ]


def test_without_an_experience_heading_undated_or_untitled_lines_are_no_roles(tmp_path: Path) -> None:
    lines = [
        *TOP,
        "About Me",
        "Data Engineer | Acme Corp",
        "- Eight years of pipelines.",
        "Open Source",
        "LATEX resume template | 2015 - Present",
        "- Maintained it.",
    ]
    assert roles_of(write_resume(tmp_path, lines, "txt")) == []


def test_the_summary_is_not_read_for_roles_when_there_is_an_experience_section(tmp_path: Path) -> None:
    lines = [
        *TOP,
        "Summary",
        "Data Engineer | Acme Corp | 2015 - 2019",
        "Experience",
        "Senior Data Engineer | Beta Inc | 2019 - 2023",
        "- Led the platform.",
    ]
    assert [role[:2] for role in roles_of(write_resume(tmp_path, lines, "txt"))] == [
        ("Senior Data Engineer", "Beta Inc")
    ]


@pytest.mark.parametrize(
    ("heading", "section"), [("IT 技能", "skills"), ("获奖情况", "awards"), ("实习/项目经历", "projects")]
)
def test_chinese_headings_by_their_keyword(heading: str, section: str) -> None:
    assert standard_name(heading) == section


@pytest.mark.parametrize("kind", ["txt", "docx"])  # no font here draws Chinese into a PDF
def test_roles_before_any_heading(tmp_path: Path, kind: str) -> None:
    """A Chinese table resume whose work history has no heading: employer, dates, title."""
    lines = [
        "刘立超",
        "北京博睿宏远科技发展有限公司",
        "2009/08 – 至今",
        "系统架构设计师",
        "负责PC端产品核心模块的开发工作,和整个部门的管理工作。",
        "软通动力信息技术有限公司",
        "2008/07 – 2009/07",
        "软件工程师",
        "使用Java语言,从事Web前端和后端开发。",
        "自我评价",
        "热爱学习,热爱工作,热爱生活。",
    ]
    assert roles_of(write_resume(tmp_path, lines, kind)) == [
        ("系统架构设计师", "北京博睿宏远科技发展有限公司", "", "2009-08", "present"),
        ("软件工程师", "软通动力信息技术有限公司", "", "2008-07", "2009-07"),
    ]


@pytest.mark.parametrize(
    ("heading", "section"), [("自我评价", "summary"), ("自己PR", "summary"), ("保有スキル", "skills")]
)
def test_chinese_and_japanese_headings(heading: str, section: str) -> None:
    assert standard_name(heading, loose=False) == section


def certificates_of(path: Path) -> list[str]:
    from test_parsing import resume_of

    return [c.name for c in resume_of(path).certificates]


@pytest.mark.parametrize("kind", FORMATS)
def test_certificates_named_outside_a_certifications_section(tmp_path: Path, kind: str) -> None:
    """Under the name (a Hugo front matter's list) and in the Education section, as a parser finds them."""
    lines = [
        "Mahesh Example",
        "HashiCorp Certified: Terraform Associate",
        "Certified Kubernetes Administrator (CKA)",
        "Summary",
        "DevOps engineer with certifications in AWS and Kubernetes, and a record of reliable releases.",
        "Experience",
        "DevOps Engineer | Acme Corp | 2019 - 2023",
        "- Certified 20 engineers on the release process.",
        "Education",
        "• Datadog Fundamentals Certified, August 2023",
        "• Certificate in Data Science, Example University, 2018",
        "• Bachelor of Arts, Carson-Newman College, May 2005",
    ]
    assert certificates_of(write_resume(tmp_path, lines, kind)) == [
        "HashiCorp Certified: Terraform Associate",
        "Certified Kubernetes Administrator (CKA)",
        "Datadog Fundamentals Certified",
    ]


def test_a_certificate_listed_twice_is_one(tmp_path: Path) -> None:
    lines = [
        "Jordan Example",
        "AWS Certified Cloud Practitioner",
        "Certifications",
        "AWS Certified Cloud Practitioner, 2022",
    ]
    assert certificates_of(write_resume(tmp_path, lines, "txt")) == ["AWS Certified Cloud Practitioner"]


@pytest.mark.parametrize("kind", ["txt", "docx"])  # no font here draws Chinese into a PDF
def test_a_degree_among_personal_details(tmp_path: Path, kind: str) -> None:
    lines = [
        "胶布帝",
        "个人信息",
        "- 本科/萌鹿大学计算机系",
        "- 工作年限:3年",
        "工作经历",
        "架构师 | 萌鹿科技 | 2019 - 2022",
    ]
    assert schools_of(write_resume(tmp_path, lines, kind)) == [("萌鹿大学计算机系", "本科", "bachelor")]


def test_personal_details_are_not_read_for_schools_beside_an_education_section(tmp_path: Path) -> None:
    lines = [
        "Jordan Example",
        "B.Sc. Computer Science, State University",
        "Summary",
        "A Master of Science is next, at Example University.",
        "Education",
        "M.Sc. Data Science, Example University, 2021",
    ]
    assert schools_of(write_resume(tmp_path, lines, "txt")) == [("Example University", "M.Sc.", "master")]


def test_without_an_education_section_a_degree_with_its_school_under_the_name(tmp_path: Path) -> None:
    lines = ["Jordan Example", "B.Sc. Computer Science, State University", "Experience", "Engineer | Acme | 2020"]
    assert schools_of(write_resume(tmp_path, lines, "txt")) == [("State University", "B.Sc.", "bachelor")]


def test_review_what_is_no_role_school_or_certificate(tmp_path: Path) -> None:
    """Lines a reviewer found read as fields they are not."""
    lines = [
        "Maria Garcia",
        "maria@example.com | Jane Doe, PMP | AWS Certified",
        "Certified Scrum Master with 8 years of experience leading teams.",
        "Certified in AWS and Azure, passionate about cloud",
        "Python, SQL, Certification prep, Excel",
        "Marketing Manager",
        "2019 - Present",
        "EDUCATION",
        "M.S. Computer Science, MIT",
        "Summa Cum Laude",
        "B.S. Mathematics, Boston University",
        "Study Abroad Program | Madrid, Spain",
    ]
    path = write_resume(tmp_path, lines, "txt")
    assert roles_of(path) == []
    assert certificates_of(path) == []
    assert schools_of(path) == [("MIT", "M.S.", "master"), ("Boston University", "B.S.", "bachelor")]


def test_review_a_sentence_with_a_year_and_a_heading_that_names_a_role(tmp_path: Path) -> None:
    lines = [
        *TOP,
        "Experience",
        "Data Engineer | Acme Corp | 2019 - 2023",
        "Promoted to Lead Engineer in 2021, managing 4 people.",
        "RESEARCH AT MIT",
        "Research Assistant | MIT | 2017 - 2019",
        "- Built the lab's pipeline.",
    ]
    path = write_resume(tmp_path, lines, "txt")
    assert [role[:2] for role in roles_of(path)] == [("Data Engineer", "Acme Corp"), ("Research Assistant", "MIT")]
