"""Finding a profile's terms in a document: spaCy tokens, lemmas, PhraseMatcher; rapidfuzz for misspellings.

Matching works on whole tokens, so "Java" is never found in "JavaScript" nor "ML" in "HTML". Connector
punctuation between words ("-", "/", ":") is ignored on both sides, so "CI/CD", "CI-CD" and "CI / CD"
read alike; lemmas make "pipelines" find "pipeline". Names that are ordinary words or single letters
("Go", "R", "C") are matched case-sensitively and only where they stand as a name in a list or after
"in", "with", "using".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from atscheck.contact import redact
from atscheck.model import Document, Form, Occurrence, Profile, Term, TermMatch

_CONNECTORS = {"-", "–", "—", "/", ":", "_", "|"}
# One-for-one replacements keep every offset: typographic hyphens read as "-", and line breaks and tabs as
# spaces, because spaCy caches its work per space-separated chunk and "word\nword" chunks never repeat
# (tokenizing a resume this way is several times faster). Line breaks are read from the original text.
_TO_TOKENIZE = str.maketrans({"\u2010": "-", "\u2011": "-", "\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})
_INITIAL = re.compile(r"^[A-Z]\.$")
_LIST_BEFORE = {",", "(", "|", ";", ":", "•", "·", "and", "or", "in", "with", "using", "&", "/", "+"}
_LIST_AFTER = {
    ",",
    ")",
    "|",
    ";",
    "and",
    "or",
    ".",
    "/",
    "+",
    "programming",
    "language",
    "languages",
    "developer",
    "code",
    "services",
    "microservices",
    "modules",
    "scripts",
    "scripting",
}
_GLUED_REJECT = set("#+&@")
FUZZY_MIN_LETTERS = 5


@lru_cache(maxsize=1)
def nlp():
    """spaCy's blank English pipeline plus the lookup lemmatizer, always: results never depend on what
    other models happen to be installed."""
    import spacy

    pipeline = spacy.blank("en")
    lemmatizer = pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline, lemmatizer.lookups.get_table("lemma_lookup")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Words an English dictionary knows, so a real word is never taken for a misspelled term."""
    _, table = nlp()
    return frozenset(list(table.keys()) + list(table.values()))


def _key(text: str, lemmas) -> str:
    lower = text.lower()
    if len(lower) > 3 and lower.isalpha():
        return lemmas.get(lower, lower)
    return lower


@dataclass(frozen=True)
class _Tokens:
    """The document's tokens with connector punctuation and white space dropped."""

    texts: list[str]
    keys: list[str]
    starts: list[int]
    ends: list[int]
    spaced_after: list[bool]  # white space or a dropped connector follows the token
    line_break_after: list[bool]


@lru_cache(maxsize=4)  # one document scored for several roles is tokenized once
def _tokenize(text: str) -> _Tokens:
    pipeline, lemmas = nlp()
    texts, keys, starts, ends, spaced, breaks = [], [], [], [], [], []

    def add(piece: str, start: int, space_after: bool) -> None:
        texts.append(piece)
        keys.append(_key(piece, lemmas))
        starts.append(start)
        ends.append(start + len(piece))
        spaced.append(space_after)
        breaks.append(False)

    flat = text.translate(_TO_TOKENIZE)
    # Offsets, lengths and trailing spaces as one array: no Token object per token.
    for idx, length, space_after in pipeline.make_doc(flat).to_array(["IDX", "LENGTH", "SPACY"]).tolist():
        piece = flat[idx : idx + length]
        if piece.isspace() or piece in _CONNECTORS:
            if spaced:
                spaced[-1] = True
            continue
        if _INITIAL.match(piece):  # "R." at a sentence's end: the letter, then the full stop
            add(piece[0], idx, False)
            add(".", idx + 1, bool(space_after))
        else:
            add(piece, idx, bool(space_after))
    for i, end in enumerate(ends):
        breaks[i] = "\n" in text[end : starts[i + 1] if i + 1 < len(starts) else len(text)]
    return _Tokens(texts, keys, starts, ends, spaced, breaks)


def _pattern_keys(phrase: str) -> list[tuple[str, ...]]:
    """The token keys a phrase can be written as: as is, and joined when it has separators ('CICD')."""
    tokens = _tokenize(phrase)
    variants = [tuple(tokens.keys)]
    if len(tokens.keys) > 1 and re.search(r"[-/]", phrase):
        variants.append(("".join(tokens.texts).lower(),))
    return variants


@dataclass(frozen=True)
class _Pattern:
    term: Term
    form: Form
    case_sensitive: bool
    words: tuple[str, ...]  # keys, or exact texts for case-sensitive terms


class Matcher:
    """Built once per profile (the patterns), then applied to any number of documents."""

    def __init__(self, profile: Profile) -> None:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        pipeline, _ = nlp()
        self.profile = profile
        self._vocab = pipeline.vocab
        # Patterns and documents are both written as their keys (lower-cased lemmas), or as their exact
        # texts for case-sensitive names, so both matchers compare ORTH: no per-token attribute to set.
        self._by_key = PhraseMatcher(self._vocab, attr="ORTH")
        self._by_text = PhraseMatcher(self._vocab, attr="ORTH")
        self._patterns: dict[int, _Pattern] = {}
        self._phrases: set[str] = set()
        for term in profile.terms:
            for phrase, form in [(term.name, "name")] + [(alias, "alias") for alias in term.aliases]:
                variants = [tuple(_tokenize(phrase).texts)] if term.case_sensitive else _pattern_keys(phrase)
                for words in variants:
                    if not words:
                        continue
                    label = f"{term.name}\x00{form}\x00{'|'.join(words)}"
                    match_id = self._vocab.strings.add(label)
                    self._patterns[match_id] = _Pattern(term, form, term.case_sensitive, words)  # type: ignore[arg-type]
                    self._phrases.add(" ".join(words).lower())
                    matcher = self._by_text if term.case_sensitive else self._by_key
                    matcher.add(label, [Doc(self._vocab, words=list(words))])
        self._fuzzy_targets = [
            (term, key)
            for term in profile.terms
            if not term.case_sensitive
            for key in [" ".join(_pattern_keys(term.name)[0])]
            if len(re.sub(r"\W", "", key)) >= FUZZY_MIN_LETTERS
        ]

    def match(self, document: Document) -> tuple[TermMatch, ...]:
        from spacy.tokens import Doc

        tokens = _tokenize(document.text)
        if not tokens.texts:
            return tuple(TermMatch(term, ()) for term in self.profile.terms)
        by_key = Doc(self._vocab, words=tokens.keys)
        by_text = Doc(self._vocab, words=tokens.texts)
        hits = [(self._patterns[match_id], start, end) for match_id, start, end in self._by_key(by_key)]
        hits += [(self._patterns[match_id], start, end) for match_id, start, end in self._by_text(by_text)]
        # Names before aliases, then longer phrases first: one place counts once per term, in its best form
        # ("Google Cloud Platform" is the name "Google Cloud", as a literal ATS search finds it).
        hits.sort(key=lambda hit: (hit[0].form != "name", hit[1] - hit[2], hit[1]))
        found: dict[str, list[Occurrence]] = {term.name: [] for term in self.profile.terms}
        taken: dict[str, set[int]] = {term.name: set() for term in self.profile.terms}
        for pattern, start, end in hits:
            name = pattern.term.name
            span = set(range(start, end))
            if span & taken[name] or not _fits(pattern, tokens, start, end):
                continue
            taken[name] |= span
            found[name].append(_occurrence(document, tokens.starts[start], tokens.ends[end - 1], pattern.form))
        self._find_misspellings(document, tokens, found)
        return tuple(
            TermMatch(term, tuple(sorted(found[term.name], key=lambda o: o.start))) for term in self.profile.terms
        )

    def _find_misspellings(self, document: Document, tokens: _Tokens, found: dict[str, list[Occurrence]]) -> None:
        """Terms not found at all, but written with one or two letters wrong ('Kubernets', 'Terrafrom')."""
        from rapidfuzz.distance import OSA

        dictionary = english_words()
        # The missing terms by word count and first letter: a phrase of the document is compared only with
        # terms that could be within edit distance of it, so the cost stays flat as profiles grow; the
        # dictionary is consulted only for phrases of a near length.
        wanted: dict[tuple[int, str], list[tuple[Term, str, int]]] = {}
        for term, target in self._fuzzy_targets:
            if not found[term.name]:
                allowed = 1 if len(target) < 9 else 2
                wanted.setdefault((target.count(" ") + 1, target[:1]), []).append((term, target, allowed))
        keys = tokens.keys
        for size in {size for size, _ in wanted}:
            for position in range(len(keys) - size + 1):
                group = wanted.get((size, keys[position][:1]))
                if not group:
                    continue
                text = " ".join(keys[position : position + size])
                near = [
                    (term, target, allowed)
                    for term, target, allowed in group
                    if text != target and abs(len(text) - len(target)) <= allowed
                ]
                # Real words are never a misspelling: "powered by" is not "Power BI".
                if not near or text in self._phrases or all(word in dictionary for word in text.split()):
                    continue
                for term, target, allowed in near:
                    if OSA.distance(text, target, score_cutoff=allowed) <= allowed:
                        end = tokens.ends[position + size - 1]
                        found[term.name].append(_occurrence(document, tokens.starts[position], end, "fuzzy"))


def _fits(pattern: _Pattern, tokens: _Tokens, start: int, end: int) -> bool:
    # Never part of a larger name: "C" in "C#", "C++"; "R" in "R&D".
    if start > 0 and not tokens.spaced_after[start - 1] and _glued(tokens.texts[start - 1]):
        return False
    if end < len(tokens.texts) and not tokens.spaced_after[end - 1] and _glued(tokens.texts[end]):
        return False
    if pattern.case_sensitive and len(pattern.words) == 1:
        return _in_list_context(tokens, start, end)
    return True


def _glued(text: str) -> bool:
    return text[:1].isalnum() or text[-1:].isalnum() or text in _GLUED_REJECT or text[:1] in _GLUED_REJECT


def _in_list_context(tokens: _Tokens, start: int, end: int) -> bool:
    before = tokens.texts[start - 1].lower() if start > 0 else None
    after = tokens.texts[end].lower() if end < len(tokens.texts) else None
    line_end = after is None or tokens.line_break_after[end - 1]
    if after == "." and end + 1 < len(tokens.texts) and tokens.texts[end + 1][:1].isupper() and not line_end:
        # "John R. Smith": an initial, unless the list simply ends there ("Python, R. Next sentence" is rare).
        return before in (",", "and", "/")
    return line_end or before in _LIST_BEFORE or after in _LIST_AFTER


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
