"""Each check on hand-built Documents, as yamllint tests its rules: a few lines of text and layout facts that
fail the rule, and the nearest text that passes it. No file is extracted and no bundled profile is read, so
these hold whatever the extractors and the profiles become."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import replace

import pytest

from atscheck.checks import Context, dates, hidden_text, measurable_results, multi_column, placeholder_text
from atscheck.model import Document, Finding, PageInfo, Profile, Span, Term
from atscheck.structure.experience import read_experience
from atscheck.structure.sections import find_sections

TODAY = datetime.date(2025, 6, 1)
PROFILE = Profile(
    id="rules",
    title="Rules",
    pass_score=50,
    terms=(Term("Python", "Programming", "tool", "required", 3.0),),
    version="test",
    source="test",
)


def document(*lines: str, hidden: Iterable[int] = (), **facts: object) -> Document:
    """A text document of these lines, one span each; the spans at the `hidden` line numbers are Word's
    hidden text."""
    spans, offset = [], 0
    for number, line in enumerate(lines):
        spans.append(Span(line, offset, hidden=number in set(hidden)))
        offset += len(line) + 1
    text = "\n".join(lines)
    built = Document(path="hand-built.txt", format="text", text=text, spans=tuple(spans), **facts)  # type: ignore[arg-type]
    return replace(built, sections=find_sections(text, built.spans))


def findings(rule: object, doc: Document) -> list[Finding]:
    context = Context(doc, PROFILE, (), read_experience(doc, TODAY))
    return list(rule.check(context))  # type: ignore[attr-defined]


ROLE = ("Data Engineer, Acme Corp | Jan 2021 - Present",)


@pytest.mark.parametrize(
    ("rule", "failing", "passing"),
    [
        (
            placeholder_text,
            document("Your Name", "Lorem ipsum dolor sit amet"),
            document("Jordan Example", "Engineer at Acme"),
        ),
        (
            dates,
            document("EXPERIENCE", *ROLE, "- Built pipelines", "Analyst, Beta Inc | 03/2018 - 12/2020", "- Reports"),
            document("EXPERIENCE", *ROLE, "- Built pipelines", "Analyst, Beta Inc | Mar 2018 - Dec 2020", "- Reports"),
        ),
        (
            measurable_results,
            document("EXPERIENCE", *ROLE, "- Built pipelines", "- Wrote reports", "- Helped the team"),
            document("EXPERIENCE", *ROLE, "- Cut costs by 30%", "- Served 2 million users", "- Helped the team"),
        ),
        (
            hidden_text,
            document("Jordan Example", "Python Kubernetes Terraform", hidden=[1]),
            document("Jordan Example", "Python Kubernetes Terraform"),
        ),
        (
            multi_column,
            document("Jordan Example", pages=(PageInfo(1, 612, 792, 100, 0, columns=2),)),
            document("Jordan Example", pages=(PageInfo(1, 612, 792, 100, 0, columns=1),)),
        ),
    ],
    ids=lambda value: getattr(value, "ID", ""),
)
def test_rule_fails_and_passes(rule: object, failing: Document, passing: Document) -> None:
    found = findings(rule, failing)
    assert [f.id for f in found] == [rule.ID], found  # type: ignore[attr-defined]
    assert all(f.message and f.fix for f in found)
    assert findings(rule, passing) == []


def test_hidden_text_rules_out_the_credit_of_what_it_hides() -> None:
    [finding] = findings(hidden_text, document("Jordan Example", "Python Kubernetes", hidden=[1]))
    start = len("Jordan Example") + 1
    assert finding.uncredited == ((start, start + len("Python Kubernetes")),)


def test_dates_name_the_role_without_dates() -> None:
    doc = document("EXPERIENCE", *ROLE, "- Built pipelines.", "Analyst, Beta Inc", "- Wrote reports.")
    [finding] = findings(dates, doc)
    assert "1 of 2 roles have no dates" in finding.message and "Analyst, Beta Inc" in finding.message


def test_experience_counts_present_as_today() -> None:
    doc = document("EXPERIENCE", *ROLE, "- Built pipelines", "Analyst, Beta Inc | Mar 2018 - Dec 2020", "- Reports")
    assert read_experience(doc, TODAY).years == 7
    assert read_experience(doc, datetime.date(2030, 1, 1)).years == 12
    assert [entry.header for entry in read_experience(doc, TODAY).entries] == [
        ROLE,
        ("Analyst, Beta Inc | Mar 2018 - Dec 2020",),
    ]
