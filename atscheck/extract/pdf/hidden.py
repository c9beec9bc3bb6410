"""Text a reader cannot see on the page: the techniques that hide it, and how each word is tested against what
the page draws around it (covers, clips, the page's edge). A scanned page's OCR layer is not hidden text."""

from __future__ import annotations

import math
from dataclasses import dataclass

from atscheck.extract.pdf.layout import Glyph, Word
from atscheck.extract.pdf.shapes import Box, PageObjects, Paint, TextStyle, box_area, box_contains, box_overlap

# Hidden-text techniques, as the hidden-text finding names them.
# Hidden-text techniques, as the hidden-text finding names them.
INVISIBLE_INK = "drawn in invisible ink (text render mode 3 or 7)"


TRANSPARENT = "fully transparent (alpha 0)"


SQUEEZED = "squeezed to almost no width (horizontal scaling)"


OFF_PAGE = "placed off the page"


CLIPPED = "clipped away"


COVERED = "covered by a shape drawn over it"


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
    # Text drawn before every background stands on none, and text drawn after every cover is under none:
    # most text is drawn after the page's shapes, so most words are not asked about covers at all.
    first_background: float
    last_cover: float

    @classmethod
    def of(cls, paints: list[Paint], view: Box, scans: list[Box]) -> Surroundings:
        backgrounds = [p for p in paints if p.dark or p.image]
        covers = [p for p in paints if p.opaque]
        first_background = min((p.order for p in backgrounds), default=math.inf)
        last_cover = max((p.order for p in covers), default=-math.inf)
        return cls(view, scans, backgrounds, covers, first_background, last_cover)


def how_hidden(word: Word, style: TextStyle | None, around: Surroundings, starts_on_page: bool) -> tuple[str, bool]:
    """How the word is hidden ("" when it can be seen), and whether it stands on a dark shape or picture.

    Text placed off the page is hidden; a line that starts on the page and runs on past its edge (an
    overlong line, not a hiding place) is read as it is written."""
    box = word.box
    if around.scans and any(box_contains(scan, box) for scan in around.scans):
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
    return "", on_background


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
