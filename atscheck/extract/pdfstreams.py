"""A cap on what a PDF's streams may inflate to, so a decompression bomb is refused before it fills memory.

pdfminer.six decodes a stream in one call (zlib, LZW, RunLength) and keeps the result. While a PDF is
read, those decoders are swapped for bounded ones that count every byte they produce, stream after
stream, and stop the file once the total passes the limit.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from types import SimpleNamespace

from pdfminer import pdftypes
from pdfminer.lzw import LZWDecoder
from pdfminer.runlength import rldecode

from atscheck.errors import InputError

_CHUNK = 1 << 20


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise InputError(
                "too-large",
                "This PDF unpacks to far more data than any resume (it may be a 'decompression bomb'); reading "
                "stopped. Export your resume again from your editor and check the new file.",
            )


def _inflate(budget: _Budget, data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    parts = []
    chunk = inflater.decompress(data, _CHUNK)
    while chunk:
        budget.spend(len(chunk))
        parts.append(chunk)
        chunk = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
    if not inflater.eof and not parts:
        raise zlib.error("incomplete or damaged zlib data")  # pdfminer then tries its lenient path
    return b"".join(parts)


class _CountingInflater:
    """For pdfminer's lenient path on damaged data, which feeds the inflater one byte at a time."""

    def __init__(self, budget: _Budget) -> None:
        self._budget = budget
        self._inflater = zlib.decompressobj()

    def decompress(self, data: bytes) -> bytes:
        out = self._inflater.decompress(data)
        self._budget.spend(len(out))
        return out


def _lzw(budget: _Budget, data: bytes) -> bytes:
    parts = []
    for part in LZWDecoder(BytesIO(data)).run():
        budget.spend(len(part))
        parts.append(part)
    return b"".join(parts)


def _run_length(budget: _Budget, data: bytes) -> bytes:
    size, index = 0, 0
    while index < len(data) and data[index] != 128:  # the decoded size, counted before decoding
        length = data[index]
        size += length + 1 if length < 128 else 257 - length
        index += length + 2 if length < 128 else 2
    budget.spend(size)
    return rldecode(data)


@contextmanager
def bounded_streams(limit: int) -> Iterator[None]:
    """While active, pdfminer's stream decoders stop with InputError once `limit` bytes are produced."""
    budget = _Budget(limit)
    saved = (pdftypes.zlib, pdftypes.lzwdecode, pdftypes.rldecode)
    pdftypes.zlib = SimpleNamespace(
        decompress=lambda data: _inflate(budget, data),
        decompressobj=lambda: _CountingInflater(budget),
        error=zlib.error,
    )
    pdftypes.lzwdecode = lambda data: _lzw(budget, data)
    pdftypes.rldecode = lambda data: _run_length(budget, data)
    try:
        yield
    finally:
        pdftypes.zlib, pdftypes.lzwdecode, pdftypes.rldecode = saved
