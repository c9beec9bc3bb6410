"""The concept patterns a profile's term may carry (`patterns = ["deploy|ship ... model"]`): words, words
joined by "|" for alternatives, and "..." for a gap of a few words within one sentence (docs/matching.md).
Parsed here, where a profile is validated, and compiled by the matcher."""

from __future__ import annotations

import re

# A concept is said in a few words: these bound what one pattern asks of the matcher (the bundled patterns
# have two words and one gap).
MAX_WORDS = 6
MAX_GAPS = 3
MAX_ALTERNATIVES = 20
_GAPS = ("...", "…")


def parse_concept(pattern: str) -> list[list[str]]:
    """A concept pattern ("deploy|ship ... model") as its steps: alternatives of one word, or [] for a gap.
    Raises ValueError saying what is wrong."""
    steps: list[list[str]] = []
    pieces = pattern.split()
    gaps = sum(1 for piece in pieces if piece in _GAPS)
    if gaps > MAX_GAPS:
        raise ValueError(f"it has {gaps} gaps ('...'), at most {MAX_GAPS} are allowed; write shorter patterns instead")
    if len(pieces) - gaps > MAX_WORDS:
        raise ValueError(f"it has {len(pieces) - gaps} words, at most {MAX_WORDS} are allowed; say it in fewer")
    for piece in pieces:
        if piece in _GAPS:
            if not steps or not steps[-1]:
                raise ValueError("'...' must stand between two words")
            steps.append([])
        else:
            words = [w for w in piece.split("|") if w]
            if not words or not all(re.fullmatch(r"[^\W_][\w+#.\-]*", w) for w in words):
                raise ValueError(f"'{piece[:40]}' is not a word or words joined by '|'")
            if len(words) > MAX_ALTERNATIVES:
                raise ValueError(f"a word has at most {MAX_ALTERNATIVES} alternatives joined by '|'")
            steps.append(words)
    if len([s for s in steps if s]) < 2 or not steps[-1]:
        raise ValueError('write at least two words, e.g. "deploy ... model", and end with a word')
    return steps
