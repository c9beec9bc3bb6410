"""Assembles the text of a document line by line, keeping each run's layout facts as a Span.

Every extractor feeds lines of runs in reading order; the builder cleans the characters, joins words
hyphenated across a line break and records where each span sits in the final text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from atscheck.model import Span
from atscheck.text import CONTROL, clean

_HYPHEN_BREAK = re.compile(r"[a-z]-$")


@dataclass
class Run:
    """A piece of one line with uniform layout facts: `look` holds them as Span's keyword arguments (all but
    text and start, which the builder sets), so each span is made once, where it is placed."""

    text: str
    look: dict[str, Any]


class TextBuilder:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._spans: list[Span] = []
        self._last_line_spans: list[int] = []  # indexes in _spans of the previous line's runs

    @property
    def length(self) -> int:
        """Characters of text so far."""
        return self._length

    def add_line(self, runs: list[Run]) -> None:
        line = "".join(run.text for run in runs)
        if not line.isascii() or "\t" in line or CONTROL.search(line):  # else cleaning changes nothing
            runs = [Run(clean(run.text), run.look) for run in runs]
            line = "".join(run.text for run in runs)
        runs = [run for run in runs if run.text]
        if not line.strip():
            return
        # Trim the line's outer white space, keeping inner spacing between runs.
        runs[0] = Run(runs[0].text.lstrip(), runs[0].look)
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].look)
        runs = [run for run in runs if run.text]
        if self._parts and self._joins_hyphenated(runs[0].text):
            self._drop_trailing_hyphen()
        elif self._parts and self._parts[-1] != "\n\n":
            self._append("\n")
        self._last_line_spans = []
        for run in runs:
            self._last_line_spans.append(len(self._spans))
            self._spans.append(Span(text=run.text, start=self._length, **run.look))
            self._append(run.text)

    def add_break(self) -> None:
        """An empty line: a paragraph or page boundary that a reader would see."""
        if self._parts and self._parts[-1] != "\n\n":
            self._append("\n\n")
            self._last_line_spans = []

    def build(self) -> tuple[str, tuple[Span, ...]]:
        text = "".join(self._parts)
        # A trailing break is not content.
        stripped = text.rstrip("\n")
        return stripped, tuple(self._spans)

    def _append(self, piece: str) -> None:
        self._parts.append(piece)
        self._length += len(piece)

    def _joins_hyphenated(self, next_text: str) -> bool:
        """ "Kuber-" at a line's end followed by "netes": one word broken by the line, not a hyphenated one."""
        if not self._last_line_spans or not next_text[:1].islower():
            return False
        return bool(_HYPHEN_BREAK.search(self._spans[self._last_line_spans[-1]].text))

    def _drop_trailing_hyphen(self) -> None:
        index = self._last_line_spans[-1]
        span = self._spans[index]
        self._spans[index] = replace(span, text=span.text[:-1])
        self._parts[-1] = self._parts[-1][:-1]
        self._length -= 1
