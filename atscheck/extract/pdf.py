"""PDF resumes, read with pdfminer.six's layout analysis and put in reading order column by column."""

from __future__ import annotations

import io
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, replace

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import (
    LAParams,
    LTAnno,
    LTChar,
    LTComponent,
    LTContainer,
    LTCurve,
    LTImage,
    LTTextLineHorizontal,
)
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from atscheck.errors import InputError
from atscheck.extract import Limits
from atscheck.extract.pdfscan import prescan
from atscheck.extract.pdfstreams import bounded_streams
from atscheck.extract.textbuild import Run, TextBuilder
from atscheck.model import ICON_MAX_POINTS, RGB, Document, Format, PageInfo, Span

_CID = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(r"^(page\s*)?[-–]?\s*\d+\s*[-–]?(\s*(of|/)\s*\d+)?$")
LAYOUT = LAParams(all_texts=True, boxes_flow=None)


@dataclass(frozen=True)
class _Line:
    x0: float
    top: float
    x1: float
    bottom: float
    item: LTTextLineHorizontal


def read(data: bytes, path: str, fmt: Format, limits: Limits) -> Document:
    prescan(data, limits)  # a file built to exhaust a reader is refused before pdfminer opens it
    with bounded_streams(limits.max_inflated_bytes):
        return _read(data, path, fmt, limits)


def _read(data: bytes, path: str, fmt: Format, limits: Limits) -> Document:
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        raise InputError(
            "encrypted",
            "This PDF is protected with a password, so neither atscheck nor an ATS can read it. "
            "Save a copy without the password (in your PDF tool: Security > No security, or print to PDF) "
            "and check that copy.",
        ) from None
    except PDFEncryptionError:
        raise InputError(
            "encrypted",
            "This PDF uses an encryption atscheck cannot open. Export it again without protection and check that copy.",
        ) from None
    except InputError:
        raise
    except Exception:  # pdfminer raises many types on damaged files; all mean the same to the user
        raise InputError("corrupt", _CORRUPT) from None
    if not document.is_extractable:
        warnings = [
            "The PDF forbids text extraction (a copy-protection flag); some ATS will refuse to read it. "
            "Export it again without restrictions."
        ]
    else:
        warnings = []
    manager = PDFResourceManager(caching=True)
    aggregator = PDFPageAggregator(manager, laparams=LAYOUT)
    interpreter = PDFPageInterpreter(manager, aggregator)
    builder = TextBuilder()
    pages: list[PageInfo] = []
    unmapped = 0
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if number > limits.max_pages:
                total = _page_count(document)
                warnings.append(
                    f"Only the first {limits.max_pages} of {total or 'many'} pages were read. "
                    "A resume is one or two pages; an ATS may stop reading early too."
                )
                break
            try:
                interpreter.process_page(page)
                layout = aggregator.get_result()
            except InputError:
                raise
            except Exception:
                warnings.append(f"Page {number} could not be read (it is damaged) and was skipped.")
                continue
            info, page_unmapped = _read_page(layout, number, builder)
            pages.append(info)
            unmapped += page_unmapped
            builder.add_break()
    except InputError:
        raise
    except Exception:
        if not pages:
            raise InputError("corrupt", _CORRUPT) from None
        warnings.append(f"The PDF is damaged after page {len(pages)}; the rest was skipped.")
    if not pages:
        raise InputError(
            "empty",
            "This PDF has no pages, so there is nothing to read. Export your resume again and check the new file.",
        )
    if unmapped:
        warnings.append(
            f"{unmapped} characters could not be turned into text (fonts without a Unicode map): "
            "an ATS reads them as garbage. Export the PDF again with embedded Unicode fonts."
        )
    text, spans = builder.build()
    spans = _mark_margins(_mark_headings(spans), tuple(pages))
    return Document(
        path=path,
        format=fmt,
        text=text,
        spans=spans,
        pages=tuple(pages),
        images=sum(page.images for page in pages),
        icons=sum(page.icons for page in pages),
        columns=max(page.columns for page in pages),
        unmapped_glyphs=unmapped,
        warnings=tuple(warnings),
    )


_CORRUPT = (
    "This PDF is damaged and cannot be read. Export it again from your editor "
    "(File > Save As / Export > PDF) and check the new file."
)


def _mark_headings(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Short lines set clearly larger than the body text are headings (or the name at the top); the
    larger the type, the higher the level, as a reader would see it."""
    sizes = [span.font_size for span in spans for _ in span.text if span.font_size]
    if not sizes:
        return spans
    body = statistics.median(sizes)

    def is_heading(span: Span) -> bool:
        return bool(span.font_size and span.font_size >= body * 1.15 and len(span.text.strip()) <= 60)

    tiers = sorted({span.font_size for span in spans if is_heading(span)}, reverse=True)
    return tuple(
        replace(span, heading_level=min(tiers.index(span.font_size) + 1, 6)) if is_heading(span) else span
        for span in spans
    )


MARGIN_BAND = 0.075  # share of the page height at the top and bottom where headers and footers sit
RUNNING_BAND = 0.12  # a line repeated on several pages this close to the edge is a running header/footer
MARGIN_GAP = 18.0  # points of empty space that set a header or footer apart from the body


def _mark_margins(spans: tuple[Span, ...], pages: tuple[PageInfo, ...]) -> tuple[Span, ...]:
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
        if page != line_page or top > line_middle:  # starts below the middle of the line being built
            lines.append([])
            line_page, line_middle = page, (top + spans[i].bbox[3]) / 2
        lines[-1].append(i)

    def band(members: list[int], share: float) -> str | None:
        top = min(spans[i].bbox[1] for i in members)
        bottom = max(spans[i].bbox[3] for i in members)
        height = heights[spans[members[0]].page]
        if bottom <= height * share:
            return "header"
        if top >= height * (1 - share):
            return "footer"
        return None

    def repeated_key(members: list[int]) -> tuple[str, int]:
        """The same words at the same place; page numbers ("Page 2 of 3") count as the same words."""
        text = " ".join(spans[i].text.strip().lower() for i in members)
        return ("page number" if _PAGE_NUMBER.match(text) else text), round(spans[members[0]].bbox[1] / 4)

    marked: dict[int, str] = {}
    pages_of: dict[tuple[str, int], set[int]] = {}
    for members in lines:
        if band(members, RUNNING_BAND):
            pages_of.setdefault(repeated_key(members), set()).add(spans[members[0]].page or 0)
    for members in lines:
        place = band(members, RUNNING_BAND)
        if place and len(pages_of[repeated_key(members)]) > 1:
            marked.update((i, place) for i in members)
    for number in heights:
        on_page = [members for members in lines if spans[members[0]].page == number]
        for place in ("header", "footer"):
            edge = [i for members in on_page if band(members, MARGIN_BAND) == place for i in members]
            rest = [i for members in on_page if band(members, MARGIN_BAND) != place for i in members]
            if not edge:
                continue
            if place == "header":
                gap = min((spans[i].bbox[1] for i in rest), default=heights[number])
                gap -= max(spans[i].bbox[3] for i in edge)
            else:
                gap = min(spans[i].bbox[1] for i in edge) - max((spans[i].bbox[3] for i in rest), default=0.0)
            if gap >= MARGIN_GAP:
                marked.update((i, place) for i in edge)
    return tuple(replace(span, source=marked[i]) if i in marked else span for i, span in enumerate(spans))


def _page_count(document: PDFDocument) -> int | None:
    try:
        return int(resolve1(document.catalog["Pages"])["Count"])
    except Exception:
        return None


def _walk(item: LTComponent) -> Iterator[LTComponent]:
    yield item
    if isinstance(item, LTContainer) and not isinstance(item, LTTextLineHorizontal):
        for child in item:
            yield from _walk(child)


def _read_page(layout: LTContainer, number: int, builder: TextBuilder) -> tuple[PageInfo, int]:
    height = layout.height
    lines: list[_Line] = []
    images = icons = 0
    backgrounds: list[tuple[float, float, float, float]] = []  # filled shapes and pictures text may sit on
    for item in _walk(layout):
        if isinstance(item, LTTextLineHorizontal) and item.get_text().strip():
            lines.append(_Line(item.x0, height - item.y1, item.x1, height - item.y0, item))
        elif isinstance(item, LTImage):
            images += 1
            icons += item.width <= ICON_MAX_POINTS and item.height <= ICON_MAX_POINTS
            backgrounds.append(item.bbox)
        elif isinstance(item, LTCurve) and item.fill and _is_dark(item.non_stroking_color):
            backgrounds.append(item.bbox)
    ordered, columns = reading_order(lines, layout.width)
    chars = 0
    unmapped = 0
    for line in ordered:
        runs, line_unmapped = _runs(line, number, height, backgrounds)
        unmapped += line_unmapped
        chars += sum(len(run.text.strip()) for run in runs)
        builder.add_line(runs)
    return PageInfo(number, layout.width, height, chars, images, columns, icons), unmapped


def reading_order(lines: list[_Line], width: float) -> tuple[list[_Line], int]:
    """Top to bottom; where the page is split into two columns, the left column before the right.

    Lines that cross the gutter (a name banner, a full-width heading) end one band of columns and
    start the next, so a page with a header and two columns below it reads header, left, right.
    """
    by_position = sorted(lines, key=lambda line: (round(line.top), line.x0))
    gutter = _find_gutter(lines, width)
    if gutter is None:
        return by_position, 1
    ordered: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []
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


def _find_gutter(lines: list[_Line], width: float) -> float | None:
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
    def chars(side: list[_Line]) -> int:
        return sum(len(line.item.get_text()) for line in side)

    small, big = (left, right) if chars(left) < chars(right) else (right, left)
    aligned = sum(1 for line in small if any(abs(line.top - other.top) < 1.5 for other in big))
    if aligned > len(small) * 0.45:
        return None
    return gutter


def _color(char: LTChar) -> RGB | None:
    value = getattr(char.graphicstate, "ncolor", None)
    if isinstance(value, (int, float)):
        return (float(value),) * 3  # grey level
    if isinstance(value, (list, tuple)) and all(isinstance(v, (int, float)) for v in value):
        if len(value) == 1:
            return (float(value[0]),) * 3
        if len(value) == 3:
            return (float(value[0]), float(value[1]), float(value[2]))
        if len(value) == 4:
            c, m, y, k = (float(v) for v in value)
            return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _is_dark(color: object) -> bool:
    if isinstance(color, (int, float)):
        return color < 0.6
    if isinstance(color, (list, tuple)) and color and all(isinstance(v, (int, float)) for v in color):
        if len(color) == 4:  # CMYK: dark when there is much ink
            return color[3] > 0.4 or sum(color[:3]) > 1.5
        return sum(color) / len(color) < 0.6
    return True  # a pattern or unknown colour: assume text on it can be seen


def _covered(box: tuple[float, float, float, float], backgrounds: list[tuple[float, float, float, float]]) -> bool:
    x0, y0, x1, y1 = box
    return any(
        bx0 <= x0 + 1 and x1 <= bx1 + 1 and by0 <= y0 + 1 and y1 <= by1 + 1 for bx0, by0, bx1, by1 in backgrounds
    )


def _runs(
    line: _Line, page: int, height: float, backgrounds: list[tuple[float, float, float, float]]
) -> tuple[list[Run], int]:
    """Split a line where the colour or size changes, so white or tiny text is its own span."""
    runs: list[Run] = []
    key: tuple | None = None
    parts: list[str] = []
    sizes: list[float] = []
    color: RGB | None = None
    bold = False
    x0 = x1 = 0.0

    def flush() -> None:
        if parts:
            span = Span(
                text="",
                start=0,
                page=page,
                source="body",
                bbox=(x0, line.top, x1, line.bottom),
                font_size=round(statistics.median(sizes), 1) if sizes else None,
                color=color,
                bold=bold,
                on_background=_covered((x0, height - line.bottom, x1, height - line.top), backgrounds),
            )
            runs.append(Run("".join(parts), span))

    for char in line.item:
        if isinstance(char, LTChar):
            # The raw colour value is the key (a tuple, list or number); it is converted once per run.
            raw = getattr(char.graphicstate, "ncolor", None)
            char_key = (tuple(raw) if isinstance(raw, list) else raw, round(char.size))
            if char_key != key:
                flush()
                parts, sizes, key = [], [], char_key
                color, bold, x0 = _color(char), "bold" in char.fontname.lower(), char.x0
            parts.append(char.get_text())
            sizes.append(char.size)
            x1 = char.x1
        elif isinstance(char, LTAnno):
            parts.append(char.get_text())
    flush()
    unmapped = 0
    cleaned: list[Run] = []
    for run in runs:
        text, count = _CID.subn("\ufffd", run.text.replace("\n", ""))
        unmapped += count
        cleaned.append(Run(text, run.span))
    return cleaned, unmapped
