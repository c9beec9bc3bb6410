"""Issue 30, item 3 (PDF): text that leaves no ink on the page earns no credit, however the page hides it; the
same constructions with the text showing are credited.

Each case is a one-page PDF written by hand: a visible resume without "Kubernetes" and "Terraform", plus one
line holding both, drawn one way. The page is rendered here too, by PDFium and (where installed) by poppler's
pdftoppm, to show that each hidden line really leaves no ink where it stands and each shown line does:
atscheck's verdict is checked against what a reader sees.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import raw_pdf, stream
from ink_helpers import VISIBLE, WORDS, assert_hidden, assert_shown

from atscheck.extract import extract
from atscheck.extract.pdf import hidden as reader

TJ = b"(" + WORDS.encode() + b") Tj"  # the operator that draws the words
# Where the line stands (PDF points): x 72, baseline 500, Helvetica 10 pt.
WHERE = (72.0, 497.0, 180.0, 508.0)
GRAY_PIXEL = "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8"
TILES = "/PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 10 10] /XStep 10 /YStep 10 /Resources << >>"
MASK = "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Group << /S /Transparency /CS /DeviceGray >>"


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def _line(operators: bytes = b"") -> bytes:
    return b"BT " + operators + b" /F1 10 Tf 72 500 Td " + TJ + b" ET\n"


def _pdf(path: Path, drawn: bytes, layer: str = "") -> Path:
    """The visible resume, then `drawn`; `layer` is the default state of the optional-content group /L1 (its
    /D entry, e.g. "/OFF [8 0 R]")."""
    lines = b"".join(b"(" + _escape(line) + b") Tj 0 -14 Td " for line in VISIBLE)
    catalog = "<< /Type /Catalog /Pages 2 0 R"
    if layer:
        catalog += f" /OCProperties << /OCGs [8 0 R] /D << {layer} /Order [8 0 R] >> >>"
    resources = (
        "/Font << /F1 5 0 R >> /Properties << /L1 8 0 R /M1 << /Type /OCMD /OCGs [8 0 R] /P /AnyOn >> >> "
        "/ExtGState << /BlackMask << /SMask << /Type /Mask /S /Luminosity /G 9 0 R >> >> "
        "/WhiteMask << /SMask << /Type /Mask /S /Luminosity /G 10 0 R >> >> /Multiply << /BM /Multiply >> >> "
        "/XObject << /WhitePicture 11 0 R /DarkPicture 12 0 R /Keywords 13 0 R >> "
        "/Pattern << /WhiteTiles 14 0 R /BlackTiles 15 0 R >>"
    )
    objects = {
        1: (catalog + " >>").encode(),
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << {resources} >> >>"
        "".encode(),
        4: stream(b"BT /F1 10 Tf 72 740 Td " + lines + b"ET\n" + drawn),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        8: b"<< /Type /OCG /Name (Keywords) >>",
        9: stream(b"0 g 0 0 612 792 re f", MASK),  # black: nothing shows through
        10: stream(b"1 g 0 0 612 792 re f", MASK),  # white: everything shows
        11: stream(b"\xff", GRAY_PIXEL),
        12: stream(b"\x20", GRAY_PIXEL),
        # A drawing (form XObject) of the line, itself in the optional-content group /L1.
        13: stream(
            _line(),
            "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /OC 8 0 R /Resources << /Font << /F1 5 0 R >> >>",
        ),
        14: stream(b"1 1 1 rg 0 0 10 10 re f", TILES),
        15: stream(b"0 0 0 rg 0 0 10 10 re f", TILES),
    }
    path.write_bytes(raw_pdf(objects))
    return path


WHITE_PICTURE = b"q 200 0 0 40 60 485 cm /WhitePicture Do Q "
DARK_PICTURE = b"q 200 0 0 40 60 485 cm /DarkPicture Do Q "


@dataclass(frozen=True)
class Case:
    id: str
    drawn: bytes
    names: str  # the technique the finding names; "" for a line a reader sees
    layer: str = ""


HIDDEN = [
    Case("in a layer that is off by default", b"/OC /L1 BDC " + _line() + b"EMC\n", reader.LAYER_OFF, "/OFF [8 0 R]"),
    Case(
        "in a layer listed off in /D /OFF, the layer named on the drawing",
        b"/Keywords Do\n",
        reader.NO_INK,
        "/OFF [8 0 R]",
    ),
    Case("under a black soft mask", b"q /BlackMask gs " + _line() + b"Q\n", reader.MASKED),
    Case(
        "under two white boxes stacked over it, neither covering it alone",
        _line() + b"1 1 1 rg 60 502 200 20 re f 60 480 200 23 re f\n",
        reader.COVERED,
    ),
    Case(
        "under three white boxes side by side",
        _line() + b"1 1 1 rg 60 480 50 40 re f 108 480 50 40 re f 156 480 60 40 re f\n",
        reader.COVERED,
    ),
    Case("white on a white picture", WHITE_PICTURE + b"1 1 1 rg " + _line(), reader.SAME_AS_PICTURE),
    Case("navy on a navy box", b"0.1 0.1 0.3 rg 60 485 200 30 re f " + _line(), reader.SAME_AS_SHAPE),
    Case("filled with white tiles", b"/Pattern cs /WhiteTiles scn " + _line(), reader.PATTERNED),
    Case("white text, blended by multiplying", b"q /Multiply gs 1 1 1 rg " + _line() + b"Q\n", reader.MASKED),
    Case(
        "in a layer of a membership dictionary whose layer is off",
        b"/OC /M1 BDC " + _line() + b"EMC\n",
        reader.LAYER_OFF,
        "/OFF [8 0 R]",
    ),
]
SHOWN = [
    Case("in a layer that is on", b"/OC /L1 BDC " + _line() + b"EMC\n", "", "/ON [8 0 R]"),
    Case("in a layer with no default state (on)", b"/OC /L1 BDC " + _line() + b"EMC\n", "", "/BaseState /ON"),
    Case("under a white soft mask, which shows it", b"q /WhiteMask gs " + _line() + b"Q\n", ""),
    Case("under one white box that covers only its start", _line() + b"1 1 1 rg 60 480 40 40 re f\n", ""),
    Case("under an underline drawn after it", _line() + b"0 0 0 rg 72 497 108 0.6 re f\n", ""),
    Case("black on a white picture", WHITE_PICTURE + b"0 0 0 rg " + _line(), ""),
    Case("white on a dark picture", DARK_PICTURE + b"1 1 1 rg " + _line(), ""),
    Case("black on a yellow box", b"1 1 0.4 rg 60 485 200 30 re f 0 0 0 rg " + _line(), ""),
    Case("white on a navy box", b"0.1 0.1 0.3 rg 60 485 200 30 re f 1 1 1 rg " + _line(), ""),
    Case("half transparent", b"q /WhiteMask gs " + _line(b"0.5 g") + b"Q\n", ""),
    Case("filled with black tiles", b"/Pattern cs /BlackTiles scn " + _line(), ""),
]


@pytest.mark.parametrize("case", HIDDEN, ids=[c.id for c in HIDDEN])
def test_a_line_that_leaves_no_ink_earns_nothing_and_is_named(case: Case, tmp_path: Path) -> None:
    assert_hidden(_pdf(tmp_path / "hidden.pdf", case.drawn, case.layer), case.names)


@pytest.mark.parametrize("case", SHOWN, ids=[c.id for c in SHOWN])
def test_a_line_a_reader_sees_is_credited(case: Case, tmp_path: Path) -> None:
    assert_shown(_pdf(tmp_path / "shown.pdf", case.drawn, case.layer))


# --- What renderers draw where the line stands -----------------------------------------------------------


def _ink(pixels: list[int]) -> int:
    """Pixels that stand out from what lies behind the line (the most common value in its box)."""
    behind = max(set(pixels), key=pixels.count)
    return sum(1 for value in pixels if abs(value - behind) > 60)


def _box_pixels(gray: bytes, stride: int, height: int, scale: float) -> list[int]:
    left, bottom, right, top = WHERE
    pixels: list[int] = []
    for y in range(int((792 - top) * scale), min(int((792 - bottom) * scale) + 1, height)):
        pixels += gray[y * stride + int(left * scale) : y * stride + int(right * scale) + 1]
    return pixels


def _pdfium_ink(path: Path) -> int:
    import pypdfium2 as pdfium

    bitmap = pdfium.PdfDocument(path)[0].render(scale=2, grayscale=True)
    return _ink(_box_pixels(bytes(bitmap.buffer), bitmap.stride, bitmap.height, 2))


def _poppler_ink(path: Path) -> int:
    subprocess.run(["pdftoppm", "-gray", "-r", "144", "-f", "1", "-l", "1", str(path), str(path.with_suffix(""))])
    data = next(path.parent.glob(f"{path.stem}*.pgm")).read_bytes()
    magic, size, depth, pixels = data.split(b"\n", 3)
    width, height = map(int, size.split())
    assert magic == b"P5" and depth == b"255"
    return _ink(_box_pixels(pixels, width, height, 2))


RENDERERS = [pytest.param(_pdfium_ink, id="pdfium")]
RENDERERS.append(
    pytest.param(
        _poppler_ink,
        id="poppler",
        marks=pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed"),
    )
)


@pytest.mark.parametrize("render", RENDERERS)
@pytest.mark.parametrize("case", HIDDEN, ids=[c.id for c in HIDDEN])
def test_the_hidden_cases_really_leave_no_ink(case: Case, render: object, tmp_path: Path) -> None:
    assert render(_pdf(tmp_path / "hidden.pdf", case.drawn, case.layer)) == 0  # type: ignore[operator]


@pytest.mark.parametrize("render", RENDERERS)
@pytest.mark.parametrize("case", SHOWN, ids=[c.id for c in SHOWN])
def test_the_shown_cases_really_leave_ink(case: Case, render: object, tmp_path: Path) -> None:
    assert render(_pdf(tmp_path / "shown.pdf", case.drawn, case.layer)) > 100  # type: ignore[operator]


def test_only_words_in_question_are_drawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain page draws nothing; a page with one doubtful line draws around that line only."""
    from atscheck.extract.pdf import document

    drawn: list[int] = []
    original = document.inkless

    def counting(page: object, width: float, height: float, words: list[object]) -> set[int]:
        drawn.append(len(words))
        return original(page, width, height, words)  # type: ignore[arg-type]

    monkeypatch.setattr(document, "inkless", counting)
    extract(_pdf(tmp_path / "plain.pdf", _line()))
    assert drawn == []
    extract(_pdf(tmp_path / "masked.pdf", b"q /BlackMask gs " + _line() + b"Q\n"))
    assert drawn == [2]  # "Kubernetes" and "Terraform"
