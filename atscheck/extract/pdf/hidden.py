"""Text a reader cannot see on the page: the techniques that hide it, and how each word is tested against what
the page draws around it (covers, clips, the page's edge). A scanned page's OCR layer is not hidden text."""

from __future__ import annotations

import math
from dataclasses import dataclass

from atscheck.extract.pdf.layout import Glyph, Word
from atscheck.extract.pdf.shapes import (
    BLENDED,
    OPTIONAL,
    PATTERN,
    Box,
    PageObjects,
    Paint,
    TextStyle,
    box_area,
    box_contains,
    box_overlap,
)

# Hidden-text techniques, as the hidden-text finding names them.
INVISIBLE_INK = "drawn in invisible ink (text render mode 3 or 7)"


TRANSPARENT = "fully transparent (alpha 0)"


SQUEEZED = "squeezed to almost no width (horizontal scaling)"


OFF_PAGE = "placed off the page"


CLIPPED = "clipped away"


COVERED = "covered by a shape drawn over it"


# Found by drawing the page (atscheck/extract/pdf/ink.py): the text leaves no ink, and this is why, most likely.
LAYER_OFF = "in a layer the document switches off (optional content)"


MASKED = "masked out (a soft mask or blend leaves no ink)"


SAME_AS_PICTURE = "the same colour as the picture behind it"


SAME_AS_SHAPE = "the same colour as the shape behind it"


PATTERNED = "filled with a pattern that leaves no ink"


NO_INK = "leaves no ink on the page"


STACKED_SHARE = 0.5  # shapes drawn over a word that cover this share of it together may hide it
INDISTINCT = 0.08  # colours no further apart in any channel look the same (as the check's near-white)
CLIPPED_SHARE = 0.1  # clipped away when less than this share of a word's box is inside its clip path (a table


# cell's clip may cut the top of a tall line box; that text can still be read)
SCANNED_PAGE_SHARE = 0.5  # an image over this share of the page is a scanned page; text on it is its OCR layer


@dataclass(frozen=True)
class Surroundings:
    """What a page draws around its text, sorted for the questions asked of every word."""

    view: Box  # the part of the page a viewer shows
    scans: list[Box]  # pictures of a scanned page
    backgrounds: list[Paint]  # dark shapes and pictures text may stand on
    covers: list[Paint]  # opaque shapes and pictures that hide what they are drawn over
    paints: list[Paint]  # every filled shape and picture
    fills: list[Paint]  # filled shapes a word may stand on: not pictures, not hairlines
    # Text drawn before every background stands on none, and text drawn after every cover is under none:
    # most text is drawn after the page's shapes, so most words are not asked about covers at all.
    first_background: float
    last_cover: float
    first_paint: float
    last_paint: float

    @classmethod
    def of(cls, paints: list[Paint], view: Box, scans: list[Box]) -> Surroundings:
        backgrounds = [p for p in paints if p.dark or p.image]
        covers = [p for p in paints if p.opaque]
        first_background = min((p.order for p in backgrounds), default=math.inf)
        last_cover = max((p.order for p in covers), default=-math.inf)
        fills = [p for p in paints if not p.image and min(p.box[2] - p.box[0], p.box[3] - p.box[1]) >= 2]
        first_paint = min((p.order for p in paints), default=math.inf)
        last_paint = max((p.order for p in paints), default=-math.inf)
        return cls(
            view, scans, backgrounds, covers, paints, fills, first_background, last_cover, first_paint, last_paint
        )

    def near(self, boxes: list[Box]) -> Surroundings:
        """The same surroundings with only the shapes and pictures that hold, or overlap, one of `boxes` (a
        line's words): every answer about those boxes is the same, found sooner. A shape left out is over a
        point away from all of them, so it holds none (box_contains allows a point) and overlaps each by
        exactly 0. A box that is not finite proves nothing (an overlap with NaN in it is NaN): all are kept."""
        if not self.paints:
            return self
        xs = [x for box in boxes for x in (box[0], box[2])]
        ys = [y for box in boxes for y in (box[1], box[3])]
        if not math.isfinite(sum(xs) + sum(ys)):
            return self
        left, right, bottom, top = min(xs) - 1, max(xs) + 1, min(ys) - 1, max(ys) + 1

        def apart(box: Box) -> bool:
            return math.isfinite(sum(box)) and (box[0] > right or box[2] < left or box[1] > top or box[3] < bottom)

        paints = [p for p in self.paints if not apart(p.box)]
        return Surroundings.of(paints, self.view, self.scans)


def how_hidden(word: Word, style: TextStyle | None, around: Surroundings, starts_on_page: bool) -> tuple[str, bool]:
    """How the word is hidden ("" when it can be seen), and whether it stands on a dark shape or picture.

    Text placed off the page is hidden; a line that starts on the page and runs on past its edge (an
    overlong line, not a hiding place) is read as it is written."""
    box = word.box
    if around.scans and on_scan(word, around):
        return "", True  # the OCR text layer of a scanned page: the words the picture shows
    order = style.order if style else 0
    on_background = order > around.first_background and any(
        p.order < order and box_contains(p.box, box) for p in around.backgrounds
    )
    if style and style.hidden_how:
        return style.hidden_how, on_background
    view = around.view
    inside = view[0] <= box[0] and box[2] <= view[2] and view[1] <= box[1] and box[3] <= view[3]
    if not inside and not starts_on_page and (area := box_area(box)) and box_overlap(box, view) < area * 0.5:
        return OFF_PAGE, on_background
    clip = style.clip if style else None
    if clip is not None and (area := box_area(box)) and box_overlap(box, clip) < area * CLIPPED_SHARE:
        return CLIPPED, on_background
    if order < around.last_cover and any(p.order > order and box_contains(p.box, box) for p in around.covers):
        return COVERED, on_background
    if around.fills and same_as_shape(word, style, around):
        return SAME_AS_SHAPE, on_background
    return "", on_background


def on_scan(word: Word, around: Surroundings) -> bool:
    return bool(around.scans) and any(box_contains(scan, word.box) for scan in around.scans)


def needs_drawing(word: Word, style: TextStyle | None, around: Surroundings) -> bool:
    """Whether only drawing the page can tell if a word that no other test finds hidden leaves ink: it is in
    an optional-content layer, drawn with transparency, inside a drawing or with a pattern (the style's
    flags), it stands on a picture (whose colours under it are
    unknown), or shapes drawn over it cover half of it together (two boxes stacked over a word hide it though
    neither holds it)."""
    if style is None or (around.scans and on_scan(word, around)):
        return False
    if style.flags:
        return True
    box, order = word.box, style.order
    if order > around.first_background and any(
        p.image and p.order < order and box_overlap(p.box, box) > 0 for p in around.backgrounds
    ):
        return True
    if order > around.last_paint:
        return False
    covered = sum(box_overlap(p.box, box) for p in around.paints if p.order > order)
    return covered >= STACKED_SHARE * box_area(box) > 0


def same_as_shape(word: Word, style: TextStyle | None, around: Surroundings) -> bool:
    """Whether the word is drawn in the colour of the shape it stands on (the topmost filled shape that holds
    it), so that a reader cannot tell it from the shape."""
    if style is None or style.color is None or style.order < around.first_paint:
        return False
    box, order = word.box, style.order
    under = [p for p in around.fills if p.order < order and box_contains(p.box, box)]
    if not under:
        return False
    shape = max(under, key=lambda p: p.order).color
    return shape is not None and max(abs(a - b) for a, b in zip(shape, style.color, strict=True)) <= INDISTINCT


def unseen_how(word: Word, style: TextStyle | None, around: Surroundings) -> str:
    """How a word that leaves no ink is most likely hidden, for the finding to name."""
    flags = style.flags if style else 0
    order = style.order if style else 0
    box = word.box
    if flags & OPTIONAL:
        return LAYER_OFF
    if flags & BLENDED:
        return MASKED
    if flags & PATTERN:
        return PATTERNED
    if any(p.order > order and box_overlap(p.box, box) > 0 for p in around.paints):
        return COVERED
    under = [p for p in around.paints if p.order < order and box_overlap(p.box, box) > 0]
    if under:
        return SAME_AS_PICTURE if max(under, key=lambda p: p.order).image else SAME_AS_SHAPE
    return NO_INK


def scanned_pictures(objects: PageObjects, glyphs: list[Glyph | None], page_area: float) -> list[Box]:
    """The picture of a scanned page, when the page is one: a picture over half the page, and no text that a
    reader could see besides it (every character invisible, as OCR draws its text layer, or under the
    picture). On a designed page with a picture behind visible text, invisible text is hidden text."""
    pictures = [p for p in objects.paints if p.image and box_area(p.box) >= SCANNED_PAGE_SHARE * page_area]
    if not pictures:
        return []
    last = max(p.order for p in pictures)
    for glyph in glyphs:
        style = glyph.style if glyph is not None else None
        if style is not None and style.hidden_how != INVISIBLE_INK and style.order > last:
            return []
    return [p.box for p in pictures]
