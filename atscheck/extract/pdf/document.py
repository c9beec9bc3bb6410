"""A PDF read into a Document: PDFium opens it (after the pre-scan), each page's characters become lines and
words in reading order, and text a reader cannot see is marked as such."""

from __future__ import annotations

import os
import re
import statistics
import threading
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from atscheck.errors import InputError
from atscheck.extract.limits import Limits
from atscheck.extract.pdf.hidden import Surroundings, how_hidden, needs_drawing, scanned_pictures, unseen_how
from atscheck.extract.pdf.ink import inkless
from atscheck.extract.pdf.layout import Line, Piece, Word, glyph_lines, line_words, reading_order
from atscheck.extract.pdf.margins import mark_headings, mark_margins
from atscheck.extract.pdf.pdfium import forget_fonts, page_box, read_glyphs, walk_objects
from atscheck.extract.pdf.prescan import prescan
from atscheck.extract.pdf.shapes import box_area, box_overlap
from atscheck.extract.textbuild import Run, TextBuilder
from atscheck.model import Document, PageInfo

_CORRUPT = (
    "This PDF is damaged and cannot be read. Export it again from your editor "
    "(File > Save As / Export > PDF) and check the new file."
)


_EXTRACT_PERMISSION = 1 << 4  # bit 5 of the permission flags: copy or extract text and graphics


_NO_PAGES = "This PDF has no pages, so there is nothing to read. Export your resume again and check it."


_EMPTY_PAGE_TREE = re.compile(rb"/Count\s+0\b")


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _declares_no_pages(data: bytes) -> bool:
    """The page tree says it holds no page (/Count 0) and no page object is in sight."""
    return _EMPTY_PAGE_TREE.search(data) is not None and _PAGE_OBJECT.search(data) is None


# PDFium is not thread-safe (pypdfium2: calls must be serialized), and neither is _BOLD_FONTS; a library
# caller may read PDFs from several threads, so every read holds this lock. Processes each have their own:
# a child forked while another thread of its parent held it starts with a free one (and no fonts).
_PDFIUM = threading.Lock()


def _after_fork_in_child() -> None:
    global _PDFIUM
    _PDFIUM = threading.Lock()
    forget_fonts()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def read(data: bytes, path: str, limits: Limits) -> Document:
    prescan(data, limits)  # a file built to exhaust a reader is refused before PDFium opens it
    with _PDFIUM:
        return _open(data, path, limits)


def _open(data: bytes, path: str, limits: Limits) -> Document:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if _declares_no_pages(data):  # PDFium refuses a document without pages and sets no error code
            raise InputError("empty", _NO_PAGES) from None
        # PDFium's error code is left from an earlier call when it sets none: trust a password code only
        # for a file that is encrypted at all.
        code = getattr(error, "err_code", None) if b"/Encrypt" in data else pdfium_c.FPDF_ERR_FORMAT
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(
                "encrypted",
                "This PDF is protected with a password, so neither atscheck nor an ATS can read it. "
                "Save a copy without the password (in your PDF tool: Security > No security, or print to PDF) "
                "and check that copy.",
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError(
                "encrypted",
                "This PDF uses an encryption atscheck cannot open. Export it again without protection and check "
                "that copy.",
            ) from None
        raise InputError("corrupt", _CORRUPT) from None
    try:
        return _read(document, path, limits)
    finally:
        forget_fonts()
        document.close()


def _read(document: pdfium.PdfDocument, path: str, limits: Limits) -> Document:
    warnings = []
    if not pdfium_c.FPDF_GetDocPermissions(document.raw) & _EXTRACT_PERMISSION:
        warnings.append(
            "The PDF forbids text extraction (a copy-protection flag); some ATS will refuse to read it. "
            "Export it again without restrictions."
        )
    total = len(document)
    if total == 0:
        raise InputError("empty", _NO_PAGES)
    if total > limits.max_pages:
        warnings.append(
            f"Only the first {limits.max_pages} of {total} pages were read. "
            "A resume is one or two pages; an ATS may stop reading early too."
        )
    builder = TextBuilder()
    pages: list[PageInfo] = []
    unmapped = 0
    chars_left = limits.max_chars
    for index in range(min(total, limits.max_pages)):
        page = pdfium_c.FPDF_LoadPage(document.raw, index)
        if not page:
            warnings.append(f"Page {index + 1} could not be read (it is damaged) and was skipped.")
            continue
        try:
            info, page_unmapped = _read_page(page, index + 1, builder, chars_left)
        finally:
            pdfium_c.FPDF_ClosePage(page)
        pages.append(info)
        unmapped += page_unmapped
        chars_left -= info.chars
        builder.add_break()
        if chars_left <= 0:
            break  # extract() says the text was cut at the character limit
    if not pages:  # every page is damaged
        raise InputError("corrupt", _CORRUPT)
    # Unmapped glyphs come out as U+FFFD: the garbled-text check reports them inside words, the images check
    # where they stand alone (icons, symbol bullets); one cause, one finding, so no extraction warning here.
    text, spans = builder.build()
    spans = mark_margins(mark_headings(spans), tuple(pages))
    return Document(
        path=path,
        format="pdf",
        text=text,
        spans=spans,
        pages=tuple(pages),
        images=sum(page.images for page in pages),
        icons=sum(page.icons for page in pages),
        columns=max(page.columns for page in pages),
        unmapped_glyphs=unmapped,
        warnings=tuple(warnings),
    )


def _read_page(page: Any, number: int, builder: TextBuilder, chars_left: int) -> tuple[PageInfo, int]:
    width = pdfium_c.FPDF_GetPageWidthF(page)
    height = pdfium_c.FPDF_GetPageHeightF(page)
    objects = walk_objects(page)
    glyphs, unmapped = read_glyphs(page, objects, chars_left)
    view = page_box(page, width, height)
    around = Surroundings.of(objects.paints, view, scanned_pictures(objects, glyphs, width * height))
    lines: list[Line] = []
    for glyph_line in glyph_lines(glyphs):
        words = line_words(glyph_line)
        if not words:
            continue
        x0, y0, x1, y1 = (
            min([w.box[0] for w in words]),
            min([w.box[1] for w in words]),
            max([w.box[2] for w in words]),
            max([w.box[3] for w in words]),
        )
        lines.append(Line(x0, height - y1, x1, height - y0, Piece(words)))
    ordered, columns = reading_order(lines, width)
    verdicts = _verdicts(page, width, height, ordered, around)
    chars = 0
    for line in ordered:
        runs = _runs(line, number, verdicts)
        chars += sum(len(run.text.strip()) for run in runs)
        builder.add_line(runs)
    info = PageInfo(number, width, height, chars, objects.images, columns, objects.icons)
    return info, unmapped


SOFT_HYPHEN = "\u00ad"


def _soft_hyphens(text: str, at_line_end: bool) -> str:
    """A soft hyphen is a hint where a word may break: at the end of a line it shows as a hyphen (LuaTeX maps
    its hyphen glyph to it), and the text builder joins the word; inside a line it is no character at all, so
    "Kuber\u00adnetes" reads "Kubernetes"."""
    ends_line = at_line_end and text.endswith(SOFT_HYPHEN)
    return text.replace(SOFT_HYPHEN, "") + ("-" if ends_line else "")


Verdict = tuple[str, bool]  # how a word is hidden ("" when a reader sees it), and whether it stands on a background


def _verdicts(page: Any, width: float, height: float, lines: list[Line], around: Surroundings) -> dict[int, Verdict]:
    """Each word's verdict, by id(word): first by what the page says of it (how_hidden), then, for the words
    only a drawing can judge, by whether the drawn page shows any ink of them."""
    verdicts: dict[int, Verdict] = {}
    doubtful: list[Word] = []
    for line in lines:
        words: list[Word] = line.item.words
        first_box = words[0].box
        starts_on_page = box_overlap(first_box, around.view) >= box_area(first_box) * 0.5 > 0
        near = around.near([word.box for word in words])  # the line's words are tested against these alone
        for word in words:
            style = word.glyphs[0].style
            verdict = verdicts[id(word)] = how_hidden(word, style, near, starts_on_page)
            if not verdict[0] and needs_drawing(word, style, near):
                doubtful.append(word)
    if doubtful:
        for index in inkless(page, width, height, doubtful):
            word = doubtful[index]
            verdicts[id(word)] = (unseen_how(word, word.glyphs[0].style, around), verdicts[id(word)][1])
    return verdicts


def _runs(line: Line, page: int, verdicts: dict[int, Verdict]) -> list[Run]:
    """Split a line where the look of the text changes, so white, tiny or hidden text is its own span, and
    each letter-spaced word is its own span."""
    runs: list[Run] = []
    words: list[Word] = line.item.words
    key: tuple[object, ...] | None = None
    parts: list[str] = []
    sizes: list[float] = []
    first: Word | None = None
    last: Word | None = None
    attributes: dict[str, Any] = {}

    def flush() -> None:
        if parts and first is not None and last is not None:
            x0, y0, x1, y1 = first.box[0], first.box[1], last.box[2], last.box[3]
            attributes["bbox"] = (x0, line.top, x1, line.bottom) if y1 >= y0 else None
            attributes["font_size"] = round(statistics.median(sizes), 1) if sizes else None
            runs.append(Run("".join(parts), attributes))

    for word in words:
        style = word.glyphs[0].style
        hidden_how, on_background = verdicts[id(word)]
        color = style.color if style else None
        bold = style.bold if style else False
        word_key = (color, round(word.glyphs[0].size), bold, hidden_how, on_background, word.split_as or None)
        if word_key != key:
            flush()
            key, parts, sizes, first = word_key, [], [], word
            attributes = {
                "page": page,
                "color": color,
                "bold": bold,
                "hidden": bool(hidden_how),
                "hidden_how": hidden_how,
                "on_background": on_background,
                "split_as": word.split_as,
            }
        text = "".join([g.text for g in word.glyphs])
        if SOFT_HYPHEN in text:
            text = _soft_hyphens(text, at_line_end=word is words[-1])
        parts.append(text + (" " if word.space_after else ""))
        sizes += [g.size for g in word.glyphs]
        last = word
    flush()
    return runs
