"""Word (DOCX) resumes, read with python-docx: body, tables, text boxes, headers and footers.

Each piece of text keeps where it came from, because ATS parsers are known to drop tables, text boxes,
headers and footers: the checks need to know what lives only there.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from atscheck.errors import InputError
from atscheck.extract.docx import drawings
from atscheck.extract.docx.styles import Styles, Theme
from atscheck.extract.limits import Limits
from atscheck.extract.textbuild import Run, TextBuilder
from atscheck.model import ICON_MAX_POINTS, RGB, Document, Source

_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt"), qn("w:sdtContent")
_R, _T = qn("w:r"), qn("w:t")
# Characters Word stores as elements of a run: a tab (also "absolute position" tabs) reads as a space, a line
# break as a new line (a word hyphenated across it is joined again), a non-breaking hyphen as a hyphen
# ("Kubernetes-based"), an optional hyphen as nothing.
_RUN_CHARACTERS = {
    qn("w:tab"): " ",
    qn("w:ptab"): " ",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
    qn("w:softHyphen"): "",
}
_HYPERLINK, _SMART_TAG, _INS = qn("w:hyperlink"), qn("w:smartTag"), qn("w:ins")
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
_DRAWING = qn("w:drawing")
_EXTENT = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
# Clark names, worked out once: these are looked up for every paragraph and run.
_BACKGROUND = qn("w:background")
_CELL_SHADING = f"{qn('w:tcPr')}/{qn('w:shd')}"
_COLOR_MAPPING = qn("w:clrSchemeMapping")
_COLS = qn("w:cols")
_CUSTOM_XML = qn("w:customXml")
_FLD_SIMPLE = qn("w:fldSimple")
_NAME = qn("w:name")
_NUM = qn("w:num")
_LIST_NUMBERING = f"{qn('w:pPr')}/{qn('w:numPr')}"
_OUTLINE_LEVEL = f"{qn('w:pPr')}/{qn('w:outlineLvl')}"
_PARAGRAPH_SHADING = f"{qn('w:pPr')}/{qn('w:shd')}"
_PARAGRAPH_STYLE = f"{qn('w:pPr')}/{qn('w:pStyle')}"
_R_PR = qn("w:rPr")
_RUN_STYLE = qn("w:rStyle")
_STYLE_ID = qn("w:styleId")
_TABLE_STYLE = f"{qn('w:tblPr')}/{qn('w:tblStyle')}"
_VAL = qn("w:val")
_PAGE_SIZE = f"{qn('w:sectPr')}/{qn('w:pgSz')}"
_WIDTH, _HEIGHT = qn("w:w"), qn("w:h")
# Elements that wrap blocks, rows, cells or runs without changing them: content controls, custom XML,
# smart tags, tracked insertions.
_WRAPPERS = frozenset({_SDT, _SDT_CONTENT, _CUSTOM_XML, _INS, _SMART_TAG, drawings.ALTERNATE_CONTENT})
_RUN_WRAPPERS = _WRAPPERS | {_HYPERLINK, _FLD_SIMPLE}

# The styles that may be headings, picked in one XPath call: a template holds a few hundred styles, and
# looking into each from Python cost more than reading the rest of a short resume.
_UPPER, _LOWER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"
_MAYBE_HEADING_STYLES = etree.XPath(
    f"w:style[w:pPr/w:outlineLvl or w:name[translate(@w:val, '{_UPPER}', '{_LOWER}') = 'title'"
    f" or starts-with(translate(@w:val, '{_UPPER}', '{_LOWER}'), 'heading ')]]",
    namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
)
_EMU_PER_POINT = 12700
_CORRUPT = (
    "This Word file is damaged and cannot be read. Open it in Word or LibreOffice, save it again "
    "as .docx, and check the new file."
)


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse archives that are not Word documents, or that would inflate past the limit (zip bombs)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError("corrupt", _CORRUPT) from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise InputError(
            "unsupported",
            "This is a zip archive but not a Word document. "
            "Save your resume as PDF or DOCX and check that file instead.",
        )
    if sum(info.file_size for info in infos) > limits.max_inflated_bytes:
        raise InputError(
            "too-large",
            "This Word file unpacks to far more data than any resume (it may be a "
            "'zip bomb'); it was not opened. Save your resume again as a normal .docx.",
        )
    largest = max((info for info in infos if info.filename.endswith((".xml", ".rels"))), key=lambda i: i.file_size)
    if largest.file_size > limits.max_xml_bytes:
        raise InputError(
            "too-large",
            f"This Word file's part {largest.filename} unpacks to {largest.file_size / 1024 / 1024:.0f} MB of XML, "
            f"far more than any resume (a long one holds under 1 MB); it may be built to exhaust a reader, so it "
            "was not opened. Save your resume again as a normal .docx.",
        )
    _check_variant(archive)


_SAVE_DOCX = "Save it as a standard Word Document (.docx) and check that file instead."


def _check_variant(archive: zipfile.ZipFile) -> None:
    """Word packages python-docx cannot read, named for what they are: macro-enabled and Strict Open XML."""
    try:
        types = archive.open("[Content_Types].xml").read(64 * 1024)
        head = archive.open("word/document.xml").read(4096)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return  # the reader reports a damaged package
    if b"macroEnabled" in types:
        raise InputError(
            "unsupported",
            "This is a macro-enabled Word file (.docm); ATS accept plain documents, and atscheck does not open "
            "files with macros. " + _SAVE_DOCX,
        )
    if b"purl.oclc.org/ooxml/wordprocessingml" in head:
        raise InputError(
            "unsupported",
            "This Word file is saved as 'Strict Open XML', which most ATS and atscheck cannot read. " + _SAVE_DOCX,
        )


def read(data: bytes, path: str, limits: Limits) -> Document:
    _check_zip(data, limits)
    try:
        word = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx and lxml raise many types on damaged packages
        raise InputError("corrupt", _CORRUPT) from None
    parts = list(_header_footer_parts(word))
    _check_size(word, parts, limits)
    theme = Theme(_theme(word), _color_mapping(word))
    reader = _Reader(word, Styles(word.styles.element, theme), limits)
    images = icons = 0
    for source, element in (
        [p for p in parts if p[0] == "header"] + [("body", word.element.body)] + [p for p in parts if p[0] == "footer"]
    ):
        reader.blocks(element, _Place(source, behind=reader.page_color))
        reader.builder.add_break()
        images += _count_images(element)
        icons += _count_icons(element)
    columns = 1
    for cols in word.element.body.iter(_COLS):
        number = cols.get(_NUM, "1")
        if number.isdigit():
            columns = max(columns, int(number))
    text, spans = reader.builder.build()
    return Document(path=path, format="docx", text=text, spans=spans, images=images, icons=icons, columns=columns)


def _page_size(word: docx.document.Document) -> drawings.Page:
    """The first section's page size (twips in the file), in EMU; Letter when it says none."""
    size = word.element.body.find(_PAGE_SIZE)
    width = height = ""
    if size is not None:
        width, height = size.get(_WIDTH) or "", size.get(_HEIGHT) or ""
    twips = (int(width) if width.isdigit() else 12240, int(height) if height.isdigit() else 15840)
    return drawings.Page(twips[0] * 635, twips[1] * 635)  # 635 EMU a twip


def _check_size(word: docx.document.Document, parts: list[tuple[Source, etree._Element]], limits: Limits) -> None:
    """Refuse a document whose parts hold far more XML elements than any resume: reading each costs time even
    when it holds no text (a million empty paragraphs, or styles)."""
    read = [word.element, word.styles.element, *(element for _, element in parts)]
    elements = sum(int(element.xpath("count(.//*)")) for element in read)
    if elements > limits.max_xml_elements:
        raise InputError(
            "too-large",
            f"This Word file is made of {elements:,} pieces (paragraphs, runs, cells...), far more than any resume "
            "(a long one has under 100,000); it may be built to exhaust a reader, so it was not read. Save your "
            "resume again as a normal .docx.",
        )


def _theme(word: docx.document.Document) -> etree._Element | None:
    """The document's theme (its colour scheme), parsed as python-docx parses every part: no entities."""
    for relation in word.part.rels.values():
        if relation.reltype == RT.THEME and not relation.is_external:
            try:
                return parse_xml(relation.target_part.blob)
            except Exception:  # a damaged theme: no theme colours
                return None
    return None


def _color_mapping(word: docx.document.Document) -> dict[str, str]:
    """How the settings map the theme's "background" and "text" colours (w:clrSchemeMapping)."""
    mapping = word.settings.element.find(_COLOR_MAPPING)
    if mapping is None:
        return {}
    return {etree.QName(key).localname: value for key, value in mapping.attrib.items()}


def _header_footer_parts(word: docx.document.Document) -> Iterator[tuple[Source, etree._Element]]:
    seen: set[str] = set()
    for section in word.sections:
        parts: tuple[tuple[Source, tuple[Any, ...]], ...] = (
            ("header", (section.header, section.first_page_header, section.even_page_header)),
            ("footer", (section.footer, section.first_page_footer, section.even_page_footer)),
        )
        for kind, items in parts:
            for item in items:
                if item.is_linked_to_previous:
                    continue
                part = item.part
                if part.partname in seen:
                    continue
                seen.add(part.partname)
                yield kind, part.element


def _heading_styles(word: docx.document.Document) -> dict[str, int]:
    """Style id -> heading level, for 'Heading 1'..'Heading 6' and 'Title' (localised ids included)."""
    levels: dict[str, int] = {}
    for style in _MAYBE_HEADING_STYLES(word.styles.element):
        style_id = style.get(_STYLE_ID) or ""
        name_el = style.find(_NAME)
        name = ((name_el.get(_VAL) if name_el is not None else None) or "").lower()  # <w:name/> may have no value
        outline = style.find(_OUTLINE_LEVEL)
        if name == "title":
            levels[style_id] = 1
        elif name.startswith("heading ") and name[8:].isdigit():
            levels[style_id] = int(name[8:])
        elif outline is not None and (outline.get(_VAL) or "").isdigit():
            levels[style_id] = int(outline.get(_VAL)) + 1
    return levels


def _inside(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The children of `element` with `tag`, also those wrapped in content controls, custom XML or tracked
    changes; never those of a table inside (each is read where it stands, once)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _inside(_content(child), tag)


@dataclass(frozen=True)
class _Place:
    """Where blocks stand: their source, the table style around them, what they stand on (a cell's shading, a
    text box's fill, the page colour) and, for a text box Word does not show, why."""

    source: Source
    table_style: str | None = None
    behind: RGB | None = None
    unseen: str = ""


class _Reader:
    """Reads the blocks of a part into the text builder, each cell, paragraph and text box once, and stops
    once the text is past the character limit (extract() cuts it there and says so)."""

    def __init__(self, word: docx.document.Document, styles: Styles, limits: Limits) -> None:
        self.builder = TextBuilder()
        self.styles = styles
        self.headings = _heading_styles(word)
        self.max_chars = limits.max_chars
        background = word.element.find(_BACKGROUND)
        self.page_color = styles.theme.color(background) if background is not None else None
        self.page = _page_size(word)

    @property
    def full(self) -> bool:
        return self.builder.length > self.max_chars

    def blocks(self, element: etree._Element, place: _Place) -> None:
        for child in element:
            if self.full:
                return
            if child.tag == _P:
                self.paragraph(child, place)
            elif child.tag == _TBL:
                self.table(child, replace(place, source="table" if place.source == "body" else place.source))
            elif child.tag in _WRAPPERS:
                self.blocks(_content(child), place)

    def table(self, table: etree._Element, place: _Place) -> None:
        style_el = table.find(_TABLE_STYLE)
        style = style_el.get(_VAL) if style_el is not None else self.styles.default("table")
        table_shading = self.styles.shading(style, "tcPr")
        for row in _inside(table, _TR):
            for cell in _inside(row, _TC):
                shading = cell.find(_CELL_SHADING)
                shaded = self.styles.theme.shading(shading) if shading is not None else table_shading
                self.blocks(cell, replace(place, table_style=style, behind=shaded or place.behind))

    def paragraph(self, paragraph: etree._Element, place: _Place) -> None:
        style_el = paragraph.find(_PARAGRAPH_STYLE)
        style = style_el.get(_VAL) if style_el is not None else self.styles.default("paragraph")
        level = self.headings.get(style, 0) if style else 0
        outline = paragraph.find(_OUTLINE_LEVEL)
        if outline is not None and (outline.get(_VAL) or "").isdigit():
            level = int(outline.get(_VAL)) + 1
        shading = paragraph.find(_PARAGRAPH_SHADING)
        shaded = self.styles.theme.shading(shading) if shading is not None else self.styles.shading(style, "pPr")
        behind = shaded or place.behind
        lines: list[list[Run]] = [[]]
        boxes: list[tuple[etree._Element, etree._Element]] = []
        room = self.max_chars - self.builder.length
        for run, text in _runs(paragraph, boxes):
            if not text:
                continue
            look = self.look(run, text, replace(place, behind=behind), level, style)
            for number, piece in enumerate(text.split("\n")):
                if number:
                    lines.append([])
                lines[-1].append(Run(piece, look))
            room -= len(text)
            if room < 0:
                break  # past the character limit: the rest of the paragraph is never checked
        first = lines[0]
        if first and _is_list_item(paragraph, style_el.get(_VAL) if style_el is not None else None):
            # Word draws list bullets itself; write one, as Word's own plain-text export does, so the
            # checks can tell bullets from headings.
            first.insert(0, Run("• ", first[0].look))
        for runs in lines:
            self.builder.add_line(_merge(runs))
        for box, holder in boxes:
            self.blocks(
                box,
                _Place(
                    "textbox",
                    behind=drawings.fill(self.styles.theme, box, holder) or behind,
                    unseen=place.unseen or drawings.unseen(box, holder, self.page),
                ),
            )

    def look(self, run: etree._Element, text: str, place: _Place, level: int, style: str | None) -> dict[str, Any]:
        """The run's look as Span fields: its properties through the style hierarchy, and whether a reader can
        see it where it stands."""
        props = run.find(_R_PR)
        character_style = props.find(_RUN_STYLE) if props is not None else None
        character = character_style.get(_VAL) if character_style is not None else None
        resolved = self.styles.look(place.table_style, style, character)
        if props is not None:
            resolved = {**resolved, **self.styles.run_properties(props)}
        background = resolved.get("highlight") or resolved.get("shading") or place.behind
        color: RGB | None = resolved.get("color")
        size: float | None = resolved.get("size")
        on_background = background is not None and not _near(background, _WHITE)
        how = "" if resolved.get("hidden") else place.unseen or _how_hidden(resolved, text, size)
        if not how and on_background and color is not None and _near(color, background):  # type: ignore[arg-type]
            how = SAME_COLOR
        return {
            "source": place.source,
            "font_size": size,
            "color": color,
            "hidden": bool(how) or bool(resolved.get("hidden")),
            "hidden_how": how,
            "on_background": on_background,
            "bold": bool(resolved.get("bold")),
            "heading_level": level,
        }


# How Word text can be hidden besides the Hidden setting, as the hidden-text finding names it.
SQUEEZED = "squeezed to almost no width (character scale under 20%)"
CONDENSED = "letters pushed on top of each other (condensed character spacing)"
FITTED = "squeezed to almost no width (fit text)"
SAME_COLOR = "the same colour as the shading behind it"
MIN_SCALE = 0.2  # character scale under which a word is a smear, not text (as for PDF horizontal scaling)
_DEFAULT_SIZE = 10.0  # points, for a run whose size no level sets
_WHITE: RGB = (1.0, 1.0, 1.0)


def _how_hidden(props: dict[str, Any], text: str, size: float | None) -> str:
    """How the run's properties hide it ("" when they do not); Word's Hidden setting is named by the check."""
    size = size or _DEFAULT_SIZE
    scale = props.get("scale")
    if scale is not None and scale < MIN_SCALE:
        return SQUEEZED
    # A character is about half its size wide: spacing that takes back most of that stacks the letters.
    spacing = props.get("spacing")
    if spacing is not None and spacing <= -0.4 * size:
        return CONDENSED
    fit = props.get("fit")
    letters = len(text.strip())
    if fit is not None and letters and fit < MIN_SCALE * 0.5 * size * letters:
        return FITTED
    return ""


def _near(color: RGB, other: RGB) -> bool:
    """Two colours a reader cannot tell apart on screen (as the hidden-text check's near-white)."""
    return max(abs(a - b) for a, b in zip(color, other, strict=True)) <= _INDISTINCT


_INDISTINCT = 0.08


def _content(wrapper: etree._Element) -> etree._Element:
    """What a wrapper holds: a content control's content, the version of alternate content Word shows, or the
    wrapper's own children."""
    if wrapper.tag == _SDT:
        content = wrapper.find(_SDT_CONTENT)
        return content if content is not None else wrapper
    if wrapper.tag == drawings.ALTERNATE_CONTENT:
        version = drawings.chosen(wrapper)
        return version if version is not None else _EMPTY
    return wrapper


_EMPTY = etree.Element("empty")


def _is_list_item(paragraph: etree._Element, style: str | None) -> bool:
    return paragraph.find(_LIST_NUMBERING) is not None or bool(style and "list" in style.lower())


def _runs(
    element: etree._Element, boxes: list[tuple[etree._Element, etree._Element]]
) -> Iterator[tuple[etree._Element, str]]:
    """The paragraph's runs in order, hyperlinks included; text boxes (with the run holding each) are set aside
    for after the line."""
    for child in element:
        tag = child.tag
        if tag == _R:
            pieces = []
            for node in child:  # w:t, w:tab, w:br... are the run's own children
                if node.tag == _T:
                    pieces.append(node.text or "")
                elif node.tag in _RUN_CHARACTERS:
                    pieces.append(_RUN_CHARACTERS[node.tag])
                else:  # a drawing or picture, which may hold text boxes
                    boxes.extend((box, child) for box in drawings.outer_boxes(node, child))
            yield child, "".join(pieces)
        elif tag in _RUN_WRAPPERS:
            yield from _runs(_content(child), boxes)


def _merge(runs: list[Run]) -> list[Run]:
    """Word splits text into many runs with the same formatting; join them (in one pass: a paragraph may hold
    thousands of runs)."""
    merged: list[Run] = []
    pieces: list[str] = []
    for run in runs:
        if merged and merged[-1].look == run.look:
            pieces.append(run.text)
            continue
        if merged:
            merged[-1] = Run("".join(pieces), merged[-1].look)
        merged.append(run)
        pieces = [run.text]
    if merged:
        merged[-1] = Run("".join(pieces), merged[-1].look)
    return merged


def _count_images(element: etree._Element) -> int:
    return sum(1 for node in element.iter(_BLIP, _VML_IMAGE) if drawings.shown(node, element))


def _count_icons(element: etree._Element) -> int:
    """Drawings whose displayed size is icon-sized on both sides."""
    icons = 0
    for drawing in element.iter(_DRAWING):
        extent = next(drawing.iter(_EXTENT), None)
        if extent is None or next(drawing.iter(_BLIP), None) is None:
            continue
        sizes = [extent.get("cx", ""), extent.get("cy", "")]
        if all(v.isdigit() and int(v) / _EMU_PER_POINT <= ICON_MAX_POINTS for v in sizes):
            icons += 1
    return icons
