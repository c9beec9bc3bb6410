"""The role family: bundled profiles, one spelling per concept, several roles in one run, best fit,
education, and the career-transition view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke, make_pdf

from atscheck import core, match
from atscheck.model import Profile
from atscheck.profiles import bundled_ids, load_role, load_taxonomy, parse_profile, spelling_conflicts

ROLES = ["data-engineer", "devops-engineer", "mlops-engineer", "site-reliability-engineer", "software-engineer"]

HEAD = ["Sam Candidate", "sam@example.com | (512) 555-0142", "SUMMARY"]
RESUMES = {
    "devops-engineer": [
        *HEAD,
        "DevOps Engineer automating build, release and infrastructure for cloud services.",
        "EXPERIENCE",
        "DevOps Engineer, Shipit Inc | Jan 2020 - Present",
        "- Built CI/CD pipelines in Jenkins and GitHub Actions for 40 services; release time down 70%.",
        "- Infrastructure as Code with Terraform and Ansible on AWS (EC2, S3, VPC, IAM); Packer images.",
        "- Ran Docker and Kubernetes clusters with Helm; monitoring with Prometheus, Grafana and PagerDuty.",
        "- Automation in Python and Bash on Linux; DNS and Nginx configuration; on-call rotation.",
        "SKILLS",
        "AWS, Terraform, Ansible, Docker, Kubernetes, Helm, Jenkins, GitHub Actions, Git, Linux, Python, Bash",
        "EDUCATION",
        "B.S. Information Technology, State University | 2015 - 2019",
    ],
    "data-engineer": [
        *HEAD,
        "Data Engineer building batch and streaming data pipelines and a cloud data warehouse.",
        "EXPERIENCE",
        "Data Engineer, Numbers Co | Mar 2019 - Present",
        "- Built ETL and data pipelines in Python and SQL with Apache Airflow and Apache Spark (PySpark).",
        "- Modelled the Snowflake data warehouse with dbt; data quality checks with Great Expectations.",
        "- Streamed events from Apache Kafka into BigQuery; stream processing with Apache Flink.",
        "- Tuned PostgreSQL and Amazon Redshift queries; data lake on Amazon S3 with Parquet and Delta Lake.",
        "SKILLS",
        "SQL, Python, Scala, Apache Spark, Apache Airflow, dbt, Snowflake, Kafka, PostgreSQL, AWS, data modeling",
        "EDUCATION",
        "B.S. Statistics, State University | 2014 - 2018",
    ],
    "site-reliability-engineer": [
        *HEAD,
        "Site Reliability Engineer keeping distributed systems fast and available.",
        "EXPERIENCE",
        "Site Reliability Engineer, Uptime Ltd | Feb 2018 - Present",
        "- Defined SLOs and error budgets for 30 services; led incident response, on-call and postmortems.",
        "- Root cause analysis of outages; capacity planning, load balancing and high availability on GCP.",
        "- Observability with Prometheus, Grafana, OpenTelemetry distributed tracing and the ELK Stack.",
        "- Wrote Go and Python automation for Kubernetes and Linux fleets; chaos engineering game days.",
        "SKILLS",
        "Go, Python, Linux, Kubernetes, Docker, Terraform, Prometheus, Grafana, networking, DNS, Kafka, Redis",
        "EDUCATION",
        "B.S. Computer Engineering, State University | 2012 - 2016",
    ],
    "software-engineer": [
        *HEAD,
        "Software Engineer designing and building web services and APIs.",
        "EXPERIENCE",
        "Software Engineer, Appworks | Jun 2018 - Present",
        "- Designed REST APIs and microservices in Java with Spring Boot and in TypeScript with Node.js.",
        "- Built React front ends; system design reviews; code review and unit testing with JUnit and pytest.",
        "- Applied data structures, algorithms and object-oriented programming to cut latency by 40%.",
        "- PostgreSQL and Redis data models; Git, CI/CD and Agile Scrum with Jira.",
        "SKILLS",
        "Java, TypeScript, JavaScript, Python, SQL, React, Node.js, Spring Boot, PostgreSQL, Git, Docker",
        "EDUCATION",
        "B.S. Computer Science, State University | 2014 - 2018",
    ],
    "mlops-engineer": [
        *HEAD,
        "MLOps Engineer taking machine learning models to production on Kubernetes and AWS.",
        "EXPERIENCE",
        "MLOps Engineer, Modelworks | Jan 2021 - Present",
        "- Model deployment and model serving with KServe; CI/CD for models with GitHub Actions.",
        "- Experiment tracking, model versioning and a model registry on MLflow; Kubeflow pipelines.",
        "- Model monitoring for data drift with Prometheus; automated retraining in Apache Airflow.",
        "- PyTorch training on GPUs with distributed computing on Ray; Docker and Terraform on AWS.",
        "SKILLS",
        "Python, Docker, Kubernetes, Terraform, MLflow, Kubeflow, PyTorch, scikit-learn, Amazon SageMaker",
        "EDUCATION",
        "M.S. Computer Science, State University | 2018 - 2020",
    ],
}


def _resume(tmp_path: Path, role: str) -> Path:
    return make_pdf(tmp_path / f"{role}.pdf", [RESUMES[role]])


def test_every_bundled_profile_loads_with_education_and_known_transitions() -> None:
    assert bundled_ids() == ROLES  # the taxonomy, in a sub-folder, is not a role
    for role in ROLES:
        profile = load_role(role)
        assert len(profile.terms) >= 60 and profile.education is not None
        assert set(profile.transition_from) <= set(ROLES) - {role}
        assert any(t.kind == "certification" for t in profile.terms)
    assert set(load_role("mlops-engineer").transition_from) == set(ROLES) - {"mlops-engineer"}
    assert len(load_taxonomy().terms) >= 300


def test_one_spelling_per_concept_across_profiles_and_taxonomy() -> None:
    profiles = [load_taxonomy(), *(load_role(role) for role in ROLES)]
    assert spelling_conflicts(profiles) == []
    taxonomy = {t.name for t in profiles[0].terms}
    for profile in profiles[1:]:
        assert {t.name for t in profile.terms} <= taxonomy, profile.id  # every name is the canonical one


def _profile(profile_id: str, name: str, aliases: list[str]) -> Profile:
    term = {"name": name, "aliases": aliases, "category": "Containers", "kind": "tool"}
    return parse_profile({"id": profile_id, "title": profile_id, "terms": [term]}, profile_id)


def test_the_spelling_rule_catches_two_names_for_one_concept() -> None:
    conflicts = spelling_conflicts([_profile("a", "Kubernetes", ["K8s"]), _profile("b", "K8s", [])])
    assert "'k8s' is 'K8s' in b and 'Kubernetes' in a" in conflicts
    ci = spelling_conflicts([_profile("a", "CI/CD", []), _profile("b", "CI-CD pipelines", ["CI CD"])])
    assert ci and "'cicd'" in ci[0]


def test_several_roles_extract_and_tokenize_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the path the command line takes for one file, with every role and the transition view. A single PDF
    is read in a forked child, so the calls are counted in a file both processes append to."""
    log = tmp_path / "calls.log"
    real_extract, real_tokenize = core.read_document, match.tokenize

    def calls() -> dict[str, int]:
        lines = log.read_text().split() if log.exists() else []
        return {name: lines.count(name) for name in ("extract", "tokenize")}

    def counting_extract(*args, **kwargs):
        with log.open("a") as out:
            out.write("extract\n")
        return real_extract(*args, **kwargs)

    def counting_tokenize(text: str):
        with log.open("a") as out:
            out.write("tokenize\n")
        return real_tokenize(text)

    resume = _resume(tmp_path, "devops-engineer")
    for profile in map(load_role, ROLES):
        match.matcher_for(profile)  # built before counting: building tokenizes the profile's own phrases
    monkeypatch.setattr(core, "read_document", counting_extract)
    monkeypatch.setattr(match, "tokenize", counting_tokenize)
    result = invoke(resume, "--role", "all", "--format", "json")
    assert len(json.loads(result.stdout)["results"]) == len(ROLES)
    assert calls() == {"extract": 1, "tokenize": 1}
    weak = invoke(resume, "--role", "mlops-engineer", "--role", "data-engineer", "--format", "json")
    assert any(r["transition"] for r in json.loads(weak.stdout)["results"])  # transitions score more roles
    assert calls() == {"extract": 2, "tokenize": 2}


@pytest.mark.parametrize("role", ROLES)
def test_role_all_ranks_the_fitting_role_first(tmp_path: Path, role: str) -> None:
    result = invoke(_resume(tmp_path, role), "--role", "all", "--format", "json")
    scores = {r["role"]: r["score"] for r in json.loads(result.stdout)["results"]}
    assert set(scores) == set(ROLES)
    assert max(scores, key=scores.get) == role, scores


def test_role_all_console_shows_the_ranking_and_the_best_report(tmp_path: Path) -> None:
    out = invoke(_resume(tmp_path, "devops-engineer"), "--role", "all", "--no-color").stdout
    assert "Best fit for" in out
    first_row = next(line for line in out.splitlines() if line.lstrip().startswith("1 "))
    assert "devops-engineer" in first_row
    assert "·  DevOps Engineer (devops-engineer)" in out and "·  Data Engineer (data-engineer)" not in out


def test_transition_from_devops_into_mlops(tmp_path: Path) -> None:
    path = _resume(tmp_path, "devops-engineer")
    report = json.loads(
        invoke(path, "--role", "mlops-engineer", "--from", "devops-engineer", "--format", "json").stdout
    )
    transition = report["results"][0]["transition"]
    assert transition["from"] == "devops-engineer" and transition["detected"] is False
    assert {"Docker", "Kubernetes", "Terraform", "AWS"} <= set(transition["covered"])
    assert "MLflow" not in transition["covered"]
    learn = [term for area in transition["to_learn"] for term in area["terms"]]
    importances = [term["importance"] for term in learn]
    # Required first, then preferred; heavier before lighter among the required.
    assert importances == sorted(importances, key=lambda i: i != "required")
    names = [term["name"] for term in learn]
    assert "MLOps" in names and "model deployment" in names
    assert names.index("model deployment") < names.index("Weights & Biases")
    certifications = [term for term in learn if term["certification"]]
    assert certifications and all("Certified" in term["name"] for term in certifications)
    areas = [(area["importance"], area["skill_area"]) for area in transition["to_learn"]]
    assert len(areas) == len(set(areas))  # grouped by skill area within each importance


def test_transition_is_detected_when_the_score_is_low(tmp_path: Path) -> None:
    path = _resume(tmp_path, "devops-engineer")
    console = invoke(path, "--role", "mlops-engineer", "--no-color")
    assert console.exit_code == 1
    assert "Moving from DevOps Engineer (your best fit among the roles that lead here" in console.stdout
    full = invoke(path, "--role", "mlops-engineer", "--no-color", "--full").stdout
    assert "Already covered through your current role" in full and "(certification)" in full
    markdown = invoke(path, "--role", "mlops-engineer", "--format", "markdown").stdout
    assert "### Moving from DevOps Engineer" in markdown and "| Skill area | Importance | Terms |" in markdown
    passing = json.loads(invoke(_resume(tmp_path, "mlops-engineer"), "--format", "json").stdout)
    assert passing["results"][0]["transition"] is None  # a passing resume needs no transition view


def test_education_is_checked_apart_from_keywords(tmp_path: Path) -> None:
    def education(lines: list[str]) -> dict:
        path = make_pdf(tmp_path / "e.pdf", [[*RESUMES["mlops-engineer"][:-2], *lines]])
        return json.loads(invoke(path, "--format", "json").stdout)["results"][0]["education"]

    met = education(["EDUCATION", "B.S. Computer Science, State University, 2019"])
    assert met["status"] == "met" and met["level_found"] == "bachelor" and met["fix"] == ""
    field = education(["EDUCATION", "B.A. History, State University, 2019"])
    assert field["status"] == "partly" and "field of study" in field["fix"]
    none = education(["EDUCATION", "Online courses in cloud computing"])
    assert none["status"] == "missing" and "bachelor's degree" in none["fix"]
    master = education(["EDUCATION", "MS in Software Engineering, Tech Institute"])
    assert master["status"] == "met" and master["level_found"] == "master"
    other_field = education(["EDUCATION", "MS Astronomy, State University"])
    assert other_field["status"] == "partly" and "'M.S. Computer Science'" in other_field["fix"]
    office = education(["EDUCATION", "MS Office and MS SQL Server training"])
    assert office["level_found"] is None


def test_a_batch_ranks_a_folder_for_several_roles(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    for role in ("devops-engineer", "data-engineer"):
        _resume(folder, role)
    result = invoke(folder, "--role", "devops-engineer", "--role", "data-engineer", "--format", "csv")
    rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
    firsts = {row[2]: Path(row[1]).stem for row in rows if row[0] == "1"}
    assert firsts == {"devops-engineer": "devops-engineer", "data-engineer": "data-engineer"}
