"""The terms a posting asks for: its clauses matched against the skills taxonomy (with the bundled role
profiles' other spellings), generic words kept only where they name a skill, products the taxonomy lacks kept
with the posting's spelling, lists of alternatives made groups, and each term put in its strongest bucket."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from atscheck.errors import UsageError
from atscheck.match import lemmas, matcher_for
from atscheck.model import ChecklistItem, Document, EducationRequirement, Profile, Span, Term, TermMatch
from atscheck.posting import pitch
from atscheck.posting.checklist import knockouts
from atscheck.posting.employer import employer_names
from atscheck.posting.groups import LEAD_MARKER, list_groups
from atscheck.posting.parts import (
    BULLET,
    INLINE_LABEL,
    NOT_TERMS,
    OPTIONAL,
    Clause,
    posting_title,
    split_clauses,
)
from atscheck.profiles import concept_key, load_taxonomy
from atscheck.structure.education import degree_in
from atscheck.text import YEARS, number_of

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


# Separators of a list, parentheses included: what links a product the taxonomy lacks to the known terms
# listed beside it.
_SEPARATOR = re.compile(r"[\s()]*(?:,|/|&|\band/or\b|\bor\b|\band\b)(?:[\s,()]*(?:and/or|or|and)\b)?[\s()]*")


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
    checklist: tuple[ChecklistItem, ...] = ()  # what an ATS would ask as screening questions


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


def _not_asked(hit: _Hit, text: str, employer: frozenset[str]) -> bool:
    """True for a name the posting mentions without asking for it: the employer's own, a customer's or
    partner's, a product in a comparison or the company pitch, a part of another tool (pitch.py)."""
    clause = hit.clause.text
    at, end = hit.start - hit.clause.start, hit.end - hit.clause.start
    return (
        text[hit.start : hit.end].casefold() in employer
        or pitch.after_partners(clause, at)
        or pitch.compared(clause, at, end)
        or pitch.in_pitch(clause, at)
        or pitch.possessed(clause, at)
    )


def _products(clause: Clause, known: list[_Hit]) -> list[_Hit]:
    """Names listed beside known terms in one clause that the taxonomy lacks ("VictoriaMetrics"), kept with
    the posting's spelling and matched case-sensitively; a name the taxonomy knows in another spelling
    ("GoLang", "VertexAI", "GitLabCI", "Node" for Node.js) or with the prefix of the term it exemplifies
    ("AWS (EC2, Lambda)" is AWS Lambda) is that term. A capitalised common word counts only between two
    listed names ("ArgoCD, Atlantis, Varnish, Memcached"; "Oozie, Pig, Hive")."""
    inside = [h for h in known if h.clause is clause]
    if not inside or clause.kind in NOT_TERMS:
        return []
    text, at = clause.text, clause.start
    label = INLINE_LABEL.match(text)
    body_at = label.end() if label else len(text) - len(BULLET.sub("", text).lstrip())
    short_item = len(text.split()) <= 3
    candidates: list[_Candidate] = []
    for match in _CAPITALISED.finditer(text):
        start, end = at + match.start(), at + match.end()
        if any(h.start < end and start < h.end for h in inside) or match.start() < body_at:
            continue
        name = _TRAILING_GENERIC.sub("", match.group())
        if (match.start() == body_at and not short_item) or _never_a_product(name):
            continue
        if _restates(clause, start, start + len(name), inside):
            continue
        term = _prefixed(clause, start, inside, name) or _known_spelling(name) or _known_spelling(f"{name}.js")
        ordinary = term is None and _ordinary_name(name)
        if ordinary and len(name.split()) > 1:
            continue
        candidates.append(_Candidate(start, start + len(name), name, term, ordinary))
    if not candidates:
        return []
    # A candidate counts when list separators link it to a known term, or when it stands in a list of
    # examples ("tools (e.g., ER/Studio, ERwin)", "(SWC, Turborepo, etc.)") in a clause that names known terms.
    items: list[_Hit | _Candidate] = sorted([*inside, *candidates], key=lambda item: (item.start, item.end))
    linked = [isinstance(item, _Hit) for item in items]
    for i, item in enumerate(items):
        if isinstance(item, _Candidate) and not item.ordinary:
            before = text[: item.start - at]
            listed = before.rstrip().endswith("(") or _in_examples(text, item.start - at)
            linked[i] = bool(LEAD_MARKER.search(before) or listed)
    for _ in range(2):  # along the chain, both ways
        for i in range(1, len(items)):
            gap = text[items[i - 1].end - at : items[i].start - at]
            if _SEPARATOR.fullmatch(gap) and (linked[i] or linked[i - 1]) and not _ordinary(items[i - 1], items[i]):
                linked[i] = linked[i - 1] = True
    for i in range(1, len(items) - 1):  # a common word between two listed names
        item = items[i]
        if isinstance(item, _Candidate) and item.ordinary:
            gaps = (text[items[i - 1].end - at : item.start - at], text[item.end - at : items[i + 1].start - at])
            listed = linked[i - 1] and linked[i + 1] and not _ordinary(items[i - 1], items[i + 1])
            linked[i] = listed and all(_SEPARATOR.fullmatch(gap) for gap in gaps)
    products = []
    for item, keep in zip(items, linked, strict=True):
        if isinstance(item, _Candidate) and keep:
            product = Term(item.name, PRODUCT_CATEGORY, "tool", "preferred", 1.0, case_sensitive=True)
            products.append(_Hit(item.term or product, item.start, item.end, clause))
    return products


@dataclass(frozen=True)
class _Candidate:
    """A capitalised name in a clause that may be a product the posting asks for."""

    start: int
    end: int
    name: str
    term: Term | None  # the taxonomy's term, when it knows the name
    ordinary: bool  # a common English word ("Varnish", "Pig"): a product only between two listed names


def _ordinary(*items: _Hit | _Candidate) -> bool:
    return any(isinstance(item, _Candidate) and item.ordinary for item in items)


def _in_examples(text: str, at: int) -> bool:
    """True for a place inside parentheses that list examples: "(SWC, Turborepo, etc.)", "(e.g. ER/Studio)"."""
    opened = text.rfind("(", 0, at)
    closed = text.find(")", at)
    if opened < 0 or closed < 0 or ")" in text[opened:at]:
        return False
    inside = text[opened + 1 : closed]
    return bool(re.search(r"\betc\b|\bor similar\b", inside) or LEAD_MARKER.search(inside[: at - opened - 1]))


def _prefixed(clause: Clause, start: int, known: list[_Hit], name: str) -> Term | None:
    """The term a name in parentheses means with the prefix of the term before them: "AWS (EC2, ECS, Lambda)"
    names AWS Lambda."""
    text, at = clause.text, clause.start
    opened = text.rfind("(", 0, start - at)
    if opened < 0 or ")" in text[opened : start - at]:
        return None
    head = next((h for h in known if h.end - at <= opened and not text[h.end - at : opened].strip()), None)
    if head is None:
        return None
    for prefix in (text[head.start - at : head.end - at], head.term.name):
        term = _known_spelling(f"{prefix} {name}")
        if term is not None:
            return term
    return None


def _restates(clause: Clause, start: int, end: int, known: list[_Hit]) -> bool:
    """True for a name that a known term beside it in parentheses restates: "Google (GCP)" is Google Cloud,
    "GCP (Google)" too."""
    text, at = clause.text, clause.start
    after = re.match(r"\s*\(([^()]*)\)", text[end - at :])
    if after and any(end + after.start(1) <= h.start and h.end <= end + after.end(1) for h in known):
        return True
    before = re.search(r"(\S+)\s*\($", text[: start - at])
    closes = text[end - at :].lstrip().startswith(")")
    return bool(before and closes and any(h.end == at + before.end(1) for h in known))


def _never_a_product(name: str) -> bool:
    """True for a word that no product is named: "Experience", "Senior", an abbreviation of a few letters
    ("AI", "SGs"), a word for people ("Engineers")."""
    return bool(
        name.casefold() in _NOT_PRODUCTS
        or re.fullmatch(r"[A-Z]{1,3}s?|[A-Z]+s", name)
        or _PEOPLE_AFTER.match(name.split()[-1])
    )


def _ordinary_name(name: str) -> bool:
    """True for a name made of common English words ("Batch", "Pig"), which a product may be called but a
    sentence uses too."""
    english = _ordinary_words()

    def ordinary(word: str) -> bool:
        lower = word.lower()
        return not re.search(r"[A-Z].*[A-Z]|\d", word[1:]) and (lower in english or lower.rstrip("s") in english)

    return all(ordinary(word) for word in re.split(r"[\s/]+", name))


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


def _groups(clause: Clause, hits: list[_Hit]) -> dict[tuple[int, int], str]:
    """Group names by hit (start, end) for the lists of alternatives in one clause."""
    spans = [(h.start, h.end, h.term.name) for h in hits if h.clause is clause]
    return list_groups(clause.text, clause.start, spans)


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
    title = posting_title(text)
    employers = employer_names(text, title)
    clauses, dropped, degree_lines = split_clauses(text, employers)
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
        for match in _outermost(_widest(matcher_for(_universe()).match(document), clean))
        for o in match.occurrences
        for hit in [_Hit(match.term, o.start, o.end, _clause_at(clauses, starts, o.start))]
        if _in_context(hit, clean, has_requirements)
    ]
    for clause in clauses:
        hits += _products(clause, hits)
    employer = pitch.employer_forms(employers)
    hits = [hit for hit in hits if not _not_asked(hit, text, employer)]
    hits.sort(key=lambda h: h.start)
    groups: dict[tuple[int, int], str] = {}
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
        title=title,
        terms=tuple(terms),
        years=max(years) if years else None,
        education=degree_in("\n".join(degree_lines)),
        dropped=tuple(dict.fromkeys(dropped)),
        checklist=knockouts(text, degree_lines),
    )


def _read_terms(hits: list[_Hit], groups: dict[tuple[int, int], str], has_requirements: bool) -> list[ReadTerm]:
    """One entry per term, in the order the posting first names them. A term takes its strongest bucket;
    it joins a group only when every mention in that bucket's qualifications (or, without any, in that
    bucket) lists it among alternatives: a term required on its own somewhere is required on its own."""
    by_name: dict[str, list[_Hit]] = {}
    for hit in hits:
        by_name.setdefault(hit.term.name, []).append(hit)
    read_terms = []
    for mentions in by_name.values():
        buckets = [_bucket(h, has_requirements) for h in mentions]
        bucket: Bucket = "required" if "required" in buckets else "preferred"
        strongest = [h for h, b in zip(mentions, buckets, strict=True) if b == bucket]
        # What the qualifications say decides the group: a tool the duties name on its own is still one of
        # the alternatives the requirements list.
        qualified = [h for h in strongest if h.clause.kind in ("required", "preferred")] or strongest
        names = [groups.get((h.start, h.end)) for h in qualified]
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


def _widest(matches: Sequence[TermMatch], text: str) -> list[TermMatch]:
    """Each occurrence over the longest spelling of its term written there: the matcher reports a place by the
    term's name, but the posting wrote "Google Cloud Platform" or "Microsoft Azure", and a list is read
    item by item ("Cloud Platform" is no term of its own there)."""
    widened = []
    for match in matches:
        term = match.term
        occurrences = []
        for o in match.occurrences:
            for form in sorted((f for f in (term.name, *term.aliases) if len(f) > o.end - o.start), key=len)[::-1]:
                window_start = max(0, o.end - len(form))
                pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", 0 if term.case_sensitive else re.IGNORECASE)
                wider = next(
                    (m for m in pattern.finditer(text, window_start, o.start + len(form)) if m.start() <= o.start),
                    None,
                )
                if wider is not None and wider.end() >= o.end:
                    o = replace(o, start=wider.start(), end=wider.end(), text=wider.group())
                    break
            occurrences.append(o)
        widened.append(replace(match, occurrences=tuple(occurrences)))
    return widened


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
