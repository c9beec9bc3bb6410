"""Role profiles built from many job postings (`atscheck profile build`), and how well a profile covers what
postings require (`atscheck profile check`).

Each posting is read as `--jd` reads it (atscheck.posting). A term is required when at least
REQUIRED_SHARE of the readable postings require it, preferred when at least PREFERRED_SHARE of them name it
(and at least two postings do), and dropped below that. Terms that postings list as alternatives of one
another ("AWS, GCP or Azure") become a group. Every term carries its evidence as a TOML comment: how many
postings required and preferred it, and two short snippets. The output is deterministic: the same postings
give the same bytes.
"""

from __future__ import annotations

import hashlib
import itertools
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from atscheck.errors import UsageError
from atscheck.model import EducationRequirement, Profile, Term
from atscheck.output import check_targets, write_atomic
from atscheck.posting import Reading, read, read_posting
from atscheck.profiles import concept_key, term_toml, toml_string

REQUIRED_SHARE = 0.25
PREFERRED_SHARE = 0.1
MIN_POSTINGS = 2  # a term one posting names is that posting's, not the role's
GROUP_SHARE = 0.5  # a term joins a group when it is listed among alternatives in at least half of its postings
MIN_TOGETHER = 2  # two terms are alternatives of one another when at least two postings list them so
CORE_SHARE = 0.5  # required by at least half the postings: weight 3 (else 2); preferred terms weigh 1
DEFAULT_PASS_SCORE = 45
SNIPPET_CHARS = 90
POSTING_EXTENSIONS = (".txt", ".md", ".pdf", ".docx")


@dataclass
class _Evidence:
    term: Term
    required: list[str] = field(default_factory=list)  # posting names
    preferred: list[str] = field(default_factory=list)
    grouped: int = 0  # postings that list it among alternatives
    background: int = 0
    snippets: list[tuple[str, str]] = field(default_factory=list)  # (posting, snippet)

    @property
    def postings(self) -> int:
        return len(self.required) + len(self.preferred)


@dataclass(frozen=True)
class Built:
    """A profile built from postings, with the evidence for each term."""

    profile: Profile
    postings: tuple[str, ...]
    skipped: tuple[str, ...]
    evidence: dict[str, _Evidence]


def posting_files(sources: Sequence[Path]) -> list[Path]:
    """The posting files named, and those in the folders named (by name, not recursively)."""
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            files += sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() in POSTING_EXTENSIONS)
        else:
            files.append(source)
    return files


def read_all(sources: Sequence[Path], warn: Callable[[str], None]) -> tuple[list[Reading], list[str]]:
    """Every readable posting; one line through `warn` for each that cannot be read or names nothing."""
    readings, skipped = [], []
    for path in posting_files(sources):
        try:
            readings.append(read(*read_posting(str(path))))
        except UsageError as error:
            skipped.append(path.name)
            warn(f"skipped {path}: {error}")
    if not readings:
        raise UsageError(
            "None of the postings could be read: give .txt, .md, .pdf or .docx files (or folders of them) "
            "that hold whole job postings."
        )
    return readings, skipped


def build(
    readings: Sequence[Reading],
    role_id: str,
    title: str,
    *,
    required_share: float = REQUIRED_SHARE,
    preferred_share: float = PREFERRED_SHARE,
    skipped: Sequence[str] = (),
) -> Built:
    """The role profile the postings describe together."""
    total = len(readings)
    evidence: dict[str, _Evidence] = {}
    together: Counter[tuple[str, str]] = Counter()
    for reading in sorted(readings, key=lambda r: r.name):
        groups: dict[str, list[str]] = {}
        for entry in reading.terms:
            name = entry.term.name
            found = evidence.setdefault(name, _Evidence(entry.term))
            (found.required if entry.term.importance == "required" else found.preferred).append(reading.name)
            if len(found.snippets) < 2:
                found.snippets.append((reading.name, entry.snippet))
            if entry.term.group:
                found.grouped += 1
                found.background += entry.term.group.startswith("background")
                groups.setdefault(entry.term.group, []).append(name)
        for members in groups.values():
            together.update(itertools.combinations(sorted(members), 2))
    kept = {
        name: e
        for name, e in evidence.items()
        if e.postings >= MIN_POSTINGS
        and (len(e.required) >= required_share * total or e.postings >= preferred_share * total)
    }
    group_of = _groups(kept, together)
    terms = []
    for name, e in sorted(kept.items(), key=lambda item: _order(item[1])):
        group = group_of.get(name)
        alternatives = [kept[m] for m in kept if group is not None and group_of.get(m) == group] or [e]
        required_by = {posting for m in alternatives for posting in m.required}
        importance: Literal["required", "preferred"] = (
            "required" if len(required_by) >= required_share * total else "preferred"
        )
        weight = (3.0 if len(required_by) >= CORE_SHARE * total else 2.0) if importance == "required" else 1.0
        terms.append(replace(e.term, importance=importance, weight=weight, group=group))
    education = _education(readings, required_share)
    postings = tuple(sorted(r.name for r in readings))
    content = (role_id, title, DEFAULT_PASS_SCORE, terms, education)
    profile = Profile(
        id=role_id,
        title=title,
        pass_score=DEFAULT_PASS_SCORE,
        terms=tuple(terms),
        version=hashlib.sha256(repr(content).encode()).hexdigest()[:12],
        source=f"{len(postings)} postings",
        education=education,
    )
    return Built(profile, postings, tuple(skipped), kept)


def _order(e: _Evidence) -> tuple[str, int, int, str]:
    """Skill areas in the taxonomy's words, most asked-for first within an area."""
    return (e.term.category, -len(e.required), -e.postings, e.term.name.casefold())


def _groups(kept: dict[str, _Evidence], together: Counter[tuple[str, str]]) -> dict[str, str]:
    """Terms that postings list as alternatives of one another, joined into groups."""
    candidates = {name for name, e in kept.items() if e.grouped >= GROUP_SHARE * e.postings}
    parent = {name: name for name in candidates}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    for (a, b), count in sorted(together.items()):
        if a in candidates and b in candidates and count >= MIN_TOGETHER:
            parent[max(root(a), root(b))] = min(root(a), root(b))
    members: dict[str, list[str]] = {}
    for name in sorted(candidates):
        members.setdefault(root(name), []).append(name)
    names: dict[str, str] = {}
    for group in members.values():
        if len(group) < 2:
            continue
        ordered = sorted(group, key=lambda n: (-kept[n].postings, n.casefold()))
        background = sum(kept[n].background for n in group) * 2 >= sum(kept[n].grouped for n in group)
        label = ("background: " if background else "any of: ") + ", ".join(ordered)
        names.update({n: label for n in group})
    return names


def _education(readings: Sequence[Reading], required_share: float) -> EducationRequirement | None:
    named = [r.education for r in readings if r.education]
    if len(named) < MIN_POSTINGS:
        return None
    level = Counter(e.level for e in named).most_common(1)[0][0]
    fields = Counter(f for e in named for f in e.fields)
    common = tuple(sorted((f for f, n in fields.items() if n >= MIN_POSTINGS), key=lambda f: (-fields[f], f)))
    required = sum(e.importance == "required" for e in named) >= required_share * len(readings)
    return EducationRequirement(level=level, fields=common, importance="required" if required else "preferred")


def built_toml(built: Built) -> str:
    """The built profile as TOML: a header naming the postings and the thresholds, then each term under its
    skill area with its evidence as a comment. --profile reads it back."""
    profile = built.profile
    total = len(built.postings)
    lines = [
        f"# Role profile built by `atscheck profile build` from {total} job postings.",
        f"# Required: required by at least {REQUIRED_SHARE:.0%} of the postings (weight 3 from {CORE_SHARE:.0%}); "
        f"preferred: named by at least {PREFERRED_SHARE:.0%} and by {MIN_POSTINGS} or more; dropped below that.",
    ]
    lines += ["# " + line for line in textwrap.wrap("Postings: " + ", ".join(built.postings), width=110)]
    if built.skipped:
        lines += ["# " + line for line in textwrap.wrap("Skipped: " + ", ".join(built.skipped), width=110)]
    lines += [
        "",
        f"id = {toml_string(profile.id)}",
        f"title = {toml_string(profile.title)}",
        f"pass_score = {profile.pass_score:g}",
    ]
    if profile.education:
        education = profile.education
        lines += ["", "[education]", f"level = {toml_string(education.level)}"]
        lines.append(f"importance = {toml_string(education.importance)}")
        lines.append("fields = [" + ", ".join(map(toml_string, education.fields)) + "]")
    category = None
    for term in profile.terms:
        if term.category != category:
            category = term.category
            lines += ["", f"# ---------------------------------------------------------------- {category}"]
        e = built.evidence[term.name]
        lines.append("")
        lines.append(f"# required by {len(e.required)} of {total} postings, preferred by {len(e.preferred)}")
        for posting, snippet in e.snippets:
            short = snippet if len(snippet) <= SNIPPET_CHARS else snippet[: SNIPPET_CHARS - 1].rstrip() + "…"
            lines.append(f"#   {posting}: {short}")
        lines += term_toml(term)
    return "\n".join(lines) + "\n"


def write_new(path: Path, text: str, force: bool, inputs: Sequence[Path] = ()) -> None:
    """Write `text` to `path` whole or not at all (atscheck.output.write_atomic); an existing file is
    replaced only with `force`, and never when it is one of the postings read."""
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; give --force to overwrite it, or another -o path.")
    check_targets([("--output", path)], inputs)
    write_atomic(path, text)


@dataclass(frozen=True)
class Coverage:
    """How many of one posting's required terms (a group counts once) the profile names."""

    posting: str
    covered: int
    required: int
    missing: tuple[str, ...]


def coverage(profile: Profile, readings: Sequence[Reading]) -> list[Coverage]:
    """Each posting's required terms and groups, and which of them the profile names (in any importance,
    by name or another spelling)."""
    known = {concept_key(form) for t in profile.terms for form in (t.name, *t.aliases)}
    rows = []
    for reading in sorted(readings, key=lambda r: r.name):
        requirements: dict[str, list[str]] = {}
        for entry in reading.terms:
            if entry.term.importance == "required":
                requirements.setdefault(entry.term.group or entry.term.name, []).append(entry.term.name)
        missing = [
            " or ".join(names) for names in requirements.values() if not any(concept_key(n) in known for n in names)
        ]
        rows.append(Coverage(reading.name, len(requirements) - len(missing), len(requirements), tuple(missing)))
    return rows
