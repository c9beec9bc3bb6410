"""Whether words leave ink on the page, decided by drawing it: for text that only a drawing can judge (in an
optional-content layer, under a soft mask or blend, inside a drawing, on or under other shapes and pictures),
PDFium draws the part of the page around those words twice, once as it is and once with their text objects
switched to invisible ink, and compares the two pixel by pixel. Where a word's box is the same in both, the
page shows nothing of it, whatever the reason (a layer the document switches off, a black soft mask, two
white boxes stacked over it, white letters on a white picture).

Only the words in question are drawn, and only the part of the page around them: most pages have none, and
draw nothing.
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from typing import Any

import pypdfium2.raw as pdfium_c

from atscheck.extract.pdf.layout import Word

SCALE = 2.0  # pixels per point: a 4 pt letter is still 8 pixels tall
INK = 40  # a change in a colour channel (of 255) a reader sees: as the hidden-text check's near-white
MIN_INK_SHARE = 0.02  # a word shows when this share of its box changes (letters fill 10-30% of it)
MAX_PIXELS = 4_000_000  # the most pixels drawn per pass; a larger area is drawn at a smaller scale


Box = tuple[int, int, int, int]  # left, top, right, bottom in device pixels


def inkless(page: Any, width: float, height: float, words: Sequence[Word]) -> set[int]:
    """The indexes of `words` that leave no ink on the page (their text objects are those of their glyphs)."""
    size_x, size_y = max(round(width * SCALE), 1), max(round(height * SCALE), 1)
    scale = min(1.0, (MAX_PIXELS / (size_x * size_y)) ** 0.5)
    size_x, size_y = max(round(size_x * scale), 1), max(round(size_y * scale), 1)
    boxes = [_device_box(page, size_x, size_y, word.box) for word in words]
    left, top = max(min(b[0] for b in boxes) - 2, 0), max(min(b[1] for b in boxes) - 2, 0)
    right, bottom = min(max(b[2] for b in boxes) + 2, size_x), min(max(b[3] for b in boxes) + 2, size_y)
    if right <= left or bottom <= top:
        return set()
    area = (left, top, right, bottom)
    handles = {g.style.handle for word in words for g in word.glyphs if g.style is not None and g.style.handle}
    before = _draw(page, size_x, size_y, area)
    modes = {handle: pdfium_c.FPDFTextObj_GetTextRenderMode(_object(handle)) for handle in handles}
    try:
        for handle in handles:
            pdfium_c.FPDFTextObj_SetTextRenderMode(_object(handle), pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
        after = _draw(page, size_x, size_y, area)
    finally:
        for handle, mode in modes.items():
            if mode >= 0:
                pdfium_c.FPDFTextObj_SetTextRenderMode(_object(handle), mode)
    stride = (right - left) * 4
    return {index for index, box in enumerate(boxes) if not _shows(before, after, stride, box, area)}


def _object(handle: int) -> Any:
    return ctypes.cast(handle, pdfium_c.FPDF_PAGEOBJECT)


def _device_box(page: Any, size_x: int, size_y: int, box: tuple[float, float, float, float]) -> Box:
    """A PDF box as the pixels it covers when the page is drawn size_x by size_y (rotation and crop box
    included)."""
    xs, ys = [], []
    device_x, device_y = ctypes.c_int(), ctypes.c_int()
    for x, y in ((box[0], box[1]), (box[2], box[3])):
        pdfium_c.FPDF_PageToDevice(page, 0, 0, size_x, size_y, 0, x, y, device_x, device_y)
        xs.append(device_x.value)
        ys.append(device_y.value)
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1


def _draw(page: Any, size_x: int, size_y: int, area: Box) -> bytes:
    """The pixels (BGRx) of `area` of the page drawn size_x by size_y on white."""
    left, top, right, bottom = area
    bitmap = pdfium_c.FPDFBitmap_Create(right - left, bottom - top, 0)
    if not bitmap:
        raise MemoryError("PDFium could not make a bitmap")
    try:
        pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, right - left, bottom - top, 0xFFFFFFFF)
        pdfium_c.FPDF_RenderPageBitmap(bitmap, page, -left, -top, size_x, size_y, 0, 0)
        stride = pdfium_c.FPDFBitmap_GetStride(bitmap)
        data = ctypes.string_at(pdfium_c.FPDFBitmap_GetBuffer(bitmap), stride * (bottom - top))
        if stride == (right - left) * 4:
            return data
        return b"".join(data[row * stride : row * stride + (right - left) * 4] for row in range(bottom - top))
    finally:
        pdfium_c.FPDFBitmap_Destroy(bitmap)


def _shows(before: bytes, after: bytes, stride: int, box: Box, area: Box) -> bool:
    """Whether enough pixels of `box` change when the word's text is taken away for a reader to see it."""
    left, top = max(box[0], area[0]) - area[0], max(box[1], area[1]) - area[1]
    right, bottom = min(box[2], area[2]) - area[0], min(box[3], area[3]) - area[1]
    if right <= left or bottom <= top:
        return False
    needed = max(4, MIN_INK_SHARE * (right - left) * (bottom - top))
    changed = 0
    for row in range(top, bottom):
        start, end = row * stride + left * 4, row * stride + right * 4
        old, new = before[start:end], after[start:end]
        if old == new:
            continue
        for pixel in range(0, end - start, 4):
            if (
                abs(old[pixel] - new[pixel]) > INK
                or abs(old[pixel + 1] - new[pixel + 1]) > INK
                or abs(old[pixel + 2] - new[pixel + 2]) > INK
            ):
                changed += 1
                if changed >= needed:
                    return True
    return False
