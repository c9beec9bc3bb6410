"""Matching quality on real resumes (../shared/corpus, skipped cleanly when absent), and one resume in three
formats scoring the same.

The figures and the method are in docs/matching.md; bench/matching.py prints them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import ModuleType

import pytest
from conftest import SHARED, bench_module, make_docx, make_pdf

from atscheck.core import check_file
from atscheck.profiles import load_role


@lru_cache(maxsize=1)
def _bench() -> ModuleType:
    return bench_module("matching")


@lru_cache(maxsize=1)
def _documents():
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not available (../shared is absent)")
    return _bench().documents(corpus)


def test_precision_and_recall_beat_the_plain_regex() -> None:
    bench = _bench()
    result = bench.quality(_documents(), bench.read_labels())
    precision, recall = result["atscheck"]
    regex_precision, regex_recall = result["regex"]
    assert result["terms"] >= 40
    assert precision >= 0.99, result["false_found"]
    assert recall >= 0.99, result["false_missing"]
    assert precision > regex_precision and recall > regex_recall


def test_no_misspelling_match_over_the_corpus_and_the_bundled_roles() -> None:
    """Every one the corpus produced before was false ("Albert" for alerting); a new one must be a real typo
    and be added here after a look."""
    assert _bench().fuzzy_matches(_documents(), _bench().roles()) == []


LINES = [
    "Jordan Example",
    "SKILLS",
    "Languages: Python3, Go, R; C++11/14",
    "Tools: Docker, Kubernetes(EKS), Terraform, Helm, Grafana+Prometheus",
    "EXPERIENCE",
    "- Trained and deployed several forecasting models on AWS(S3, EC2)",
    "- Built CI/CD pipelines and Kubernetes-based platforms; wrote Infrastructure as Code",
    "- Spring 2022: all the rest of the work with the red panda team",
]


def test_the_same_resume_scores_the_same_as_pdf_docx_and_markdown(tmp_path: Path) -> None:
    markdown = tmp_path / "resume.md"
    markdown.write_text("\n\n".join(LINES) + "\n", encoding="utf-8")
    files = [markdown, make_docx(tmp_path / "resume.docx", paragraphs=LINES), make_pdf(tmp_path / "r.pdf", [LINES])]
    profiles = [load_role(role) for role in ("mlops-engineer", "software-engineer")]
    results = [check_file(path, profiles) for path in files]
    for per_role in zip(*results, strict=True):
        assert len({r.score for r in per_role}) == 1, [(r.file, r.score) for r in per_role]
        statuses = [{t.term.name: t.status for t in r.terms} for r in per_role]
        assert statuses[0] == statuses[1] == statuses[2]
