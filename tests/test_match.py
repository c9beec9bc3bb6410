"""Matching rules: each positive case and the false positives that must not happen."""

from __future__ import annotations

from dataclasses import replace

import pytest

from atscheck.errors import UsageError
from atscheck.match import Matcher, is_typo, snippet, tokenize
from atscheck.model import Document, Profile, Span, Term
from atscheck.profiles import parse_profile, profile_toml
from atscheck.profiles.patterns import parse_concept


def _term(name: str, *aliases: str, case_sensitive: bool = False, kind: str = "skill", **rules: tuple) -> Term:
    return Term(
        name=name,
        category="c",
        kind=kind,  # type: ignore[arg-type]
        importance="required",
        weight=3.0,
        aliases=aliases,
        case_sensitive=case_sensitive,
        **rules,
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


def found(text: str, profile: Profile = PROFILE) -> dict[str, list[tuple[str, str]]]:
    document = Document(path="t.txt", format="text", text=text, spans=(Span(text=text, start=0),))
    matches = Matcher(profile).match(document)
    return {m.term.name: [(o.text, o.form) for o in m.occurrences] for m in matches if m.occurrences}


def _profile(*terms: Term) -> Profile:
    return Profile(id="t", title="T", pass_score=50, terms=terms, version="x", source="test")


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
        ("Backend: Go.", "Go", "Go"),
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


def test_tokens_are_a_pure_function_of_the_text() -> None:
    text = "Built C++ and Node.js (R&D), 通过Docker优化; Python3"
    first, again = tokenize(text), tokenize(str(text))  # no cache: each call tokenizes
    assert first == again
    words = ["Built", "C++", "and", "Node.js", "(", "R&D", ")", ",", "通过", "Docker", "优化", ";", "Python", "3"]
    assert first.texts == words
    assert all(text[s:e] == t for s, e, t in zip(first.starts, first.ends, first.texts, strict=True))


def test_skills_match_in_either_number_but_tool_names_as_written() -> None:
    profile = _profile(_term("data pipeline"), _term("pandas", kind="tool"), _term("microservices"))
    assert found("Built data pipelines", profile)["data pipeline"] == [("data pipelines", "name")]
    assert found("one microservice", profile)["microservices"] == [("microservice", "name")]
    assert "pandas" not in found("a red panda", profile)
    assert "data pipeline" not in found("data piping", profile)


def test_not_in_blocks_only_inside_its_phrases() -> None:
    profile = _profile(_term("Linux", kind="tool", not_in=("Linux Foundation",)))
    assert "Linux" not in found("CKA from The Linux Foundation", profile)
    assert found("Linux admin; The Linux Foundation", profile)["Linux"] == [("Linux", "name")]


def test_needs_context_applies_to_the_ordinary_word_only() -> None:
    vault = _term("HashiCorp Vault", "Vault", kind="tool", needs_context=("secret",))
    profile = _profile(vault)
    assert "HashiCorp Vault" not in found("Kept the gold in a vault", profile)
    assert found("Vault for secrets rotation", profile)["HashiCorp Vault"] == [("Vault", "alias")]
    assert found("Ran HashiCorp Vault", profile)["HashiCorp Vault"] == [("HashiCorp Vault", "name")]  # no ordinary word
    assert found("Tools: Consul, Vault, Nomad", profile)["HashiCorp Vault"] == [("Vault", "alias")]  # a list item


def test_concept_patterns_stay_inside_one_sentence_and_a_bounded_gap() -> None:
    profile = _profile(_term("model deployment", patterns=("deploy ... model",)))
    assert found("Deployed ML models", profile)["model deployment"] == [("Deployed ML models", "alias")]
    assert "model deployment" not in found("Deployed the app. Trained models", profile)
    assert "model deployment" not in found("Deployed the app\nModels were trained", profile)
    far = "Deployed " + " ".join(["w"] * 9) + " models"
    assert "model deployment" not in found(far, profile)


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("... model", "between two words"),
        ("deploy ...", "end with a word"),
        ("deploy", "at least two"),
        ("a ... ... b", "between two words"),
    ],
)
def test_bad_concept_patterns_are_refused(pattern: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_concept(pattern)


@pytest.mark.parametrize(
    ("word", "target", "typo"),
    [
        ("kubernets", "kubernetes", True),  # a letter left out
        ("terrafrom", "terraform", True),  # two neighbours swapped
        ("promethues", "prometheus", True),
        ("dockwr", "docker", True),  # a key beside the right one
        ("puesto", "presto", False),  # a letter far from the right key: another word
        ("kubernetes", "kubernetes", True),
        ("kuberneeets", "kubernetes", True),  # two slips in a long word
        ("terrxxorm", "terraform", False),
    ],
)
def test_typos_are_slips_of_the_keyboard(word: str, target: str, typo: bool) -> None:
    assert is_typo(word, target) is typo


def test_rules_are_validated_and_written_back() -> None:
    raw = {
        "id": "p",
        "title": "P",
        "terms": [
            {
                "name": "HashiCorp Vault",
                "aliases": ["Vault"],
                "category": "Security",
                "not_in": ["Azure Key Vault"],
                "needs_context": ["secrets"],
                "patterns": ["rotate ... secret"],
            }
        ],
    }
    profile = parse_profile(raw, "p.toml")
    term = profile.terms[0]
    # The profile's own rules first, then what the skills taxonomy knows of HashiCorp Vault.
    assert term.not_in == ("Azure Key Vault", "Key Vault")
    assert term.needs_context[0] == "secrets" and "HashiCorp" in term.needs_context
    assert term.patterns == ("rotate ... secret",)
    import tomllib

    written = profile_toml(profile)
    assert '"Key Vault"' not in written and '"HashiCorp"' not in written  # inherited: not repeated
    again = parse_profile(tomllib.loads(written), "again.toml").terms[0]
    assert again == term
    alone = parse_profile({**raw, "terms": [{**raw["terms"][0], "inherit": False}]}, "p.toml").terms[0]
    assert (alone.not_in, alone.needs_context, alone.patterns) == (
        ("Azure Key Vault",),
        ("secrets",),
        ("rotate ... secret",),
    )
    assert "inherit = false" in profile_toml(replace(profile, terms=(alone,)))


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("not_in", "Azure Key Vault", "'not_in' must be a list"),
        ("needs_context", [""], "'needs_context' must be a list"),
        ("patterns", ["deploy ..."], "pattern 'deploy ...'"),
    ],
)
def test_bad_rules_name_the_term_and_the_fix(key: str, value: object, message: str) -> None:
    raw = {"id": "p", "title": "P", "terms": [{"name": "Vault", "category": "Security", key: value}]}
    with pytest.raises(UsageError, match=message):
        parse_profile(raw, "p.toml")
