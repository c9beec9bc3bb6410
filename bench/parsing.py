"""How well atscheck reads the fields a parser reads: roles, dates, education, certificates and contacts,
against hand labels of the real resumes beside the project.

Not a test and not run in CI (tests/test_parsing_corpus.py pins the figures). From the repository root:

    python bench/parsing.py                  # ../shared/corpus against tests/data/parsing_labels.toml
    python bench/parsing.py --misses         # and every entry missed or read wrongly, file by file
    python bench/parsing.py FOLDER --labels LABELS.toml

How entries are compared (docs/parsing.md):
- a role counts when both its employer and its title match a labelled role (compared without case,
  punctuation and spacing; a reading that holds the label or is held by it, or is 85% alike, matches), each
  label matched once; precision is over the roles read, recall over the roles labelled;
- a role's dates are right when its start and its end are the labelled ones at the labelled precision
  ("present" for a current role), over the roles that matched;
- a school is found when its institution, or with no institution its degree, matches; a certificate when
  its name matches;
- contacts: the name as written, whether an email and a phone are written, and each profile link.
The resumes are never copied into the project.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from atscheck.errors import InputError
from atscheck.model import Month, Period, Resume
from atscheck.structure import read_document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_LABELS = ROOT / "tests" / "data" / "parsing_labels.toml"
ALIKE = 85


def normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def same(read: str, label: str) -> bool:
    a, b = normal(read), normal(label)
    if a == b:
        return True
    if not a or not b:
        return False
    return a in b or b in a or fuzz.ratio(a, b) >= ALIKE


def iso(month: Month | None) -> str:
    return month.iso if month else ""


def period_ends(period: Period | None) -> tuple[str, str]:
    if period is None:
        return "", ""
    return iso(period.start), "present" if period.current else iso(period.end)


@dataclass
class Tally:
    found: int = 0
    total: int = 0

    def add(self, found: int, total: int) -> None:
        self.found += found
        self.total += total

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.rate:.3f} ({self.found}/{self.total})"


@dataclass
class Scores:
    role_precision: Tally = field(default_factory=Tally)
    role_recall: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)
    education: Tally = field(default_factory=Tally)
    degree_level: Tally = field(default_factory=Tally)
    certificates: Tally = field(default_factory=Tally)
    names: Tally = field(default_factory=Tally)
    email_phone: Tally = field(default_factory=Tally)
    links: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)


def pair(
    read: Sequence[Any], labels: Sequence[dict[str, Any]], match: Callable[[Any, dict[str, Any]], bool]
) -> list[tuple[Any, dict[str, Any]]]:
    """Each label with the first unmatched reading that matches it, in order."""
    used: set[int] = set()
    pairs = []
    for label in labels:
        for index, item in enumerate(read):
            if index not in used and match(item, label):
                used.add(index)
                pairs.append((item, label))
                break
    return pairs


def score_resume(name: str, resume: Resume, label: dict[str, Any], scores: Scores) -> None:
    work = label.get("work", [])
    roles = pair(resume.roles, work, lambda r, w: same(r.employer, w["employer"]) and same(r.title, w["title"]))
    scores.role_precision.add(len(roles), len(resume.roles))
    scores.role_recall.add(len(roles), len(work))
    matched = {id(w) for _, w in roles}
    for w in work:
        if id(w) not in matched:
            scores.misses.append(f"{name}: role missed: {w['title']} | {w['employer']} ({w['start']} - {w['end']})")
    labelled = {id(r) for r, _ in roles}
    for role in resume.roles:
        if id(role) not in labelled:
            scores.misses.append(f"{name}: role read wrongly: {role.title} | {role.employer} | {role.location}")
    for role, w in roles:
        right = period_ends(role.period) == (w["start"], w["end"])
        scores.dates.add(int(right), 1)
        if not right:
            scores.misses.append(
                f"{name}: dates of {w['title']}: read {period_ends(role.period)}, labelled {(w['start'], w['end'])}"
            )
    schools = label.get("education", [])
    found = pair(
        resume.schools,
        schools,
        lambda s, e: same(s.institution, e["institution"]) if e["institution"] else same(s.degree, e["degree"]),
    )
    scores.education.add(len(found), len(schools))
    for school, e in found:
        if e.get("level") in ("associate", "bachelor", "master", "doctorate"):
            scores.degree_level.add(int(school.level == e["level"]), 1)
    missed = [e for e in schools if all(e is not f for _, f in found)]
    scores.misses += [f"{name}: school missed: {e['institution']} | {e['degree']}" for e in missed]
    certificates = label.get("certificates", [])
    got = pair(resume.certificates, certificates, lambda read, labelled: same(read.name, labelled["name"]))
    scores.certificates.add(len(got), len(certificates))
    missed_certs = [c for c in certificates if all(c is not labelled for _, labelled in got)]
    scores.misses += [f"{name}: certificate missed: {c['name']}" for c in missed_certs]
    contact = label.get("contact", {})
    if contact:
        scores.names.add(int(normal(resume.contacts.name) == normal(contact.get("name", ""))), 1)
        if normal(resume.contacts.name) != normal(contact.get("name", "")):
            scores.misses.append(f"{name}: name read {resume.contacts.name!r}, labelled {contact.get('name')!r}")
        scores.email_phone.add(
            int(resume.contacts.has_email == contact.get("email", False))
            + int(resume.contacts.has_phone == contact.get("phone", False)),
            2,
        )
        links = contact.get("links", [])
        scores.links.add(sum(1 for link in links if link in resume.contacts.links), len(links))


def measure(folder: Path, labels_path: Path) -> Scores:
    labels = tomllib.loads(labels_path.read_text(encoding="utf-8"))["resume"]
    scores = Scores()
    for label in labels:
        path = folder / label["file"]
        if label.get("skip") or not path.exists():
            continue
        try:
            document = read_document(path)
        except InputError as error:
            scores.misses.append(f"{label['file']}: could not be read: {error}")
            continue
        assert document.resume is not None
        score_resume(label["file"], document.resume, label, scores)
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--misses", action="store_true", help="list every entry missed or read wrongly")
    options = parser.parse_args(argv)
    if not options.folder.is_dir():
        print(f"{options.folder} is not a folder (../shared/corpus is absent?)", file=sys.stderr)
        return 2
    scores = measure(options.folder, options.labels)
    print(f"roles: precision {scores.role_precision}, recall {scores.role_recall}")
    print(f"role dates (start and end right, of the roles matched): {scores.dates}")
    print(f"education recall: {scores.education}; degree level right: {scores.degree_level}")
    print(f"certificate recall: {scores.certificates}")
    print(f"contacts: name {scores.names}, email and phone found {scores.email_phone}, links {scores.links}")
    if options.misses:
        print("\n".join(scores.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
