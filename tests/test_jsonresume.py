"""JSON Resume (issue 28): `--format jsonresume` writes documents that validate against the schema (vendored in
tests/data/jsonresume with its MIT licence), and a JSON Resume document is read as a resume by its content,
keeping every role, date and school through a round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import MLOPS_TEXT, SHARED, invoke, make_docx

import atscheck
from atscheck.extract import SUPPORTED_EXTENSIONS
from atscheck.report.jsonresume import documents
from atscheck.request import Request

SCHEMA = json.loads((Path(__file__).parent / "data" / "jsonresume" / "schema.json").read_text(encoding="utf-8"))


def validate(document: dict[str, Any]) -> None:
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())


RESUME: dict[str, Any] = {
    "basics": {
        "name": "Jordan Example",
        "label": "Senior MLOps Engineer",
        "email": "jordan@example.com",
        "phone": "(512) 555-0100",
        "summary": "MLOps engineer who runs machine learning models in production.",
        "location": {"city": "Austin", "region": "TX"},
        "profiles": [{"network": "GitHub", "username": "jordan", "url": "https://github.com/jordan"}],
    },
    "work": [
        {
            "name": "Acme Corp",
            "position": "Senior MLOps Engineer",
            "location": "Austin, TX",
            "startDate": "2021-09",
            "highlights": [
                "Deployed machine learning models to Kubernetes with Docker, Terraform and GitHub Actions.",
                "Tracked experiments in MLflow and monitored models with Prometheus and Grafana.",
            ],
        },
        {
            "name": "Beta Inc",
            "position": "Data Engineer",
            "startDate": "2018-01",
            "endDate": "2021-08",
            "highlights": ["Built pipelines in Python, SQL and Apache Airflow on AWS."],
        },
        {"name": "Gamma Labs", "position": "Intern", "startDate": "2017", "endDate": "2017"},
    ],
    "education": [
        {
            "institution": "State University",
            "studyType": "Bachelor of Science",
            "area": "Computer Science",
            "startDate": "2013-09",
            "endDate": "2017-06",
        }
    ],
    "certificates": [{"name": "Certified Kubernetes Administrator", "issuer": "CNCF", "date": "2022-03"}],
    "skills": [{"name": "Languages", "keywords": ["Python", "SQL", "Go"]}],
}


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_json_is_a_supported_input() -> None:
    assert ".json" in SUPPORTED_EXTENSIONS


def test_a_round_trip_keeps_every_role_date_and_school(tmp_path: Path) -> None:
    done = invoke(write_json(tmp_path / "resume.json", RESUME), "--format", "jsonresume")
    assert done.exit_code == 0, done.output
    out = json.loads(done.stdout)
    validate(out)
    keys = ("name", "position", "startDate", "endDate")
    assert [{k: w[k] for k in keys if k in w} for w in out["work"]] == [
        {k: w[k] for k in keys if k in w} for w in RESUME["work"]
    ]
    assert out["work"][0]["highlights"] == RESUME["work"][0]["highlights"]
    keys = ("institution", "studyType", "area", "startDate", "endDate")
    assert [{k: e[k] for k in keys} for e in out["education"]] == [{k: e[k] for k in keys} for e in RESUME["education"]]
    assert out["certificates"] == RESUME["certificates"]
    assert out["basics"]["name"] == "Jordan Example"
    # Never the address or the number: only that they are there.
    assert "jordan@example.com" not in done.stdout and "555-0100" not in done.stdout
    assert out["meta"]["atscheck"]["contact"] == {"email": True, "phone": True}


def test_a_json_resume_is_scored_as_a_resume(tmp_path: Path) -> None:
    kept = Request(keep_documents=True)
    [result] = atscheck.check(write_json(tmp_path / "resume.json", RESUME), "mlops-engineer", request=kept)
    assert result.error is None and result.document is not None and result.document.format == "jsonresume"
    statuses = {t.term.name: t.status for t in result.terms}
    assert statuses["Kubernetes"] == "exact" and statuses["MLflow"] == "exact"
    assert result.career is not None and result.career.role_months[1] == 44  # Jan 2018 - Aug 2021
    kubernetes = next(e for e in result.career.skills if e.term == "Kubernetes")
    assert kubernetes.roles == (0,) and kubernetes.current  # shown in the Acme role's highlights


def test_json_resume_is_recognised_by_its_content(tmp_path: Path) -> None:
    kept = Request(keep_documents=True)
    [result] = atscheck.check(write_json(tmp_path / "resume.txt", RESUME), "mlops-engineer", request=kept)
    assert result.document is not None and result.document.format == "jsonresume"
    assert any("really a JSON Resume file" in warning for warning in result.warnings)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('{"name": "not a resume", "version": 3}', "not a JSON Resume document"),
        ("[1, 2, 3]", "not a JSON Resume document"),
        ('{"basics": {"name": "Jo"}, "work": [', "not valid JSON"),
        ('{"work": "Acme"}', "not a JSON Resume document"),
    ],
)
def test_json_that_is_not_a_resume_is_one_clear_line(tmp_path: Path, content: str, said: str) -> None:
    path = tmp_path / "data.json"
    path.write_text(content, encoding="utf-8")
    done = invoke(path, "--quiet")
    assert done.exit_code == 3
    assert said in done.output and "Traceback" not in done.output


def test_a_deeply_nested_json_is_refused_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"basics": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    done = invoke(path, "--quiet")
    assert done.exit_code == 3 and "Traceback" not in done.output


def test_a_docx_resume_as_json_resume_validates(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "resume.docx", paragraphs=MLOPS_TEXT)
    done = invoke(path, "--format", "jsonresume")
    assert done.exit_code == 0
    out = json.loads(done.stdout)
    validate(out)
    assert out["work"][0]["position"] == "Senior MLOps Engineer" and out["work"][0]["name"] == "Acme Corp"
    assert out["work"][0]["startDate"] == "2021-01" and "endDate" not in out["work"][0]  # current: no endDate
    assert out["education"][0]["studyType"] == "B.S." and out["education"][0]["area"] == "Computer Science"
    assert "jordan@example.com" not in done.stdout and "555-0100" not in done.stdout
    [scored] = out["meta"]["atscheck"]["results"]
    assert scored["role"] == "mlops-engineer" and scored["passed"] is True


def test_several_resumes_are_an_array_and_an_unreadable_one_keeps_its_place(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "a.docx", paragraphs=MLOPS_TEXT)
    bad = tmp_path / "b.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    found = documents(atscheck.run(Request(paths=(good, bad))))
    assert len(found) == 2
    for document in found:
        validate(document)
    assert "error" in found[1]["meta"]["atscheck"] and "work" not in found[1]


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared/corpus is absent")
def test_every_corpus_resume_gives_a_valid_document() -> None:
    paths = tuple(sorted(p for p in (SHARED / "corpus").iterdir() if p.suffix.lower() in SUPPORTED_EXTENSIONS))
    run = atscheck.run(Request(paths=paths))
    found = documents(run)
    assert len(found) == len(paths)
    for document in found:
        validate(document)
