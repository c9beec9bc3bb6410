"""Boxes and matrices of a PDF page, and what the page draws besides text: the shapes and pictures text may
stand on or under, and the style of each text object."""

from __future__ import annotations

from dataclasses import dataclass

from atscheck.model import RGB

Matrix = tuple[float, float, float, float, float, float]


Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF coordinates


IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def transform(box: Box, m: Matrix) -> Box:
    """A PDF box (left, bottom, right, top) through matrix m, as the box around the result."""
    if m == IDENTITY:
        return box
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
        xs.append(m[0] * x + m[2] * y + m[4])
        ys.append(m[1] * x + m[3] * y + m[5])
    return min(xs), min(ys), max(xs), max(ys)


def box_area(box: Box) -> float:
    return max(box[2] - box[0], 0.0) * max(box[3] - box[1], 0.0)


def box_overlap(a: Box, b: Box) -> float:
    return box_area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def box_contains(outer: Box, inner: Box) -> bool:
    return (
        outer[0] <= inner[0] + 1 and inner[2] <= outer[2] + 1 and outer[1] <= inner[1] + 1 and inner[3] <= outer[3] + 1
    )


@dataclass(frozen=True)
class Paint:
    """A filled shape or picture on the page, in drawing order, with its box in PDF coordinates."""

    order: int
    box: Box
    opaque: bool
    dark: bool
    image: bool
    color: RGB | None = None  # a shape's fill; None for a picture


# What a text object (or a drawing it is inside) carries that may hide it in ways only drawing the page shows.
OPTIONAL = 1  # optional content (a layer), which the document may switch off
BLENDED = 2  # transparency: a soft mask, a blend mode, an alpha below 1
IN_FORM = 4  # inside a drawing (form XObject), which may carry its own optional content or group
PATTERN = 8  # filled with a pattern: no one colour to judge (PDFium reports such a fill as grey BFBFBF)


@dataclass(slots=True)  # not frozen: one is made per text object, and a frozen one takes four times as long
class TextStyle:
    """What one text object says about how its characters look."""

    order: int
    color: RGB | None
    bold: bool
    hidden_how: str  # a technique that hides every character of the object, or ""
    clip: Box | None  # the clip path's box in PDF coordinates
    handle: int = 0  # the text object's address, while its page is open
    flags: int = 0  # OPTIONAL, BLENDED, IN_FORM


@dataclass
class PageObjects:
    text: dict[int, tuple[int, Matrix, int]]  # text object address -> (drawing order, form matrix, flags)
    paints: list[Paint]
    images: int = 0
    icons: int = 0
