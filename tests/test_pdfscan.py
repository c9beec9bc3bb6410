"""The PDF pre-scan: its own bounded decoders, its object reader, and that real resumes pass it."""

from __future__ import annotations

import base64
import zlib
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, SHARED, make_pdf, one_page_pdf, raw_pdf, stream

from atscheck.errors import InputError
from atscheck.extract import Limits
from atscheck.extract.pdf import prescan as pdfscan
from atscheck.extract.pdf.prescan import Budget, Name, Ref, decode, parse_value, prescan

DATA = b"BT /F1 12 Tf 72 700 Td (Kubernetes and Docker) Tj ET\n" * 50


def _lzw_encode(data: bytes) -> bytes:
    """A plain LZW encoder (PDF's variant, EarlyChange 1), to feed the decoder."""
    table = {bytes([i]): i for i in range(256)}
    width, bits, buffer, out = 9, 0, 0, bytearray()

    def put(code: int) -> None:
        nonlocal bits, buffer
        buffer, bits = (buffer << width) | code, bits + width
        while bits >= 8:
            bits -= 8
            out.append((buffer >> bits) & 0xFF)

    put(256)
    word = b""
    for byte in data:
        candidate = word + bytes([byte])
        if candidate in table:
            word = candidate
            continue
        put(table[word])
        table[candidate] = len(table) + 2
        if len(table) + 2 >= (1 << width) and width < 12:
            width += 1
        word = bytes([byte])
    put(table[word])
    put(257)
    if bits:
        out.append((buffer << (8 - bits)) & 0xFF)
    return bytes(out)


@pytest.mark.parametrize(
    ("name", "encoded"),
    [
        ("FlateDecode", zlib.compress(DATA)),
        ("LZWDecode", _lzw_encode(DATA)),
        ("ASCIIHexDecode", DATA.hex().encode() + b">"),
        ("ASCII85Decode", base64.a85encode(DATA) + b"~>"),
        ("RunLengthDecode", bytes([len(DATA[:100]) - 1]) + DATA[:100] + b"\x80"),
    ],
)
def test_each_decoder_gives_the_data_back(name: str, encoded: bytes) -> None:
    expected = DATA[:100] if name == "RunLengthDecode" else DATA
    assert decode(encoded, Name(name), Budget(1 << 20)) == expected


def test_the_budget_is_shared_by_all_streams_and_stops_a_bomb() -> None:
    budget = Budget(len(DATA) * 2)
    decode(zlib.compress(DATA), Name("FlateDecode"), budget)
    decode(zlib.compress(DATA), [Name("FlateDecode")], budget)
    with pytest.raises(InputError, match="decompression bomb"):
        decode(zlib.compress(DATA), Name("FlateDecode"), budget)


def test_unknown_filters_and_damaged_data_are_left_to_the_reader() -> None:
    assert decode(b"\xff\xd8 jpeg", Name("DCTDecode"), Budget(100)) is None
    partial = decode(zlib.compress(DATA)[:40], Name("FlateDecode"), Budget(1 << 20))
    assert partial is not None and DATA.startswith(partial)


def test_values_are_read_without_recursion() -> None:
    data = b"<< /Type /Page /Kids [1 0 R 2 0 R] /N 3 /S (a (b) c) >>"
    value, _ = parse_value(data, 0, len(data))
    assert value == {Name("Type"): Name("Page"), Name("Kids"): [Ref(1), Ref(2)], Name("N"): 3, Name("S"): b"(a (b) c)"}
    deep = b"[" * 100_000 + b"]" * 100_000
    assert parse_value(deep, 0, len(deep))[0] is pdfscan._STOP


def test_good_pdfs_pass(tmp_path: Path) -> None:
    prescan(make_pdf(tmp_path / "r.pdf", [MLOPS_TEXT] * 3).read_bytes(), Limits())
    prescan(raw_pdf(one_page_pdf(stream(zlib.compress(DATA), "/Filter /FlateDecode"))), Limits())


def test_the_limits_are_the_ones_given() -> None:
    data = raw_pdf(one_page_pdf(stream(DATA)))
    with pytest.raises(InputError, match="more than 100 operations"):
        prescan(data, Limits(max_operations=100))
    with pytest.raises(InputError, match="more than 100 characters"):
        prescan(data, Limits(max_drawn_chars=100))
    prescan(data, Limits(max_pages=1))


def test_pages_near_a_limit_are_counted_exactly() -> None:
    """The first pass bounds the work by the pages' size; a file that passes a bound, but not a limit, is
    counted word by word and accepted; one word past the limit is refused."""
    data = raw_pdf(one_page_pdf(stream(DATA)))
    exact = pdfscan.content_cost(DATA, Limits())
    bound = pdfscan.content_cost(DATA, Limits(), exact=False)
    assert exact.operations < bound.operations and exact.characters < bound.characters
    prescan(data, Limits(max_operations=exact.operations, max_drawn_chars=exact.characters))
    with pytest.raises(InputError, match=f"more than {exact.operations - 1:,} operations"):
        prescan(data, Limits(max_operations=exact.operations - 1))
    with pytest.raises(InputError, match=f"more than {exact.characters - 1:,} characters"):
        prescan(data, Limits(max_drawn_chars=exact.characters - 1))


def test_the_first_pass_never_gives_another_reason_than_the_exact_count() -> None:
    """A page over the operations limit that also draws drawings nested too deep: the exact count stops at
    the page's operations and never looks into what it draws, so that is the reason given."""
    objects = one_page_pdf(stream(b"q /X0 Do Q\n" + b"0 0 m\n" * 50))
    objects[3] = objects[3].replace(b"/Font << /F1 5 0 R >>", b"/XObject << /X0 10 0 R >>")
    for level in range(5):
        inner = f"/XObject << /X0 {11 + level} 0 R >>" if level < 4 else ""
        form = f"/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << {inner} >>"
        objects[10 + level] = stream(b"/X0 Do", form)
    with pytest.raises(InputError, match="more than 100 operations"):
        prescan(raw_pdf(objects), Limits(max_operations=100, max_xobject_depth=2))
    with pytest.raises(InputError, match="nested more than 2 levels deep"):
        prescan(raw_pdf(objects), Limits(max_xobject_depth=2))


def test_every_real_pdf_resume_passes() -> None:
    files = sorted((SHARED / "corpus").glob("*.pdf"))
    if not files:
        pytest.skip("../shared/corpus is not available")
    for path in files:
        prescan(path.read_bytes(), Limits())
