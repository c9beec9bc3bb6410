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

import gzip
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

from rapidfuzz.distance import OSA

from atscheck.contact import redact
from atscheck.model import Document, Form, Occurrence, Profile, Term, TermMatch
from atscheck.profiles import bundled_ids, concept_key, load_role, load_taxonomy, taxonomy_knowledge
from atscheck.profiles.patterns import parse_concept
from atscheck.text import fold

# ---------------------------------------------------------------- characters

_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f"
)
_WORD = rf"[^\W_{_CJK}]"  # a letter or digit of an alphabetic script
_TOKEN = re.compile(
    r"(\s+)"  # group 1: white space
    # group 2: a link or an email address. An address starts where a run of the characters it may hold
    # starts: tried again inside the run it could only fail the same way, after a scan to the run's end
    # (quadratic in "a+a+a+...").
    r"|((?:https?://|www\.)[^\s<>()\[\]{}\"']+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    rf"|[{_CJK}]+"  # a run of Han, Kana or Hangul
    # group 3: a word; ".NET"; dots and "&" inside ("Node.js", "3.11", "R&D"); "C++", "C#"
    rf"|((?:(?<!{_WORD})\.)?{_WORD}+(?:[.&]{_WORD}+)*(?:\+\+|#(?!{_WORD}))?)"
    r"|(.)",  # group 4: any other character, one token each
    re.S,
)
FUZZY_MIN_LETTERS = 5
_CONNECTORS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212/:_")
_DOT_SPLIT = re.compile(r"(?<=[a-z])(\.)(?=[A-Z])")  # "end.Next" is two words; "Node.js", "ASP.NET" are one
_VERSION = re.compile(r"^(\.?[A-Za-z]*[A-Za-z]{3})(\d+(?:\.\d+)*)$")  # "Python3", "TensorFlow2", "Java8"


# ---------------------------------------------------------------- dictionaries


def _lookups(name: str) -> object:
    """A table of spacy-lookups-data (the data behind spaCy's English lookup lemmatizer), read as JSON.
    atscheck ships the two it reads, unmodified and with their licences, in atscheck/data/lemmas/ (its README
    says which release; tools/rebuild_lemma_tables.py refreshes them): the package installs 99 MB for them."""
    table = resources.files("atscheck") / "data" / "lemmas" / f"en_{name}.json.gz"
    return json.loads(gzip.decompress(table.read_bytes()))


@lru_cache(maxsize=1)
def lemmas() -> dict[str, str]:
    """Word -> lemma, as the lookup lemmatizer of `spacy.blank("en")` has it: the same table, so results never
    depend on what models happen to be installed."""
    table = _lookups("lemma_lookup")
    assert isinstance(table, dict)
    return table


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Words an English dictionary knows (the lemmas of the lookup table and WordNet's index of base forms,
    both from spacy-lookups-data's tables), so a real word is never taken for a misspelled term."""
    index = _lookups("lemma_index")
    assert isinstance(index, dict)
    return frozenset([*lemmas().values(), *(word for words in index.values() for word in words)])


_SUFFIXES = ("ing", "ed", "es", "s", "er", "ers", "ly", "ment", "ments", "ion", "ions")


@lru_cache(maxsize=1 << 16)
def is_english(word: str) -> bool:
    """The lower-case word is English, or a regular inflection of an English word ("automating")."""
    words = english_words()
    if word in words:
        return True
    for suffix in _SUFFIXES:
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3:
            doubled = base[-1] == base[-2:-1]  # "running"
            if base in words or base + "e" in words or (doubled and base[:-1] in words):
                return True
    return False


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word of every term and alias of the bundled profiles and the taxonomy: a known name is never
    read as a misspelling of another ("Amazon EKS" is not "Amazon EMR")."""
    profiles = [load_taxonomy(), *(load_role(role) for role in bundled_ids())]
    return frozenset(word for profile in profiles for word in _profile_words(profile))


def _member_term(name: str) -> Term:
    """A concept's member as the taxonomy knows it (its spellings and rules), else by its name alone."""
    known = taxonomy_knowledge().get(concept_key(name))
    return known if known is not None else Term(name, "", "tool", "preferred", 0.0)


def _profile_words(profile: Profile) -> Iterator[str]:
    for term in profile.terms:
        for form in (term.name, *term.aliases):
            yield from tokenize(form).lower


# ---------------------------------------------------------------- tokens


@dataclass(frozen=True)
class Tokens:
    """The text's words and punctuation in order; white space and connectors ("-", "/", ":") are not tokens
    but are kept in `gap`, what stood between a token and the one before it ("" when glued)."""

    texts: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    gap: list[str]
    line_start: list[bool]  # the line's first word (after any bullet glyphs)
    line_end: list[bool]  # a line break, or the end of the text, follows the token
    bullet: list[bool]  # the token's line starts with a bullet glyph of any kind


def _split_word(word: str) -> list[str]:
    """Words the word regex joined that are several: "end.Next", "Grafana&Prometheus", "Python3"."""
    if not word[-1].isdigit() and "." not in word and "&" not in word:
        return [word]
    pieces = [p for p in _DOT_SPLIT.split(word) if p] if "." in word else [word]
    out: list[str] = []
    for piece in pieces:
        parts = piece.split("&")
        if len(parts) > 1 and all(len(part) >= 3 for part in parts):  # "R&D", "AT&T" stay whole
            for k, part in enumerate(parts):
                out += [part] if k == 0 else ["&", part]
            continue
        version = _VERSION.match(piece)
        out += [version[1], version[2]] if version else [piece]
    return out


def tokenize(text: str) -> Tokens:
    """A pure function of the text: the same text always gives the same tokens, at offsets of the text. The
    pipeline tokenizes a document once and passes the tokens to each profile's Matcher.match: no cache is
    keyed on the text."""
    texts: list[str] = []
    starts: list[int] = []
    gaps: list[str] = []
    line_start: list[bool] = []
    line_end: list[bool] = []
    bullet: list[bool] = []
    gap, first_on_line, line_has_word, bulleted = "", True, False, False
    for match in _TOKEN.finditer(fold(text)):
        space, link, word, other = match.groups()
        if space is not None:
            gap += " "
            if "\n" in space:
                if line_end:
                    line_end[-1] = True
                first_on_line, line_has_word = True, False
            continue
        if other is not None and other in _CONNECTORS:
            gap += other
            continue
        is_word = link is None and other is None
        if first_on_line:  # "•", "●", "-", "*", "➢": any glyph before the line's first word
            bulleted = not is_word or bool(gap.strip())
            first_on_line = False
        start = match.start()
        pieces = _split_word(word) if word is not None else [match.group()]
        for k, piece in enumerate(pieces):
            texts.append(piece)
            starts.append(start)
            gaps.append(gap if k == 0 else "")
            line_start.append(is_word and not line_has_word)
            line_end.append(False)
            bullet.append(bulleted)
            line_has_word = line_has_word or is_word
            start += len(piece)
        gap = ""
    if line_end:
        line_end[-1] = True
    ends = [start + len(piece) for start, piece in zip(starts, texts, strict=True)]
    return Tokens(texts, [t.lower() for t in texts], starts, ends, gaps, line_start, line_end, bullet)


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
        elif tokens.line_end[index] and not _wraps(tokens, index):
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
                member = _member_term(name)
                self._add_forms(member, dictionary)
                self._members.setdefault(member.name, []).append(term)
        for term in profile.terms:
            for concept in term.patterns:
                steps = tuple(
                    frozenset(self._lemma(word.lower()) for word in step) if step else None
                    for step in parse_concept(concept)
                )
                self._concepts.append((_Pattern(term, "alias", (), False), steps))
        self._known = known_words() | frozenset(w for w in _profile_words(profile))
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
        if _ops_compound(tokens, start, end):
            return False
        if not pattern.needs_context:
            return True
        return _listed(tokens, start, end, named) or _near(tokens, start, end, self._context[pattern.term.name])

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


# ---------------------------------------------------------------- context of a short name or ordinary word


def _wraps(tokens: Tokens, index: int) -> bool:
    """The line break after token `index` only wraps a sentence: the next line goes on in lower case, with no
    bullet (a PDF's lines, a wrapped bullet)."""
    following = index + 1
    return following < len(tokens.texts) and tokens.texts[following][:1].islower() and not tokens.bullet[following]


def _ops_compound(tokens: Tokens, start: int, end: int) -> bool:
    """A short word that begins an "-Ops" compound ("ML Ops", "Git-Ops", "AIOps" as "AI Ops") names the
    practice, not the word: "ML Ops" is no machine learning, "Git Ops" no Git."""
    return (
        end - start == 1
        and len(tokens.texts[start]) <= 3
        and end < len(tokens.texts)
        and tokens.lower[end] == "ops"
        and tokens.gap[end] in ("", " ", "-")
    )


# "and" and "or" in the languages resumes are written in: "Go and R", "Go et R", "Go y R", "Go und R".
_CONJUNCTIONS = frozenset(
    {"and", "or", "und", "oder", "et", "ou", "y", "o", "e", "u", "en", "of", "og", "och", "eller", "i", "lub"}
    | {"oraz", "ja", "tai", "ve", "veya", "és", "vagy", "и", "или", "та", "або"}
)

_LIST_MARKS = frozenset({",", "|", ";", "+", "&", "、", "·", "•", "/"})
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_NONE, _WEAK, _STRONG = 0, 1, 2


def _conjunction(text: str) -> bool:
    """ "and" or "or" in a language resumes are written in: a list of two names ("Go y R")."""
    return text in _CONJUNCTIONS


def _paired(tokens: Tokens, start: int, end: int, named: frozenset[int]) -> bool:
    """The words are one of two names joined by "and" or "or", in any language: "Go und R", "Go et R en
    production" (a list of two, as in "Go and R in production")."""
    left = (
        start >= 2 and not tokens.line_end[start - 2] and _conjunction(tokens.lower[start - 1]) and start - 2 in named
    )
    right = (
        end + 1 < len(tokens.texts)
        and not tokens.line_end[end - 1]
        and not tokens.line_end[end]
        and _conjunction(tokens.lower[end])
        and end + 1 in named
    )
    return left or right


def _item_ends(tokens: Tokens, index: int) -> bool:
    """Token `index` ends an item: a line break, list punctuation or a full stop follows."""
    return (
        tokens.line_end[index]
        or "/" in tokens.gap[index + 1]
        or tokens.texts[index + 1] in _LIST_MARKS
        or tokens.texts[index + 1] in (".", ")")
    )


def _left(tokens: Tokens, start: int, named: frozenset[int]) -> int:
    gap = tokens.gap[start]
    if start == 0 or tokens.line_start[start]:  # after a bullet of any kind, or none
        return _WEAK
    before = tokens.texts[start - 1]
    if "/" in gap or before in _LIST_MARKS:
        return _STRONG
    if ":" in gap:  # a labelled line, "Languages: Go", "编程语言: C"; not prose after a label, "Note: Go to the"
        label = 0 < _words_before(tokens, start) <= _LABEL_WORDS
        prose = not tokens.line_end[start] and tokens.texts[start + 1][:1].islower()
        return _STRONG if label and not prose else _WEAK
    if before in _OPEN:
        return _WEAK
    if _conjunction(tokens.lower[start - 1]) and start >= 2 and not tokens.line_end[start - 2]:
        return _STRONG if start - 2 in named else _NONE  # "Go und R"; not "All the rest"
    return _NONE


def _right(tokens: Tokens, end: int, named: frozenset[int]) -> int:
    last = end - 1
    if tokens.line_end[last]:
        return _WEAK
    after = tokens.texts[end]
    if "/" in tokens.gap[end] or after in _LIST_MARKS:
        return _STRONG
    if after in _CLOSE or after in _OPEN:  # "(Go)", "- spring(101)"
        return _WEAK
    if after == ".":
        return _WEAK if tokens.line_end[end] else _NONE  # "- Go." yes; "John R. Smith" no
    if _conjunction(tokens.lower[end]) and not tokens.line_end[end] and end + 1 in named:
        return _STRONG if _item_ends(tokens, end + 1) else _NONE  # "Go und R"; not "Go to Market Strategy"
    return _NONE


def _listed(tokens: Tokens, start: int, end: int, named: frozenset[int]) -> bool:
    """The words stand as an item of a list: list punctuation on one side, a label before them, a line (nearly)
    to themselves, or the end of a bulleted line ("- Some Go.")."""
    if _paired(tokens, start, end, named):
        return True
    left, right = _left(tokens, start, named), _right(tokens, end, named)
    following = None if tokens.line_end[end - 1] else tokens.texts[end]
    # A short line of a one-per-line list: "C Programming", "● R Programming"; not "Spring 2022".
    if left == _WEAK and tokens.line_start[start] and _words_after(tokens, end) <= 1:
        return following is None or following.isalpha() or not following[:1].isalnum()
    if right == _NONE and following is not None and following[:1].isalnum():
        return False  # the item goes on: "| Spring 2022", "(R: 28"
    if tokens.texts[start].islower() and _NONE in (left, right):
        return False  # an ordinary word in prose: "all the rest & some more"; lists say "- spring(101)"
    return _STRONG in (left, right) or (right == _WEAK and (left == _WEAK or tokens.bullet[start]))


_LABEL_WORDS = 3  # a label before a colon: "Languages:", "Programming languages:", "Cloud & DevOps:"


def _words_before(tokens: Tokens, index: int) -> int:
    """Words on the token's line before it, counted up to _LABEL_WORDS + 1."""
    count, k = 0, index - 1
    while k >= 0 and not tokens.line_end[k] and count <= _LABEL_WORDS:
        count += tokens.texts[k][:1].isalnum()
        k -= 1
    return count


def _words_after(tokens: Tokens, end: int) -> int:
    """Words on the line after the match, counted up to 2."""
    count, k = 0, end - 1
    while not tokens.line_end[k] and count < 2:
        k += 1
        count += tokens.texts[k][:1].isalnum()
    return count


_CONTEXT_WINDOW = 4


def _near(tokens: Tokens, start: int, end: int, context: Iterable[str]) -> bool:
    """One of the context words stands within a few words on the same line, the match's own words included
    ("REST API", "Helm charts")."""
    wanted = frozenset(context)
    if not wanted:
        return False
    low = start
    while low > 0 and start - low < _CONTEXT_WINDOW and (not tokens.line_end[low - 1] or _wraps(tokens, low - 1)):
        low -= 1
    high = end
    while (
        high < len(tokens.texts)
        and high - end < _CONTEXT_WINDOW
        and (not tokens.line_end[high - 1] or _wraps(tokens, high - 1))
    ):
        high += 1
    return any(word in wanted for word in tokens.lower[low:high])


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
