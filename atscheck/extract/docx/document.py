"""Word (DOCX) resumes, read with python-docx: body, tables, text boxes, headers and footers.

Each piece of text keeps where it came from, because ATS parsers are known to drop tables, text boxes,
headers and footers: the checks need to know what lives only there.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn
from lxml import etree

from atscheck.errors import InputError
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
_TXBX = qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_HYPERLINK, _SMART_TAG, _INS = qn("w:hyperlink"), qn("w:smartTag"), qn("w:ins")
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
_DRAWING = qn("w:drawing")
_EXTENT = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
# Clark names, worked out once: these are looked up for every paragraph and run.
_B = qn("w:b")
_COLOR = qn("w:color")
_COLS = qn("w:cols")
_FLD_SIMPLE = qn("w:fldSimple")
_NAME = qn("w:name")
_NUM = qn("w:num")
_LIST_NUMBERING = f"{qn('w:pPr')}/{qn('w:numPr')}"
_OUTLINE_LEVEL = f"{qn('w:pPr')}/{qn('w:outlineLvl')}"
_PARAGRAPH_STYLE = f"{qn('w:pPr')}/{qn('w:pStyle')}"
_R_PR = qn("w:rPr")
_STYLE_ID = qn("w:styleId")
_SZ = qn("w:sz")
_VAL = qn("w:val")
_VANISH = qn("w:vanish")

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
    builder = TextBuilder()
    styles = _heading_styles(word)
    images = icons = 0
    parts = list(_header_footer_parts(word))
    for source, element in (
        [p for p in parts if p[0] == "header"] + [("body", word.element.body)] + [p for p in parts if p[0] == "footer"]
    ):
        _read_blocks(element, source, builder, styles)
        builder.add_break()
        images += _count_images(element)
        icons += _count_icons(element)
    columns = 1
    for cols in word.element.body.iter(_COLS):
        number = cols.get(_NUM, "1")
        if number.isdigit():
            columns = max(columns, int(number))
    text, spans = builder.build()
    return Document(path=path, format="docx", text=text, spans=spans, images=images, icons=icons, columns=columns)


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


def _read_blocks(element: etree._Element, source: Source, builder: TextBuilder, styles: dict[str, int]) -> None:
    for child in element:
        if child.tag == _P:
            _read_paragraph(child, source, builder, styles)
        elif child.tag == _TBL:
            for row in child.iter(_TR):
                for cell in row.iterchildren(_TC):
                    _read_blocks(cell, "table" if source == "body" else source, builder, styles)
        elif child.tag in (_SDT, _SDT_CONTENT, _INS, _SMART_TAG):  # content controls and tracked insertions
            _read_blocks(child if child.tag != _SDT else _content(child), source, builder, styles)


def _content(sdt: etree._Element) -> etree._Element:
    content = sdt.find(_SDT_CONTENT)
    return content if content is not None else sdt


def _read_paragraph(paragraph: etree._Element, source: Source, builder: TextBuilder, styles: dict[str, int]) -> None:
    style = paragraph.find(_PARAGRAPH_STYLE)
    level = styles.get(style.get(_VAL), 0) if style is not None else 0
    outline = paragraph.find(_OUTLINE_LEVEL)
    if outline is not None and (outline.get(_VAL) or "").isdigit():
        level = int(outline.get(_VAL)) + 1
    lines: list[list[Run]] = [[]]
    boxes: list[etree._Element] = []
    for run, text in _runs(paragraph, boxes):
        look = _look(run, source, level)
        for number, piece in enumerate(text.split("\n")):
            if number:
                lines.append([])
            lines[-1].append(Run(piece, look))
    first = lines[0]
    if first and _is_list_item(paragraph, style.get(_VAL) if style is not None else None):
        # Word draws list bullets itself; write one, as Word's own plain-text export does, so the
        # checks can tell bullets from headings.
        first.insert(0, Run("• ", first[0].look))
    for runs in lines:
        builder.add_line(_merge(runs))
    for box in boxes:
        _read_blocks(box, "textbox", builder, styles)


def _is_list_item(paragraph: etree._Element, style: str | None) -> bool:
    return paragraph.find(_LIST_NUMBERING) is not None or bool(style and "list" in style.lower())


def _runs(element: etree._Element, boxes: list[etree._Element]) -> Iterator[tuple[etree._Element, str]]:
    """The paragraph's runs in order, hyperlinks included; text boxes are set aside for after the line."""
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
                    boxes.extend(box for box in node.iter(_TXBX) if not _in_fallback(box, child))
            yield child, "".join(pieces)
        elif tag in (_HYPERLINK, _SMART_TAG, _INS, _SDT, _SDT_CONTENT) or tag == _FLD_SIMPLE:
            yield from _runs(child if tag != _SDT else _content(child), boxes)


def _in_fallback(node: etree._Element, stop: etree._Element) -> bool:
    """Text boxes come twice: as DrawingML (Choice) and as VML (Fallback). Read only the first."""
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == _FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _look(run: etree._Element, source: Source, level: int) -> dict[str, Any]:
    props = run.find(_R_PR)
    color: RGB | None = None
    size: float | None = None
    hidden = bold = False
    if props is not None:
        color_el = props.find(_COLOR)
        value = color_el.get(_VAL) if color_el is not None else None
        if value and len(value) == 6 and value.lower() != "auto":
            try:
                color = (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)
            except ValueError:
                color = None
        size_el = props.find(_SZ)
        if size_el is not None and (size_el.get(_VAL) or "").isdigit():
            size = int(size_el.get(_VAL)) / 2  # half-points
        vanish = props.find(_VANISH)
        hidden = vanish is not None and vanish.get(_VAL, "true") not in ("0", "false")
        bold_el = props.find(_B)
        bold = bold_el is not None and bold_el.get(_VAL, "true") not in ("0", "false")
    return {"source": source, "font_size": size, "color": color, "hidden": hidden, "bold": bold, "heading_level": level}


def _merge(runs: list[Run]) -> list[Run]:
    """Word splits text into many runs with the same formatting; join them."""
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].look == run.look:
            merged[-1] = Run(merged[-1].text + run.text, run.look)
        else:
            merged.append(run)
    return merged


def _count_images(element: etree._Element) -> int:
    return sum(1 for node in element.iter(_BLIP, _VML_IMAGE) if not _in_fallback(node, element))


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
