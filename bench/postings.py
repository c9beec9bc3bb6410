"""How well `--jd` reads real postings, measured against hand labels.

    python bench/postings.py                       # ../shared/postings, tests/data/posting_labels.toml
    python bench/postings.py DIR --labels FILE -v  # -v: every miss, extra and wrong bucket, per posting
    python bench/postings.py --pass-marks          # the corpus's resumes against the postings of each role

(../shared is $ATSCHECK_SHARED when set.)

The labels are what a recruiter reading each posting means it to ask for (rules: docs/postings.md). For
every labelled posting the derived profile is compared by term name (letter case aside):
  recall     labelled terms the reader finds / labelled terms
  bucket     found terms in the labelled bucket (required or preferred) / found terms
  precision  derived terms that are labelled / derived terms
  groups     pairs of labelled alternatives that the reader puts in one group / labelled pairs
  degree     degree fields found / labelled degree fields

--pass-marks checks what a posting-derived profile's pass mark means: every resume of ../shared/corpus
(tests/data/practitioners.toml says who works as what) is scored against each posting labelled with a
bundled `role`, and for several pass marks it counts the resumes that pass among the people who work as
that role, those who work as another bundled role, and technical people who work as none of them.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from atscheck.core import check_file
from atscheck.model import Profile
from atscheck.posting import derive_profile, read_posting
from atscheck.request import Request

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ATSCHECK_SHARED", ROOT.parent / "shared"))
DEFAULT_LABELS = ROOT / "tests" / "data" / "posting_labels.toml"
DEFAULT_POSTINGS = SHARED / "postings"
DEFAULT_CORPUS = SHARED / "corpus"
DEFAULT_PEOPLE = ROOT / "tests" / "data" / "practitioners.toml"
PASS_MARKS = (35.0, 40.0, 45.0, 50.0, 55.0)


@dataclass
class Tally:
    labelled: int = 0
    found: int = 0
    same_bucket: int = 0
    derived: int = 0
    pairs: int = 0
    pairs_grouped: int = 0
    degree: int = 0
    degree_found: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("labelled", "found", "same_bucket", "derived", "pairs", "pairs_grouped", "degree", "degree_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        def share(part: int, whole: int) -> float:
            return part / whole if whole else 1.0

        return {
            "recall": share(self.found, self.labelled),
            "bucket": share(self.same_bucket, self.found),
            "precision": share(self.found, self.derived),
            "groups": share(self.pairs_grouped, self.pairs),
            "degree": share(self.degree_found, self.degree),
        }


def compare(label: dict, profile: Profile) -> Tally:
    """One posting's labels against the profile derived from it."""
    wanted = {name.casefold(): "required" for name in label["required"]}
    wanted.update({name.casefold(): "preferred" for name in label["preferred"] if name.casefold() not in wanted})
    got = {t.name.casefold(): t for t in profile.terms}
    tally = Tally(labelled=len(wanted), derived=len(got))
    for name, bucket in wanted.items():
        term = got.get(name)
        if term is None:
            tally.notes.append(f"  missed    {name} ({bucket})")
            continue
        tally.found += 1
        if term.importance == bucket:
            tally.same_bucket += 1
        else:
            tally.notes.append(f"  bucket    {name}: labelled {bucket}, read {term.importance}")
    tally.notes += [f"  extra     {t.name} ({t.importance})" for key, t in got.items() if key not in wanted]
    for group in label.get("groups", []):
        for a, b in itertools.combinations([n.casefold() for n in group], 2):
            tally.pairs += 1
            first, second = got.get(a), got.get(b)
            if first and second and first.group and first.group == second.group:
                tally.pairs_grouped += 1
            else:
                tally.notes.append(f"  ungrouped {a} / {b}")
    fields = profile.education.fields if profile.education else ()
    for wanted_field in label.get("degree", []):
        tally.degree += 1
        if any(wanted_field.casefold() == f.casefold() for f in fields):
            tally.degree_found += 1
        else:
            tally.notes.append(f"  degree    {wanted_field} not read (read: {', '.join(fields) or 'none'})")
    return tally


def measure(postings: Path, labels: Path) -> tuple[Tally, dict[str, Tally]]:
    data = tomllib.loads(labels.read_text(encoding="utf-8"))
    total, each = Tally(), {}
    for label in data["posting"]:
        profile = derive_profile(*read_posting(str(postings / label["file"])))
        each[label["file"]] = tally = compare(label, profile)
        total.add(tally)
    return total, each


@dataclass(frozen=True)
class Scored:
    score: float
    resume: str
    posting: str
    role: str  # the posting's bundled role
    who: str  # the person works as that role ("own role"), as "another role", or as "no bundled role"


def score_against_roles(postings: Path, labels: Path, corpus: Path, people_labels: Path) -> list[Scored]:
    """Every technical resume of the corpus against every posting labelled with a bundled role."""
    sys.path.insert(0, str(ROOT / "bench"))
    from calibration import TODAY, read_labels  # the corpus's hand labels, as the role calibration reads them

    data = tomllib.loads(labels.read_text(encoding="utf-8"))
    roles = {label["file"]: label["role"] for label in data["posting"] if "role" in label}
    profiles = [derive_profile(*read_posting(str(postings / name))) for name in roles]
    people = read_labels(people_labels)
    request = Request(today=TODAY, auto_transition=False)
    scored = []
    for name, person in sorted(people.items()):
        if person.no_text or person.non_technical or person.cannot_pass or not (corpus / name).is_file():
            continue
        for profile, result in zip(profiles, check_file(corpus / name, profiles, request), strict=True):
            posting = profile.id.removeprefix("jd:")
            role = roles[posting]
            who = "own role" if role in person.works_as else "another role" if person.works_as else "no bundled role"
            scored.append(Scored(result.score or 0.0, name, posting, role, who))
    return scored


def pass_marks(scored: list[Scored]) -> list[str]:
    """How many resumes pass the postings of their own role, of another role, or of none, at each pass mark."""
    kinds = ("own role", "another role", "no bundled role")
    lines = [
        f"{len({s.posting for s in scored})} postings with a role; pairs of resume and posting: "
        + ", ".join(f"{sum(s.who == k for s in scored)} {k}" for k in kinds),
        "| pass mark | " + " | ".join(f"pass: {k}" for k in kinds) + " |",
        "|---:|" + "---:|" * len(kinds),
    ]
    for mark in PASS_MARKS:
        cells = []
        for kind in kinds:
            scores = [s.score for s in scored if s.who == kind]
            passed = sum(score >= mark for score in scores)
            cells.append(f"{passed}/{len(scores)} ({passed / max(len(scores), 1):.0%})")
        lines.append(f"| {mark:g} | " + " | ".join(cells) + " |")
    for role in sorted({s.role for s in scored}):
        own = [s.score for s in scored if s.role == role and s.who == "own role"]
        none = max((s for s in scored if s.role == role and s.who == "no bundled role"), key=lambda s: s.score)
        median = f"median {statistics.median(own):.1f}" if own else "nobody in the corpus works as it"
        lines.append(
            f"{role}: people who work as it {median}; highest of no bundled role {none.score:.1f} "
            f"({none.resume} against {none.posting})"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("postings", nargs="?", type=Path, default=DEFAULT_POSTINGS)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--pass-marks", action="store_true", help="score the corpus against each role's postings")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--people", type=Path, default=DEFAULT_PEOPLE)
    args = parser.parse_args(argv)
    if args.pass_marks:
        print("\n".join(pass_marks(score_against_roles(args.postings, args.labels, args.corpus, args.people))))
        return 0
    total, each = measure(args.postings, args.labels)
    for name, tally in each.items():
        row = tally.figures()
        print(f"{name:64} recall {row['recall']:.2f}  bucket {row['bucket']:.2f}  precision {row['precision']:.2f}")
        if args.verbose:
            print("\n".join(tally.notes))
    figures = total.figures()
    print(
        f"\n{len(each)} postings, {total.labelled} labelled terms, {total.derived} derived: "
        + "  ".join(f"{name} {value:.3f}" for name, value in figures.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
