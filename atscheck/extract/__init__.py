"""Reading a resume file into a Document. The format is chosen by the file's content, not its name."""

from __future__ import annotations

import errno
import importlib
import io
import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from atscheck.errors import InputError, UsageError
from atscheck.model import Document, Format

SAVE_AS = "Save it as PDF or DOCX (File > Save As / Export) and check that file instead."


@dataclass(frozen=True)
class Limits:
    """Bounds that protect every run from huge or hostile files."""

    max_bytes: int = 20 * 1024 * 1024
    max_pages: int = 30
    max_chars: int = 200_000
    max_inflated_bytes: int = 100 * 1024 * 1024  # what a DOCX member or PDF stream may inflate to
    # The work a PDF's first max_pages pages ask of a reader (atscheck/extract/pdfscan.py), each drawing
    # counted every time it is drawn. The most in 29 real PDF resumes: 373,000 operations and 23,000
    # characters on one page, character maps spanning 251,000 codes, drawings nested 2 deep.
    max_operations: int = 3_000_000  # operators and operands
    max_drawn_chars: int = 1_000_000  # bytes of text strings shown
    max_cmap_codes: int = 1 << 20  # character codes the fonts' ToUnicode/CID ranges span
    max_xobject_depth: int = 12  # drawings (form XObjects) inside drawings


_EXTENSIONS: dict[str, Format] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}
_FORMAT_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word (DOCX) file",
    "text": "a plain-text file",
    "markdown": "a Markdown file",
}
SUPPORTED_EXTENSIONS = tuple(_EXTENSIONS)
_READERS: dict[Format, str] = {"pdf": "pdf", "docx": "docx", "text": "plaintext", "markdown": "plaintext"}


def chars_cut(limits: Limits) -> str:
    """The warning for a file whose text was cut at the character limit."""
    return f"Only the first {limits.max_chars:,} characters were checked; the file holds far more text than a resume."


def _unsupported(kind: str) -> InputError:
    return InputError("unsupported", f"This is {kind}, which atscheck cannot read. {SAVE_AS}")


def detect_format(data: bytes, name: str) -> Format:
    """Tell the format from the first bytes. Raises InputError for formats an ATS handles badly or not at all."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"mimetype" in head[:100] and b"opendocument" in head[:200]:
            raise _unsupported("an OpenDocument (.odt) file")
        return "docx"  # the DOCX reader says so when the zip is not a Word document
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
    if _looks_like_text(head):
        return "markdown" if Path(name).suffix.lower() in (".md", ".markdown") else "text"
    raise InputError(
        "unsupported",
        "This file is not a PDF, DOCX, or text file that atscheck recognises (it may be damaged). " + SAVE_AS,
    )


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32, by its byte-order mark or, without one, by where the zero bytes of mostly-Latin
    text fall (every other byte for UTF-16, three of four for UTF-32); None for other text."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    sample = head[: len(head) - len(head) % 4]
    if len(sample) < 8 or sample.count(0) < len(sample) // 3:
        return None
    lanes = [sample[lane::4].count(0) / (len(sample) // 4) for lane in range(4)]
    for pattern, encoding in (
        ((0, 1, 1, 1), "utf-32-le"),
        ((1, 1, 1, 0), "utf-32-be"),
        ((0, 1, 0, 1), "utf-16-le"),
        ((1, 0, 1, 0), "utf-16-be"),
    ):
        if all((share > 0.9) if zero else (share < 0.1) for share, zero in zip(lanes, pattern, strict=True)):
            return encoding
    return None


def _looks_like_text(head: bytes) -> bool:
    if head.startswith(b"\xef\xbb\xbf") or wide_encoding(head):
        return True
    if b"\x00" in head:
        return False
    control = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return control <= len(head) * 0.02


def _too_large(size: int, limits: Limits) -> InputError:
    return InputError(
        "too-large",
        f"The file is {size / 1024 / 1024:.1f} MB, over the {limits.max_bytes / 1024 / 1024:.0f} MB limit. "
        "A resume should be well under 2.5 MB: remove large pictures and export again "
        "(or raise the limit with --max-file-size).",
    )


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def _not_a_file(path: Path, mode: int) -> InputError | None:
    if stat.S_ISDIR(mode):
        return InputError("unsupported", f"{path} is a folder, not a file. Name a resume file inside it.")
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
    return InputError("unsupported", f"{path} is {kind}, not a resume file; atscheck reads only regular files.")


MAX_SETTINGS_BYTES = 2 * 1024 * 1024  # a profile or config file; the largest bundled profile is 44 KB


def read_settings_file(path: Path, what: str, limit: int = MAX_SETTINGS_BYTES) -> str:
    """A profile or config file as text: only a regular file is opened (a FIFO or /dev/zero would block or
    never end), and at most `limit` bytes are read. Raises UsageError naming `what` ("Profile") and the path."""

    def refused(mode: int) -> UsageError | None:
        if stat.S_ISREG(mode):
            return None
        kind = "a folder" if stat.S_ISDIR(mode) else next((n for test, n in _SPECIAL if test(mode)), "not a file")
        return UsageError(f"{what} {path} is {kind}, not a file: give the path of a TOML file.")

    try:
        problem = refused(os.stat(path).st_mode)
        if problem:
            raise problem
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            problem = refused(os.fstat(fd).st_mode)  # swapped for something else since the stat
            if problem:
                raise problem
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise UsageError(f"{what} {path} does not exist. Check the path and the file name.") from None
    except OSError as error:
        raise UsageError(f"{what} {path} could not be read: {error.strerror or error}.") from None
    if len(data) > limit:
        raise UsageError(f"{what} {path} is over {limit >> 20} MB, far more than any profile or settings file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{what} {path} could not be read: it is not UTF-8 text. Save it as UTF-8.") from None


def read_bytes(path: Path, limits: Limits) -> bytes:
    """Read the whole file, read-only, turning every OS failure into a clear InputError.

    Only a regular file is opened (also through a link): a FIFO, socket or device is refused from its
    stat, and the file is opened without blocking and checked again, so one swapped in meanwhile cannot
    hang the run. The read stops at the size limit, in pieces, whatever the limit."""
    try:
        problem = _not_a_file(path, os.stat(path).st_mode)
        if problem:
            raise problem
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            problem = _not_a_file(path, info.st_mode)
            if problem:
                raise problem
            if info.st_size > limits.max_bytes:
                raise _too_large(info.st_size, limits)
            data = _read_bounded(handle, limits.max_bytes)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError("missing", f"No file at {path}. Check the path and the file name.") from None
    except PermissionError:
        raise InputError(
            "permission", f"No permission to read {path}. Check the file's permissions (or copy it somewhere you own)."
        ) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError("missing", f"{path} is a symbolic link that points to itself (a link loop).") from None
        raise InputError("unreadable", f"{path} could not be read: {os.strerror(error.errno or 0)}.") from None
    return data


_CHUNK = 1 << 20


def _read_bounded(handle: io.BufferedReader, limit: int) -> bytes:
    """Up to `limit` + 1 bytes, in pieces (one buffer of a huge limit would exhaust memory); a file that
    grew past the limit since its stat is then refused by extract_bytes."""
    pieces = []
    total = 0
    while total <= limit:
        piece = handle.read(min(_CHUNK, limit + 1 - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)


def extract(path: Path, limits: Limits | None = None) -> Document:
    """Read `path` into a Document, or raise InputError saying what is wrong and what to do."""
    limits = limits or Limits()
    return extract_bytes(read_bytes(path, limits), str(path), limits)


def extract_bytes(data: bytes, name: str, limits: Limits | None = None) -> Document:
    """Read a file's content into a Document; `name` is what results call the file (its extension is only
    compared with the content, which decides the format)."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise _too_large(len(data), limits)
    if not data:
        raise InputError("empty", "The file is empty (0 bytes). Export your resume again and check the new file.")
    path = Path(name)
    fmt = detect_format(data, path.name)
    reader = importlib.import_module(f"atscheck.extract.{_READERS[fmt]}")  # only the one this file needs
    document: Document = reader.read(data, name, fmt, limits)
    warnings = list(document.warnings)
    named = _EXTENSIONS.get(path.suffix.lower())
    if named is not None and named != fmt and {named, fmt} != {"text", "markdown"}:
        warnings.insert(
            0,
            f"The file is named '{path.name}' but is really {_FORMAT_NAMES[fmt]}; atscheck read it as such. "
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
