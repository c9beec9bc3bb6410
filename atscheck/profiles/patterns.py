"""The concept patterns a profile's term may carry (`patterns = ["deploy|ship ... model"]`): words, words
joined by "|" for alternatives, and "..." for a gap of a few words within one sentence (docs/matching.md).
Parsed here, where a profile is validated, and compiled by the matcher."""

from __future__ import annotations

import re


def parse_concept(pattern: str) -> list[list[str]]:
    """A concept pattern ("deploy|ship ... model") as its steps: alternatives of one word, or [] for a gap.
    Raises ValueError saying what is wrong."""
    steps: list[list[str]] = []
    for piece in pattern.split():
        if piece in ("...", "…"):
            if not steps or not steps[-1]:
                raise ValueError("'...' must stand between two words")
            steps.append([])
        else:
            words = [w for w in piece.split("|") if w]
            if not words or not all(re.fullmatch(r"[^\W_][\w+#.\-]*", w) for w in words):
                raise ValueError(f"'{piece}' is not a word or words joined by '|'")
            steps.append(words)
    if len([s for s in steps if s]) < 2 or not steps[-1]:
        raise ValueError('write at least two words, e.g. "deploy ... model", and end with a word')
    return steps
