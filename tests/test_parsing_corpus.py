"""Parsing quality on the real resumes of ../shared/corpus against hand labels (tests/data/parsing_labels.toml;
skipped cleanly when ../shared is absent). The figures and the method are in docs/parsing.md; bench/parsing.py
prints them."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

import pytest
from conftest import REPO, SHARED, bench_module

LABELS = REPO / "tests" / "data" / "parsing_labels.toml"


@cache
def scores() -> Any:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not available (../shared is absent)")
    return bench_module("parsing").measure(corpus, LABELS)


def test_roles_are_read_as_labelled() -> None:
    found = scores()
    assert found.role_precision.rate >= 0.93, found.role_precision
    assert found.role_recall.rate >= 0.87, found.role_recall
    assert found.dates.rate >= 0.95, found.dates


def test_education_certificates_and_contacts_are_read_as_labelled() -> None:
    found = scores()
    assert found.education.rate >= 0.92, found.education
    assert found.certificates.rate >= 0.93, found.certificates
    assert found.names.rate >= 0.9 and found.email_phone.rate >= 0.94


def test_every_label_names_a_corpus_file() -> None:
    labelled = [row["file"] for row in tomllib.loads(LABELS.read_text(encoding="utf-8"))["resume"]]
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is absent")
    assert all((SHARED / "corpus" / name).exists() for name in labelled)
