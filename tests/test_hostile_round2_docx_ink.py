"""Issue 30, items 3 and 4 (Word): text a reader cannot see earns no credit however Word is told to hide it, and
text Word shows is credited however its look is set.

Word decides how a run looks through its styles (document defaults, table style, paragraph style and its
`basedOn` chain, character style, then the run's own formatting; hidden and bold combine as toggles). Each
case below is a visible resume without "Kubernetes" and "Terraform", plus one paragraph holding both, hidden
(or shown) one way. Where LibreOffice is installed, each file is also converted to PDF and rendered, to show
that the words really leave no ink (or do); elsewhere that part skips.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import make_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor
from ink_helpers import VISIBLE, WORDS, assert_hidden, assert_shown, result_of, statuses

from atscheck.extract import extract
from atscheck.extract.docx import drawings
from atscheck.extract.docx.document import CONDENSED, SAME_COLOR, SQUEEZED

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WORD_HIDDEN = "set as hidden text (Word's Hidden font setting)"

Build = Callable[[object], None]


def _run(properties: str, text: str = WORDS) -> object:
    return parse_xml(f"<w:r {W}><w:rPr>{properties}</w:rPr><w:t>{text}</w:t></w:r>")


def _direct(properties: str) -> Build:
    """The words in a run of their own, formatted directly."""

    def build(document: object) -> None:
        document.add_paragraph()._p.append(_run(properties))  # type: ignore[attr-defined]

    return build


def _set_font(style: object, font: dict[str, object]) -> None:
    for name, value in font.items():
        if name == "color":
            style.font.color.rgb = value  # type: ignore[attr-defined]
        else:
            setattr(style.font, name, value)  # type: ignore[attr-defined]


def _character_style(**font: object) -> Build:
    def build(document: object) -> None:
        style = document.styles.add_style("Keywords", WD_STYLE_TYPE.CHARACTER)  # type: ignore[attr-defined]
        _set_font(style, font)
        document.add_paragraph().add_run(WORDS, style="Keywords")  # type: ignore[attr-defined]

    return build


def _paragraph_style(based_on: bool = False, **font: object) -> Build:
    def build(document: object) -> None:
        style = document.styles.add_style("Keywords", WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
        _set_font(style, font)
        if based_on:  # the words' style says nothing itself: it inherits from "Keywords"
            derived = document.styles.add_style("Plain Looking", WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
            derived.base_style = style
            style = derived
        document.add_paragraph(WORDS, style=style)  # type: ignore[attr-defined]

    return build


def _styles_xml(document: object, xml: str) -> None:
    document.styles.element.append(parse_xml(xml))  # type: ignore[attr-defined]


def _table_style(run_properties: str, cell_shading: str = "") -> Build:
    """A table whose style (not the table, row, cell or run) hides the words."""

    def build(document: object) -> None:
        _styles_xml(
            document,
            f'<w:style {W} w:type="table" w:styleId="KeywordTable"><w:name w:val="Keyword Table"/>'
            f"<w:rPr>{run_properties}</w:rPr><w:tcPr>{cell_shading}</w:tcPr></w:style>",
        )
        table = document.add_table(rows=1, cols=1)  # type: ignore[attr-defined]
        table._tbl.tblPr.append(parse_xml(f'<w:tblStyle {W} w:val="KeywordTable"/>'))
        table.cell(0, 0).paragraphs[0].add_run(WORDS)

    return build


def _character_scale_style(document: object) -> None:
    _styles_xml(
        document,
        f'<w:style {W} w:type="character" w:styleId="Narrow"><w:name w:val="Narrow"/><w:rPr><w:w w:val="1"/></w:rPr>'
        "</w:style>",
    )
    document.add_paragraph()._p.append(_run('<w:rStyle w:val="Narrow"/>'))  # type: ignore[attr-defined]


def _twice_hidden(document: object) -> None:
    """Hidden in the paragraph style and again in the character style: toggles cancel (ECMA-376 17.7.3)."""
    paragraph = document.styles.add_style("Hidden Paragraph", WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
    paragraph.font.hidden = True
    character = document.styles.add_style("Hidden Words", WD_STYLE_TYPE.CHARACTER)  # type: ignore[attr-defined]
    character.font.hidden = True
    document.add_paragraph(style=paragraph).add_run(WORDS, style=character)  # type: ignore[attr-defined]


def _style_turned_off(document: object) -> None:
    """A hidden paragraph style, turned off on the run itself: direct formatting sets the state outright."""
    style = document.styles.add_style("Hidden Paragraph", WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
    style.font.hidden = True
    document.add_paragraph(style=style)._p.append(_run('<w:vanish w:val="0"/>'))  # type: ignore[attr-defined]


def _text_box(fill: str, color: str) -> Build:
    """The words in a DrawingML text box filled with `fill`, in colour `color`."""

    def build(document: object) -> None:
        wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        box = (
            f'<w:r {W} xmlns:wps="{wps}" xmlns:a="{a}"><w:drawing><wps:wsp><wps:spPr>'
            f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></wps:spPr><wps:txbx><w:txbxContent>'
            f'<w:p><w:r><w:rPr><w:color w:val="{color}"/></w:rPr><w:t>{WORDS}</w:t></w:r></w:p>'
            "</w:txbxContent></wps:txbx></wps:wsp></w:drawing></w:r>"
        )
        document.add_paragraph()._p.append(parse_xml(box))  # type: ignore[attr-defined]

    return build


WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
INCH = 914400  # EMU


TINY = (3 * INCH, 12700)  # 3 inches by 1 pt


def _anchored_box(
    x: int = INCH, size: tuple[int, int] = (3 * INCH, INCH), hidden: bool = False, grows: bool = False
) -> str:
    """A drawing anchored to the page at (x, 5 inches), holding a text box with the words, as Word writes one."""
    hide = ' hidden="1"' if hidden else ""
    return (
        f'<w:drawing {W} xmlns:wp="{WP}" xmlns:wps="{WPS}" xmlns:a="{A}">'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{5 * INCH}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{size[0]}" cy="{size[1]}"/><wp:wrapNone/>'
        f'<wp:docPr id="7" name="Text Box 7"{hide}/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{WPS}"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>'
        f"<wps:txbx><w:txbxContent><w:p><w:r><w:t>{WORDS}</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
        f"<wps:bodyPr>{'<a:spAutoFit/>' if grows else '<a:noAutofit/>'}</wps:bodyPr></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )


def _drawn(drawing: str) -> Build:
    def build(document: object) -> None:
        document.add_paragraph()._p.append(parse_xml(f"<w:r {W}>{drawing}</w:r>"))  # type: ignore[attr-defined]

    return build


def _alternate(requires: str, namespace: str) -> Build:
    """The text box in a version of the drawing that needs `namespace`; the fallback Word shows otherwise is
    empty."""
    return _drawn(
        f'<mc:AlternateContent xmlns:mc="{MC}" xmlns:{requires}="{namespace}"><mc:Choice Requires="{requires}">'
        f"{_anchored_box()}</mc:Choice><mc:Fallback/></mc:AlternateContent>"
    )


VML_BOX = (
    '<w:pict xmlns:v="urn:schemas-microsoft-com:vml"><v:shape style="position:absolute;width:200pt;height:40pt;'
    f'visibility:hidden"><v:textbox><w:txbxContent><w:p><w:r><w:t>{WORDS}</w:t></w:r></w:p></w:txbxContent>'
    "</v:textbox></v:shape></w:pict>"
)


@dataclass(frozen=True)
class Case:
    id: str
    build: Build
    names: str  # the technique as the finding names it; "" for text a reader sees


WHITE = RGBColor(0xFF, 0xFF, 0xFF)
HIDDEN = [
    Case("hidden by a character style", _character_style(hidden=True), WORD_HIDDEN),
    Case("hidden by a paragraph style", _paragraph_style(hidden=True), WORD_HIDDEN),
    Case("hidden by the style a paragraph style is based on", _paragraph_style(True, hidden=True), WORD_HIDDEN),
    Case("hidden by a table style", _table_style("<w:vanish/>"), WORD_HIDDEN),
    Case("white through a character style", _character_style(color=WHITE), "white on the white page"),
    Case("white through a paragraph style", _paragraph_style(color=WHITE), "white on the white page"),
    Case("1 pt through a paragraph style", _paragraph_style(size=Pt(1)), "tiny"),
    Case("1 pt through an inherited style", _paragraph_style(True, size=Pt(1)), "tiny"),
    Case("character scale 1%", _direct('<w:w w:val="1"/>'), SQUEEZED),
    Case("character scale 1% through a character style", _character_scale_style, SQUEEZED),
    Case("letters condensed onto each other", _direct('<w:spacing w:val="-200"/>'), CONDENSED),
    Case(
        "a theme colour that is the page's (background1) over a black value",
        _direct('<w:color w:val="000000" w:themeColor="background1"/>'),
        "white on the white page",
    ),
    Case(
        "dark text on the same dark shading",
        _direct('<w:color w:val="1F1F1F"/><w:shd w:val="clear" w:fill="1F1F1F"/>'),
        SAME_COLOR,
    ),
    Case("navy text in a navy text box", _text_box("1F3864", "1F3864"), SAME_COLOR),
    Case("in a text box set as hidden (wp:docPr hidden)", _drawn(_anchored_box(hidden=True)), drawings.SHAPE_HIDDEN),
    Case("in a VML text box styled visibility:hidden", _drawn(VML_BOX), drawings.SHAPE_HIDDEN),
    Case("in a text box placed off the page", _drawn(_anchored_box(x=30 * INCH)), drawings.OFF_PAGE),
    Case(
        "in a text box 1 pt tall that does not grow", _drawn(_anchored_box(size=(3 * INCH, 12700))), drawings.TOO_SMALL
    ),
]
SHOWN = [
    Case("a character style that only makes bold", _character_style(bold=True), ""),
    Case("hidden twice over: paragraph style and character style", _twice_hidden, ""),
    Case("a hidden style turned off on the run", _style_turned_off, ""),
    Case('w:vanish w:val="off"', _direct('<w:vanish w:val="off"/>'), ""),
    Case('w:vanish w:val="0"', _direct('<w:vanish w:val="0"/>'), ""),
    Case('w:vanish w:val="false"', _direct('<w:vanish w:val="false"/>'), ""),
    Case(
        "white text on the dark cell shading of a table style",
        _table_style('<w:color w:val="FFFFFF"/>', '<w:shd w:val="clear" w:fill="1F3864"/>'),
        "",
    ),
    Case("white text in a navy text box", _text_box("1F3864", "FFFFFF"), ""),
    Case("character scale 90%", _direct('<w:w w:val="90"/>'), ""),
    Case("slightly condensed letters", _direct('<w:spacing w:val="-10"/>'), ""),
    Case("the theme's text colour", _direct('<w:color w:val="FFFFFF" w:themeColor="text1"/>'), ""),
    Case("in a text box on the page", _drawn(_anchored_box()), ""),
    Case(
        "in a 1 pt text box that grows to fit its text", _drawn(_anchored_box(size=(3 * INCH, 12700), grows=True)), ""
    ),
    Case("in the version of a drawing Word shows (mc:Choice it can read)", _alternate("wps", WPS), ""),
]


def _docx(tmp_path: Path, case: Case) -> Path:
    return make_docx(tmp_path / "resume.docx", case.build, VISIBLE)


@pytest.mark.parametrize("case", HIDDEN, ids=[c.id for c in HIDDEN])
def test_hidden_words_earn_nothing_and_are_named(case: Case, tmp_path: Path) -> None:
    assert_hidden(_docx(tmp_path, case), case.names)


def test_a_version_of_a_drawing_word_never_shows_is_not_read(tmp_path: Path) -> None:
    """A Choice that requires a namespace Word does not know: Word shows the (empty) Fallback instead."""
    path = _docx(tmp_path, Case("choice", _alternate("zz", "urn:example:nobody"), ""))
    assert statuses(result_of(path)) == ["missing", "missing"]
    assert WORDS not in extract(path).text and "Jordan Example" in extract(path).text


@pytest.mark.parametrize("case", SHOWN, ids=[c.id for c in SHOWN])
def test_words_word_shows_are_credited(case: Case, tmp_path: Path) -> None:
    assert_shown(_docx(tmp_path, case))


# --- What LibreOffice draws, where it is installed -----------------------------------------------------------


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed: no DOCX renderer")


def _ink_of_words(docx: Path) -> int:
    """Pixels that stand out from what lies behind "Kubernetes Terraform" once LibreOffice has printed the file
    to PDF and PDFium has drawn it: 0 when the words are not drawn, or drawn in the colour behind them."""
    import statistics

    import pypdfium2 as pdfium

    subprocess.run(
        [str(SOFFICE), "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = pdfium.PdfDocument(docx.with_suffix(".pdf"))
    pixels: list[int] = []
    for page in pdf:
        text = page.get_textpage()
        found = text.search(WORDS).get_next()
        if found is None:
            continue
        bitmap = page.render(scale=2, grayscale=True)
        buffer, stride, height = bitmap.buffer, bitmap.stride, bitmap.height
        page_height = page.get_height()
        for left, bottom, right, top in (text.get_charbox(i) for i in range(found[0], found[0] + found[1])):
            for y in range(max(int((page_height - top) * 2), 0), min(int((page_height - bottom) * 2) + 1, height)):
                pixels += buffer[y * stride + int(left * 2) : y * stride + int(right * 2) + 1]
    if not pixels:
        return 0
    behind = statistics.median(pixels)  # most of a word's box is what lies behind its letters
    return sum(1 for value in pixels if abs(value - behind) > 60)


@needs_libreoffice
@pytest.mark.parametrize("case", HIDDEN, ids=[c.id for c in HIDDEN])
def test_the_hidden_cases_really_leave_no_ink(case: Case, tmp_path: Path) -> None:
    assert _ink_of_words(_docx(tmp_path, case)) == 0


@needs_libreoffice
@pytest.mark.parametrize("case", SHOWN, ids=[c.id for c in SHOWN])
def test_the_shown_cases_really_leave_ink(case: Case, tmp_path: Path) -> None:
    assert _ink_of_words(_docx(tmp_path, case)) > 0
