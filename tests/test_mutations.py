"""Property: a damaged PDF or DOCX (truncated, bytes flipped, pieces spliced in) gives a result or a clean
error row, never a traceback and never an internal error, within the time limit."""

from __future__ import annotations

import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, make_docx, make_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atscheck.core import check_file
from atscheck.profiles import load_role
from atscheck.request import Request

TIME_LIMIT = 20  # seconds per file
KNOWN_CODES = {"corrupt", "unsupported", "encrypted", "empty", "too-large"}


@pytest.fixture(scope="module")
def originals() -> Iterator[dict[str, bytes]]:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        yield {
            ".pdf": make_pdf(base / "r.pdf", [MLOPS_TEXT]).read_bytes(),
            ".docx": make_docx(base / "r.docx", paragraphs=MLOPS_TEXT).read_bytes(),
        }


@st.composite
def mutations(draw: st.DrawFn, size: int) -> list[tuple[str, int, bytes]]:
    """A few edits: cut the file at a point, flip a byte, splice bytes in, or cut a piece out."""
    edits = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["truncate", "flip", "splice", "delete"]))
        at = draw(st.integers(0, size - 1))
        piece = draw(st.binary(min_size=1, max_size=64)) if kind in ("flip", "splice") else b""
        edits.append((kind, at, piece))
    return edits


def mutate(data: bytes, edits: list[tuple[str, int, bytes]]) -> bytes:
    for kind, at, piece in edits:
        at = at % max(len(data), 1)
        if kind == "truncate":
            data = data[:at]
        elif kind == "flip":
            data = data[:at] + bytes(b ^ 0xFF for b in piece[:1]) + data[at + 1 :]
        elif kind == "splice":
            data = data[:at] + piece + data[at:]
        else:
            data = data[:at] + data[at + 256 :]
    return data


def _alarm(signum: int, frame: object) -> None:
    raise TimeoutError(f"a mutated file took over {TIME_LIMIT} s")


@pytest.mark.parametrize("extension", [".pdf", ".docx"])
@settings(
    max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_files_give_a_result_or_a_clean_error(
    extension: str, data: st.DataObject, originals: dict[str, bytes], tmp_path: Path
) -> None:
    original = originals[extension]
    mutated = mutate(original, data.draw(mutations(len(original))))
    path = tmp_path / f"mutated{extension}"
    path.write_bytes(mutated)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT)
    try:
        [result] = check_file(path, [load_role("mlops-engineer")], Request())
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    if result.error:
        assert result.error.code in KNOWN_CODES, (result.error.code, result.error.message)
        assert "Traceback" not in result.error.message
    else:
        assert result.score is not None and 0 <= result.score <= 100
