"""Finding a profile's terms in a document: our tokenizer, phrase and concept matching on its tokens, rapidfuzz.

The rules, with examples, are in docs/matching.md. In short:
- Matching works on whole words, so "Java" is never found in "JavaScript" nor "ML" in "HTML". A change of
  script (Han, Kana, Hangul beside Latin), brackets, punctuation and "+"/"&" between longer words end a word;
  "C++", "C#", "R&D", "Node.js" and ".NET" stay whole. Full-width letters read as their plain forms.
- Connector punctuation ("-", "/", ":") is ignored on both sides: "CI/CD", "CI-CD", "CI / CD" read alike.
  A version number glued to a name ("Python3", "Java8", "C++11") and a possessive ("Docker's") leave the name.
- Skills (common nouns) match in either number on their last word ("pipelines"); tool and certification
  names match as written ("pandas" is not "panda").
- Short names that are also letters or words ("Go", "R", "C") count only where they stand as an item of a
  list: after a bullet, between commas, slashes or pipes, on a labelled line ("Languages: Go").
- A profile may block a form inside longer phrases (`not_in`), ask for context words near a form that is
  an ordinary English word (`needs_context`), and describe a concept said across words (`patterns`).
- A misspelling ("Kubernets") is a typo a person would make: one or two slips of the keyboard in a long
  word that is no English word, no name, and no other known term.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Generic, TypeVar

from rapidfuzz.distance import OSA

from atscheck.contact import redact
from atscheck.match.context import listed, near, ops_compound, wraps
from atscheck.match.tokens import (
    FUZZY_MIN_LETTERS,
    Tokens,
    english_words,
    is_english,
    known_words,
    lemmas,
    member_term,
    profile_words,
    tokenize,
)
from atscheck.model import Document, Form, Occurrence, Profile, Term, TermMatch
from atscheck.profiles.patterns import parse_concept

__all__ = [
    "Matcher",
    "Tokens",
    "english_words",
    "is_english",
    "is_typo",
    "known_words",
    "lemmas",
    "matcher_for",
    "snippet",
    "tokenize",
]

# ---------------------------------------------------------------- forms of a term


def _numbers(word: str) -> set[str]:
    """A common noun in both numbers: "pipeline", "pipelines"; "process", "processes"; "policy", "policies"."""
    forms = {word}
    if not word.isalpha() or len(word) < 3:
        return forms
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("es"):
        forms |= {word[:-1], word[:-2]}  # "services" -> "service"; "processes" -> "process"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        forms.add(word[:-1])
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    elif word.endswith("y") and word[-2:-1] not in "aeiou":
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    return forms


def _variants(phrase: str, case_sensitive: bool, inflect: bool) -> list[tuple[str, ...]]:
    """The token sequences a phrase may be written as: as is; joined when it has separators ("CICD"); split at
    its capitals ("Git Hub"); and, for a common noun, with its last word in the other number."""
    tokens = tokenize(phrase)
    words = tuple(tokens.texts if case_sensitive else tokens.lower)
    if not words:
        return []
    variants = [words]
    if inflect and not case_sensitive:
        variants += [(*words[:-1], form) for form in sorted(_numbers(words[-1]) - {words[-1]})]
    if len(words) > 1 and re.search(r"[-/]", phrase):
        variants.append(("".join(words),))
    if len(words) == 1 and not case_sensitive:  # "GitHub" as "Git Hub", "Git-Hub"; not "My SQL" for MySQL
        parts = _CAMEL.findall(tokens.texts[0])
        if len(parts) > 1 and "".join(parts) == tokens.texts[0] and all(len(part) >= 3 for part in parts):
            variants.append(tuple(part.lower() for part in parts))
    return variants


_CAMEL = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+")


def _ordinary(phrase: str, dictionary: frozenset[str]) -> bool:
    """A form that is a short or ordinary word ("Go", "R", "Ray"), whose letter case tells the name apart."""
    words = phrase.split()
    return len(words) == 1 and (len(phrase) <= 3 or phrase.lower() in dictionary)


def _inflects(term: Term, phrase: str, dictionary: frozenset[str]) -> bool:
    """A skill matches in either number ("pipelines"); a tool name only when it ends in an ordinary noun
    after its name proper ("GitHub Action" is GitHub Actions), never a one-word name ("pandas" is no "panda")."""
    if term.kind in ("skill", "soft-skill"):
        return True
    words = phrase.split()
    return len(words) > 1 and words[-1].isalpha() and is_english(words[-1].lower())


def _is_acronym(word: str) -> bool:
    return len(word) >= 3 and word.isupper()  # "CKA", "AWS": never an ordinary word


@dataclass(frozen=True)
class _Pattern:
    term: Term
    form: Form
    words: tuple[str, ...]  # lower-cased, or as written for case-sensitive terms
    needs_context: bool  # a short name or an ordinary word: it must stand in a list or beside a context word


_GAP = 8  # words a concept pattern's "..." may stand for, inside one sentence
_SENTENCE_END = frozenset({".", "!", "?", ";", "。", "！", "？", "；"})


T = TypeVar("T")


class _Phrases(Generic[T]):
    """Token sequences to find, each with what it stands for. Finding them is a dict lookup per position
    and phrase length: every place a sequence stands, overlapping places included."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, ...], list[T]] = {}
        self._lengths: dict[str, tuple[int, ...]] = {}  # first word -> the lengths of the phrases it starts

    def add(self, words: tuple[str, ...], value: T) -> None:
        self._values.setdefault(words, []).append(value)
        self._lengths[words[0]] = tuple(sorted({*self._lengths.get(words[0], ()), len(words)}))

    def __len__(self) -> int:
        return len(self._values)

    def get(self, words: tuple[str, ...]) -> list[T]:
        return self._values.get(words, [])

    def find(self, words: list[str]) -> Iterator[tuple[T, int, int]]:
        lengths, values, count = self._lengths, self._values, len(words)
        for start, word in enumerate(words):
            for size in lengths.get(word, ()):
                if start + size > count:
                    break
                for value in values.get(tuple(words[start : start + size]), ()):
                    yield value, start, start + size


Concept = tuple[frozenset[str] | None, ...]  # lemmas one word may be, or None for a gap of up to _GAP words
# Places the concept patterns of one profile may try in one document, all starts and steps together: a real
# resume needs a few thousand; a hostile profile (every word the same, every pattern gaps) stops here.
MAX_CONCEPT_WORK = 1_000_000


class _Budget:
    """Work left for one document's concept patterns."""

    def __init__(self, work: int) -> None:
        self.left = work


def _reach(tokens: Tokens) -> list[int]:
    """For each word, the end (exclusive) of the longest run starting there that stays in one sentence and one
    line (a line that only wraps the sentence goes on): a concept is said inside it."""
    count = len(tokens.texts)
    reach = [count] * count
    for index in range(count - 1, -1, -1):
        if tokens.texts[index] in _SENTENCE_END:
            reach[index] = index
        elif tokens.line_end[index] and not wraps(tokens, index):
            reach[index] = index + 1
        elif index + 1 < count:
            reach[index] = reach[index + 1]
    return reach


def _concept_spans(concept: Concept, lemmas: list[str], reach: list[int], budget: _Budget) -> Iterator[tuple[int, int]]:
    """For each place the concept's first word stands, the longest run of words from there that follows its
    steps inside one sentence and line, as (start, end). The places a step may stand are followed step by step
    (a set of at most a few dozen), so the work grows with the text times the pattern's length, never with
    the number of ways to fill its gaps; all patterns of a document share `budget`."""
    first, steps = concept[0], concept[1:]
    assert first is not None  # parse_concept: a concept starts with a word
    for start, lemma in enumerate(lemmas):
        if lemma not in first:
            continue
        limit = reach[start]  # no word of the run at or past it
        places = {start + 1}
        for step in steps:
            budget.left -= len(places)
            if budget.left < 0:
                return
            if step is None:
                places = {p + skip for p in places for skip in range(_GAP + 1) if p + skip < limit}
            else:
                places = {p + 1 for p in places if p < limit and lemmas[p] in step}
            if not places:
                break
        else:
            yield start, max(places)


class Matcher:
    """Built once per profile (the patterns), then applied to any number of documents."""

    def __init__(self, profile: Profile) -> None:
        self._lemmas = lemmas()
        dictionary = english_words()
        self.profile = profile
        self._by_lower: _Phrases[_Pattern] = _Phrases()  # compared with the document lower-cased
        self._by_text: _Phrases[_Pattern] = _Phrases()  # case-sensitive terms, compared as written
        self._blockers: _Phrases[str] = _Phrases()  # not_in phrases -> the term they block
        self._concepts: list[tuple[_Pattern, Concept]] = []
        self._context: dict[str, frozenset[str]] = {}
        self._phrases: set[str] = set()
        self._members: dict[str, list[Term]] = {}  # a member term's name -> the concepts it shows
        for term in profile.terms:
            self._add_forms(term, dictionary)
        # A concept's members are found as the terms they are (the profile's own, else the taxonomy's), and each
        # place one stands also shows the concept.
        for term in profile.terms:
            for name in term.members:
                member = member_term(name)
                self._add_forms(member, dictionary)
                self._members.setdefault(member.name, []).append(term)
        for term in profile.terms:
            for concept in term.patterns:
                steps = tuple(
                    frozenset(self._lemma(word.lower()) for word in step) if step else None
                    for step in parse_concept(concept)
                )
                self._concepts.append((_Pattern(term, "alias", (), False), steps))
        self._known = known_words() | frozenset(w for w in profile_words(profile))
        # Misspelling targets, indexed so that a phrase of the document meets only the terms it could be a typo
        # of, and the cost stays flat as profiles grow: by a word that must be written exactly ("EMR" of
        # "Amazon EMR": short words are never edited), else by first letter and length (typos change it by 2 at most).
        self._fuzzy: dict[tuple[object, ...], list[_Target]] = {}
        for term in profile.terms:
            written = tuple(tokenize(term.name).texts)
            words = tuple(w.lower() for w in written)
            editable = tuple(_editable(w) for w in words)
            # A certificate is its own name, its exam code or a short form: one word off is a sibling ("Azure
            # Data Engineer Associate" is no "Azure AI Engineer Associate"), never a typo.
            if term.case_sensitive or term.kind == "certification" or not any(editable):
                continue
            anchor = editable.index(False) if False in editable else None
            length = len(" ".join(words))
            key = (len(words), anchor, words[anchor]) if anchor is not None else (len(words), words[0][:1], length)
            self._fuzzy.setdefault(key, []).append(_Target(term, words, written, editable))
        self._anchors = {
            (size, anchor) for size, anchor, *_ in self._fuzzy if isinstance(size, int) and isinstance(anchor, int)
        }
        self._sizes = {size for size, *_ in self._fuzzy if isinstance(size, int)}
        self._initials = {(size, first) for size, first, *_ in self._fuzzy if isinstance(first, str)}

    def _add_forms(self, term: Term, dictionary: frozenset[str]) -> None:
        """The term's name and aliases as patterns, and the phrases its forms do not count inside; once per term
        name (a profile's own term before the taxonomy's term of the same name)."""
        if term.name in self._context:
            return
        self._context[term.name] = frozenset(form for word in term.needs_context for form in _numbers(word.lower()))
        for phrase, kind in [(term.name, "name"), *((alias, "alias") for alias in term.aliases)]:
            # Letter case matters only for a form that is a short or ordinary word ("Go", "R", "Ray"):
            # "Golang" is Go however it is written.
            case_sensitive = term.case_sensitive and _ordinary(phrase, dictionary)
            for words in _variants(phrase, case_sensitive, _inflects(term, phrase, dictionary)):
                # A short name or an ordinary word ("Go", "R", "Ray", "Spring"), not "Golang" nor "CKA".
                word = words[0]
                needs_context = (
                    len(words) == 1
                    and (term.case_sensitive or bool(term.needs_context))
                    and not _is_acronym(word)
                    and (len(word) <= 2 or word.lower() in dictionary)
                )
                self._phrases.add(" ".join(words).lower())
                matcher = self._by_text if case_sensitive else self._by_lower
                matcher.add(words, _Pattern(term, kind, words, needs_context))  # type: ignore[arg-type]
        for phrase in term.not_in:
            for words in _variants(phrase, False, True):
                self._blockers.add(words, term.name)

    def _lemma(self, lower: str) -> str:
        return self._lemmas.get(lower, lower)

    def match(self, document: Document, tokens: Tokens | None = None) -> tuple[TermMatch, ...]:
        """The profile's terms in the document; `tokens` are `tokenize(document.text)`, when already made."""
        tokens = tokens if tokens is not None else tokenize(document.text)
        if not tokens.texts:
            return tuple(TermMatch(term, ()) for term in self.profile.terms)
        hits = list(self._by_lower.find(tokens.lower))
        if len(self._by_text):
            hits += self._by_text.find(tokens.texts)
        hits += self._written_apart(tokens)
        hits += self._run_together(tokens)
        if self._concepts:
            lemma = {word: self._lemma(word) for word in set(tokens.lower)}
            lemmas = [lemma[word] for word in tokens.lower]
            reach, budget = _reach(tokens), _Budget(MAX_CONCEPT_WORK)
            hits += [
                (pattern, start, end)
                for pattern, concept in self._concepts
                for start, end in _concept_spans(concept, lemmas, reach, budget)
            ]
        blocked: dict[str, list[tuple[int, int]]] = {}
        for name, start, end in self._blockers.find(tokens.lower):
            blocked.setdefault(name, []).append((start, end))
        # Names before aliases, then longer phrases first: one place counts once per term, in its best form
        # ("Google Cloud Platform" is the name "Google Cloud", as a literal ATS search finds it).
        hits.sort(key=lambda hit: (hit[0].form != "name", hit[1] - hit[2], hit[1]))
        named = frozenset(k for _, start, end in hits for k in range(start, end))  # words that name some term
        found: dict[str, list[Occurrence]] = {}  # only the terms found: a profile may hold thousands
        taken: dict[str, set[int]] = {}
        shown: list[tuple[str, set[int], Occurrence]] = []  # places a member of a concept stands
        for pattern, start, end in hits:
            name = pattern.term.name
            span = set(range(start, end))
            if span & taken.get(name, set()) or not self._fits(pattern, tokens, start, end, named):
                continue
            if any(s <= start and end <= e for s, e in blocked.get(name, ())):
                continue
            taken.setdefault(name, set()).update(span)
            occurrence = _occurrence(document, tokens.starts[start], tokens.ends[end - 1], pattern.form)
            found.setdefault(name, []).append(occurrence)
            shown += [(concept.name, span, occurrence) for concept in self._members.get(name, ())]
        # "Docker" also shows containerization, where the concept is not named itself.
        for concept_name, span, occurrence in shown:
            if not span & taken.get(concept_name, set()):
                taken.setdefault(concept_name, set()).update(span)
                found.setdefault(concept_name, []).append(replace(occurrence, form="member"))
        self._find_misspellings(document, tokens, found)
        return tuple(
            TermMatch(term, tuple(sorted(found[term.name], key=lambda o: o.start)) if term.name in found else ())
            for term in self.profile.terms
        )

    def _written_apart(self, tokens: Tokens) -> Iterator[tuple[_Pattern, int, int]]:
        """One-word forms written in two pieces with a hyphen ("Go-lang", "Kuber-netes")."""
        for k in range(1, len(tokens.texts)):
            if tokens.gap[k] == "-":
                lower = (tokens.lower[k - 1] + tokens.lower[k],)
                written = (tokens.texts[k - 1] + tokens.texts[k],)
                for pattern in [*self._by_lower.get(lower), *self._by_text.get(written)]:
                    yield pattern, k - 1, k + 1

    def _run_together(self, tokens: Tokens) -> Iterator[tuple[_Pattern, int, int]]:
        """Several-word forms written as one word at their capitals ("GoogleCloudPlatform", "AmazonWebServices")."""
        for k, text in enumerate(tokens.texts):
            if len(text) < 6 or text.islower() or text.isupper():
                continue
            parts = _CAMEL.findall(text)
            if len(parts) > 1 and "".join(parts) == text and all(len(part) >= 2 for part in parts):
                for pattern in self._by_lower.get(tuple(part.lower() for part in parts)):
                    yield pattern, k, k + 1

    def _fits(self, pattern: _Pattern, tokens: Tokens, start: int, end: int, named: frozenset[int]) -> bool:
        if start > 0 and not tokens.gap[start] and tokens.texts[start - 1] == "@":  # a handle, "@docker"
            return False
        if ops_compound(tokens, start, end):
            return False
        if not pattern.needs_context:
            return True
        return listed(tokens, start, end, named) or near(tokens, start, end, self._context[pattern.term.name])

    def _find_misspellings(self, document: Document, tokens: Tokens, found: dict[str, list[Occurrence]]) -> None:
        """Terms not found at all, but written with a typo ("Kubernets", "Terrafrom", "Promethues")."""
        missing = {term.name for term in self.profile.terms if term.name not in found}
        if not missing:
            return
        lower = tokens.lower
        # Only a long word that is no English word and no known term can be a typo: phrases without one are
        # never compared at all.
        odd_words = {w for w in set(lower) if _editable(w) and w not in self._known and not is_english(w)}
        odd = [i for i, word in enumerate(lower) if word in odd_words]
        for size in self._sizes:
            anchors = [anchor for s, anchor in self._anchors if s == size]
            last = len(lower) - size
            for position in sorted({p for i in odd for p in range(max(0, i - size + 1), min(i, last) + 1)}):
                first = lower[position][:1]
                candidates = []
                if (size, first) in self._initials:
                    length = sum(map(len, lower[position : position + size])) + size - 1
                    candidates = [
                        t for near in range(length - 2, length + 3) for t in self._fuzzy.get((size, first, near), ())
                    ]
                for anchor in anchors:
                    candidates += self._fuzzy.get((size, anchor, lower[position + anchor]), ())
                for target in candidates:
                    if target.term.name in missing and self._misspelt(tokens, position, target):
                        end = tokens.ends[position + size - 1]
                        occurrence = _occurrence(document, tokens.starts[position], end, "fuzzy")
                        found.setdefault(target.term.name, []).append(occurrence)

    def _misspelt(self, tokens: Tokens, position: int, target: _Target) -> bool:
        """Word by word: equal, or a typo of a long target word that is itself no word, name or known term."""
        edited = False
        for k, want in enumerate(target.words):
            word = tokens.lower[position + k]
            if word == want:
                continue
            if not target.editable[k] or abs(len(word) - len(want)) > 2 or not _editable(word):
                return False
            if word in self._known or is_english(word):  # cached: the same words come up again and again
                return False
            written = tokens.texts[position + k]
            if written[:1].isupper() and target.written[k].islower() and not written.isupper():
                return False  # a capitalised name where the term is a common word: "Albert" is not "alerting"
            if not is_typo(word, want):
                return False
            edited = True
        return edited and " ".join(tokens.lower[position : position + len(target.words)]) not in self._phrases


@dataclass(frozen=True)
class _Target:
    term: Term
    words: tuple[str, ...]  # lower-cased
    written: tuple[str, ...]
    editable: tuple[bool, ...]  # long enough to be edited


def _editable(word: str) -> bool:
    return len(word) >= FUZZY_MIN_LETTERS and word.isalpha()


# QWERTY neighbours: a slip of the finger lands on one of these.
_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_NEIGHBOURS: dict[str, set[str]] = {}
for _r, _row in enumerate(_ROWS):
    for _c, _key in enumerate(_row):
        _NEIGHBOURS[_key] = {
            _ROWS[rr][cc]
            for rr in (_r - 1, _r, _r + 1)
            if 0 <= rr < len(_ROWS)
            for cc in (_c - 1, _c, _c + 1)
            if 0 <= cc < len(_ROWS[rr]) and (rr, cc) != (_r, _c)
        }


def is_typo(word: str, target: str) -> bool:
    """One slip in a word of up to 8 letters, two in a longer one. A slip: a letter left out, one typed twice
    or extra, two neighbours swapped, or a key beside the right one ("Kubernets", "Terrafrom", "Promethues").
    Any other letter for another is a different word ("puesto" is not "Presto")."""
    allowed = 1 if len(target) < 9 else 2
    if abs(len(word) - len(target)) > allowed:
        return False
    if OSA.distance(word, target, score_cutoff=allowed) > allowed:
        return False
    inf = allowed + 1
    rows, cols = len(word) + 1, len(target) + 1
    cost = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        cost[i][0] = i
    for j in range(cols):
        cost[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            a, b = word[i - 1], target[j - 1]
            substitute = 0 if a == b else (1 if b in _NEIGHBOURS.get(a, ()) else inf)
            best = min(cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + substitute)
            if i > 1 and j > 1 and a == target[j - 2] and word[i - 2] == b:
                best = min(best, cost[i - 2][j - 2] + 1)
            cost[i][j] = best
    return cost[-1][-1] <= allowed


# ---------------------------------------------------------------- occurrences


def _occurrence(document: Document, start: int, end: int, form: Form) -> Occurrence:
    span = document.span_at(start)
    section = document.section_at(start)
    return Occurrence(
        text=document.text[start:end],
        start=start,
        end=end,
        form=form,
        page=span.page if span else None,
        source=span.source if span else "body",
        section=section.heading if section else None,
        snippet=snippet(document.text, start, end),
    )


def snippet(text: str, start: int, end: int, width: int = 40) -> str:
    """The words around a match on its line, with any email address or phone number masked."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, start - width)
    right = min(line_end, end + width)
    piece = text[left:right].strip()
    piece = redact(piece)
    return ("…" if left > line_start else "") + piece + ("…" if right < line_end else "")


@lru_cache(maxsize=32)
def matcher_for(profile: Profile) -> Matcher:
    return Matcher(profile)
