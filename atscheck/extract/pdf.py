"""PDF resumes, read with PDFium (pypdfium2's raw API) and put in reading order column by column.

PDFium gives, per character, its Unicode value, its box and the text object that drew it; per text object
the font, size, colour, alpha, render mode, clip path and matrix; per page the drawing order of every
object, including those inside form XObjects. From these this module builds lines and words the way the
page shows them (docs/extraction.md says how and why), and marks text a reader cannot see.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
import struct
import threading
from dataclasses import dataclass, replace
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from atscheck.errors import InputError
from atscheck.extract import Limits
from atscheck.extract.pdfscan import prescan
from atscheck.extract.textbuild import Run, TextBuilder
from atscheck.model import ICON_MAX_POINTS, RGB, BBox, Document, Format, PageInfo, Source, Span

_PAGE_NUMBER = re.compile(r"^(page\s*)?[-–]?\s*\d+\s*[-–]?(\s*(of|/)\s*\d+)?$")
_CORRUPT = (
    "This PDF is damaged and cannot be read. Export it again from your editor "
    "(File > Save As / Export > PDF) and check the new file."
)
_EXTRACT_PERMISSION = 1 << 4  # bit 5 of the permission flags: copy or extract text and graphics
MAX_OBJECT_DEPTH = 12  # form XObjects inside form XObjects; deeper nesting is not a resume
MAX_OBJECTS = 200_000  # page objects walked per page, form contents included

# Hidden-text techniques, as the hidden-text finding names them.
INVISIBLE_INK = "drawn in invisible ink (text render mode 3 or 7)"
TRANSPARENT = "fully transparent (alpha 0)"
SQUEEZED = "squeezed to almost no width (horizontal scaling)"
OFF_PAGE = "placed off the page"
CLIPPED = "clipped away"
COVERED = "covered by a shape drawn over it"

LINE_BREAK_GAP = 1.0  # a gap wider than this many font sizes ends a line (a tab stop, a second column)
WORD_GAP = 0.1  # font sizes beyond the line's usual letter gap that separate words
SPLIT_GAP = 0.1  # a letter gap wider than this share of the font size makes word-margin parsers split the word
CLIPPED_SHARE = 0.1  # clipped away when less than this share of a word's box is inside its clip path (a table
# cell's clip may cut the top of a tall line box; that text can still be read)
SCANNED_PAGE_SHARE = 0.5  # an image over this share of the page is a scanned page; text on it is its OCR layer


_NO_PAGES = "This PDF has no pages, so there is nothing to read. Export your resume again and check it."


_EMPTY_PAGE_TREE = re.compile(rb"/Count\s+0\b")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _declares_no_pages(data: bytes) -> bool:
    """The page tree says it holds no page (/Count 0) and no page object is in sight."""
    return _EMPTY_PAGE_TREE.search(data) is not None and _PAGE_OBJECT.search(data) is None


# PDFium is not thread-safe (pypdfium2: calls must be serialized), and neither is _BOLD_FONTS; a library
# caller may read PDFs from several threads, so every read holds this lock. Processes each have their own.
_PDFIUM = threading.Lock()


def read(data: bytes, path: str, fmt: Format, limits: Limits) -> Document:
    prescan(data, limits)  # a file built to exhaust a reader is refused before PDFium opens it
    with _PDFIUM:
        return _open(data, path, fmt, limits)


def _open(data: bytes, path: str, fmt: Format, limits: Limits) -> Document:
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
        return _read(document, path, fmt, limits)
    finally:
        _BOLD_FONTS.clear()  # addresses are reused once the document is closed
        document.close()


def _read(document: pdfium.PdfDocument, path: str, fmt: Format, limits: Limits) -> Document:
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


# ---------------------------------------------------------------- page objects


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _plain(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same PDFium function declared with plain ctypes types (handles and buffers as integers): pypdfium2's
    typed pointers cost a conversion on every call. Without argtypes the function takes ctypes objects as they
    are, the cheapest call there is (the per-character loop); handles must then be passed as c_void_p.
    Declared as a call that keeps the GIL (PYFUNCTYPE): each of these returns in well under a microsecond,
    sooner than letting go of the GIL and taking it back, and PDFium calls no Python code back."""
    plain = ctypes.PYFUNCTYPE(restype, *argtypes)(_address(function))
    if not argtypes:
        plain.argtypes = None  # type: ignore[assignment]  # any arguments, each taken as it is
    return plain


_VOID, _INT = ctypes.c_void_p, ctypes.c_int
# Per character: called with a c_void_p text page, a Python int index and c_void_p out-pointers.
_TEXT_OBJECT = _plain(pdfium_c.FPDFText_GetTextObject, _VOID)
_LOOSE_BOX = _plain(pdfium_c.FPDFText_GetLooseCharBox, _INT)
_ORIGIN = _plain(pdfium_c.FPDFText_GetCharOrigin, _INT)
_MAP_ERROR = _plain(pdfium_c.FPDFText_HasUnicodeMapError, _INT)
# The out-values of one character, read back in one unpack: its loose box (an FS_RECTF: left, top, right,
# bottom) and its origin (two doubles).
_CHAR_FACTS = struct.Struct("=4f2d")
# Once per text object (a page may hold thousands: some writers draw each word or letter as one).
_FONT_SIZE = _plain(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, _VOID, _INT)
_CHAR_MATRIX = _plain(pdfium_c.FPDFText_GetMatrix, _INT, _VOID, _INT, _VOID)
_RENDER_MODE = _plain(pdfium_c.FPDFTextObj_GetTextRenderMode, _INT, _VOID)
_FILL_COLOR = _plain(pdfium_c.FPDFPageObj_GetFillColor, _INT, _VOID, _VOID, _VOID, _VOID, _VOID)
_STROKE_COLOR = _plain(pdfium_c.FPDFPageObj_GetStrokeColor, _INT, _VOID, _VOID, _VOID, _VOID, _VOID)
_FONT = _plain(pdfium_c.FPDFTextObj_GetFont, _VOID, _VOID)
_CLIP_PATH = _plain(pdfium_c.FPDFPageObj_GetClipPath, _VOID, _VOID)
_CLIP_PATHS = _plain(pdfium_c.FPDFClipPath_CountPaths, _INT, _VOID)
_CLIP_SEGMENTS = _plain(pdfium_c.FPDFClipPath_CountPathSegments, _INT, _VOID, _INT)
_CLIP_SEGMENT = _plain(pdfium_c.FPDFClipPath_GetPathSegment, _VOID, _VOID, _INT, _INT)
_SEGMENT_POINT = _plain(pdfium_c.FPDFPathSegment_GetPoint, _INT, _VOID, _VOID, _VOID)
# Once per page object.
_PAGE_OBJECTS = _plain(pdfium_c.FPDFPage_CountObjects, _INT, _VOID)
_PAGE_OBJECT_AT = _plain(pdfium_c.FPDFPage_GetObject, _VOID, _VOID, _INT)
_FORM_OBJECTS = _plain(pdfium_c.FPDFFormObj_CountObjects, _INT, _VOID)
_FORM_OBJECT_AT = _plain(pdfium_c.FPDFFormObj_GetObject, _VOID, _VOID, ctypes.c_ulong)
_OBJECT_TYPE = _plain(pdfium_c.FPDFPageObj_GetType, _INT, _VOID)
_OBJECT_MATRIX = _plain(pdfium_c.FPDFPageObj_GetMatrix, _INT, _VOID, _VOID)
_OBJECT_BOUNDS = _plain(pdfium_c.FPDFPageObj_GetBounds, _INT, _VOID, _VOID, _VOID, _VOID, _VOID)
_DRAW_MODE = _plain(pdfium_c.FPDFPath_GetDrawMode, _INT, _VOID, _VOID, _VOID)


Matrix = tuple[float, float, float, float, float, float]
_Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF coordinates
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _transform(box: tuple[float, float, float, float], m: Matrix) -> tuple[float, float, float, float]:
    """A PDF box (left, bottom, right, top) through matrix m, as the box around the result."""
    if m == _IDENTITY:
        return box
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
        xs.append(m[0] * x + m[2] * y + m[4])
        ys.append(m[1] * x + m[3] * y + m[5])
    return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True)
class _Paint:
    """A filled shape or picture on the page, in drawing order, with its box in PDF coordinates."""

    order: int
    box: tuple[float, float, float, float]
    opaque: bool
    dark: bool
    image: bool


@dataclass(slots=True)  # not frozen: one is made per text object, and a frozen one takes four times as long
class _Style:
    """What one text object says about how its characters look."""

    order: int
    color: RGB | None
    bold: bool
    hidden_how: str  # a technique that hides every character of the object, or ""
    clip: tuple[float, float, float, float] | None  # the clip path's box in PDF coordinates


@dataclass
class _Objects:
    text: dict[int, tuple[int, Matrix]]  # text object address -> (drawing order, form matrix)
    paints: list[_Paint]
    images: int = 0
    icons: int = 0


# Where the per-object calls write: a matrix (an FS_MATRIX, six floats) or a colour (four unsigned ints),
# read back in one unpack each.
_OUT = ctypes.create_string_buffer(24)
_OUT_AT = ctypes.addressof(_OUT)
_RGBA_OUT = tuple(_OUT_AT + 4 * k for k in range(4))
_MATRIX_FLOATS = struct.Struct("=6f")
_RGBA_UINTS = struct.Struct("=4I")


def _walk_objects(page: Any) -> _Objects:
    """Every object of the page in drawing order (form XObjects' contents where the form is drawn)."""
    found = _Objects({}, [])
    bounds = (ctypes.c_float * 4)()
    bounds_at = [ctypes.addressof(bounds) + 4 * k for k in range(4)]
    modes = (ctypes.c_int * 2)()
    fill_at, stroke_at = ctypes.addressof(modes), ctypes.addressof(modes) + 4
    seen = 0

    def walk(parent: int, is_form: bool, outer: Matrix, depth: int) -> None:
        nonlocal seen
        count, object_at = (_FORM_OBJECTS, _FORM_OBJECT_AT) if is_form else (_PAGE_OBJECTS, _PAGE_OBJECT_AT)
        for index in range(max(count(parent), 0)):
            seen += 1
            if seen > MAX_OBJECTS:
                return
            handle = object_at(parent, index)
            kind = _OBJECT_TYPE(handle)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                found.text[handle] = (seen, outer)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                if depth < MAX_OBJECT_DEPTH and _OBJECT_MATRIX(handle, _OUT_AT):
                    inner: Matrix = _MATRIX_FLOATS.unpack_from(_OUT)
                    walk(handle, True, _compose(inner, outer), depth + 1)
            elif kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE) and _OBJECT_BOUNDS(
                handle, *bounds_at
            ):
                box = _transform((bounds[0], bounds[1], bounds[2], bounds[3]), outer)
                if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                    found.images += 1
                    found.icons += box[2] - box[0] <= ICON_MAX_POINTS and box[3] - box[1] <= ICON_MAX_POINTS
                    found.paints.append(_Paint(seen, box, opaque=True, dark=True, image=True))
                elif (
                    _DRAW_MODE(handle, fill_at, stroke_at)
                    and modes[0] != pdfium_c.FPDF_FILLMODE_NONE
                    and _FILL_COLOR(handle, *_RGBA_OUT)
                ):
                    red, green, blue, alpha = _RGBA_UINTS.unpack_from(_OUT)
                    dark = (red + green + blue) / 3 < 0.6 * 255
                    found.paints.append(_Paint(seen, box, opaque=alpha == 255, dark=dark, image=False))

    walk(_address(page), False, _IDENTITY, 0)
    return found


_STROKED = (pdfium_c.FPDF_TEXTRENDERMODE_STROKE, pdfium_c.FPDF_TEXTRENDERMODE_STROKE_CLIP)
_INVISIBLE = (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP)


def _object_style(
    page_text: int, index: int, handle: int, known: tuple[int, Matrix] | None
) -> tuple[_Style | None, float]:
    """The style of the text object `handle` that drew character `index`, and its font size as drawn on the
    page. Called once per text object, which some writers make of every letter: kept to the calls it needs."""
    size = _FONT_SIZE(page_text, index)
    if known is None or not _CHAR_MATRIX(page_text, index, _OUT_AT):
        return None, size
    a, b, c, d, _, _ = _MATRIX_FLOATS.unpack_from(_OUT)
    size_scale = math.hypot(c, d)
    mode = _RENDER_MODE(handle)
    color: RGB | None = None
    hidden_how = ""
    if (_STROKE_COLOR if mode in _STROKED else _FILL_COLOR)(handle, *_RGBA_OUT):
        red, green, blue, alpha = _RGBA_UINTS.unpack_from(_OUT)
        color = (red / 255, green / 255, blue / 255)
        if alpha == 0:
            hidden_how = TRANSPARENT
    if mode in _INVISIBLE:
        hidden_how = INVISIBLE_INK
    if not hidden_how and math.hypot(a, b) < size_scale * 0.2:
        hidden_how = SQUEEZED
    font = _FONT(handle)
    bold = bool(font) and _is_bold(font)
    clip = _CLIP_PATH(handle)
    order, outer = known
    style = _Style(order, color, bold, hidden_how, _clip_box(clip, outer) if clip else None)
    return style, size * size_scale


_BOLD_FONTS: dict[int, bool] = {}  # font address -> bold, for the document being read (cleared after it)


def _is_bold(key: int) -> bool:
    if key not in _BOLD_FONTS:
        font = ctypes.cast(key, pdfium_c.FPDF_FONT)
        name = ctypes.create_string_buffer(256)
        pdfium_c.FPDFFont_GetBaseFontName(font, name, 256)
        lowered = name.value.decode("latin-1").lower()
        _BOLD_FONTS[key] = any(word in lowered for word in ("bold", "black", "heavy", "semibold")) or (
            pdfium_c.FPDFFont_GetWeight(font) >= 600
        )
    return _BOLD_FONTS[key]


def _clip_box(address: int, outer: Matrix) -> tuple[float, float, float, float] | None:
    """The box around a clip path (the intersection of its paths), or None when it clips nothing."""
    paths = _CLIP_PATHS(address)
    if paths <= 0:
        return None
    point = (ctypes.c_float * 2)()
    x_at, y_at = ctypes.addressof(point), ctypes.addressof(point) + 4
    box = (-math.inf, -math.inf, math.inf, math.inf)
    for path in range(min(paths, 64)):
        xs, ys = [], []
        for segment in range(min(_CLIP_SEGMENTS(address, path), 4096)):
            handle = _CLIP_SEGMENT(address, path, segment)
            if handle and _SEGMENT_POINT(handle, x_at, y_at):
                xs.append(point[0])
                ys.append(point[1])
        if xs:
            own = _transform((min(xs), min(ys), max(xs), max(ys)), outer)
            box = (max(box[0], own[0]), max(box[1], own[1]), min(box[2], own[2]), min(box[3], own[3]))
    return None if math.isinf(box[0]) else box


# ---------------------------------------------------------------- characters, words and lines


@dataclass(slots=True)
class _Glyph:
    text: str
    x0: float  # PDF coordinates: y grows upwards
    y0: float
    x1: float
    y1: float
    size: float
    style: _Style | None  # None for a space PDFium generated
    explicit_space: bool = False
    origin: float = math.nan  # where the pen stood: the letters of one ligature glyph share it


@dataclass(slots=True)
class _Word:
    glyphs: list[_Glyph]
    space_after: bool = False
    split_as: str = ""  # the word as a parser that breaks words at wide letter gaps reads it, when it differs
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # set once the word is complete

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


class _Piece:
    """One line of text as the page shows it: glyphs on one baseline with no wide gap between them."""

    def __init__(self, words: list[_Word]) -> None:
        self.words = words

    def get_text(self) -> str:
        return " ".join("".join(g.text for g in word.glyphs) for word in self.words)


@dataclass(frozen=True)
class _Line:
    x0: float
    top: float
    x1: float
    bottom: float
    item: Any  # a _Piece (anything with get_text())


def _glyphs(page: Any, objects: _Objects, chars_left: int) -> tuple[list[_Glyph | None], int]:
    """The page's characters in PDFium's order; None marks a line end PDFium found. Unmapped glyphs are U+FFFD."""
    textpage = pdfium_c.FPDFText_LoadPage(page)
    if not textpage:
        return [], 0
    try:
        count = min(pdfium_c.FPDFText_CountChars(textpage), max(chars_left, 0) + 1)
        if count <= 0:
            return [], 0
        buffer = ctypes.create_string_buffer((count + 1) * 2)
        written = pdfium_c.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        units = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
        if len(units) != count:  # characters outside the BMP: ask one by one
            units = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))
        objects_seen: dict[int, tuple[_Style | None, float]] = {}  # text object -> its style and size
        facts = ctypes.create_string_buffer(_CHAR_FACTS.size)
        at = ctypes.addressof(facts)
        box_at, x_at, y_at = _VOID(at), _VOID(at + 16), _VOID(at + 24)
        address = _address(textpage)
        page_text = _VOID(address)
        out: list[_Glyph | None] = []
        unmapped = 0
        # Looked up once, not per character: this loop runs for every character of the document.
        text_object, map_error, loose_box, char_origin = _TEXT_OBJECT, _MAP_ERROR, _LOOSE_BOX, _ORIGIN
        unpack, glyph = _CHAR_FACTS.unpack_from, _Glyph
        for i, char in enumerate(units[:count]):
            key = text_object(page_text, i)
            if not key:  # generated by PDFium: a space between words, or a line end
                if char in "\r\n":
                    if out and out[-1] is not None:
                        out.append(None)
                elif out and out[-1] is not None:
                    last = out[-1]
                    out.append(glyph(" ", last.x1, last.y0, last.x1, last.y1, last.size, None))
                continue
            seen = objects_seen.get(key)
            if seen is None:
                seen = objects_seen[key] = _object_style(address, i, key, objects.text.get(key))
            style, size = seen
            if map_error(page_text, i):
                unmapped += 1
                char = "\ufffd"
            elif char in "\x02\ufffe\u00ad":
                # A hyphen PDFium marks as a line-end break, or a drawn soft hyphen (LuaTeX maps its hyphen
                # glyph to U+00AD): the page shows a hyphen; at a line end the text builder decides.
                char = "-"
            # The pen's position is asked of every character: PDFium widens a loose box to the glyph's drawn
            # outline, so the box's left edge is no stand-in for it (an italic "f", a "j" reach left of it).
            loose_box(page_text, i, box_at)
            char_origin(page_text, i, x_at, y_at)
            left, top, right, bottom, origin, _ = unpack(facts)
            out.append(glyph(char, left, bottom, right, top, size, style, char == " ", origin))
        return out, unmapped
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)


def _pieces(glyphs: list[_Glyph | None]) -> list[list[_Glyph]]:
    """Cut PDFium's character stream into lines: at its line ends, where the baseline moves, at a wide gap,
    and where the text runs backwards. A gap is measured from the last glyph drawn, spaces the PDF holds
    included: space characters that fill a gap are text going on (two spaces after a full stop)."""
    pieces: list[list[_Glyph]] = []
    current: list[_Glyph] = []
    last: _Glyph | None = None
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


def _words(piece: list[_Glyph]) -> list[_Word]:
    """Words of one line, from where the glyphs stand. A space the PDF holds always separates words; a space
    PDFium guessed, or none, separates them only where the gap is wider than the line's usual gap between
    letters, so letter-spaced text ("D o c k e r" to the eye of a word-margin parser) reads "Docker"."""
    marks: list[_Glyph] = []  # the glyphs that are no space
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
    word = _Word([marks[0]])
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
            word = _Word([following])
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


# ---------------------------------------------------------------- the page


def _read_page(page: Any, number: int, builder: TextBuilder, chars_left: int) -> tuple[PageInfo, int]:
    width = pdfium_c.FPDF_GetPageWidthF(page)
    height = pdfium_c.FPDF_GetPageHeightF(page)
    objects = _walk_objects(page)
    glyphs, unmapped = _glyphs(page, objects, chars_left)
    view = _page_box(page, width, height)
    around = _Surroundings.of(objects.paints, view, _scans(objects, glyphs, width * height))
    lines: list[_Line] = []
    for glyph_line in _pieces(glyphs):
        words = _words(glyph_line)
        if not words:
            continue
        x0, y0, x1, y1 = (
            min([w.box[0] for w in words]),
            min([w.box[1] for w in words]),
            max([w.box[2] for w in words]),
            max([w.box[3] for w in words]),
        )
        lines.append(_Line(x0, height - y1, x1, height - y0, _Piece(words)))
    ordered, columns = reading_order(lines, width)
    chars = 0
    for line in ordered:
        runs = _runs(line, number, around)
        chars += sum(len(run.text.strip()) for run in runs)
        builder.add_line(runs)
    info = PageInfo(number, width, height, chars, objects.images, columns, objects.icons)
    return info, unmapped


def _scans(objects: _Objects, glyphs: list[_Glyph | None], page_area: float) -> list[tuple[float, float, float, float]]:
    """The picture of a scanned page, when the page is one: a picture over half the page, and no text that a
    reader could see besides it (every character invisible, as OCR draws its text layer, or under the
    picture). On a designed page with a picture behind visible text, invisible text is hidden text."""
    pictures = [p for p in objects.paints if p.image and _area(p.box) >= SCANNED_PAGE_SHARE * page_area]
    if not pictures:
        return []
    last = max(p.order for p in pictures)
    for glyph in glyphs:
        style = glyph.style if glyph is not None else None
        if style is not None and style.hidden_how != INVISIBLE_INK and style.order > last:
            return []
    return [p.box for p in pictures]


def _page_box(page: Any, width: float, height: float) -> tuple[float, float, float, float]:
    """The part of the page a viewer shows (the crop box, else the media box), in PDF coordinates."""
    box = [ctypes.c_float() for _ in range(4)]
    for getter in (pdfium_c.FPDFPage_GetCropBox, pdfium_c.FPDFPage_GetMediaBox):
        if getter(page, *box):
            return box[0].value, box[1].value, box[2].value, box[3].value
    return 0.0, 0.0, width, height


def _area(box: tuple[float, float, float, float]) -> float:
    return max(box[2] - box[0], 0.0) * max(box[3] - box[1], 0.0)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def _contains(outer: tuple[float, float, float, float], inner: tuple[float, float, float, float]) -> bool:
    return (
        outer[0] <= inner[0] + 1 and inner[2] <= outer[2] + 1 and outer[1] <= inner[1] + 1 and inner[3] <= outer[3] + 1
    )


@dataclass(frozen=True)
class _Surroundings:
    """What a page draws around its text, sorted for the questions asked of every word."""

    view: _Box  # the part of the page a viewer shows
    scans: list[_Box]  # pictures of a scanned page
    backgrounds: list[_Paint]  # dark shapes and pictures text may stand on
    covers: list[_Paint]  # opaque shapes and pictures that hide what they are drawn over
    # Text drawn before every background stands on none, and text drawn after every cover is under none:
    # most text is drawn after the page's shapes, so most words are not asked about covers at all.
    first_background: float
    last_cover: float

    @classmethod
    def of(cls, paints: list[_Paint], view: _Box, scans: list[_Box]) -> _Surroundings:
        backgrounds = [p for p in paints if p.dark or p.image]
        covers = [p for p in paints if p.opaque]
        first_background = min((p.order for p in backgrounds), default=math.inf)
        last_cover = max((p.order for p in covers), default=-math.inf)
        return cls(view, scans, backgrounds, covers, first_background, last_cover)


def _hidden_how(word: _Word, style: _Style | None, around: _Surroundings, starts_on_page: bool) -> tuple[str, bool]:
    """How the word is hidden ("" when it can be seen), and whether it stands on a dark shape or picture.

    Text placed off the page is hidden; a line that starts on the page and runs on past its edge (an
    overlong line, not a hiding place) is read as it is written."""
    box = word.box
    if around.scans and any(_contains(scan, box) for scan in around.scans):
        return "", True  # the OCR text layer of a scanned page: the words the picture shows
    order = style.order if style else 0
    on_background = order > around.first_background and any(
        p.order < order and _contains(p.box, box) for p in around.backgrounds
    )
    if style and style.hidden_how:
        return style.hidden_how, on_background
    view = around.view
    inside = view[0] <= box[0] and box[2] <= view[2] and view[1] <= box[1] and box[3] <= view[3]
    if not inside and not starts_on_page and (area := _area(box)) and _overlap(box, view) < area * 0.5:
        return OFF_PAGE, on_background
    clip = style.clip if style else None
    if clip is not None and (area := _area(box)) and _overlap(box, clip) < area * CLIPPED_SHARE:
        return CLIPPED, on_background
    if order < around.last_cover and any(p.order > order and _contains(p.box, box) for p in around.covers):
        return COVERED, on_background
    return "", on_background


def _runs(line: _Line, page: int, around: _Surroundings) -> list[Run]:
    """Split a line where the look of the text changes, so white, tiny or hidden text is its own span, and
    each letter-spaced word is its own span."""
    runs: list[Run] = []
    words: list[_Word] = line.item.words
    first_box = words[0].box
    starts_on_page = _overlap(first_box, around.view) >= _area(first_box) * 0.5 > 0
    key: tuple[object, ...] | None = None
    parts: list[str] = []
    sizes: list[float] = []
    first: _Word | None = None
    last: _Word | None = None
    attributes: dict[str, Any] = {}

    def flush() -> None:
        if parts and first is not None and last is not None:
            x0, y0, x1, y1 = first.box[0], first.box[1], last.box[2], last.box[3]
            attributes["bbox"] = (x0, line.top, x1, line.bottom) if y1 >= y0 else None
            attributes["font_size"] = round(statistics.median(sizes), 1) if sizes else None
            runs.append(Run("".join(parts), attributes))

    for word in words:
        style = word.glyphs[0].style
        hidden_how, on_background = _hidden_how(word, style, around, starts_on_page)
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
        parts.append("".join([g.text for g in word.glyphs]) + (" " if word.space_after else ""))
        sizes += [g.size for g in word.glyphs]
        last = word
    flush()
    return runs


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


# ---------------------------------------------------------------- headings, headers and footers


def _mark_headings(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Short lines set clearly larger than the body text are headings (or the name at the top); the
    larger the type, the higher the level, as a reader would see it."""
    sizes = [span.font_size for span in spans for _ in span.text if span.font_size]
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
        sides: tuple[Source, ...] = ("header", "footer")
        for side in sides:
            edge = [i for members in on_page if band(members, MARGIN_BAND) == side for i in members]
            rest = [i for members in on_page if band(members, MARGIN_BAND) != side for i in members]
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
