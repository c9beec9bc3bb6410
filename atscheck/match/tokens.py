"""The tokens matching works on: words, CJK runs, links and punctuation of the text, with where each stands
(its line, a bullet before it, the gap before it), and the dictionaries that tell a word from a name (the
lemma table, English words, every known term's words)."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from atscheck.model import Profile, Term
from atscheck.profiles import bundled_ids, concept_key, load_role, load_taxonomy, taxonomy_knowledge
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
    return frozenset(word for profile in profiles for word in profile_words(profile))


def member_term(name: str) -> Term:
    """A concept's member as the taxonomy knows it (its spellings and rules), else by its name alone."""
    known = taxonomy_knowledge().get(concept_key(name))
    return known if known is not None else Term(name, "", "tool", "preferred", 0.0)


def profile_words(profile: Profile) -> Iterator[str]:
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
