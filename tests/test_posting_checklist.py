"""The pre-flight checklist of --jd (issue 29): what a posting asks that an ATS turns into knock-out screening
questions, quoted with its line, beside what the resume shows, in every report that shows a posting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke, shared_file

from atscheck.model import Document
from atscheck.posting import answer, derive_profile, knockouts, read_posting
from atscheck.structure import read_document_bytes

HEAD = "Data Engineer\nAcme Analytics\n\nRequirements\n- Python and SQL in production pipelines.\n"
TAIL = "- Clear written documentation and reviews for the people who use the data.\n"


STATES = {
    "work-authorization": "- You must be legally authorized to work in the United States.",
    "sponsorship": "- We are unable to provide visa sponsorship for this role.",
    "clearance": "- An active TS/SCI clearance is required.",
    "licence": "- A valid driver's license is required for site visits.",
    "location": "- This role is hybrid: 3 days a week in our Boston office.",
    "years": "- 5+ years of experience with data pipelines.",
    "degree": "- Bachelor's degree in Computer Science or a related field.",
    "language": "- Fluent German and English, written and spoken.",
}


# The same words where they ask nothing of the hire.
OMITS = {
    "work-authorization": "Acme is an equal opportunity employer regardless of race, national origin or citizenship.",
    "sponsorship": "- Sponsor our internal tech talks and share what you learn.",
    "clearance": "- Build a clearance report for the finance team in SQL.",
    "licence": "- Track software licenses and the MIT License of each dependency.",
    "location": "Acme was founded in Boston. The salary range for candidates living in New York is $150,000.",
    "years": "Acme was founded 12 years ago; a sabbatical comes after 5 years of employment.",
    "degree": "About Acme\nOur PhD-level researchers publish papers on retail forecasting.",
    "language": "- Explain results in plain English to the sales team.",
}


def _write(tmp_path: Path, text: str, name: str = "posting.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _checklist(tmp_path: Path, text: str) -> dict[str, list[tuple[str, int]]]:
    profile = derive_profile(*read_posting(str(_write(tmp_path, text))))
    assert profile.posting is not None
    found: dict[str, list[tuple[str, int]]] = {}
    for item in profile.posting.checklist:
        found.setdefault(item.kind, []).append((item.quote, item.line))
    return found


@pytest.mark.parametrize("kind", list(STATES))
def test_a_posting_that_states_it_gets_it_quoted_with_its_line(tmp_path: Path, kind: str) -> None:
    sentence = STATES[kind]
    found = _checklist(tmp_path, HEAD + sentence + "\n" + TAIL)
    assert kind in found, found
    quote, line = found[kind][0]
    assert quote == sentence.removeprefix("- ") and line == 6


@pytest.mark.parametrize("kind", list(OMITS))
def test_a_posting_that_omits_it_gets_none(tmp_path: Path, kind: str) -> None:
    found = _checklist(tmp_path, HEAD + OMITS[kind] + "\n" + TAIL)
    assert kind not in found, found[kind]


def test_a_posting_without_screening_requirements_has_an_empty_checklist(tmp_path: Path) -> None:
    assert _checklist(tmp_path, HEAD + TAIL + "- Kubernetes, Terraform and Airflow.\n") == {}


def test_one_sentence_may_hold_two_questions_and_a_location_label_counts() -> None:
    text = "Engineer\nLocation: Berlin, Germany\n\nYou must be authorised to work in the EU; we cannot sponsor."
    items = knockouts(text)
    kinds = [(item.kind, item.line) for item in items]
    assert kinds == [("work-authorization", 4), ("sponsorship", 4), ("location", 2)]
    assert knockouts("Engineer\nLocation: Remote\n") == ()  # "anywhere" is no question
    header = "Acme - Data Engineer - Hybrid (Boston, 3 days a week) - $150k-$180k"
    assert [(i.kind, i.quote) for i in knockouts(header + "\n\nBuild pipelines.")] == [("location", header)]
    pay = "Engineer\n\n\n\n\n\n\n\n\nThe salary for candidates living in Boston is $150,000 - $180,000."
    assert knockouts(pay) == ()  # pay text names a place to say what it pays there


STATING = """# Sam Doe
Berlin, Germany | sam@example.com | +49 30 1234 5678
EU citizen; authorized to work in the EU, no sponsorship needed. Active TS/SCI clearance. Valid driver's license.

## Experience
Data Engineer, Acme GmbH, 2016 - 2024
- Python and SQL pipelines.

## Education
M.Sc. Computer Science, TU Berlin

## Languages
English (C1), German (native)
"""


SILENT = """# Sam Doe
sam@example.com

## Summary
Data engineer who builds reliable batch pipelines and the tests and documentation that keep them trusted.

## Experience
Data Engineer at Acme
- Built Python and SQL pipelines that load sales data for the finance and marketing teams every night.
- Wrote tests for each transformation and documented every table for the analysts who use them.
- Cut the nightly load from four hours to forty minutes by rewriting the slowest queries.
"""


def _document(text: str) -> Document:
    return read_document_bytes(text.encode(), "r.md")


def test_what_the_resume_shows_or_that_it_says_nothing() -> None:
    items = knockouts("\n".join(["Data Engineer", *STATES.values()]), [STATES["degree"].removeprefix("- ")])
    assert [i.kind for i in items] == list(STATES)
    shown = {a.item.kind: a for a in answer(items, _document(STATING), 8, None)}
    assert "EU citizen" in (shown["work-authorization"].resume or "")
    assert "TS/SCI" in (shown["clearance"].resume or "") and "driver's license" in (shown["licence"].resume or "")
    assert shown["location"].resume == "Berlin, Germany"  # the header's place, never its contact details
    assert shown["years"].resume == "dated roles spanning about 8 years"
    assert "M.Sc." in (shown["degree"].resume or "")
    assert "German (native)" in (shown["language"].resume or "")
    silent = {a.item.kind: a for a in answer(items, _document(SILENT), None, None)}
    assert all(a.resume is None for a in silent.values()), silent
    assert all(shown[kind].advice != silent[kind].advice for kind in STATES)  # advice for what the resume shows
    assert silent["work-authorization"].advice.endswith("answer the screening question; the resume cannot.")
    assert "Languages line" in silent["language"].advice


def test_contact_details_never_reach_the_checklist() -> None:
    items = knockouts("Engineer\n\n- You must be authorized to work in the US.\n")
    text = "# Sam\nUS citizen · sam@example.com · (512) 555-0100\n"
    (shown,) = answer(items, _document(text), None, None)
    assert shown.resume is not None and "@" not in shown.resume and "555" not in shown.resume


POSTING = HEAD + "\n".join(STATES[k] for k in ("sponsorship", "location", "years")) + "\n" + TAIL


def test_every_report_shows_the_checklist(tmp_path: Path) -> None:
    posting = _write(tmp_path, POSTING)
    resume = _write(tmp_path, SILENT, "resume.md")
    result = json.loads(invoke(resume, "--jd", posting, "--format", "json").stdout)["results"][0]
    checklist = result["posting"]["checklist"]
    assert [c["kind"] for c in checklist] == ["sponsorship", "location", "years"]
    assert checklist[0]["quote"] == "We are unable to provide visa sponsorship for this role."
    assert checklist[0]["resume"] is None and checklist[0]["line"] == 6
    assert set(checklist[0]) >= {"kind", "quote", "resume"}
    full = invoke(resume, "--jd", posting, "--full").stdout
    assert "Pre-flight checklist" in full and "Visa sponsorship" in full and "says nothing" in full
    brief = invoke(resume, "--jd", posting).stdout
    assert "Screening questions to expect: visa sponsorship, location / on site, years of experience" in " ".join(
        brief.split()
    )
    markdown = invoke(resume, "--jd", posting, "--format", "markdown").stdout
    assert "| Visa sponsorship | We are unable to provide visa sponsorship for this role. (line 6) |" in markdown
    html = invoke(resume, "--jd", posting, "--format", "html").stdout
    assert "class='areas checklist'" in html and "We are unable to provide visa sponsorship" in html


def test_a_posting_with_no_checklist_shows_none(tmp_path: Path) -> None:
    posting = _write(tmp_path, HEAD + TAIL + "- Kubernetes and Terraform.\n")
    resume = _write(tmp_path, SILENT, "resume.md")
    result = json.loads(invoke(resume, "--jd", posting, "--format", "json").stdout)["results"][0]
    assert result["posting"]["checklist"] == []
    assert "Pre-flight checklist" not in invoke(resume, "--jd", posting, "--full").stdout


def test_real_postings_checklists() -> None:
    def kinds(name: str) -> dict[str, list[int]]:
        profile = derive_profile(*read_posting(str(shared_file("postings", name))))
        assert profile.posting is not None
        found: dict[str, list[int]] = {}
        for item in profile.posting.checklist:
            found.setdefault(item.kind, []).append(item.line)
        return found

    discord = kinds("discord-staff-software-engineer-ml-platform.txt")
    assert 5 in discord["location"] and discord["years"] == [19, 20, 21]  # "This position is US based only."
    assert 1 in kinds("doubleverify-sr-data-engineer.txt")["location"]  # "ONSITE/HYBRID - New York, NY (3x/week)"
    writer = kinds("writer-platform-engineer-mlops.txt")
    assert "work-authorization" not in writer  # "citizenship" only in its equal-opportunity text
    abridge = kinds("abridge-ml-infrastructure-engineer.txt")
    assert 70 in abridge["location"] and 68 not in abridge["location"]  # on site 3x a week; not the pay text
    assert abridge["years"] == [32]  # not "after 5 years of employment"
