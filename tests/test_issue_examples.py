"""Every example of issue 13 ("Matching a job seeker can trust"), as a plain-text, Word and PDF resume.

Positives must be found (with the form a literal ATS search would give them), negatives must not. The terms
come from the bundled skills taxonomy, so its matching rules (not_in, needs_context, patterns) are tested as
shipped. PDFs use the core Helvetica font where the text allows, else the DejaVu font when the system has it;
no font with Han, Kana, Hangul or full-width glyphs is available here, so those cases run as text and DOCX.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from conftest import DEJAVU, make_docx, make_pdf

from atscheck.extract import extract
from atscheck.match import Matcher
from atscheck.profiles import load_taxonomy
from atscheck.structure import read_document

FORMATS = ("txt", "docx", "pdf")

# (resume text, term, form it is found in, words as found)
POSITIVE = [
    # words glued to brackets, CJK text or punctuation
    ("IaC(Infrastructure as Code)", "Infrastructure as Code", "name", "Infrastructure as Code"),
    ("Technology(Docker and Kubernetes)", "Docker", "name", "Docker"),
    ("Technology(Docker and Kubernetes)", "Kubernetes", "name", "Kubernetes"),
    ("Kubernetes(EKS)", "Kubernetes", "name", "Kubernetes"),
    ("Kubernetes(EKS)", "Amazon EKS", "alias", "EKS"),
    ("AWS(S3, EC2)", "AWS", "name", "AWS"),
    ("AWS(S3, EC2)", "Amazon S3", "alias", "S3"),
    ("java(364)", "Java", "name", "java"),
    ("通过Docker优化", "Docker", "name", "Docker"),
    ("有Java开发经验", "Java", "name", "Java"),
    ("精通C++语言", "C++", "name", "C++"),
    ("PythonとDockerを使用", "Python", "name", "Python"),
    ("PythonとDockerを使用", "Docker", "name", "Docker"),
    ("技能：Python，Docker", "Python", "name", "Python"),
    ("技能：Python，Docker", "Docker", "name", "Docker"),
    ("도커 Kubernetes클러스터", "Kubernetes", "name", "Kubernetes"),
    ("Grafana+Prometheus", "Grafana", "name", "Grafana"),
    ("Grafana+Prometheus", "Prometheus", "name", "Prometheus"),
    ("Kafka;Spark", "Apache Kafka", "alias", "Kafka"),
    ("Kafka;Spark", "Apache Spark", "alias", "Spark"),
    ("Python|Go|Rust", "Python", "name", "Python"),
    ("Python|Go|Rust", "Go", "name", "Go"),
    ("Python|Go|Rust", "Rust", "name", "Rust"),
    ("Ｐｙｔｈｏｎ", "Python", "name", "Python"),  # NFKC: full-width letters
    ("R&D lead; skills: C++, C#, Node.js, .NET, CI/CD", "C++", "name", "C++"),
    ("R&D lead; skills: C++, C#, Node.js, .NET, CI/CD", "C#", "name", "C#"),
    ("R&D lead; skills: C++, C#, Node.js, .NET, CI/CD", "Node.js", "name", "Node.js"),
    ("R&D lead; skills: C++, C#, Node.js, .NET, CI/CD", ".NET", "name", ".NET"),
    ("R&D lead; skills: C++, C#, Node.js, .NET, CI/CD", "CI/CD", "name", "CI/CD"),
    # version suffixes and possessives
    ("Python3", "Python", "name", "Python"),
    ("TensorFlow2", "TensorFlow", "name", "TensorFlow"),
    ("Java8", "Java", "name", "Java"),
    ("C++11/14", "C++", "name", "C++"),
    ("Python's", "Python", "name", "Python"),
    ("Docker’s", "Docker", "name", "Docker"),
    # Word's non-breaking hyphen and typographic hyphens
    ("Kubernetes‑based", "Kubernetes", "name", "Kubernetes"),
    # short names from the document's structure
    ("Programmiersprachen: Go und R", "Go", "name", "Go"),
    ("Programmiersprachen: Go und R", "R", "name", "R"),
    ("langages Go et R", "Go", "name", "Go"),
    ("langages Go et R", "R", "name", "R"),
    ("- Python.\n- Go.", "Go", "name", "Go"),
    ("• R.\nProjects", "R", "name", "R"),
    ("● CKA - Certificate Number", "Certified Kubernetes Administrator", "alias", "CKA"),
    # concepts said across words
    ("Trained and deployed several forecasting models", "model deployment", "alias", None),
    ("deployed a range of Machine Learning models", "model deployment", "alias", None),
    ("Deployed ML models", "model deployment", "alias", None),
    ("models deployed to production", "model deployment", "alias", None),
    ("deployment of machine learning models", "model deployment", "alias", None),
    # typos a person makes; a singular is an inflection
    ("Managed Kubernets clusters", "Kubernetes", "fuzzy", "Kubernets"),
    ("Wrote Terrafrom modules", "Terraform", "fuzzy", "Terrafrom"),
    ("Alerts in Promethues", "Prometheus", "fuzzy", "Promethues"),
    ("Split the monolith into a microservice", "microservices", "name", "microservice"),
    # ordinary words that do name the tool where the text says so
    ("Built REST APIs", "REST APIs", "name", "REST APIs"),
    ("Tools: Docker, Helm, Vault", "Helm", "name", "Helm"),
    ("Tools: Docker, Helm, Vault", "HashiCorp Vault", "alias", "Vault"),
    ("Wrote Helm charts", "Helm", "name", "Helm"),
    ("Java, Spring, Hibernate", "Spring Boot", "alias", "Spring"),
    ("Used pandas for reports", "pandas", "name", "pandas"),
    ("Git-Hub", "GitHub", "name", "Git-Hub"),
    ("Strong communication skills", "communication", "name", "communication"),
]

# (resume text, term that must not be found)
NEGATIVE = [
    ("John R. Smith", "R"),
    ("Led R&D", "R"),
    ("go to market", "Go"),
    ("Go to market strategy", "Go"),
    ("Spring 2022", "Spring Boot"),
    ("Task Manager (Spring 2022): built it", "Spring Boot"),
    ("all the rest", "REST APIs"),
    ("All the rest & some more", "REST APIs"),
    ("Encrypted data at rest", "REST APIs"),
    ("Secrets in Azure Key Vault", "HashiCorp Vault"),
    ("Inter-Process Communication", "communication"),
    ("CKA, The Linux Foundation", "Linux"),
    ("no-SQL databases", "SQL"),
    ("Filters in Spark AR", "Apache Spark"),
    ("Git-Hub", "Git"),
    ("took the helm", "Helm"),
    ("a red panda", "pandas"),
    ("our machines learn", "machine learning"),
    ("Expert in JavaScript", "Java"),
    ("Built a platform team", "Terraform"),
    ("TOEFL (R: 28, L: 28)", "R"),
]

# The misspelling matches the corpus gave, all false: real words, names, short words, other known terms. None
# may be a misspelling (a profile may still name a word as an alias: "collaborative" for collaboration).
NOT_A_TYPO = [
    ("Albert Einstein", "alerting"),
    ("a collaborative team", "collaboration"),
    ("Ran Amazon EKS", "Amazon EMR"),
    ("Moved from GitLab to GitHub", "GitLab CI"),
    ("on all projects", "on-call"),
    ("ALU Design", "API design"),
    ("el puesto de trabajo", "Presto"),
]


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    return Matcher(load_taxonomy())


def _pdf_font(text: str) -> str:
    """The core font for Latin-1 text, else DejaVu if the system has it and it holds every glyph."""
    try:
        text.encode("latin-1")
        return "Helvetica"
    except UnicodeEncodeError:
        pass
    if DEJAVU.exists():
        from fontTools.ttLib import TTFont

        glyphs = TTFont(str(DEJAVU)).getBestCmap()
        if all(ord(c) in glyphs for c in text if not c.isspace()):
            return str(DEJAVU)
    pytest.skip("no font on this system holds these glyphs (CJK, full-width): covered as text and DOCX")


def _write(tmp_path: Path, text: str, fmt: str) -> Path:
    lines = text.split("\n")
    if fmt == "txt":
        path = tmp_path / "resume.txt"
        path.write_text(text + "\n", encoding="utf-8")
        return path
    if fmt == "docx":
        return make_docx(tmp_path / "resume.docx", paragraphs=lines)
    return make_pdf(tmp_path / "resume.pdf", [lines], font=_pdf_font(text))


def _found(path: Path) -> dict[str, list[tuple[str, str]]]:
    matches = _matcher().match(read_document(path))
    return {m.term.name: [(o.form, o.text) for o in m.occurrences] for m in matches if m.occurrences}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("text", "term", "form", "words"), POSITIVE)
def test_issue_example_is_found(tmp_path: Path, fmt: str, text: str, term: str, form: str, words: str | None) -> None:
    found = _found(_write(tmp_path, text, fmt))
    assert term in found, found
    forms = {f for f, _ in found[term]}
    assert form in forms and (form == "fuzzy" or "fuzzy" not in forms), found[term]
    if words is not None:
        assert (form, words) in found[term]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("text", "term"), NEGATIVE)
def test_issue_negative_is_not_found(tmp_path: Path, fmt: str, text: str, term: str) -> None:
    found = _found(_write(tmp_path, text, fmt))
    assert term not in found, found[term]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("text", "term"), NOT_A_TYPO)
def test_issue_false_misspellings_are_gone(tmp_path: Path, fmt: str, text: str, term: str) -> None:
    found = _found(_write(tmp_path, text, fmt))
    assert "fuzzy" not in {form for form, _ in found.get(term, [])}, found[term]


def test_snippets_and_offsets_stay_on_the_original_text(tmp_path: Path) -> None:
    """Full-width text is read as plain letters, and every match still points at its own words."""
    text = "技能：Ｐｙｔｈｏｎ，Ｄｏｃｋｅｒ 和 Kubernetes"
    document = extract(_write(tmp_path, text, "txt"))
    for match in _matcher().match(document):
        for occurrence in match.occurrences:
            assert document.text[occurrence.start : occurrence.end] == occurrence.text
            assert occurrence.text in occurrence.snippet
    assert {m.term.name for m in _matcher().match(document) if m.occurrences} >= {"Python", "Docker", "Kubernetes"}
