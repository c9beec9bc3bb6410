"""Text boxes in a Word file: which of a drawing's copies Word shows, what the box is filled with, and whether
Word shows the box at all.

A drawing may come in several versions (mc:AlternateContent): Word shows the first mc:Choice whose required
namespaces it knows, else the mc:Fallback, so only that one is read; text put in a version Word never shows
is no text of the page. A text box shows nothing when its shape is set hidden (`wp:docPr hidden="1"`, VML
`visibility:hidden` or `display:none`), when it is placed wholly off the page, or when it is too small for
any line and does not grow to fit its text (Word cuts a text box's text at its edge).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from atscheck.extract.docx.styles import Theme, hex_color, is_on_attribute
from atscheck.model import RGB

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ALTERNATE_CONTENT, _CHOICE, _FALLBACK = f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_VML = "urn:schemas-microsoft-com:vml"
TEXT_BOX = qn("w:txbxContent")
_ANCHOR, _DOC_PR, _EXTENT = f"{{{_WP}}}anchor", f"{{{_WP}}}docPr", f"{{{_WP}}}extent"
_POSITIONS = ((f"{{{_WP}}}positionH", 0), (f"{{{_WP}}}positionV", 1))
_OFFSET = f"{{{_WP}}}posOffset"
_SHAPE = f"{{{_WPS}}}wsp"
_SHAPE_FILL = f"{{{_WPS}}}spPr/{{{_A}}}solidFill"
_BODY = f"{{{_WPS}}}bodyPr"
_GROWS = (f"{{{_A}}}spAutoFit", f"{{{_A}}}normAutofit")
_VML_SHAPES = frozenset(f"{{{_VML}}}{name}" for name in ("shape", "rect", "roundrect", "oval"))
# Namespaces Word reads: Microsoft's and the Open XML ones. A Choice that requires any other is never shown.
_KNOWN = ("http://schemas.microsoft.com/office/", "http://schemas.openxmlformats.org/", "urn:schemas-microsoft-com:")
EMU_PER_POINT = 12700
MIN_BOX = 2 * EMU_PER_POINT  # a text box narrower or lower than this shows no line of text

SHAPE_HIDDEN = "in a text box set as hidden"
OFF_PAGE = "in a text box placed off the page"
TOO_SMALL = "in a text box too small to show it"


@dataclass(frozen=True)
class Page:
    """The size of the page a drawing is placed on, in EMU, for telling what is placed off it."""

    width: int
    height: int


def chosen(alternate: etree._Element) -> etree._Element | None:
    """The version of mc:AlternateContent that Word shows: the first Choice it can read, else the Fallback."""
    for option in alternate:
        if option.tag == _CHOICE and all(
            (option.nsmap.get(prefix) or "").startswith(_KNOWN) for prefix in (option.get("Requires") or "").split()
        ):
            return option
        if option.tag == _FALLBACK:
            return option
    return None


def shown(node: etree._Element, stop: etree._Element) -> bool:
    """Whether every mc:AlternateContent version around `node` (up to `stop`) is the one Word shows."""
    for option in ancestors(node, stop):
        if option.tag in (_CHOICE, _FALLBACK):
            alternate = option.getparent()
            if alternate is not None and chosen(alternate) is not option:
                return False
    return True


def ancestors(node: etree._Element, stop: etree._Element) -> Iterator[etree._Element]:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.getparent()


def outer_boxes(drawing: etree._Element, run: etree._Element) -> Iterator[etree._Element]:
    """The text boxes of a drawing that Word shows a version of, not those inside another of its boxes (read
    with that box)."""
    for box in drawing.iter(TEXT_BOX):
        if shown(box, run) and not any(a.tag == TEXT_BOX for a in ancestors(box, run)):
            yield box


def fill(theme: Theme, box: etree._Element, run: etree._Element) -> RGB | None:
    """The colour a text box's shape is filled with (DrawingML solid fill, or VML fillcolor), if any."""
    for shape in ancestors(box, run):
        if shape.tag == _SHAPE:
            solid = shape.find(_SHAPE_FILL)
            return theme.drawing(solid) if solid is not None else None
        if shape.tag in _VML_SHAPES:
            if (shape.get("filled") or "t").strip().lower() in ("f", "false"):
                return None
            return hex_color((shape.get("fillcolor") or "").strip().lstrip("#"))
    return None


def unseen(box: etree._Element, run: etree._Element, page: Page) -> str:
    """Why Word shows none of a text box's text ("" when it shows it)."""
    for element in ancestors(box, run):
        if element.tag == _ANCHOR or element.tag.endswith("}inline"):
            properties = element.find(_DOC_PR)
            if properties is not None and is_on_attribute(properties.get("hidden")):
                return SHAPE_HIDDEN
            size = _extent(element)
            if element.tag == _ANCHOR and size is not None and _off_page(element, size, page):
                return OFF_PAGE
            shape = next(element.iter(_SHAPE), None)
            body = shape.find(_BODY) if shape is not None else None
            grows = body is not None and any(body.find(tag) is not None for tag in _GROWS)
            if size is not None and min(size) < MIN_BOX and not grows:
                return TOO_SMALL
        elif element.tag in _VML_SHAPES:
            style = (element.get("style") or "").replace(" ", "").lower()
            if "visibility:hidden" in style or "display:none" in style:
                return SHAPE_HIDDEN
    return ""


def _extent(anchor: etree._Element) -> tuple[int, int] | None:
    extent = anchor.find(_EXTENT)
    if extent is None:
        return None
    try:
        return int(extent.get("cx") or 0), int(extent.get("cy") or 0)
    except ValueError:
        return None


def _off_page(anchor: etree._Element, size: tuple[int, int], page: Page) -> bool:
    """Whether an anchored drawing stands wholly outside the page, across or down."""
    for tag, axis in _POSITIONS:
        position = anchor.find(tag)
        offset = position.find(_OFFSET) if position is not None else None
        if offset is None or not (offset.text or "").strip().lstrip("-").isdigit():
            continue
        start = int((offset.text or "0").strip())
        extent = page.width if axis == 0 else page.height
        if position is not None and position.get("relativeFrom") == "page":
            if start >= extent or start + size[axis] <= 0:
                return True
        elif start >= extent or start + size[axis] <= -extent:  # from a margin, column or paragraph on the page
            return True
    return False
