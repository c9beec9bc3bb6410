"""skills-in-context: required skills shown in a role's work pass; ones only listed (or only in the summary)
are named, once per any-of group, leaving out certifications, soft skills and concepts shown by their tools."""

from __future__ import annotations

from atscheck.checks import skills_in_context
from atscheck.model import Term

from .conftest import EARLIER_ROLE, PROFILE, ROLE, SHOWN, document, finding, passes, profile, resume, term


def test_a_clean_resume_passes() -> None:
    assert passes(skills_in_context, resume())


def test_a_required_skill_only_in_the_skills_list_is_named() -> None:
    doc = resume(swap={"- Built 12 data pipelines with Terraform.": ["- Built 12 data pipelines."]})
    found = finding(skills_in_context, doc)
    assert (found.severity, found.where) == ("warning", "experience")
    assert (
        "in no role's work, only in your skills list: Terraform." in found.message and "Rankers weigh" in found.message
    )
    assert "Add a bullet to the role where you used each one" in found.fix and "Terraform" in found.fix


def test_a_skill_only_in_the_summary_counts_as_not_shown() -> None:
    doc = resume(swap={SHOWN: ["- Trained 40 models."]})
    found = finding(skills_in_context, doc)
    assert "only in your summary or projects: " in found.message
    assert "Python" in found.message and "scikit-learn" in found.message and "machine learning" in found.message


def test_one_shown_member_of_a_group_meets_it() -> None:
    clouds = profile(
        Term("AWS", "Cloud", "tool", "required", 2.0, group="cloud"),
        Term("Azure", "Cloud", "tool", "required", 2.0, group="cloud"),
        term("Python"),
    )
    lines = ["Jordan Example", "EXPERIENCE", ROLE, "- Ran 20 Python services on AWS.", "SKILLS", "AWS, Azure, Python"]
    assert passes(skills_in_context, document(*lines), clouds)
    lines[3] = "- Ran 20 services."
    found = finding(skills_in_context, document(*lines), clouds)
    assert "only in your skills list: AWS, Python." in found.message and "Azure" not in found.message


def test_certifications_and_soft_skills_are_left_out() -> None:
    mixed = profile(*PROFILE.terms, Term("communication", "Soft", "soft-skill", "required", 1.0))
    doc = resume("communication, teamwork")
    assert passes(skills_in_context, doc, mixed)


def test_without_dated_roles_the_check_says_nothing() -> None:
    doc = document("Jordan Example", "EXPERIENCE", "Engineer, Acme Corp", "- Built things.", "SKILLS", "Terraform")
    assert passes(skills_in_context, doc)
    assert EARLIER_ROLE  # the clean resume's roles are dated: see test_a_clean_resume_passes
