"""Where each bundled role's pass mark comes from: every resume of a folder scored against every role, beside
who the person is (the roles they work as, or outside technology altogether), and the promises of
docs/calibration.md checked against that.

Not a test and not run in CI (tests/test_calibration.py pins the promises). From the repository root:

    python bench/calibration.py                       # ../shared/corpus with tests/data/practitioners.toml
    python bench/calibration.py FOLDER --labels SOURCES.tsv   # another folder, labels in a TSV whose
                                                       # `practitioner_of` column lists roles, or "none"

The table is Markdown, ready for docs/calibration.md. The resumes are never copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from atscheck.core import check_file
from atscheck.extract import SUPPORTED_EXTENSIONS
from atscheck.model import Result
from atscheck.profiles import bundled_ids, load_role
from atscheck.request import Request

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_LABELS = ROOT / "tests" / "data" / "practitioners.toml"
NON_TECHNICAL_MAX = 20.0  # a resume outside technology scores under this on every role
STUFFED = "venkatesh-sre-ats-optimized.md"  # the one self-declared keyword-stuffed resume of the corpus
TODAY = datetime.date(2026, 12, 5)  # "Present" in a resume: fixed, so the table does not move with the day
SHORT = {
    "data-engineer": "data",
    "devops-engineer": "devops",
    "mlops-engineer": "mlops",
    "site-reliability-engineer": "sre",
    "software-engineer": "software",
}


@dataclass(frozen=True)
class Person:
    works_as: tuple[str, ...]
    non_technical: bool = False
    no_text: bool = False  # a template or a picture: no person, or nothing an ATS can read
    cannot_pass: str = ""  # why a keyword screen cannot pass this practitioner's resume (it names no skill...)


def read_labels(path: Path) -> dict[str, Person]:
    if path.suffix == ".toml":
        rows = tomllib.loads(path.read_text(encoding="utf-8"))["resume"]
        return {
            row["file"]: Person(
                tuple(row["practitioner_of"]),
                row["non_technical"],
                row["template"] or row["image_only"],
                row.get("cannot_pass", ""),
            )
            for row in rows
        }
    people = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            roles = row.get("practitioner_of", "").strip()
            works_as = tuple(r.strip() for r in roles.split(",") if r.strip() and r.strip() != "none")
            people[row["file"]] = Person(works_as)
    return people


def score_all(folder: Path) -> dict[str, list[Result]]:
    roles = [load_role(role) for role in bundled_ids()]
    request = Request(today=TODAY)
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUPPORTED_EXTENSIONS)
    return {path.name: check_file(path, roles, request) for path in files}


def table(scored: dict[str, list[Result]], people: dict[str, Person]) -> list[str]:
    roles = bundled_ids()
    lines = [
        "| resume | works as | " + " | ".join(SHORT.get(r, r) for r in roles) + " | flagged |",
        "|---|---|" + "---:|" * len(roles) + "---|",
    ]
    for name, results in scored.items():
        person = people.get(name, Person(()))
        who = ", ".join(SHORT.get(r, r) for r in person.works_as)
        who = who or ("not technical" if person.non_technical else ("no text" if person.no_text else "-"))
        cells = []
        flags: set[str] = set()
        for result in results:
            if result.error is not None or result.score is None:
                cells.append("error")
                continue
            mark = "**" if result.passed else ""
            cells.append(f"{mark}{result.score:.1f}{mark}")
            flags |= {f.id for f in result.checks if f.id in ("keyword-stuffing", "no-text", "hidden-text")}
        lines.append(f"| {name} | {who} | " + " | ".join(cells) + f" | {', '.join(sorted(flags))} |")
    return lines


def broken_promises(scored: dict[str, list[Result]], people: dict[str, Person], corpus: bool) -> list[str]:
    """Each promise of docs/calibration.md that the scores do not keep, in words."""
    problems = []
    for name, results in scored.items():
        person = people.get(name, Person(()))
        for result in results:
            if result.error is not None or result.score is None or result.profile is None:
                continue
            role = result.profile.id
            if role in person.works_as and not person.no_text and not result.passed and not person.cannot_pass:
                problems.append(f"{name}: works as {role} but scores {result.score:.1f} < {result.threshold:g}")
            if person.non_technical and result.score >= NON_TECHNICAL_MAX:
                problems.append(f"{name}: not technical but scores {result.score:.1f} for {role}")
        stuffed = any(f.id == "keyword-stuffing" for r in results for f in r.checks)
        if corpus and stuffed != (name == STUFFED):
            problems.append(f"{name}: {'flagged' if stuffed else 'not flagged'} as keyword stuffing")
    return problems


def margins(scored: dict[str, list[Result]], people: dict[str, Person]) -> list[str]:
    """Per role: the lowest score of the people who work as it, the highest of the others, the pass mark."""
    lines = []
    for role in bundled_ids():
        own, other = [], []
        for name, results in scored.items():
            person = people.get(name, Person(()))
            for result in results:
                if result.profile is None or result.profile.id != role or result.score is None:
                    continue
                if person.no_text or person.cannot_pass:
                    continue
                (own if role in person.works_as else other).append((result.score, name))
        threshold = load_role(role).pass_score
        low = min(own, default=(float("nan"), "-"))
        high = max(other, default=(float("nan"), "-"))
        lines.append(
            f"{role}: pass mark {threshold:g}; lowest of {len(own)} who work as it {low[0]:.1f} ({low[1]}); "
            f"highest of the others {high[0]:.1f} ({high[1]})"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        raise SystemExit(f"No folder of resumes at {args.folder}.")
    people = read_labels(args.labels)
    scored = score_all(args.folder)
    print("\n".join(table(scored, people)))
    print()
    print("\n".join(margins(scored, people)))
    excused = [f"  {name}: {person.cannot_pass}" for name, person in people.items() if person.cannot_pass]
    if excused:
        print("\nPractitioners a keyword screen cannot pass, and why:\n" + "\n".join(excused))
    problems = broken_promises(scored, people, corpus=args.labels == DEFAULT_LABELS)
    print(f"\n{len(problems)} broken promise(s)" + (":" if problems else "."))
    for problem in problems:
        print(f"  {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
