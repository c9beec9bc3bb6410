"""keyword-stuffing: terms repeated far beyond what a real resume does, or a bare wall of keywords.

Passes: every term used a normal number of times, skills in short groups. Fails (warning): a term found
more than MAX_REPEATS times, or a block of MIN_BLOCK_ITEMS or more comma-separated keywords with no
labels or sentences around them. Recruiters read stuffing as gaming the ATS, and ATS that rank by
keyword ratio are not helped by repetition: one use in context counts as much as ten. The terms of a
keyword wall keep their credit in the score, but a ranking of several resumes leaves them out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from atscheck.checks.context import Context
from atscheck.model import Finding

ID = "keyword-stuffing"
MAX_REPEATS = 8
MIN_BLOCK_ITEMS = 40
_SEPARATORS = re.compile(r"\s*[,;|•·]\s*")
_LABEL = re.compile(r"^[^,:]{2,40}:")  # "Languages: Python, Go" is a labelled group, not a bare list


def _bare_items(line: str) -> int:
    """How many keywords a bare list line holds (0 for a sentence, a labelled group or a short list)."""
    if _LABEL.match(line.strip()):
        return 0
    items = [item for item in _SEPARATORS.split(line.strip()) if item]
    if len(items) < 4 or sum(len(item.split()) for item in items) > 4 * len(items):
        return 0
    return len(items)


def _largest_block(text: str) -> tuple[int, tuple[int, int]]:
    """The most keywords in consecutive bare list lines, and that block's range in the text."""
    largest, where = 0, (0, 0)
    current, start, offset = 0, 0, 0
    for line in text.split("\n"):
        items = _bare_items(line)
        if items:
            start = start if current else offset
            current += items
            if current > largest:
                largest, where = current, (start, offset + len(line))
        else:
            current = 0
        offset += len(line) + 1
    return largest, where


def check(context: Context) -> Iterator[Finding]:
    repeated = sorted(
        ((len(match.occurrences), match.term.name) for match in context.matches),
        reverse=True,
    )
    repeated = [(count, name) for count, name in repeated if count > MAX_REPEATS]
    if repeated:
        listed = ", ".join(f"{name} ({count} times)" for count, name in repeated[:6])
        yield Finding(
            id=ID,
            severity="warning",
            message=f"Some terms are repeated far more than a real resume does: {listed}. Recruiters read this "
            "as keyword stuffing.",
            fix=f"Name each skill in your Skills section and in the one or two jobs where you used it most; "
            f"{MAX_REPEATS} mentions is already a lot.",
            where="whole resume",
        )
    block, where = _largest_block(context.document.text)
    if block >= MIN_BLOCK_ITEMS:
        yield Finding(
            id=ID,
            severity="warning",
            message=f"A block of {block} keywords in a row, with no labels or sentences, looks like keyword "
            "stuffing to a recruiter.",
            fix="Keep the skills you really use, grouped under short labels (Languages: ..., Cloud: ...), and "
            "show the important ones in your experience bullets.",
            where="skills list",
            unranked=(where,),
        )
