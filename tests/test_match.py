"""Matching rules: each positive case and the false positives that must not happen."""

from __future__ import annotations

import pytest

from atscheck.match import Matcher, snippet
from atscheck.model import Document, Profile, Span, Term


def _term(name: str, *aliases: str, case_sensitive: bool = False) -> Term:
    return Term(
        name=name,
        category="c",
        kind="skill",
        importance="required",
        weight=3.0,
        aliases=aliases,
        case_sensitive=case_sensitive,
    )


TERMS = [
    _term("CI/CD"),
    _term("Infrastructure as Code", "IaC"),
    _term("Kubernetes", "K8s"),
    _term("Java"),
    _term("AWS"),
    _term("machine learning", "ML"),
    _term("Go", "Golang", case_sensitive=True),
    _term("R", case_sensitive=True),
    _term("C", case_sensitive=True),
    _term("C++"),
    _term("C#"),
    _term("Node.js", "NodeJS", "node js"),
    _term(".NET"),
    _term("scikit-learn"),
    _term("Terraform"),
    _term("CI/CD pipeline"),
    _term("model deployment", "deployed models"),
]
PROFILE = Profile(id="t", title="T", pass_score=50, terms=tuple(TERMS), version="x", source="test")


def found(text: str) -> dict[str, list[tuple[str, str]]]:
    document = Document(path="t.txt", format="text", text=text, spans=(Span(text=text, start=0),))
    matches = Matcher(PROFILE).match(document)
    return {m.term.name: [(o.text, o.form) for o in m.occurrences] for m in matches if m.occurrences}


@pytest.mark.parametrize("text", ["CI/CD", "CI-CD", "CI / CD", "CICD", "ci/cd", "CI‐CD"])
def test_ci_cd_spellings(text: str) -> None:
    assert found(f"Built {text} for teams")["CI/CD"][0][1] == "name"


@pytest.mark.parametrize("text", ["Infrastructure as Code", "infrastructure-as-code", "Infrastructure As Code"])
def test_infrastructure_as_code_spellings(text: str) -> None:
    assert found(f"Wrote {text} daily")["Infrastructure as Code"] == [(text, "name")]


def test_inflections_match_through_lemmas() -> None:
    assert found("Maintained CI/CD pipelines")["CI/CD pipeline"] == [("CI/CD pipelines", "name")]
    assert found("We deployed models weekly")["model deployment"] == [("deployed models", "alias")]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Expert in JavaScript", "Java"),
        ("Studied laws of physics", "AWS"),
        ("Wrote HTML and XML", "machine learning"),
        ("Let's go to the market", "Go"),
        ("Go to market strategy", "Go"),
        ("Led R&D at a lab", "R"),
        ("Managed by John R. Smith", "R"),
        ("Worked in C# and C++", "C"),
        ("Built a platform team", "Terraform"),
        ("Using .NET daily", "Node.js"),
    ],
)
def test_no_false_positives(text: str, absent: str) -> None:
    assert absent not in found(text)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Languages: Python, R, SQL", "R", "R"),
        ("Languages: Python, R.", "R", "R"),
        ("Wrote services in Go.", "Go", "Go"),
        ("Go, Rust, Python", "Go", "Go"),
        ("Golang microservices", "Go", "Golang"),
        ("Skills: C, C++, C#", "C", "C"),
        ("Skills: C, C++, C#", "C++", "C++"),
        ("Skills: C, C++, C#", "C#", "C#"),
        ("Node.js services", "Node.js", "Node.js"),
        ("NodeJS services", "Node.js", "NodeJS"),
        ("node js services", "Node.js", "node js"),
        ("ASP .NET and .NET Core", ".NET", ".NET"),
        ("Used scikit-learn and ML", "scikit-learn", "scikit-learn"),
        ("Used scikit-learn and ML", "machine learning", "ML"),
    ],
)
def test_short_and_symbol_names_are_kept_whole(text: str, name: str, expected: str) -> None:
    assert expected in [t for t, _ in found(text)[name]]


def test_alias_only_is_reported_as_alias() -> None:
    assert found("Ran K8s clusters")["Kubernetes"] == [("K8s", "alias")]
    assert found("Ran Kubernetes (K8s) clusters")["Kubernetes"][0] == ("Kubernetes", "name")


@pytest.mark.parametrize(("typo", "name"), [("Kubernets", "Kubernetes"), ("Terrafrom", "Terraform")])
def test_misspellings_are_fuzzy(typo: str, name: str) -> None:
    assert found(f"Managed {typo} daily")[name] == [(typo, "fuzzy")]


def test_no_fuzzy_for_short_terms_or_real_words() -> None:
    result = found("Wrote Jave and AWZ code; used a terrace")
    assert "Java" not in result and "AWS" not in result and "Terraform" not in result


def test_occurrence_location_and_snippet_masks_contact_details() -> None:
    text = "Contact me at jo@example.com or +1 (512) 555-0100 about Kubernetes work"
    document = Document(path="t.txt", format="text", text=text, spans=(Span(text=text, start=0, page=2),))
    occurrence = next(m for m in Matcher(PROFILE).match(document) if m.term.name == "Kubernetes").occurrences[0]
    assert occurrence.page == 2 and occurrence.source == "body"
    assert "jo@example.com" not in occurrence.snippet and "555-0100" not in occurrence.snippet
    assert "Kubernetes" in occurrence.snippet
    assert snippet("a\nKubernetes here\nb", 2, 12) == "Kubernetes here"
