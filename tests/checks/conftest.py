"""Builders for the per-check tests: a Document written by hand, one span per line with the layout facts a check
reads (page, source, font size, colour, hidden, heading level, split_as), its sections and fields found and
its work history read as the pipeline does, and matched against the small profile written here. No file is
extracted and no bundled profile is read, so each check's tests hold whatever the extractors and the bundled
profiles become.

This folder is a package (tests/checks/__init__.py), so this module is `checks.conftest`: a second plain
`conftest` would stand in for tests/conftest.py, which the tests beside this folder import by that name.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from atscheck.checks import Context
from atscheck.evidence import read_career
from atscheck.match import matcher_for
from atscheck.model import Document, Finding, Format, PageInfo, Profile, Span, Term
from atscheck.structure import structured

TODAY = datetime.date(2025, 6, 1)  # "Present" in a role's dates counts as this day


def term(name: str, kind: Any = "tool", *aliases: str) -> Term:
    return Term(name, "Test", kind, "required", 2.0, aliases=aliases)


def profile(*terms: Term) -> Profile:
    """A role of these terms, as a profile file would give it."""
    return Profile(id="checks", title="Checks", pass_score=50, terms=terms, version="test", source="test")


CKA = "Certified Kubernetes Administrator"
PROFILE = profile(
    term("Python"),
    term("Docker"),
    term("Kubernetes"),
    term("Terraform"),
    term("Datadog"),
    term("scikit-learn"),
    term("machine learning", "skill"),
    term(CKA, "certification", "CKA"),
)
# The same role without certification terms: section-headings then expects no Certifications section.
NO_CERTIFICATIONS = profile(*(t for t in PROFILE.terms if t.kind != "certification"))

_FILLER = (
    "planned and reviewed the work of the team with care and shared what we learned with the people who "
    "asked for help over the year"
)


def filler(words: int) -> str:
    """`words` plain English words that hold no term of the profile, no number and no date."""
    cycle = _FILLER.split()
    return " ".join(cycle[i % len(cycle)] for i in range(words))


@dataclass(frozen=True)
class Line:
    """A line of the document with the layout facts of its span (Span's fields: page, source, hidden, ...)."""

    text: str
    facts: dict[str, Any] = field(default_factory=dict)


def line(text: str, **facts: Any) -> Line:
    return Line(text, facts)


_SUFFIX = {"pdf": "pdf", "docx": "docx", "text": "txt", "markdown": "md"}


def document(*lines: str | Line, format: Format = "docx", path: str = "", **facts: Any) -> Document:
    """A document of these lines, one span each, with its sections found; `facts` are Document's fields
    (pages, images, icons, columns, size_bytes, warnings)."""
    spans, texts, offset = [], [], 0
    for item in lines:
        written = item if isinstance(item, Line) else Line(item)
        spans.append(Span(written.text, offset, **written.facts))
        texts.append(written.text)
        offset += len(written.text) + 1
    name = path or f"hand-built.{_SUFFIX[format]}"
    return structured(Document(path=name, format=format, text="\n".join(texts), spans=tuple(spans), **facts))


def page(number: int, *, chars: int = 1500, images: int = 0, columns: int = 1, icons: int = 0) -> PageInfo:
    """A Letter page's facts, as the PDF reader reports them."""
    return PageInfo(number, 612, 792, chars, images, columns, icons)


def pdf(*pages: Sequence[str | Line], **facts: Any) -> Document:
    """A PDF document: each sequence of lines is a page, and each line's span says its page number."""
    placed = [_on_page(item, number) for number, lines in enumerate(pages, start=1) for item in lines]
    facts.setdefault("pages", tuple(page(number, chars=_chars(lines)) for number, lines in enumerate(pages, start=1)))
    return document(*placed, format="pdf", **facts)


def _on_page(item: str | Line, number: int) -> Line:
    written = item if isinstance(item, Line) else Line(item)
    return Line(written.text, {"page": number, **written.facts})


def _chars(lines: Sequence[str | Line]) -> int:
    return sum(len(item.text if isinstance(item, Line) else item) for item in lines)


def context(doc: Document, profile: Profile = PROFILE) -> Context:
    """What the pipeline hands a check: the document, the role, the role's terms found, the work history."""
    matches = matcher_for(profile).match(doc)
    return Context(doc, profile, matches, read_career(doc, matches, TODAY))


def findings(check: ModuleType, doc: Document, profile: Profile = PROFILE) -> list[Finding]:
    """The check's findings on the document, each one asserted to carry the check's ID."""
    found = list(check.check(context(doc, profile)))
    assert all(f.id == check.ID for f in found), found
    return found


def finding(check: ModuleType, doc: Document, profile: Profile = PROFILE) -> Finding:
    """The check's one finding on the document."""
    found = findings(check, doc, profile)
    assert len(found) == 1, found
    return found[0]


def passes(check: ModuleType, doc: Document, profile: Profile = PROFILE) -> bool:
    return findings(check, doc, profile) == []


# A resume every check passes: contact details labelled in the body, LinkedIn and GitHub, the standard sections,
# dated roles in one format with measured results, every required skill shown in a role's work, the certification
# in its own section, 250 to 1,200 words.
NAME = "Jordan Example"
CONTACT = "Email: jordan@example.com | Phone: (512) 555-0100"
LINKS = "linkedin.com/in/jordan-example | github.com/jordan-example"
ROLE = "Senior Engineer, Acme Corp | Jan 2021 - Present"
EARLIER_ROLE = "Engineer, Beta Inc | Mar 2018 - Dec 2020"
SHOWN = "- Trained 40 scikit-learn machine learning models in Python."  # the required skills, shown in a role
CLEAN = (
    NAME,
    CONTACT,
    LINKS,
    "SUMMARY",
    "Machine learning engineer who ships Python services on Kubernetes.",
    filler(200),
    "EXPERIENCE",
    ROLE,
    "- Cut deployment time from 2 days to 30 minutes with Docker.",
    "- Served 3 million predictions a day on Kubernetes.",
    "- Helped the team plan the roadmap.",
    SHOWN,
    EARLIER_ROLE,
    "- Built 12 data pipelines with Terraform.",
    "- Reduced cloud costs by 30% with Datadog alerts.",
    "EDUCATION",
    "B.S. Computer Science, State University | 2014 - 2018",
    "SKILLS",
    "Python, Docker, Kubernetes, Terraform, Datadog, scikit-learn",
    "CERTIFICATIONS",
    f"{CKA} (CKA), 2023",
)


def resume(*extra: str | Line, swap: Mapping[str, Sequence[str | Line]] | None = None, **facts: Any) -> Document:
    """CLEAN with some of its lines swapped for others (for none: the line is left out), and `extra` lines at
    its end; `facts` as for document()."""
    swap = swap or {}
    lines = [new for old in CLEAN for new in swap.get(old, (old,))]
    return document(*lines, *extra, **facts)
