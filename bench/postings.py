"""How well `--jd` reads real postings, measured against hand labels.

    python bench/postings.py                       # ../shared/postings, tests/data/posting_labels.toml
    python bench/postings.py DIR --labels FILE -v  # -v: every miss, extra and wrong bucket, per posting

The labels are what a recruiter reading each posting means it to ask for (rules: docs/postings.md). For
every labelled posting the derived profile is compared by term name (letter case aside):
  recall     labelled terms the reader finds / labelled terms
  bucket     found terms in the labelled bucket (required or preferred) / found terms
  precision  derived terms that are labelled / derived terms
  groups     pairs of labelled alternatives that the reader puts in one group / labelled pairs
  degree     degree fields found / labelled degree fields
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from atscheck.model import Profile
from atscheck.posting import derive_profile, read_posting

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LABELS = ROOT / "tests" / "data" / "posting_labels.toml"
DEFAULT_POSTINGS = ROOT.parent / "shared" / "postings"


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("postings", nargs="?", type=Path, default=DEFAULT_POSTINGS)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
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
