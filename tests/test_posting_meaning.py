"""--jd, round 3 (issue 29): stack lines, nice-to-have headings read by meaning, cloud lists, the employer's
own name, comparisons and pitch, bracketed title tags. Each example is a small posting written in tmp_path,
read as `--jd` reads it, with a negative beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import bench_module, invoke, shared_file

from atscheck.job_title import find_title
from atscheck.model import Profile, Term
from atscheck.posting import derive_profile, read_posting
from atscheck.posting.profile import DEFAULT_PASS_SCORE

FILLER = "- Clear written English in design documents and reviews, with care for the people who use our work.\n"


def _profile(tmp_path: Path, text: str, name: str = "posting.txt") -> Profile:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return derive_profile(*read_posting(str(path)))


def _terms(tmp_path: Path, text: str) -> dict[str, Term]:
    return {t.name: t for t in _profile(tmp_path, text).terms}


def _resume(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "resume.md"
    path.write_text("\n".join(["# Sam Doe", "sam@example.com", "", *lines]) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- 1. stack lines


STACK = "Robotics Software Engineer\n\nAbout the role\nStack: Python, PyTorch, Ray, Rust/C++ (on-vehicle)\n" + FILLER


def test_a_stack_line_lists_each_tool_and_only_a_slash_pair_is_a_choice(tmp_path: Path) -> None:
    terms = _terms(tmp_path, STACK)
    assert {terms[n].group for n in ("Python", "PyTorch", "Ray")} == {None}  # each its own term
    assert terms["Rust"].group == terms["C++"].group is not None  # "Rust/C++": either
    assert "Python" not in (terms["Rust"].group or "")


def test_a_resume_with_one_stack_tool_does_not_meet_the_whole_stack(tmp_path: Path) -> None:
    posting = tmp_path / "stack.txt"
    posting.write_text(STACK, encoding="utf-8")
    resume = _resume(tmp_path, "## Experience", "Robotics Software Engineer, Acme, 2020 - 2024", "- Python services.")
    result = json.loads(invoke(resume, "--jd", posting, "--format", "json").stdout)["results"][0]
    assert result["score"] < 100
    missing = {t["name"] for t in result["terms"] if t["status"] == "missing"}
    assert {"PyTorch", "Ray"} <= missing


def test_or_still_makes_a_list_of_alternatives(tmp_path: Path) -> None:
    terms = _terms(tmp_path, "Engineer\n\nRequirements\n- Python, Go, or Rust in production.\n" + FILLER)
    assert terms["Python"].group == terms["Go"].group == terms["Rust"].group is not None


# ---------------------------------------------------------------- 2. nice-to-have headings


@pytest.mark.parametrize(
    "heading",
    [
        "What makes you standout",
        "Bonus points",
        "Nice to haves",
        "Extra credit",
        "Pluses:",
        "You'll stand out if",
        "Great if you",
        "Preferred qualifications",
        # misspelt, and wordings no list holds
        "Prefered Qualifcations",
        "Bonus poinst",
        "Nice-to-haves:",
        "It would be great if you also have",
        "Things that set you apart",
        "Not required, but helpful",
    ],
)
def test_nice_to_have_headings_are_read_by_meaning(tmp_path: Path, heading: str) -> None:
    text = f"Platform Engineer\n\nRequirements\n- Kubernetes in production.\n\n{heading}\n- Terraform modules.\n"
    terms = _terms(tmp_path, text + FILLER)
    assert terms["Kubernetes"].importance == "required"
    assert terms["Terraform"].importance == "preferred", heading


@pytest.mark.parametrize("heading", ["Requirements", "What you'll need", "Must haves", "Minimum qualifications"])
def test_requirement_headings_stay_required(tmp_path: Path, heading: str) -> None:
    text = f"Platform Engineer\n\nWhat you'll do\n- Run Kubernetes.\n\n{heading}\n- Terraform modules.\n"
    assert _terms(tmp_path, text + FILLER)["Terraform"].importance == "required"


def test_pay_words_beside_bonus_are_pay_and_a_plus_sentence_is_no_heading(tmp_path: Path) -> None:
    text = (
        "Platform Engineer\n\nRequirements\n- Kubernetes in production.\nAnsible experience is a plus\n"
        "- Terraform modules.\n\nAnnual bonus\n- Paid in AWS credits every year.\n" + FILLER
    )
    terms = _terms(tmp_path, text)
    assert terms["Ansible"].importance == "preferred"  # the sentence says so
    assert terms["Terraform"].importance == "required"  # still under Requirements: the sentence opened no part
    assert "AWS" not in terms  # under "Annual bonus": pay, left out


# ---------------------------------------------------------------- 3. clouds


def test_three_clouds_joined_by_or_are_one_requirement(tmp_path: Path) -> None:
    text = (
        "Cloud Engineer\n\nRequirements\n"
        "- Experience with Google Cloud Platform, Microsoft Azure, or Amazon Web Services.\n" + FILLER
    )
    terms = _terms(tmp_path, text)
    assert terms["Google Cloud"].group == terms["Azure"].group == terms["AWS"].group is not None
    assert "cloud computing" not in terms  # "Cloud Platform" is part of Google Cloud's name here


def test_clouds_joined_by_and_are_each_required(tmp_path: Path) -> None:
    text = "Cloud Engineer\n\nRequirements\n- Experience with Google Cloud Platform and Microsoft Azure.\n" + FILLER
    terms = _terms(tmp_path, text)
    assert terms["Google Cloud"].group is None and terms["Azure"].group is None


def test_a_name_restated_by_its_abbreviation_is_that_term(tmp_path: Path) -> None:
    text = (
        "Cloud Engineer\n\nRequirements\n- Run our multiple cloud setups (Azure, Google (GCP), Oracle Cloud (OCI)).\n"
        "- Vertex AI and BigQuery.\n" + FILLER
    )
    terms = _terms(tmp_path, text)
    assert "Google" not in terms and {"Azure", "Google Cloud", "Oracle Cloud"} <= set(terms)
    assert "Vertex AI" in terms  # another product beside the list is still read


# ---------------------------------------------------------------- 4. the employer, comparisons, pitch


EMPLOYER = """Senior Platform Engineer
Cloudflare
Location: Austin, TX

About Cloudflare
Cloudflare is on a mission to help build a better Internet.

Requirements
- Experience operating Kubernetes and Cloudflare's edge network at scale.
- Cloudflare Workers are a plus.

Cloudflare is an equal opportunity employer.
"""


@pytest.mark.parametrize(
    "variant",
    [
        EMPLOYER,  # the line under the title, "About Cloudflare", the sign-off
        EMPLOYER.replace("Senior Platform Engineer\nCloudflare\n", "Senior Platform Engineer at Cloudflare\n"),
        EMPLOYER.replace("About Cloudflare\n", "Who we are\n").replace("Senior Platform Engineer\nCloudflare\n", ""),
    ],
)
def test_the_employers_own_name_is_no_requirement(tmp_path: Path, variant: str) -> None:
    terms = _terms(tmp_path, "Senior Platform Engineer\n" * ("Senior" not in variant[:30]) + variant + FILLER)
    assert "Cloudflare" not in terms
    assert terms["Kubernetes"].importance == "required"


def test_another_companys_posting_may_ask_for_cloudflare(tmp_path: Path) -> None:
    text = "Site Reliability Engineer\nAcme Retail\n\nRequirements\n- Kubernetes, Cloudflare, and Fastly CDN.\n"
    terms = _terms(tmp_path, text + FILLER)
    assert terms["Cloudflare"].importance == "required"


def test_products_in_comparisons_and_pitch_are_not_asked_for(tmp_path: Path) -> None:
    text = (
        "Data Engineer\n\nRequirements\n"
        "- Most view our catalogue as 'Databricks for industrial R&D', and you will build it.\n"
        "- Our users range from NASA to Nvidia, Deepmind to Oracle.\n"
        "- Python and SQL in production.\n" + FILLER
    )
    terms = _terms(tmp_path, text)
    for name in ("Databricks", "NVIDIA", "Oracle Database", "Oracle Cloud", "Deepmind", "Oracle"):
        assert name not in terms, name
    assert {"Python", "SQL"} <= set(terms)


def test_the_same_products_asked_of_the_hire_are_terms(tmp_path: Path) -> None:
    text = (
        "Data Engineer\n\nRequirements\n- Experience with Databricks for data processing.\n"
        "- You have moved models from PyTorch to TensorRT in production.\n" + FILLER
    )
    terms = _terms(tmp_path, text)
    assert terms["Databricks"].importance == terms["PyTorch"].importance == terms["TensorRT"].importance == "required"


# ---------------------------------------------------------------- 5. bracketed title tags


def test_a_bracketed_tag_before_the_title_is_not_part_of_it(tmp_path: Path) -> None:
    posting = tmp_path / "tagged.txt"
    posting.write_text("[8AI] MLOps Engineer\n\nRequirements\n- Kubernetes and MLflow.\n" + FILLER, encoding="utf-8")
    profile = derive_profile(*read_posting(str(posting)))
    assert profile.title == "MLOps Engineer" and profile.titles == ("MLOps Engineer",)
    resume = _resume(tmp_path, "## Experience", "MLOps Engineer, Acme, 2020 - 2024", "- Kubernetes and MLflow.")
    result = json.loads(invoke(resume, "--jd", posting, "--format", "json").stdout)["results"][0]
    assert result["posting"]["title_in_resume"] == "MLOps Engineer"
    assert result["score_parts"]["required"]["found"] == result["score_parts"]["required"]["total"]


def test_a_tagged_title_still_needs_the_role_in_the_resume(tmp_path: Path) -> None:
    assert find_title("MLOps Engineer at Acme", "[8AI] MLOps Engineer") == "MLOps Engineer"
    assert find_title("Data Analyst at Acme", "[8AI] MLOps Engineer") is None
    assert _profile(tmp_path, "Data Engineer at Hexagon Labs\n\nRequirements\n- Python.\n" + FILLER).title == (
        "Data Engineer"
    )


# ---------------------------------------------------------------- the real postings


def _real(name: str) -> dict[str, Term]:
    return {t.name: t for t in derive_profile(*read_posting(str(shared_file("postings", name)))).terms}


def test_real_postings_employer_and_lists() -> None:
    assert "GitLab" not in _real("gitlab-backend-engineer-mlops.txt")  # GitLab's own posting
    cint = _real("cint-cloud-infrastructure-devops-engineer.txt")
    languages = {cint[n].group for n in ("Python", "Bash", "Ruby", "Node.js", "Go", "Java")}
    assert len(languages) == 1 and None not in languages  # "at least one ... (Python, Bash, Ruby, Node, ...)"
    assert cint["Travis CI"].group == cint["GitHub Actions"].group == cint["Jenkins"].group is not None
    assert "Groovy" not in cint  # "Jenkins' Groovy DSL" is a part of Jenkins
    vimeo = _real("vimeo-sr-site-reliability-engineer.txt")
    assert vimeo["Varnish"].group == vimeo["Chef"].group is not None  # "ArgoCD, Atlantis, Varnish, ... and/or Chef"
    doubleverify = _real("doubleverify-sr-data-engineer.txt")  # "Stack: Python, SQL, BigQuery, ..."
    assert doubleverify["Docker"].group is None and doubleverify["Prefect"].group is None


def test_the_pass_mark_of_a_posting_profile() -> None:
    """docs/postings.md, "The pass mark": against the MLOps, DevOps and SRE postings of ../shared, no technical
    resume of someone who works as none of the bundled roles passes, and most pairs of a posting and a resume
    of someone who works as its role do (half of them stayed under the old mark, 50)."""
    shared = shared_file("postings", "SOURCES.tsv").parents[1]
    bench = bench_module("postings")
    scored = bench.score_against_roles(
        shared / "postings", bench.DEFAULT_LABELS, shared / "corpus", bench.DEFAULT_PEOPLE
    )
    infra = [s for s in scored if s.role != "data-engineer"]
    assert not [s for s in infra if s.who == "no bundled role" and s.score >= DEFAULT_PASS_SCORE]
    own = [s.score for s in scored if s.who == "own role"]
    assert sum(score >= DEFAULT_PASS_SCORE for score in own) > len(own) / 2
    assert sum(score >= 50 for score in own) < len(own) / 2
