"""A typed facade over the PDFium calls atscheck makes (pypdfium2's raw API): the page's objects in drawing
order, each text object's style, and every character with its box and origin. The calls made per character
and per object are declared with plain ctypes types, the cheapest call there is."""

from __future__ import annotations

import ctypes
import math
import struct
from typing import Any

import pypdfium2.raw as pdfium_c

from atscheck.extract.pdf.hidden import INVISIBLE_INK, SQUEEZED, TRANSPARENT
from atscheck.extract.pdf.layout import Glyph
from atscheck.extract.pdf.shapes import (
    BLENDED,
    IDENTITY,
    IN_FORM,
    OPTIONAL,
    PATTERN,
    Box,
    Matrix,
    PageObjects,
    Paint,
    TextStyle,
    compose,
    transform,
)
from atscheck.model import ICON_MAX_POINTS, RGB

MAX_OBJECT_DEPTH = 12  # form XObjects inside form XObjects; deeper nesting is not a resume


MAX_OBJECTS = 200_000  # page objects walked per page, form contents included


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


_TRANSPARENT = _plain(pdfium_c.FPDFPageObj_HasTransparency, _INT, _VOID)


_MARKS = _plain(pdfium_c.FPDFPageObj_CountMarks, _INT, _VOID)


_MARK_AT = _plain(pdfium_c.FPDFPageObj_GetMark, _VOID, _VOID, ctypes.c_ulong)


_MARK_NAME = _plain(pdfium_c.FPDFPageObjMark_GetName, _INT, _VOID, _VOID, ctypes.c_ulong, _VOID)


# Where a mark's name is written (UTF-16, with its terminating zero); an optional-content mark is named "OC".
_NAME = ctypes.create_string_buffer(64)


_NAME_AT = ctypes.addressof(_NAME)


_NAME_LENGTH = ctypes.c_ulong()


_NAME_LENGTH_AT = ctypes.addressof(_NAME_LENGTH)


_OC_NAME = "OC\0".encode("utf-16-le")  # the name and its terminating zero: "OC", not "OCR..."


# Where the per-object calls write: a matrix (an FS_MATRIX, six floats) or a colour (four unsigned ints),
# read back in one unpack each.
_OUT = ctypes.create_string_buffer(24)


_OUT_AT = ctypes.addressof(_OUT)


_RGBA_OUT = tuple(_OUT_AT + 4 * k for k in range(4))


_MATRIX_FLOATS = struct.Struct("=6f")


_RGBA_UINTS = struct.Struct("=4I")


def walk_objects(page: Any) -> PageObjects:
    """Every object of the page in drawing order (form XObjects' contents where the form is drawn)."""
    found = PageObjects({}, [])
    bounds = (ctypes.c_float * 4)()
    bounds_at = [ctypes.addressof(bounds) + 4 * k for k in range(4)]
    modes = (ctypes.c_int * 2)()
    fill_at, stroke_at = ctypes.addressof(modes), ctypes.addressof(modes) + 4
    seen = 0

    def walk(parent: int, is_form: bool, outer: Matrix, depth: int, inherited: int) -> None:
        nonlocal seen
        count, object_at = (_FORM_OBJECTS, _FORM_OBJECT_AT) if is_form else (_PAGE_OBJECTS, _PAGE_OBJECT_AT)
        for index in range(max(count(parent), 0)):
            seen += 1
            if seen > MAX_OBJECTS:
                return
            handle = object_at(parent, index)
            kind = _OBJECT_TYPE(handle)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                found.text[handle] = (seen, outer, inherited | _flags(handle))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                if depth < MAX_OBJECT_DEPTH and _OBJECT_MATRIX(handle, _OUT_AT):
                    inner: Matrix = _MATRIX_FLOATS.unpack_from(_OUT)
                    walk(handle, True, compose(inner, outer), depth + 1, inherited | _flags(handle) | IN_FORM)
            elif kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE) and _OBJECT_BOUNDS(
                handle, *bounds_at
            ):
                box = transform((bounds[0], bounds[1], bounds[2], bounds[3]), outer)
                if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                    found.images += 1
                    found.icons += box[2] - box[0] <= ICON_MAX_POINTS and box[3] - box[1] <= ICON_MAX_POINTS
                    found.paints.append(Paint(seen, box, opaque=True, dark=True, image=True))
                elif (
                    _DRAW_MODE(handle, fill_at, stroke_at)
                    and modes[0] != pdfium_c.FPDF_FILLMODE_NONE
                    and _FILL_COLOR(handle, *_RGBA_OUT)
                ):
                    red, green, blue, alpha = _RGBA_UINTS.unpack_from(_OUT)
                    dark = (red + green + blue) / 3 < 0.6 * 255
                    color = (red / 255, green / 255, blue / 255)
                    found.paints.append(Paint(seen, box, opaque=alpha == 255, dark=dark, image=False, color=color))

    walk(_address(page), False, IDENTITY, 0, 0)
    return found


def _flags(handle: int) -> int:
    """OPTIONAL when the object is marked as optional content, BLENDED when it is drawn with transparency."""
    flags = BLENDED if _TRANSPARENT(handle) else 0
    for index in range(min(_MARKS(handle), 16)):
        mark = _MARK_AT(handle, index)
        if mark and _MARK_NAME(mark, _NAME_AT, len(_NAME), _NAME_LENGTH_AT) and _NAME.raw[:6] == _OC_NAME:
            flags |= OPTIONAL
    return flags


_STROKED = (pdfium_c.FPDF_TEXTRENDERMODE_STROKE, pdfium_c.FPDF_TEXTRENDERMODE_STROKE_CLIP)


_PATTERN_GREY = (0xBF, 0xBF, 0xBF)  # what PDFium reports for a fill or stroke with a pattern


_INVISIBLE = (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP)


def object_style(
    page_text: int, index: int, handle: int, known: tuple[int, Matrix, int] | None
) -> tuple[TextStyle | None, float]:
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
    order, outer, flags = known
    if (_STROKE_COLOR if mode in _STROKED else _FILL_COLOR)(handle, *_RGBA_OUT):
        red, green, blue, alpha = _RGBA_UINTS.unpack_from(_OUT)
        color = (red / 255, green / 255, blue / 255)
        if alpha == 0:
            hidden_how = TRANSPARENT
        if (red, green, blue) == _PATTERN_GREY:
            flags |= PATTERN
    if mode in _INVISIBLE:
        hidden_how = INVISIBLE_INK
    if not hidden_how and math.hypot(a, b) < size_scale * 0.2:
        hidden_how = SQUEEZED
    font = _FONT(handle)
    bold = bool(font) and _is_bold(font)
    clip = _CLIP_PATH(handle)
    style = TextStyle(order, color, bold, hidden_how, _clip_box(clip, outer) if clip else None, handle, flags)
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


def _clip_box(address: int, outer: Matrix) -> Box | None:
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
            own = transform((min(xs), min(ys), max(xs), max(ys)), outer)
            box = (max(box[0], own[0]), max(box[1], own[1]), min(box[2], own[2]), min(box[3], own[3]))
    return None if math.isinf(box[0]) else box


def read_glyphs(page: Any, objects: PageObjects, chars_left: int) -> tuple[list[Glyph | None], int]:
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
        objects_seen: dict[int, tuple[TextStyle | None, float]] = {}  # text object -> its style and size
        facts = ctypes.create_string_buffer(_CHAR_FACTS.size)
        at = ctypes.addressof(facts)
        box_at, x_at, y_at = _VOID(at), _VOID(at + 16), _VOID(at + 24)
        address = _address(textpage)
        page_text = _VOID(address)
        out: list[Glyph | None] = []
        unmapped = 0
        # Looked up once, not per character: this loop runs for every character of the document.
        text_object, map_error, loose_box, char_origin = _TEXT_OBJECT, _MAP_ERROR, _LOOSE_BOX, _ORIGIN
        unpack, glyph = _CHAR_FACTS.unpack_from, Glyph
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
                seen = objects_seen[key] = object_style(address, i, key, objects.text.get(key))
            style, size = seen
            if map_error(page_text, i):
                unmapped += 1
                char = "\ufffd"
            elif char in "\x02\ufffe":
                # A hyphen PDFium marks as a line-end break: the page shows a hyphen; the text builder decides.
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


def page_box(page: Any, width: float, height: float) -> Box:
    """The part of the page a viewer shows (the crop box, else the media box), in PDF coordinates."""
    box = [ctypes.c_float() for _ in range(4)]
    for getter in (pdfium_c.FPDFPage_GetCropBox, pdfium_c.FPDFPage_GetMediaBox):
        if getter(page, *box):
            return box[0].value, box[1].value, box[2].value, box[3].value
    return 0.0, 0.0, width, height


def forget_fonts() -> None:
    """Forget the fonts of the document just read: addresses are reused once a document is closed."""
    _BOLD_FONTS.clear()
