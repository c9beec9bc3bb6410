"""Reading a resume file into a Document: one Reader per input format, in one registry.

The format is chosen by the file's content, not its name: each reader says whether it recognises the
file's first bytes, in registry order (more specific formats first). Formats an ATS handles badly or not at
all (old .doc, RTF, OpenDocument, pictures) are refused before any reader is asked, with what to do instead.
A new input format is a module with a Reader and one line in READERS.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Protocol

from atscheck.errors import InputError
from atscheck.extract.docx import DocxReader
from atscheck.extract.files import read_bytes, too_large
from atscheck.extract.jsonresume import JsonResumeReader
from atscheck.extract.limits import Limits, chars_cut
from atscheck.extract.pdf import PdfReader
from atscheck.extract.plaintext import MarkdownReader, TextReader
from atscheck.model import Document

__all__ = ["READERS", "SUPPORTED_EXTENSIONS", "Limits", "Reader", "detect_format", "extract", "extract_bytes"]

SAVE_AS = "Save it as PDF or DOCX (File > Save As / Export) and check that file instead."


class Reader(Protocol):
    """One input format. Its module must be cheap to import (the registry imports them all): a heavy parser
    is imported inside `read`."""

    format: str  # the Document's format, e.g. "pdf"
    label: str  # how messages name the format: "a PDF"
    extensions: tuple[str, ...]  # the file names it is known by, for folders and the "wrong extension" warning

    def recognises(self, head: bytes, name: str) -> bool:
        """Whether the file's first 2 KB are this format (`name` only tells apart formats of one content)."""
        ...

    def read(self, data: bytes, name: str, limits: Limits) -> Document:
        """The file's text and layout, within `limits`; raises InputError saying what is wrong and what to do."""
        ...


# Asked in this order: the first that recognises the file reads it.
READERS: tuple[Reader, ...] = (PdfReader(), DocxReader(), JsonResumeReader(), MarkdownReader(), TextReader())
SUPPORTED_EXTENSIONS = tuple(extension for reader in READERS for extension in reader.extensions)
_BY_FORMAT = {reader.format: reader for reader in READERS}
_BY_EXTENSION = {extension: reader for reader in READERS for extension in reader.extensions}
_TEXT_FAMILY = {"text", "markdown"}  # one content: a .md read as text, or a .txt as Markdown, needs no warning


def _unsupported(kind: str) -> InputError:
    return InputError("unsupported", f"This is {kind}, which atscheck cannot read. {SAVE_AS}")


def _refuse(data: bytes) -> None:
    """Raise InputError for a format an ATS handles badly or not at all, saying what to do instead."""
    head = data[:2048]
    if head.startswith(b"PK\x03\x04") and b"mimetype" in head[:100] and b"opendocument" in head[:200]:
        raise _unsupported("an OpenDocument (.odt) file")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise InputError(
                "encrypted",
                "This Word file is protected with a password, so it cannot be read. "
                "Open it in Word, remove the password (File > Info > Protect Document), save, and try again.",
            )
        raise _unsupported("an old Word .doc file")
    if head.startswith(b"{\\rtf"):
        raise _unsupported("an RTF file")
    for magic, kind in (
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
    ):
        if head.startswith(magic):
            raise InputError(
                "unsupported",
                f"This is {kind}: an ATS cannot read text in a picture. "
                "Export your resume from your editor as PDF or DOCX with real, selectable text.",
            )


def reader_for(data: bytes, name: str) -> Reader:
    """The reader of a file's content. Raises InputError for formats an ATS handles badly or not at all."""
    _refuse(data)
    head = data[:2048]
    for reader in READERS:
        if reader.recognises(head, Path(name).name):
            return reader
    raise InputError(
        "unsupported",
        "This file is not a PDF, DOCX, or text file that atscheck recognises (it may be damaged). " + SAVE_AS,
    )


def detect_format(data: bytes, name: str) -> str:
    """The format of a file's content ("pdf", "docx", "markdown", "text"); InputError as reader_for."""
    return reader_for(data, name).format


def extract(path: Path, limits: Limits | None = None) -> Document:
    """Read `path` into a Document, or raise InputError saying what is wrong and what to do."""
    limits = limits or Limits()
    return extract_bytes(read_bytes(path, limits), str(path), limits)


def extract_bytes(data: bytes, name: str, limits: Limits | None = None) -> Document:
    """Read a file's content into a Document; `name` is what results call the file (its extension is only
    compared with the content, which decides the format)."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise too_large(len(data), limits)
    if not data:
        raise InputError("empty", "The file is empty (0 bytes). Export your resume again and check the new file.")
    path = Path(name)
    reader = reader_for(data, path.name)
    document = reader.read(data, name, limits)
    warnings = list(document.warnings)
    named = _BY_EXTENSION.get(path.suffix.lower())
    if named is not None and named is not reader and not {named.format, reader.format} <= _TEXT_FAMILY:
        warnings.insert(
            0,
            f"The file is named '{path.name}' but is really {reader.label}; atscheck read it as such. "
            f"Rename it with the right extension: some ATS trust the name and fail to open it.",
        )
    if len(document.text) > limits.max_chars:
        if chars_cut(limits) not in warnings:
            warnings.append(chars_cut(limits))
        document = replace(
            document,
            text=document.text[: limits.max_chars],
            spans=tuple(s for s in document.spans if s.start < limits.max_chars),
        )
    return replace(document, size_bytes=len(data), warnings=tuple(warnings))
