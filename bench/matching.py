"""How well and how fast atscheck finds terms: precision and recall on hand-labelled real resumes, the
misspelling matches the corpus produces, and the matcher's speed.

Not a test and not run in CI (tests/test_match_corpus.py pins the figures). Run it from the repository root:

    python bench/matching.py                      # quality against bench/labels.toml, beside a plain regex
    python bench/matching.py --roles              # each bundled role as bundled and stripped to plain terms
    python bench/matching.py --fuzzy              # every misspelling match over the corpus x bundled roles
    python bench/matching.py --time --runs 5      # matching time over the corpus, and one resume x 5,000 terms

The corpus is ../shared/corpus (or the folder given); it is never copied into the project.
bench/labels.toml says, for each corpus file, which of its reference terms a careful reader finds there
(by the rules in docs/matching.md); every other reference term is absent from that file.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from atscheck.errors import InputError
from atscheck.extract import SUPPORTED_EXTENSIONS
from atscheck.match import Matcher
from atscheck.model import Document, Profile, Term, TermMatch
from atscheck.profiles import bundled_dir, bundled_ids, load_role, load_taxonomy, parse_profile
from atscheck.structure import read_document

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "labels.toml"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def documents(folder: Path) -> dict[str, Document]:
    """Every readable resume of the folder, extracted once (image-only files have no words and stay in)."""
    found: dict[str, Document] = {}
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SUPPORTED_EXTENSIONS):
        try:
            found[path.name] = read_document(path)
        except InputError:
            continue
    return found


def roles() -> list[Profile]:
    return [load_role(role) for role in bundled_ids()]


# ---------------------------------------------------------------- quality


@dataclass(frozen=True)
class Labels:
    terms: tuple[str, ...]  # the reference terms, by their taxonomy name
    present: dict[str, frozenset[str]]  # file -> the reference terms a careful reader finds in it


def read_labels(path: Path = LABELS) -> Labels:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    terms = tuple(data["terms"])
    present = {name: frozenset(entry["present"]) for name, entry in data["files"].items()}
    unknown = {t for found in present.values() for t in found} - set(terms)
    if unknown:
        raise SystemExit(f"{path}: labels name terms outside the reference list: {', '.join(sorted(unknown))}")
    return Labels(terms, present)


def reference_profile(names: Iterable[str]) -> Profile:
    """The reference terms as the taxonomy defines them (name, aliases, rules)."""
    taxonomy = load_taxonomy()
    by_name = {term.name: term for term in taxonomy.terms}
    missing = [name for name in names if name not in by_name]
    if missing:
        raise SystemExit(f"reference terms not in the taxonomy: {', '.join(missing)}")
    return replace(taxonomy, id="reference", terms=tuple(by_name[name] for name in names))


def regex_baseline(term: Term) -> re.Pattern[str]:
    """A plain word-boundary regex over the term's name and aliases: what a simple checker does."""
    forms = "|".join(re.escape(form) for form in (term.name, *term.aliases))
    return re.compile(rf"(?<!\w)(?:{forms})(?!\w)", 0 if term.case_sensitive else re.IGNORECASE)


def names(match: TermMatch) -> bool:
    """The document names the term (a tool that only shows a concept, "Docker" for containerization, is not
    the concept named: the labels count what is written)."""
    return any(o.form != "member" for o in match.occurrences)


def scores(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float]:
    hits = len(predicted & truth)
    return hits / max(len(predicted), 1), hits / max(len(truth), 1)


def quality(docs: dict[str, Document], labels: Labels) -> dict[str, object]:
    profile = reference_profile(labels.terms)
    matcher = Matcher(profile)
    files = [name for name in labels.present if name in docs]
    truth = {(name, term) for name in files for term in labels.present[name]}
    ours: set[tuple[str, str]] = set()
    plain: set[tuple[str, str]] = set()
    patterns = {term.name: regex_baseline(term) for term in profile.terms}
    for name in files:
        document = docs[name]
        ours |= {(name, m.term.name) for m in matcher.match(document) if names(m)}
        plain |= {(name, term) for term, pattern in patterns.items() if pattern.search(document.text)}
    return {
        "files": len(files),
        "terms": len(labels.terms),
        "pairs": len(files) * len(labels.terms),
        "present": len(truth),
        "atscheck": scores(ours, truth),
        "regex": scores(plain, truth),
        "false_found": sorted(ours - truth),
        "false_missing": sorted(truth - ours),
        "regex_false_found": sorted(plain - truth),
        "regex_false_missing": sorted(truth - plain),
    }


def print_quality(result: dict[str, object]) -> None:
    p, r = result["atscheck"]  # type: ignore[misc]
    bp, br = result["regex"]  # type: ignore[misc]
    print(
        f"{result['files']} files x {result['terms']} reference terms = {result['pairs']} (file, term) pairs, "
        f"{result['present']} present"
    )
    print(f"{'':22}{'precision':>10}{'recall':>8}")
    print(f"{'atscheck':22}{p:10.3f}{r:8.3f}")
    print(f"{'word-boundary regex':22}{bp:10.3f}{br:8.3f}")
    for key in ("false_found", "false_missing", "regex_false_found", "regex_false_missing"):
        pairs = result[key]
        print(f"\n{key.replace('_', ' ')} ({len(pairs)}):")  # type: ignore[arg-type]
        for name, term in pairs:  # type: ignore[attr-defined]
            print(f"  {name}: {term}")


# ---------------------------------------------------------------- bundled roles, and the same roles stripped

_KNOWLEDGE = ("aliases", "not_in", "needs_context", "patterns")


def role_table(role_id: str, inherit: bool = True) -> dict[str, object]:
    """A bundled role's TOML table with every term stripped to its name, skill area, kind, importance, weight
    and group (no spellings, no rules), as a user writes a profile; `inherit=False` also turns the taxonomy's
    knowledge off, as every profile was before the taxonomy's knowledge was inherited."""
    data = tomllib.loads((bundled_dir() / f"{role_id}.toml").read_text(encoding="utf-8"))
    terms = [{k: v for k, v in term.items() if k not in _KNOWLEDGE} for term in data["terms"]]
    if not inherit:
        terms = [{**term, "inherit": False} for term in terms]
    return {**data, "terms": terms}


def role_quality(docs: dict[str, Document], labels: Labels) -> list[tuple[str, str, int, float, float]]:
    """(role, how, reference terms it names, precision, recall) for each bundled role: as bundled, stripped to
    plain terms (inheriting the taxonomy's knowledge), and stripped with inheritance off."""
    files = [name for name in labels.present if name in docs]
    rows = []
    for role_id in bundled_ids():
        named = {term.name for term in load_role(role_id).terms} & set(labels.terms)
        truth = {(name, term) for name in files for term in labels.present[name] if term in named}
        for how, profile in (
            ("bundled", load_role(role_id)),
            ("stripped", parse_profile(role_table(role_id), f"{role_id} (stripped)")),
            ("stripped, no inheritance", parse_profile(role_table(role_id, inherit=False), f"{role_id} (plain)")),
        ):
            matcher = Matcher(profile)
            found = {
                (name, m.term.name)
                for name in files
                for m in matcher.match(docs[name])
                if names(m) and m.term.name in named
            }
            rows.append((role_id, how, len(named), *scores(found, truth)))
    return rows


def print_roles(rows: list[tuple[str, str, int, float, float]]) -> None:
    print(f"{'role':28}{'profile':26}{'terms':>6}{'precision':>11}{'recall':>8}")
    for role_id, how, named, precision, recall in rows:
        print(f"{role_id:28}{how:26}{named:6}{precision:11.3f}{recall:8.3f}")


# ---------------------------------------------------------------- misspellings


def fuzzy_matches(docs: dict[str, Document], profiles: Sequence[Profile]) -> list[tuple[str, str, str, str]]:
    """(file, role, term, text as written) for every misspelling match."""
    rows = []
    for profile in profiles:
        matcher = Matcher(profile)
        for name, document in docs.items():
            for match in matcher.match(document):
                rows += [(name, profile.id, match.term.name, o.text) for o in match.occurrences if o.form == "fuzzy"]
    return sorted(set(rows))


# ---------------------------------------------------------------- speed


def median_time(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds: on a shared machine the CPU time is the fairer figure (wall time
    counts the moments other processes had the CPU)."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def big_profile(size: int, base: Profile) -> Profile:
    """The taxonomy's real terms, then made-up tool names, up to `size` terms."""
    syllables = ["ka", "lo", "mi", "ne", "ro", "ta", "vu", "zen", "qua", "dex", "flo", "gri"]
    terms = list(base.terms)[:size]
    n = 0
    while len(terms) < size:
        n += 1
        name = "".join(syllables[(n * k) % len(syllables)] for k in (1, 3, 7)[: 2 + n % 2]).capitalize()
        suffix = ["", " Cloud", " Pipelines", " Studio", " DB"][n % 5]
        terms.append(
            Term(f"{name}{suffix} {n}", "Made up", "tool", "preferred", 1.0, aliases=(f"{name.lower()}-x{n}",))
        )
    return replace(base, id=f"bench-{size}", terms=tuple(terms), version=str(size))


def three_pages(docs: dict[str, Document]) -> Document:
    """The corpus resume nearest to three pages of text (about 1,500 words)."""
    return min(docs.values(), key=lambda d: abs(d.word_count - 1500))


def print_times(docs: dict[str, Document], runs: int) -> None:
    profiles = roles()
    matchers = [Matcher(profile) for profile in profiles]

    def whole_corpus() -> None:
        for document in docs.values():
            # A new string object per run: no cache may carry one run's tokens into the next.
            fresh = replace(document, text="".join(list(document.text)))
            for matcher in matchers:
                matcher.match(fresh)

    whole_corpus()  # warm: lemma tables, dictionaries
    wall, cpu = median_time(whole_corpus, runs)
    words = sum(d.word_count for d in docs.values())
    print(f"whole corpus: {len(docs)} files, {words:,} words x {len(profiles)} roles: ", end="")
    print(f"{wall:.3f} s wall, {cpu:.3f} s CPU (median of {runs})")
    sample = three_pages(docs)
    big = Matcher(big_profile(5000, load_taxonomy()))
    wall, cpu = median_time(lambda: big.match(replace(sample, text="".join(list(sample.text)))), max(runs, 5))
    print(f"one resume ({sample.word_count:,} words, {Path(sample.path).name}) x 5,000 terms: ", end="")
    print(f"{wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU (target < 50 ms)")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS, help="the corpus (../shared/corpus)")
    parser.add_argument("--fuzzy", action="store_true", help="list every misspelling match over the bundled roles")
    parser.add_argument("--roles", action="store_true", help="each bundled role as bundled and stripped to plain terms")
    parser.add_argument("--time", action="store_true", help="time matching")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing; the median is reported")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        raise SystemExit(f"No corpus at {args.folder}: name the folder of resumes.")
    docs = documents(args.folder)
    if args.time:
        print_times(docs, args.runs)
    elif args.roles:
        print_roles(role_quality(docs, read_labels()))
    elif args.fuzzy:
        rows = fuzzy_matches(docs, roles())
        print(f"{len(rows)} misspelling match(es) over {len(docs)} files x {len(bundled_ids())} roles:")
        for name, role, term, text in rows:
            print(f"  {name} ({role}): {text!r} -> {term}")
    else:
        print_quality(quality(docs, read_labels()))


if __name__ == "__main__":
    sys.exit(main())
