"""keyword-stuffing: a term written more than MAX_IN_ONE_LINE times on one line, a pasted copy of a block of
lines, a block of MIN_BLOCK_ITEMS keywords (bare or under one label) or MIN_RUN_ITEMS in one run of lists;
never an honest resume that names its main skill often."""

from __future__ import annotations

from atscheck.checks import keyword_stuffing

from .conftest import document, finding, findings, passes, resume

ITEMS = [f"tool{letter}{number}" for letter in "abcdefgh" for number in "vwxyz"]  # 40 keywords, no terms


def bare(items: list[str], per_line: int = 10) -> list[str]:
    return [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]


def test_a_clean_resume_passes() -> None:
    assert passes(keyword_stuffing, resume())


def test_a_term_written_six_times_on_one_line_fails() -> None:
    line = "Python, Python 3, Python typing, Python asyncio, Python packaging, Python profiling"
    found = finding(keyword_stuffing, resume(line))
    assert (found.id, found.severity, found.where) == ("keyword-stuffing", "warning", "skills list")
    assert found.message.startswith(f"'Python' is written 6 times on one line ('{line}')")
    assert "Name Python once" in found.fix


def test_five_times_on_one_line_pass() -> None:
    assert passes(keyword_stuffing, resume("Python, Python 3, Python typing, Python asyncio, Python packaging"))


def test_a_term_named_in_every_role_is_no_stuffing() -> None:
    """An ML engineer writes "machine learning" once per role and project: fifteen times in two pages."""
    lines = [f"- Built a machine learning service for team {n} with Python and Docker." for n in range(15)]
    assert passes(keyword_stuffing, resume(*lines))


def test_the_most_crowded_terms_are_named_first() -> None:
    names = ["Docker", "Kubernetes", "Terraform"]
    lines = [", ".join(f"{name} {n}" for n in range(size)) for name, size in zip(names, (9, 7, 6), strict=True)]
    found = finding(keyword_stuffing, document(*lines))
    assert found.message.startswith("'Docker' is written 9 times on one line")
    assert found.message.endswith("So is Kubernetes (7 times), Terraform (6 times).")


def test_a_pasted_copy_of_a_block_fails() -> None:
    block = [
        "- Ran Kubernetes clusters for the payments team.",
        "- Wrote Terraform modules for every service we had.",
        "- Moved the builds to Docker images in a week.",
    ]
    doc = resume(*block, "- Something else we did that year.", *block)
    found = finding(keyword_stuffing, doc)
    assert found.message.startswith("The same 3 lines stand twice in the resume")
    assert found.unranked and doc.text[found.unranked[0][0] : found.unranked[0][1]].startswith("- Ran Kubernetes")


def test_a_repeated_line_or_placeholder_block_without_terms_passes() -> None:
    role = "Year - Year, Job title, Employer, City"
    assert passes(keyword_stuffing, resume(role, "- planned the work", role, "- planned the work", role))
    once = "- Ran Kubernetes clusters for the payments team."
    assert passes(keyword_stuffing, resume(once, "- Other work.", once))


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


def test_a_crowded_line_and_a_block_are_two_findings() -> None:
    crowded = ", ".join(f"Python {n}" for n in range(6))
    found = findings(keyword_stuffing, document(*bare(ITEMS), "Built things.", crowded))
    assert [f.message[:10] for f in found] == ["'Python' i", "A block of"]


MANY = [f"tool{letter}{number}" for letter in "abcdefghijklmnopqrstuvwxy" for number in "vwxyz"][:120]


def test_forty_keywords_under_one_label_fail() -> None:
    same_line, line_above = ["Tools: " + ", ".join(ITEMS)], ["Tools:", *bare(ITEMS)]
    continued = ["Tools: " + ", ".join(ITEMS[:4]), *bare(ITEMS[4:])]
    layouts = (same_line, line_above, continued)
    for lines in layouts:
        doc = document("SKILLS", *lines)
        found = finding(keyword_stuffing, doc)
        assert found.message.startswith("A block of 40 keywords under one label"), lines
        assert found.unranked == ((len("SKILLS\n"), len(doc.text)),)


def test_thirty_nine_under_one_label_pass() -> None:
    assert passes(keyword_stuffing, document("SKILLS", "Tools: " + ", ".join(ITEMS[:39])))


def test_a_hundred_keywords_split_under_labels_fail() -> None:
    labelled = [f"Group {n}: " + ", ".join(MANY[n * 25 : n * 25 + 25]) for n in range(4)]
    doc = document("SKILLS", *labelled)
    found = finding(keyword_stuffing, doc)
    assert found.message.startswith("A run of 100 keywords in lists, split under labels")
    assert found.unranked == ((len("SKILLS\n"), len(doc.text)),)
    assert passes(keyword_stuffing, document("SKILLS", *labelled[:3], "Built things.", labelled[3]))
