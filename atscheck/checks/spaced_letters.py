"""spaced-letters: words typed with spaces between the letters, or split apart inside the PDF.

Passes: every word written whole. Fails (warning): letters spaced out ("S K I L L S", "P y t h o n"), or a
term of the profile broken by gaps inside it ("D ocker", "AW S", "Sci kit -le arn"); some PDF makers store
such gaps, and an ATS then reads the pieces, not the word. A known cause of parse failures. A term found
only in broken form earns no credit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from atscheck.checks import Context
from atscheck.match import english_words
from atscheck.model import Finding, Profile

ID = "spaced-letters"
_SPACED_OUT = re.compile(r"(?<!\w)(?:[A-Za-z] {1,2}){3,}[A-Za-z](?!\w)")
_PIECE = re.compile(r"[^\s]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
MAX_PIECES = 6


def _squash(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


@lru_cache(maxsize=8)
def _forms(profile: Profile) -> dict[str, frozenset[int]]:
    """Each name and alias squashed ("scikitlearn"), with where its own word breaks fall ({6})."""
    forms: dict[str, frozenset[int]] = {}
    for term in profile.terms:
        for phrase in (term.name, *term.aliases):
            words = [w for w in (_squash(part) for part in re.split(r"[\s\-/]+", phrase)) if w]
            squashed = "".join(words)
            if len(squashed) >= 3:
                breaks = {sum(len(w) for w in words[: i + 1]) for i in range(len(words) - 1)}
                forms[squashed] = forms.get(squashed, frozenset()) | breaks
    return forms


def _odd(piece: str, known: frozenset[str]) -> bool:
    return len(piece) <= 2 or piece not in known


def _broken_terms(text: str, forms: dict[str, frozenset[int]]) -> Iterator[tuple[int, int]]:
    """Ranges where consecutive pieces of one line join into a term at places the term has no break."""
    known = english_words()
    for line_match in re.finditer(r"[^\n]+", text):
        pieces = [(m.start() + line_match.start(), m.group()) for m in _PIECE.finditer(line_match.group())]
        i = 0
        while i < len(pieces):
            found = 0
            for size in range(MAX_PIECES, 1, -1):
                window = [(start, _squash(piece)) for start, piece in pieces[i : i + size]]
                window = [(start, piece) for start, piece in window if piece]
                if len(window) < 2 or len(pieces[i : i + size]) < size:
                    continue
                joined = "".join(piece for _, piece in window)
                if joined not in forms:
                    continue
                # A gap the term does not have, beside a piece that is no word ("D ocker", "AW S"); "Data
                # Dog" is two words, a spelling matter, not a broken word.
                offset, broken = 0, False
                for k in range(len(window) - 1):
                    offset += len(window[k][1])
                    if offset not in forms[joined] and any(_odd(window[j][1], known) for j in (k, k + 1)):
                        broken = True
                if broken:
                    last_start, last_piece = pieces[i + size - 1]
                    yield window[0][0], last_start + len(last_piece)
                    found = size
                    break
            i += found or 1


def check(context: Context) -> Iterator[Finding]:
    text = context.document.text
    ranges = [(m.start(), m.end()) for m in _SPACED_OUT.finditer(text)]
    ranges += list(_broken_terms(text, _forms(context.profile)))
    if not ranges:
        return
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    ranges = merged
    examples = list(
        {
            " ".join(text[start:end].strip(",;:.()").split()).lower(): " ".join(text[start:end].strip(",;:.()").split())
            for start, end in reversed(ranges)
        }.values()
    )[::-1]
    yield Finding(
        id=ID,
        severity="warning",
        message=f"{len(ranges)} word(s) are broken up by spaces, e.g. {', '.join(repr(e) for e in examples[:4])}. "
        "An ATS reads the pieces, not the word, so these do not count as keywords.",
        fix="Type these words without spaces inside them (use letter spacing in the font settings for a spaced "
        "look). If your PDF tool splits words, export again from another tool and check with --show-text.",
        where=", ".join(examples[:4]),
        uncredited=tuple(ranges),
    )
