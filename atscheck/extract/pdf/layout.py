"""Glyph geometry: how the characters PDFium gives are cut into lines and words the way the page shows them,
and in which order a reader reads the lines (column by column). docs/extraction.md says how and why."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from atscheck.extract.pdf.shapes import Box, TextStyle

LINE_BREAK_GAP = 1.0  # a gap wider than this many font sizes ends a line (a tab stop, a second column)


WORD_GAP = 0.1  # font sizes beyond the line's usual letter gap that separate words


SPLIT_GAP = 0.1  # a letter gap wider than this share of the font size makes word-margin parsers split the word


@dataclass(slots=True)
class Glyph:
    text: str
    x0: float  # PDF coordinates: y grows upwards
    y0: float
    x1: float
    y1: float
    size: float
    style: TextStyle | None  # None for a space PDFium generated
    explicit_space: bool = False
    origin: float = math.nan  # where the pen stood: the letters of one ligature glyph share it


@dataclass(slots=True)
class Word:
    glyphs: list[Glyph]
    space_after: bool = False
    split_as: str = ""  # the word as a parser that breaks words at wide letter gaps reads it, when it differs
    box: Box = (0.0, 0.0, 0.0, 0.0)  # set once the word is complete

    def close(self) -> None:
        glyphs = self.glyphs
        if len(glyphs) == 1:
            g = glyphs[0]
            self.box = (g.x0, g.y0, g.x1, g.y1)
        else:
            self.box = (
                min([g.x0 for g in glyphs]),
                min([g.y0 for g in glyphs]),
                max([g.x1 for g in glyphs]),
                max([g.y1 for g in glyphs]),
            )


class Piece:
    """One line of text as the page shows it: glyphs on one baseline with no wide gap between them."""

    def __init__(self, words: list[Word]) -> None:
        self.words = words

    def get_text(self) -> str:
        return " ".join("".join(g.text for g in word.glyphs) for word in self.words)


@dataclass(frozen=True)
class Line:
    x0: float
    top: float
    x1: float
    bottom: float
    item: Any  # a Piece (anything with get_text())


def glyph_lines(glyphs: list[Glyph | None]) -> list[list[Glyph]]:
    """Cut PDFium's character stream into lines: at its line ends, where the baseline moves, at a wide gap,
    and where the text runs backwards. A gap is measured from the last glyph drawn, spaces the PDF holds
    included: space characters that fill a gap are text going on (two spaces after a full stop)."""
    pieces: list[list[Glyph]] = []
    current: list[Glyph] = []
    last: Glyph | None = None
    edge = 0.0  # the right edge of the last glyph drawn on the line being built
    words = False  # the line being built holds a letter or digit (it is more than a bullet or an icon)
    for glyph in glyphs:
        if glyph is None:
            if current:
                pieces.append(current)
            current, last, words = [], None, False
            continue
        if last is not None and glyph.text != " ":
            size = glyph.size if glyph.size > last.size else last.size
            size = size if size > 1.0 else 1.0
            # One line while the boxes share height: a superscript ("1st") or a smaller run stays on its line.
            top, bottom = glyph.y1, glyph.y0
            shared = (top if top < last.y1 else last.y1) - (bottom if bottom > last.y0 else last.y0)
            height, last_height = top - bottom, last.y1 - last.y0
            beside = shared >= 0.3 * (height if height < last_height else last_height)
            # A bullet or an icon before a wide gap starts the line it marks ("•   Built ..." reads "• Built").
            if not beside or (glyph.x0 - edge > LINE_BREAK_GAP * size and words) or glyph.x0 < last.x0 - size:
                pieces.append(current)
                current, words = [], False
        current.append(glyph)
        words = words or glyph.text.isalnum()
        if glyph.text != " ":
            last, edge = glyph, glyph.x1
        elif glyph.explicit_space:
            edge = glyph.x1
    if current:
        pieces.append(current)
    return [piece for piece in pieces if any(g.text.strip() for g in piece)]


def line_words(piece: list[Glyph]) -> list[Word]:
    """Words of one line, from where the glyphs stand. A space the PDF holds always separates words; a space
    PDFium guessed, or none, separates them only where the gap is wider than the line's usual gap between
    letters, so letter-spaced text ("D o c k e r" to the eye of a word-margin parser) reads "Docker"."""
    marks: list[Glyph] = []  # the glyphs that are no space
    explicit: set[int] = set()  # index k: a space the PDF holds stands between marks[k] and marks[k + 1]
    guessed: set[int] = set()
    for glyph in piece:
        if glyph.text != " ":
            marks.append(glyph)
        elif marks:
            (explicit if glyph.explicit_space else guessed).add(len(marks) - 1)
    if not marks:
        return []
    spaced_at = explicit | guessed
    # The letters of a ligature ("fl") share the glyph's origin and get narrow boxes: no gap inside it, and
    # none after it unless a space follows.
    gaps: list[float] = []
    inner: list[float] = []  # the gaps with no space: between the letters of a word, or between two words
    after_ligature = False
    glyph = marks[0]
    for k in range(len(marks) - 1):
        following = marks[k + 1]
        ligature = abs(following.origin - glyph.origin) < 0.01
        if k in spaced_at:
            gaps.append(following.x0 - glyph.x1)
        else:
            gap = 0.0 if ligature or after_ligature else following.x0 - glyph.x1
            gaps.append(gap)
            inner.append(gap)
        after_ligature = ligature
        glyph = following
    letter_gap = max(statistics.median(inner), 0.0) if inner else 0.0
    spaced = [gaps[k] for k in guessed if k < len(gaps)]
    word_gap = statistics.median(spaced) if spaced else math.inf  # the gap where PDFium saw a space
    word = Word([marks[0]])
    words = [word]
    written = [marks[0].text]  # the word being built as a word-margin parser reads it
    split = False  # ... which is more than one word
    for k, gap in enumerate(gaps):
        glyph, following = marks[k], marks[k + 1]
        size = glyph.size if glyph.size > following.size else following.size
        size = size if size > 1.0 else 1.0
        boundary = k in explicit or (
            gap > letter_gap + WORD_GAP * size
            and (k in guessed or gap >= 0.8 * word_gap or gap > letter_gap + 2.5 * WORD_GAP * size)
        )
        if boundary:
            word.space_after = True
            word.split_as = "".join(written) if split else ""
            word = Word([following])
            words.append(word)
            written, split = [following.text], False
        else:
            word.glyphs.append(following)
            if gap > SPLIT_GAP * size and glyph.text.isalnum() and following.text.isalnum():
                written.append(" ")
                split = True
            written.append(following.text)
    word.split_as = "".join(written) if split else ""
    for word in words:
        word.close()
    return words


def reading_order(lines: list[Line], width: float) -> tuple[list[Line], int]:
    """Top to bottom; where the page is split into two columns, the left column before the right.

    Lines that cross the gutter (a name banner, a full-width heading) end one band of columns and
    start the next, so a page with a header and two columns below it reads header, left, right.
    """
    by_position = sorted(lines, key=lambda line: (round(line.top), line.x0))
    gutter = _find_gutter(lines, width)
    if gutter is None:
        return by_position, 1
    ordered: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in by_position:
        if line.x1 <= gutter:
            left.append(line)
        elif line.x0 >= gutter:
            right.append(line)
        else:
            ordered += left + right
            left, right = [], []
            ordered.append(line)
    ordered += left + right
    return ordered, 2


def _find_gutter(lines: list[Line], width: float) -> float | None:
    """An x position in the middle of the page that (almost) no line crosses, with real columns on both sides."""
    if len(lines) < 8:
        return None
    best: tuple[int, float] | None = None
    for step in range(20, 81):
        x = width * step / 100
        crossing = sum(1 for line in lines if line.x0 < x < line.x1)
        if best is None or crossing < best[0]:
            best = (crossing, x)
    if best is None or best[0] > len(lines) * 0.15:
        return None
    gutter = best[1]
    left = [line for line in lines if line.x1 <= gutter]
    right = [line for line in lines if line.x0 >= gutter]
    if len(left) < 4 or len(right) < 4:
        return None
    # Side by side, not one above the other.
    overlap = min(max(line.bottom for line in left), max(line.bottom for line in right)) - max(
        min(line.top for line in left), min(line.top for line in right)
    )
    if overlap < 100:
        return None

    # Right-aligned dates, or moderncv's date column, share their rows with the other side's text: that is
    # one column of rows, read row by row. Real columns line up only by chance (measured on the corpus:
    # under 40% of the smaller side's lines for two-column resumes, over 45% for row layouts).
    def chars(side: list[Line]) -> int:
        return sum(len(line.item.get_text()) for line in side)

    small, big = (left, right) if chars(left) < chars(right) else (right, left)
    aligned = sum(1 for line in small if any(abs(line.top - other.top) < 1.5 for other in big))
    if aligned > len(small) * 0.45:
        return None
    return gutter
