"""keyword-stuffing: a term repeated more than MAX_REPEATS times, or a bare block of MIN_BLOCK_ITEMS keywords."""

from __future__ import annotations

from atscheck.checks import keyword_stuffing

from .conftest import document, finding, findings, passes, resume

ITEMS = [f"tool{letter}{number}" for letter in "abcdefgh" for number in "vwxyz"]  # 40 keywords, no terms


def bare(items: list[str], per_line: int = 10) -> list[str]:
    return [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]


def test_a_clean_resume_passes() -> None:
    assert passes(keyword_stuffing, resume())


def test_a_term_repeated_more_than_eight_times_fails() -> None:
    found = finding(keyword_stuffing, resume(*(f"- Wrote Python tool number {n}" for n in "abcdefgh")))
    assert (found.id, found.severity, found.where) == ("keyword-stuffing", "warning", "whole resume")
    assert found.message.startswith("Some terms are repeated far more than a real resume does: Python (10 times).")
    assert "8 mentions is already a lot" in found.fix


def test_eight_uses_of_a_term_pass() -> None:
    assert passes(keyword_stuffing, document(*(f"- Wrote Python tool number {n}" for n in "abcdefgh")))


def test_the_most_repeated_terms_come_first_six_at_most() -> None:
    names = ["Python", "Docker", "Kubernetes", "Terraform", "Datadog", "scikit-learn", "machine learning"]
    lines = [", ".join(names[: 1 + i % 7]) + "." for i in range(70)]
    found = finding(keyword_stuffing, document(*lines))
    assert found.message.startswith(
        "Some terms are repeated far more than a real resume does: Python (70 times), Docker (60 times), "
        "Kubernetes (50 times), Terraform (40 times), Datadog (30 times), scikit-learn (20 times)."
    )


def test_a_bare_block_of_forty_keywords_fails() -> None:
    doc = document("SKILLS", *bare(ITEMS))
    found = finding(keyword_stuffing, doc)
    assert (found.severity, found.where) == ("warning", "skills list")
    assert found.message.startswith("A block of 40 keywords in a row, with no labels or sentences")
    assert "grouped under short labels" in found.fix
    assert found.unranked == ((len("SKILLS\n"), len(doc.text)),)


def test_thirty_nine_bare_keywords_pass() -> None:
    assert passes(keyword_stuffing, document("SKILLS", *bare(ITEMS[:39])))


def test_labelled_groups_pass() -> None:
    labelled = [f"Group {n}: {line}" for n, line in enumerate(bare(ITEMS))]
    assert passes(keyword_stuffing, document("SKILLS", *labelled))


def test_a_sentence_between_lists_breaks_the_block() -> None:
    lines = bare(ITEMS, per_line=20)
    assert passes(keyword_stuffing, document(lines[0], "We used these tools to build the platform.", lines[1]))


def test_long_phrases_between_commas_are_sentences_not_keywords() -> None:
    sentence = "built the data platform with care and review"  # 8 words between commas
    assert passes(keyword_stuffing, document(*bare([sentence] * 40)))


def test_repeats_and_a_block_are_two_findings() -> None:
    found = findings(keyword_stuffing, document(*bare(ITEMS), *(["Python."] * 9)))
    assert [f.where for f in found] == ["whole resume", "skills list"]
