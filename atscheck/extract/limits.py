"""Bounds that protect every run, in-process included, from huge or hostile files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds that protect every run from huge or hostile files."""

    max_bytes: int = 20 * 1024 * 1024
    max_pages: int = 30
    max_chars: int = 200_000
    max_inflated_bytes: int = 100 * 1024 * 1024  # what a DOCX member or PDF stream may inflate to
    # What one XML part of a DOCX may unpack to: python-docx holds each as a tree in memory, about 15 times its
    # size. The largest in 10 real DOCX resumes: 400 KB.
    max_xml_bytes: int = 16 * 1024 * 1024
    # XML elements in a DOCX's document, headers and footers, each read from Python even when it holds no text.
    # The most in 10 real DOCX resumes: 7,700.
    max_xml_elements: int = 500_000
    # The work a PDF's first max_pages pages ask of a reader (atscheck/extract/pdfscan.py), each drawing
    # counted every time it is drawn. The most in 29 real PDF resumes: 373,000 operations and 23,000
    # characters on one page, character maps spanning 251,000 codes, drawings nested 2 deep.
    max_operations: int = 3_000_000  # operators and operands
    max_drawn_chars: int = 1_000_000  # bytes of text strings shown
    max_cmap_codes: int = 1 << 20  # character codes the fonts' ToUnicode/CID ranges span
    max_xobject_depth: int = 12  # drawings (form XObjects) inside drawings


def chars_cut(limits: Limits) -> str:
    """The warning for a file whose text was cut at the character limit."""
    return f"Only the first {limits.max_chars:,} characters were checked; the file holds far more text than a resume."
