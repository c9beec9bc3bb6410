"""Headings, headers and footers of a PDF: larger type is a heading; text set apart in a page's top or bottom
margin, or repeated there page after page, is a header or footer that many ATS drop."""

from __future__ import annotations

import re
import statistics
from dataclasses import replace

from atscheck.model import BBox, PageInfo, Source, Span

_PAGE_NUMBER = re.compile(r"^(page\s*)?[-–]?\s*\d+\s*[-–]?(\s*(of|/)\s*\d+)?$")


def mark_headings(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Short lines set clearly larger than the body text are headings (or the name at the top); the
    larger the type, the higher the level, as a reader would see it."""
    sizes: list[float] = []  # one per character
    for span in spans:
        if span.font_size:
            sizes += [span.font_size] * len(span.text)
    if not sizes:
        return spans
    body = statistics.median(sizes)

    def is_heading(span: Span) -> bool:
        return bool(span.font_size and span.font_size >= body * 1.15 and len(span.text.strip()) <= 60)

    tiers = sorted({span.font_size for span in spans if span.font_size and is_heading(span)}, reverse=True)
    return tuple(
        replace(span, heading_level=min(tiers.index(span.font_size or 0.0) + 1, 6)) if is_heading(span) else span
        for span in spans
    )


MARGIN_BAND = 0.075  # share of the page height at the top and bottom where headers and footers sit


RUNNING_BAND = 0.12  # a line repeated on several pages this close to the edge is a running header/footer


MARGIN_GAP = 18.0  # points of empty space that set a header or footer apart from the body


def mark_margins(spans: tuple[Span, ...], pages: tuple[PageInfo, ...]) -> tuple[Span, ...]:
    """Mark text set apart in a page's top or bottom margin, or repeated there page after page, as header
    or footer: an ATS that drops headers and footers drops it too."""
    heights = {page.number: page.height for page in pages}
    lines: list[list[int]] = []  # the indexes of each line's spans, page by page, top to bottom
    placed = sorted(
        (span.page, span.bbox[1], i)
        for i, span in enumerate(spans)
        if span.bbox and span.page in heights and span.text.strip()
    )
    line_page, line_middle = 0, 0.0
    for page, top, i in placed:
        bbox: BBox = spans[i].bbox  # type: ignore[assignment]
        if page != line_page or top > line_middle:  # starts below the middle of the line being built
            lines.append([])
            line_page, line_middle = page, (top + bbox[3]) / 2
        lines[-1].append(i)

    def box(i: int) -> BBox:
        return spans[i].bbox  # type: ignore[return-value]

    def band(members: list[int], share: float) -> Source | None:
        top = min(box(i)[1] for i in members)
        bottom = max(box(i)[3] for i in members)
        height = heights[spans[members[0]].page or 0]
        if bottom <= height * share:
            return "header"
        if top >= height * (1 - share):
            return "footer"
        return None

    def repeated_key(members: list[int]) -> tuple[str, int]:
        """The same words at the same place; page numbers ("Page 2 of 3") count as the same words."""
        text = " ".join(spans[i].text.strip().lower() for i in members)
        return ("page number" if _PAGE_NUMBER.match(text) else text), round(box(members[0])[1] / 4)

    marked: dict[int, Source] = {}
    # Each line's place is worked out once, not once per question asked of it.
    running = [(members, place, repeated_key(members)) for members in lines if (place := band(members, RUNNING_BAND))]
    pages_of: dict[tuple[str, int], set[int]] = {}
    for members, _, key in running:
        pages_of.setdefault(key, set()).add(spans[members[0]].page or 0)
    for members, place, key in running:
        if len(pages_of[key]) > 1:
            marked.update((i, place) for i in members)
    in_margin: dict[int | None, list[tuple[list[int], Source | None]]] = {}  # page -> its lines, their margin
    for members in lines:
        in_margin.setdefault(spans[members[0]].page, []).append((members, band(members, MARGIN_BAND)))
    for number in heights:
        on_page = in_margin.get(number, [])
        sides: tuple[Source, ...] = ("header", "footer")
        for side in sides:
            edge = [i for members, place in on_page if place == side for i in members]
            rest = [i for members, place in on_page if place != side for i in members]
            if not edge:
                continue
            if side == "header":
                gap = min((box(i)[1] for i in rest), default=heights[number])
                gap -= max(box(i)[3] for i in edge)
            else:
                gap = min(box(i)[1] for i in edge) - max((box(i)[3] for i in rest), default=0.0)
            if gap >= MARGIN_GAP:
                marked.update(dict.fromkeys(edge, side))
    return tuple(replace(span, source=marked[i]) if i in marked else span for i, span in enumerate(spans))
