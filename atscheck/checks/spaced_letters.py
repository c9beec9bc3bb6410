"""spaced-letters: words typed with spaces between the letters, or split apart inside the PDF.

Passes: every word written whole. Fails (warning): letters spaced out ("S K I L L S", "P y t h o n"), or a
term of the profile broken by gaps inside it ("D ocker", "AW S", "Sci kit -le arn"); some PDF makers store
such gaps, and an ATS then reads the pieces, not the word. A known cause of parse failures. A term found
only in broken form earns no credit. Also a warning: PDF words drawn with wide gaps between the letters
(character spacing, as xhtml2pdf writes them), which the PDF reader rebuilds from the glyph positions and
credits, but which parsers that break words at such gaps read as pieces.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from atscheck.checks.context import Context
from atscheck.match import english_words
from atscheck.model import Finding, Profile

ID = "spaced-letters"
_SPACED_OUT = re.compile(r"(?<!\w)(?:[A-Za-z] {1,2}){3,}[A-Za-z](?!\w)")
_PIECE = re.compile(r"[^\s]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
MAX_PIECES = 6


@lru_cache(maxsize=1 << 16)  # resumes repeat their words; this runs on every word of every line
def _squash(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


@dataclass(frozen=True)
class _Forms:
    breaks: dict[str, frozenset[int]]  # each name and alias squashed ("scikitlearn") -> its word breaks ({6})
    prefixes: frozenset[str]  # every beginning of those, to stop joining pieces early


@lru_cache(maxsize=8)
def _forms(profile: Profile) -> _Forms:
    breaks: dict[str, frozenset[int]] = {}
    for term in profile.terms:
        for phrase in (term.name, *term.aliases):
            words = [w for w in (_squash(part) for part in re.split(r"[\s\-/]+", phrase)) if w]
            squashed = "".join(words)
            if len(squashed) >= 3:
                cuts = {sum(len(w) for w in words[: i + 1]) for i in range(len(words) - 1)}
                breaks[squashed] = breaks.get(squashed, frozenset()) | cuts
    prefixes = frozenset(form[:n] for form in breaks for n in range(1, len(form) + 1))
    return _Forms(breaks, prefixes)


def _odd(piece: str, known: frozenset[str]) -> bool:
    return len(piece) <= 2 or piece not in known


def _is_broken(pieces: list[str], breaks: frozenset[int], known: frozenset[str]) -> bool:
    """A gap the term does not have, beside a piece that is no word ("D ocker", "AW S"); "Data Dog" is two
    words, a spelling matter, not a broken word."""
    offset = 0
    for k in range(len(pieces) - 1):
        offset += len(pieces[k])
        if offset not in breaks and (_odd(pieces[k], known) or _odd(pieces[k + 1], known)):
            return True
    return False


def _broken_terms(text: str, forms: _Forms) -> Iterator[tuple[int, int]]:
    """Ranges where consecutive pieces of one line join into a term at places the term has no break."""
    known = english_words()
    prefixes, breaks = forms.prefixes, forms.breaks
    line_start = 0
    for line in text.split("\n"):  # pieces join only within one line
        squashed = list(map(_squash, line.split()))
        where: list[tuple[int, int]] = []  # the pieces' offsets, found only for a line with a broken term
        i = 0
        while i < len(squashed):
            if squashed[i] and squashed[i] not in prefixes:  # most words start no term of the role
                i += 1
                continue
            joined, parts, matches = "", [], []  # matches: (index of the last piece, the pieces joined)
            for j in range(i, min(i + MAX_PIECES, len(squashed))):
                if squashed[j]:
                    joined += squashed[j]
                    parts.append(squashed[j])
                    if joined not in prefixes:
                        break
                    if len(parts) > 1 and joined in breaks:
                        matches.append((j, joined, list(parts)))
            broken = next((j for j, joined, p in reversed(matches) if _is_broken(p, breaks[joined], known)), None)
            if broken is None:
                i += 1
                continue
            where = where or [m.span() for m in _PIECE.finditer(line)]
            first = next(k for k in range(i, broken + 1) if squashed[k])
            yield line_start + where[first][0], line_start + where[broken][1]
            i = broken + 1
        line_start += len(line) + 1


def _letter_spaced(context: Context) -> list[str]:
    """Words a PDF draws with wide gaps between the letters, as a word-margin parser reads them ("D ocker"),
    each once. atscheck reads them whole from the glyph positions and credits them."""
    starts = sorted(o.start for m in context.matches for o in m.occurrences)
    seen: dict[str, tuple[bool, str]] = {}  # each word once: does it hold a term of the role, how it is split
    for span in context.document.spans:
        if span.split_as and any(c.isalnum() for c in span.text):
            index = bisect.bisect_left(starts, span.start)
            term = index < len(starts) and starts[index] < span.end
            seen.setdefault(span.text.strip().lower(), (term, span.split_as.strip()))
    # The role's terms first: they are what a weaker parser would miss.
    return [split for term, split in sorted(seen.values(), key=lambda item: not item[0])]


def check(context: Context) -> Iterator[Finding]:
    text = context.document.text
    ranges = [(m.start(), m.end()) for m in _SPACED_OUT.finditer(text)]
    ranges += list(_broken_terms(text, _forms(context.profile)))
    spaced = _letter_spaced(context)
    if not ranges and not spaced:
        return
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    ranges = merged
    first_spelling: dict[str, str] = {}  # each broken word once, as it is first written
    for start, end in ranges:
        example = " ".join(text[start:end].strip(",;:.()").split())
        first_spelling.setdefault(example.lower(), example)
    examples = list(first_spelling.values())
    parts = []
    if examples:
        parts.append(
            f"{len(ranges)} word(s) are broken up by spaces, e.g. {', '.join(repr(e) for e in examples[:4])}. "
            "An ATS reads the pieces, not the word, so these do not count as keywords."
        )
    if spaced:
        parts.append(
            f"{len(spaced)} word(s) are drawn with wide gaps between their letters, so some ATS parsers read them "
            f"broken, e.g. {', '.join(repr(e) for e in spaced[:4])}. atscheck reads them whole and counts them, "
            "but a weaker parser may not."
        )
    yield Finding(
        id=ID,
        severity="warning",
        message=" ".join(parts),
        fix="Type these words without spaces inside them, and export without extra letter spacing (in HTML-to-PDF "
        "tools, remove letter-spacing from the style; in Word, Font > Advanced > Spacing: Normal). If your PDF "
        "tool splits words, export again from another tool and check with --show-text.",
        where=", ".join((examples or spaced)[:4]),
        uncredited=tuple(ranges),
    )
