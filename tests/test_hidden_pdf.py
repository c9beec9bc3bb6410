"""Text hidden in a PDF by each known technique earns no credit and is named in the hidden-text finding.

Each case is a one-page PDF written by hand: a visible resume, plus "Kubernetes Terraform" hidden one way.
The same words drawn visibly are credited (the control), and the text layer of a scanned page is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, raw_pdf, stream

from atscheck.core import check_file
from atscheck.extract import extract
from atscheck.extract.pdf import hidden as reader
from atscheck.model import Result
from atscheck.profiles import load_role

HIDDEN_TERMS = ("Kubernetes", "Terraform")
# The visible resume names neither hidden term, so any credit for them can only come from the hidden line.
VISIBLE = [line.replace("Kubernetes", "clusters").replace("Terraform", "scripts") for line in MLOPS_TEXT]
WORDS = b"(Kubernetes Terraform) Tj"
RESOURCES = (
    "/Font << /F1 5 0 R >> /ExtGState << /Clear << /ca 0 >> >> "
    "/ColorSpace << /Spot [/Separation /Spot /DeviceCMYK "
    "<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 0 0 1] /N 1 >>] >> "
    "/XObject << /Form 6 0 R /Scan 7 0 R >>"
)
PAGE_RESOURCES = f"/Resources << {RESOURCES} >>"
GREY_PIXEL = "/ColorSpace /DeviceGray /BitsPerComponent 8"


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def _visible_lines() -> bytes:
    lines = b"".join(b"(" + _escape(line) + b") Tj 0 -14 Td " for line in VISIBLE)
    return b"BT /F1 10 Tf 72 740 Td " + lines + b"ET\n"


def _pdf(path: Path, hidden: bytes, form: bytes = b"", *, visible_after: bool = False) -> Path:
    """A page with the visible resume and then `hidden` drawn (or `hidden` first, with `visible_after`); `form`
    is the content of form XObject /Form."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R {PAGE_RESOURCES} >>".encode(),
        4: stream(hidden + _visible_lines() if visible_after else _visible_lines() + hidden),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: stream(form, "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>"),
        7: stream(b"\xc0", f"/Type /XObject /Subtype /Image /Width 1 /Height 1 {GREY_PIXEL}"),
    }
    path.write_bytes(raw_pdf(objects))
    return path


def _line(operators: bytes = b"", x: int = 72, y: int = 500) -> bytes:
    return b"BT " + operators + b" /F1 10 Tf " + f"{x} {y} Td ".encode() + WORDS + b" ET\n"


@dataclass(frozen=True)
class Case:
    id: str
    hidden: bytes
    names: str  # the technique as the finding names it
    form: bytes = b""


CASES = [
    Case("render mode 3 (invisible)", _line(b"3 Tr"), reader.INVISIBLE_INK),
    Case("render mode 7 (clip only)", _line(b"7 Tr"), reader.INVISIBLE_INK),
    Case("alpha 0", b"/Clear gs " + _line(), reader.TRANSPARENT),
    Case("under a white box drawn later", _line() + b"1 1 1 rg 60 490 300 30 re f\n", reader.COVERED),
    Case("under a black box drawn later", _line() + b"0 0 0 rg 60 490 300 30 re f\n", reader.COVERED),
    Case("clipped away", b"q 0 0 5 5 re W n " + _line() + b"Q\n", reader.CLIPPED),
    Case("white Separation tint", b"/Spot cs 0 scn " + _line(), "white on the white page"),
    Case("squeezed with Tz 1", _line(b"1 Tz"), reader.SQUEEZED),
    Case("off the page to the right", _line(x=700), reader.OFF_PAGE),
    Case("off the page below", _line(y=-200), reader.OFF_PAGE),
    Case("white text", b"1 1 1 rg " + _line(), "white on the white page"),
    Case("tiny text", b"BT /F1 1 Tf 72 500 Td " + WORDS + b" ET\n", "tiny"),
    Case("invisible inside a form XObject", b"/Form Do\n", reader.INVISIBLE_INK, form=_line(b"3 Tr")),
]


def _result(path: Path) -> Result:
    [result] = check_file(path, [load_role("mlops-engineer")])
    return result


def _status(result: Result, name: str) -> str:
    return next(t.status for t in result.terms if t.term.name == name)


def test_the_control_is_credited(tmp_path: Path) -> None:
    result = _result(_pdf(tmp_path / "visible.pdf", _line()))
    assert [_status(result, name) for name in HIDDEN_TERMS] == ["exact", "exact"]
    assert "hidden-text" not in {c.id for c in result.checks}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hidden_text_earns_no_credit_and_is_named(case: Case, tmp_path: Path) -> None:
    result = _result(_pdf(tmp_path / "hidden.pdf", case.hidden, case.form))
    assert [_status(result, name) for name in HIDDEN_TERMS] == ["missing", "missing"]
    [finding] = [c for c in result.checks if c.id == "hidden-text"]
    assert finding.severity == "error"
    assert case.names in finding.message and "Kubernetes, Terraform" in finding.message
    assert "2 " + case.names in finding.message  # the two hidden words, counted under their technique
    assert _status(result, "Python") == "exact"  # the visible resume is still read


def test_ocr_layer_over_a_scanned_page_is_readable(tmp_path: Path) -> None:
    """A scan's OCR text is drawn invisibly over the page picture: it is the text the picture shows."""
    scan = b"q 612 0 0 792 0 0 cm /Scan Do Q\n"
    result = _result(_pdf(tmp_path / "scan.pdf", scan + _line(b"3 Tr")))
    assert [_status(result, name) for name in HIDDEN_TERMS] == ["exact", "exact"]
    assert "hidden-text" not in {c.id for c in result.checks}


def test_invisible_text_over_a_background_picture_is_still_hidden(tmp_path: Path) -> None:
    """A designed page with a full-page picture behind visible text is no scan: invisible words there hide."""
    background = b"q 612 0 0 792 0 0 cm /Scan Do Q\n"
    # The picture, then the hidden words (q/Q: the render mode is graphics state), then the visible resume.
    objects_first = background + b"q " + _line(b"3 Tr") + b"Q\n"
    result = _result(_pdf(tmp_path / "designed.pdf", objects_first, visible_after=True))
    assert [_status(result, name) for name in HIDDEN_TERMS] == ["missing", "missing"]
    assert "hidden-text" in {c.id for c in result.checks}


def test_white_text_on_a_dark_box_drawn_before_is_visible(tmp_path: Path) -> None:
    banner = b"0.1 0.1 0.3 rg 60 490 300 30 re f 1 1 1 rg " + _line()
    result = _result(_pdf(tmp_path / "banner.pdf", banner))
    assert [_status(result, name) for name in HIDDEN_TERMS] == ["exact", "exact"]


def test_a_highlight_drawn_before_the_text_hides_nothing(tmp_path: Path) -> None:
    highlight = b"1 1 0 rg 60 490 300 30 re f 0 0 0 rg " + _line()
    result = _result(_pdf(tmp_path / "highlight.pdf", highlight))
    assert [_status(result, name) for name in HIDDEN_TERMS] == ["exact", "exact"]


def test_a_line_that_runs_past_the_edge_is_read(tmp_path: Path) -> None:
    """An overlong line that starts on the page is a layout slip, not a hiding place."""
    overlong = b"BT /F1 10 Tf 500 500 Td (Tools: Python Kubernetes Terraform) Tj ET\n"
    document = extract(_pdf(tmp_path / "overlong.pdf", overlong))
    assert not any(span.hidden for span in document.spans)


def test_hidden_spans_say_how(tmp_path: Path) -> None:
    document = extract(_pdf(tmp_path / "hidden.pdf", _line(b"3 Tr")))
    [span] = [s for s in document.spans if "Kubernetes" in s.text]
    assert span.hidden and span.hidden_how == reader.INVISIBLE_INK
    assert not any(s.hidden for s in document.spans if "Python" in s.text)
