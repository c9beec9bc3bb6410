"""The terms a posting asks for: its clauses matched against the skills taxonomy (with the bundled role
profiles' other spellings), generic words kept only where they name a skill, products the taxonomy lacks kept
with the posting's spelling, lists of alternatives made groups, and each term put in its strongest bucket."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from atscheck.errors import UsageError
from atscheck.match import lemmas, matcher_for
from atscheck.model import Document, EducationRequirement, Profile, Span, Term, TermMatch
from atscheck.posting.parts import (
    BULLET,
    INLINE_LABEL,
    NOT_TERMS,
    OPTIONAL,
    YEARS,
    Clause,
    number_of,
    posting_title,
    split_clauses,
)
from atscheck.profiles import concept_key, load_taxonomy
from atscheck.structure.education import degree_in

Bucket = Literal["required", "preferred"]


MAX_SNIPPET = 160


PRODUCT_CATEGORY = "Named in the posting"


_BASE_WEIGHT = {"required": 3.0, "duties": 2.0}  # preferred: 1


# Words that name a skill only in some company: the bare word elsewhere is ordinary prose ("monitor our
# costs", "a small, agile team", "security initiatives"). A term listed here counts only where its
# pattern matches the clause; None: the bare word never counts (its compounds are terms of their own).
_NEEDS_CONTEXT: dict[str, re.Pattern[str] | None] = {
    "monitoring": re.compile(
        r"monitoring\s*(?:(?:,|and|&|/)\s*)*(?:alerting|logging|observability|tracing|tools?|systems?|stack|"
        r"solutions?|platforms?|practices)|(?:alerting|logging|observability|tracing)\s*(?:,|and|&|/)\s*monitoring",
        re.IGNORECASE,
    ),
    "Agile": re.compile(
        r"agile\W+(?:\w+\W+){0,3}?(?:process|methodolog|development|practices|delivery|framework|scrum|kanban|"
        r"principles|ceremonies)|scrum|kanban",
        re.IGNORECASE,
    ),
    "security": None,
    "automation": None,
}


_NEVER_FROM_POSTINGS = {"experimentation"}  # an alias of A/B testing that postings use for any trying-out


_TEAMWORK = {"collaboration", "communication"}  # "collaborate with data scientists" is how the work is done


_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")  # "Hugging Face's Accelerate" names Hugging Face


_PEOPLE_AFTER = re.compile(
    r"^\s*(?:\([\w ]+\)\s*)?(?:engineers?|developers?|scientists?|architects?|analysts?|administrators?|"
    r"managers?|specialists?|teams?|leads?|organi[sz]ations?)\b",
    re.IGNORECASE,
)


_EXPERIENCE_BEFORE = re.compile(r"\b(?:experience|years?|background)\b.*\b(?:as|on|in|with)\b", re.IGNORECASE)


_PARTNERS = re.compile(
    r"\b(?:customers|clients|partners)\W+(?:like|such as|including)\b"
    r"|\bintegrat\w*\b[^.;]{0,40}?\bwith\s+(?:\w+\s+){0,2}?(?:services|partners|products|apps)\s+"
    r"(?:like|such as|including)\b",
    re.IGNORECASE,
)


# Lists of alternatives: "A, B, or C"; "such as A, B"; "(e.g. A, B)"; "A, B, etc."; "any of A, B".
_SEPARATOR = re.compile(r"[\s()]*(?:,|/|&|\band/or\b|\bor\b|\band\b)(?:[\s,()]*(?:and/or|or|and)\b)?[\s()]*")


_ALTERNATIVE = re.compile(r"\bor\b|/", re.IGNORECASE)


_LEAD_MARKER = re.compile(
    r"(?:such as|e\.\s?g\.?|\beg\.|for example|\blike|one or more of|\bone of|\bany of|at least one of|"
    r"some or many of|some of|\beither)(?: the following)?\W*$",
    re.IGNORECASE,
)


_TRAIL_MARKER = re.compile(
    r"^[\s,]*(?:etc\b|or similar|or equivalent|or other|or any other|and similar)", re.IGNORECASE
)


_ALL_OF = re.compile(r"\b(?:entire|all|both|including|each)\b", re.IGNORECASE)


_BACKGROUND = re.compile(r"^[\s)]*(?:teams?|roles?|backgrounds?|positions?|organi[sz]ations?)\b", re.IGNORECASE)


# A capitalised name in a list beside known terms is a product the taxonomy lacks ("VictoriaMetrics").
_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-Z][\w+#.-]*[\w+#](?:(?:\s+|/)[A-Z0-9][\w+#.-]*[\w+#])*")


_TRAILING_GENERIC = re.compile(
    r"(?:\s+(?:APIs?|UI|libs?|librar(?:y|ies)|SDKs?|tools?|platforms?|frameworks?))+$", re.IGNORECASE
)


_NOT_PRODUCTS = {
    "etc",
    "and",
    "or",
    "the",
    "experience",
    "familiarity",
    "knowledge",
    "strong",
    "excellent",
    "proficiency",
    "understanding",
    "expertise",
    "ability",
    "bachelor",
    "master",
    "english",
    "nice",
    "bonus",
    "required",
    "preferred",
    "frontend",
    "backend",
    "cloud",
    "ml",
    "ai",
    "mostly",
    "plus",
    "senior",
    "staff",
    "lead",
    "artificial intelligence",
}


@dataclass(frozen=True)
class _Hit:
    term: Term
    start: int
    end: int
    clause: Clause


@dataclass(frozen=True)
class ReadTerm:
    """A term as one posting names it: its strongest bucket, its group of alternatives, where and how often."""

    term: Term  # importance, weight and group set from the posting
    heading: str
    count: int
    snippet: str


@dataclass(frozen=True)
class Reading:
    """What a recruiter reads a posting to ask for."""

    name: str
    title: str
    terms: tuple[ReadTerm, ...]
    years: int | None
    education: EducationRequirement | None
    dropped: tuple[str, ...]


def _universe() -> Profile:
    """Every term a posting may name: the skills taxonomy, which holds every spelling the bundled roles use."""
    return load_taxonomy()


def _clause_at(clauses: list[Clause], starts: list[int], offset: int) -> Clause:
    return clauses[bisect.bisect_right(starts, offset) - 1]


def _in_context(hit: _Hit, text: str, has_requirements: bool) -> bool:
    """False where a term is not asked of the hire: a generic word that is not a skill where it stands; a
    role or team named as people ("work with DevOps Engineers", "as a Platform engineer, you will"), unless
    as the experience asked for ("experience as a DevOps Engineer"); a soft skill among the duties
    ("collaborate with data scientists") when the posting says what it requires elsewhere."""
    written = text[hit.start : hit.end]
    if written.casefold() in _NEVER_FROM_POSTINGS:
        return False
    if hit.term.name in _NEEDS_CONTEXT:
        pattern = _NEEDS_CONTEXT[hit.term.name]
        return pattern is not None and bool(pattern.search(hit.clause.text))
    at = hit.start - hit.clause.start
    before, after = hit.clause.text[:at], hit.clause.text[at + len(written) :]
    if (_PEOPLE_AFTER.match(written.split()[-1]) or _PEOPLE_AFTER.match(after)) and not _EXPERIENCE_BEFORE.search(
        before
    ):
        return False
    return not (hit.term.name in _TEAMWORK and has_requirements and hit.clause.kind not in ("required", "preferred"))


def _after_partners(hit: _Hit) -> bool:
    """True for a name in a list of the company's customers, partners or integrations ("integration of
    models with services like Zoom and Athena" is athenahealth, not Amazon Athena)."""
    lead = _PARTNERS.search(hit.clause.text)
    return lead is not None and hit.start >= hit.clause.start + lead.end()


def _products(clause: Clause, known: list[_Hit]) -> list[_Hit]:
    """Names listed beside known terms in one clause that the taxonomy lacks ("VictoriaMetrics"), kept with
    the posting's spelling and matched case-sensitively; a name the taxonomy knows in another spelling
    ("GoLang", "VertexAI", "GitLabCI") is that term."""
    inside = [h for h in known if h.clause is clause]
    if not inside or clause.kind in NOT_TERMS:
        return []
    label = INLINE_LABEL.match(clause.text)
    body_at = label.end() if label else len(clause.text) - len(BULLET.sub("", clause.text).lstrip())
    short_item = len(clause.text.split()) <= 3
    candidates: list[tuple[int, int, str | None]] = []
    for match in _CAPITALISED.finditer(clause.text):
        start, end = clause.start + match.start(), clause.start + match.end()
        if any(h.start < end and start < h.end for h in inside) or match.start() < body_at:
            continue
        name = _TRAILING_GENERIC.sub("", match.group())
        if (match.start() == body_at and not short_item) or not _looks_like_a_product(name):
            continue
        candidates.append((start, start + len(name), name))
    if not candidates:
        return []
    # A candidate counts when list separators link it to a known term, or when it stands in a list of
    # examples ("tools (e.g., ER/Studio, ERwin)", "(SWC, Turborepo, etc.)") in a clause that names known terms.
    known_items: list[tuple[int, int, str | None]] = [(h.start, h.end, None) for h in inside]
    items = sorted(known_items + candidates, key=lambda item: (item[0], item[1], item[2] or ""))
    linked = [name is None for _, _, name in items]
    for i, (at, _, candidate) in enumerate(items):
        before = clause.text[: at - clause.start]
        if candidate is not None and (_LEAD_MARKER.search(before) or before.rstrip().endswith("(")):
            linked[i] = True
    for _ in range(2):  # along the chain, both ways
        for i in range(1, len(items)):
            gap = clause.text[items[i - 1][1] - clause.start : items[i][0] - clause.start]
            if _SEPARATOR.fullmatch(gap) and (linked[i] or linked[i - 1]):
                linked[i] = linked[i - 1] = True
    products = []
    for (at, end, candidate), keep in zip(items, linked, strict=True):
        if candidate is not None and keep:
            product = Term(candidate, PRODUCT_CATEGORY, "tool", "preferred", 1.0, case_sensitive=True)
            products.append(_Hit(_known_spelling(candidate) or product, at, end, clause))
    return products


def _looks_like_a_product(name: str) -> bool:
    """A product name, not a capitalised English word or an abbreviation of a few letters ("AI", "SGs")."""
    words = name.split()
    if (
        name.casefold() in _NOT_PRODUCTS
        or re.fullmatch(r"[A-Z]{1,3}s?|[A-Z]+s", name)
        or _PEOPLE_AFTER.match(words[-1])
    ):
        return False
    if _known_spelling(name):
        return True
    english = _ordinary_words()

    def ordinary(word: str) -> bool:
        lower = word.lower()
        return not re.search(r"[A-Z].*[A-Z]|\d", word[1:]) and (lower in english or lower.rstrip("s") in english)

    return not all(ordinary(word) for word in re.split(r"[\s/]+", name))


@lru_cache(maxsize=1)
def _ordinary_words() -> frozenset[str]:
    """Common English words (the lemmas of spaCy's lookup table): not the wider dictionary the matcher uses,
    which knows proper nouns such as "Atlantis" or "Sumo" that are product names in a posting."""
    return frozenset(lemmas().values())


@lru_cache(maxsize=1)
def _spellings() -> dict[str, Term]:
    return {concept_key(form): t for t in _universe().terms for form in (t.name, *t.aliases)}


def _known_spelling(name: str) -> Term | None:
    return _spellings().get(concept_key(name))


def _groups(clause: Clause, hits: list[_Hit]) -> dict[int, str]:
    """Group names by hit start for the lists of alternatives in one clause."""
    inside = sorted((h for h in hits if h.clause is clause), key=lambda h: h.start)
    chains: list[list[_Hit]] = []
    for hit in inside:
        if chains:
            last = chains[-1][-1]
            gap = clause.text[last.end - clause.start : hit.start - clause.start]
            restated = hit.term.name == last.term.name and re.fullmatch(r"\s*\(\s*", gap)  # "Site ... (SRE)"
            if (_SEPARATOR.fullmatch(gap) or restated) and hit.start >= last.end:
                chains[-1].append(hit)
                continue
        chains.append([hit])
    grouped: dict[int, str] = {}
    for chain in chains:
        names = list(dict.fromkeys(h.term.name for h in chain))
        if len(names) < 2:
            continue
        begin, finish = chain[0].start - clause.start, chain[-1].end - clause.start
        before, after = clause.text[:begin], clause.text[finish:]
        gaps = [clause.text[a.end - clause.start : b.start - clause.start] for a, b in itertools.pairwise(chain)]
        in_parentheses = before.rstrip(" ,:").endswith(("(", "e.g.", "e.g", "eg.", "i.e.")) and (
            after.lstrip().startswith(")") or _TRAIL_MARKER.match(after)
        )
        if (
            any(_ALTERNATIVE.search(gap) for gap in gaps)
            or _LEAD_MARKER.search(before)
            or _TRAIL_MARKER.match(after)
            or (in_parentheses and not _ALL_OF.search(before))
        ):
            prefix = "background" if _BACKGROUND.match(after) else "any of"
            name = f"{prefix}: {', '.join(names)}"
            grouped.update({h.start: name for h in chain})
    return grouped


def _bucket(hit: _Hit, has_requirements: bool) -> Bucket:
    clause = hit.clause
    parenthesis = next(
        (
            m
            for m in re.finditer(r"\([^()]*\)", clause.text)
            if clause.start + m.start() <= hit.start < clause.start + m.end()
        ),
        None,
    )
    if (
        clause.kind in ("preferred", "stack")
        or clause.optional
        or (parenthesis and OPTIONAL.search(parenthesis.group()))
    ):
        return "preferred"
    if clause.kind == "required" or not has_requirements:  # a posting without sections: what it names, it asks for
        return "required"
    return "preferred"


def read(name: str, text: str) -> Reading:
    """What a posting asks for. Deterministic: the same text always gives the same reading."""
    text = text.replace("\r\n", "\n")
    clauses, dropped, degree_lines = split_clauses(text)
    has_requirements = any(c.kind == "required" for c in clauses)
    # Matched on the posting with everything but the clauses blanked out (same length: offsets still hold).
    clean_chars = [c if c == "\n" else " " for c in text]
    for clause in clauses:
        clean_chars[clause.start : clause.start + len(clause.text)] = _POSSESSIVE.sub("  ", clause.text)
    clean = "".join(clean_chars)
    starts = [c.start for c in clauses]
    document = Document(path=name, format="text", text=clean, spans=(Span(clean, 0),))
    hits = [
        hit
        for match in _outermost(matcher_for(_universe()).match(document))
        for o in match.occurrences
        for hit in [_Hit(match.term, o.start, o.end, _clause_at(clauses, starts, o.start))]
        if _in_context(hit, clean, has_requirements)
    ]
    for clause in clauses:
        hits += _products(clause, hits)
    hits = [hit for hit in hits if not _after_partners(hit)]
    hits.sort(key=lambda h: h.start)
    groups: dict[int, str] = {}
    for clause in clauses:
        groups.update(_groups(clause, hits))
    terms = _read_terms(hits, groups, has_requirements)
    if not terms:
        raise UsageError(
            f"No skills, tools or certifications were found in the job posting {name}. Check that it is the "
            "whole posting, or use --role instead."
        )
    requirement_text = "\n".join(c.text for c in clauses if c.kind == "required") or clean
    years = [n for m in YEARS.finditer(requirement_text) if 0 < (n := number_of(m.group(1))) <= 30]
    return Reading(
        name=name,
        title=posting_title(text),
        terms=tuple(terms),
        years=max(years) if years else None,
        education=degree_in("\n".join(degree_lines)),
        dropped=tuple(dict.fromkeys(dropped)),
    )


def _read_terms(hits: list[_Hit], groups: dict[int, str], has_requirements: bool) -> list[ReadTerm]:
    """One entry per term, in the order the posting first names them. A term takes its strongest bucket;
    it joins a group only when every mention in that bucket lists it among alternatives (a term required on
    its own somewhere is required on its own)."""
    by_name: dict[str, list[_Hit]] = {}
    for hit in hits:
        by_name.setdefault(hit.term.name, []).append(hit)
    read_terms = []
    for mentions in by_name.values():
        buckets = [_bucket(h, has_requirements) for h in mentions]
        bucket: Bucket = "required" if "required" in buckets else "preferred"
        strongest = [h for h, b in zip(mentions, buckets, strict=True) if b == bucket]
        names = [groups.get(h.start) for h in strongest]
        group = names[0] if all(names) else None
        best = strongest[0]
        kind = "required" if bucket == "required" else ("duties" if best.clause.kind == "duties" else "preferred")
        weight = _BASE_WEIGHT.get(kind, 1.0) + min(len(mentions) - 1, 2)  # named more often, weighs more
        term = replace(best.term, importance=bucket, weight=weight, group=group)
        snippet = " ".join(BULLET.sub("", best.clause.text).split())[:MAX_SNIPPET]
        read_terms.append(ReadTerm(term, best.clause.heading, len(mentions), snippet))
    # A group keeps only the members that stayed in it; a group of one is no group.
    sizes: dict[str, int] = {}
    for entry in read_terms:
        if entry.term.group:
            sizes[entry.term.group] = sizes.get(entry.term.group, 0) + 1
    return [
        replace(entry, term=replace(entry.term, group=None))
        if entry.term.group and sizes[entry.term.group] < 2
        else entry
        for entry in read_terms
    ]


def _outermost(matches: Sequence[TermMatch]) -> list[TermMatch]:
    """Each term with its exact and alias occurrences that are not inside a longer term's ("GitHub" in
    "GitHub Actions", "Ruby" in "Ruby on Rails"): the posting names the longer one."""
    # An alias that is a phrase around another term's name ("deploying machine learning models" for model
    # deployment, "Linux system internals" for operating systems) names both terms.
    named = ("name", "alias")  # a posting names a term; a misspelling or a tool that shows a concept is not that
    spans = [(o.start, o.end, o.form == "alias") for m in matches for o in m.occurrences if o.form in named]
    kept = []
    for match in matches:
        own = [
            o
            for o in match.occurrences
            if o.form in named  # a posting is edited text: a near-miss there is another word, not a typo
            and not any(
                s <= o.start and o.end <= e and (e - s) > (o.end - o.start) and not (phrase and o.form == "name")
                for s, e, phrase in spans
            )
        ]
        if own:
            kept.append(replace(match, occurrences=tuple(own)))
    return kept
