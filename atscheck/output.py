"""What atscheck writes: report and profile files (atomically, never over an input) and safe display text.

Every output file is written to a temporary file in the target's own folder, flushed to disk and renamed
over the target, so a full disk, a read-only folder or an interruption leaves the previous file as it was.
Text printed to a terminal, Markdown or CSV has its control characters made visible (escape_all, applied
to the results before any report formats them), so a file name, a profile or a resume cannot move the
cursor, retitle the terminal or reorder text with bidi overrides; no CSV cell can start a formula.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import itertools
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast

from atscheck.errors import OutputError

_T = TypeVar("_T")

# C0 controls except tab and newline, DEL, C1 controls (U+009B is a one-character CSI), bidi embeddings,
# overrides and isolates, the line and paragraph separators, and lone surrogates (undecodable bytes of a file
# name, kept by surrogateescape).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The same and a newline: for text that must stay on its line (a file name, a one-line report).
UNSAFE_LINE = re.compile(f"[\n{UNSAFE.pattern[1:-1]}]")


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ESC shows as ␛, a newline as ␊
    return "\u2421" if code == 0x7F else "\ufffd"  # DEL as ␡; C1, bidi and undecodable bytes as �


def escape_controls(text: str, newlines: bool = True) -> str:
    """`text` with every control character replaced by a visible one of the same length (ESC -> ␛, U+202E
    and U+009B -> �, an undecodable file-name byte -> �), so offsets into the text stay valid; tab is kept,
    and newline too unless `newlines` is False (then it shows as ␊: a file name named `x\n::warning ...`
    cannot start a line that CI reads as a command)."""
    unsafe = UNSAFE if newlines else UNSAFE_LINE
    return unsafe.sub(lambda m: _picture(m.group()), text) if unsafe.search(text) else text


def escape_all(value: _T, newlines: bool = True) -> _T:
    """`value` (a Run, Results, any dataclass, tuple, list or dict) with escape_controls applied to every
    string inside; parts without such characters are returned as they are, not copied. Objects shared by
    many results (profiles, terms) are visited once. A report whose every line is its own (console, short,
    CSV) passes `newlines=False`."""
    return cast(_T, _escaped(value, {}, newlines))


_ATOMS = (int, float, bool, type(None), bytes, Path)
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _escaped(value: object, memo: dict[int, object], newlines: bool) -> object:
    kind = type(value)
    if kind is str or isinstance(value, str):
        return escape_controls(value, newlines)  # type: ignore[arg-type]
    if isinstance(value, _ATOMS):
        return value
    key = id(value)
    if key in memo:
        return memo[key]
    result = value
    if isinstance(value, (tuple, list)):
        items = [_escaped(item, memo, newlines) for item in value]
        if any(new is not old for new, old in zip(items, value, strict=True)):
            rebuild: Any = type(value)
            result = rebuild(*items) if hasattr(value, "_fields") else rebuild(items)
    elif isinstance(value, dict):
        pairs = {_escaped(k, memo, newlines): _escaped(v, memo, newlines) for k, v in value.items()}
        if any(k not in value or value[k] is not v for k, v in pairs.items()):
            result = pairs
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value) if f.init)
        changes = {}
        for name in names:
            old = getattr(value, name)
            new = _escaped(old, memo, newlines)
            if new is not old:
                changes[name] = new
        if changes:
            result = dataclasses.replace(value, **changes)
    memo[key] = result
    return result


def escape_json(document: str) -> str:
    """A JSON text with control, bidi and surrogate characters as \\u escapes: the same JSON value, but
    safe to print (json.dumps already escapes C0 controls; C1 and bidi characters it writes as they are)."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document) if UNSAFE.search(document) else document


def display_path(path: Path | str) -> str:
    """A path as it may be printed: escaped, on one line, and never raising UnicodeEncodeError."""
    return escape_controls(str(path), newlines=False)


# Where a spreadsheet may see a cell start: the start, and after a separator it may split on (a comma, or a
# semicolon or tab in locales and imports that use them, or a line break); and what starts a formula there.
_FORMULA = re.compile("(?:^|(?<=[,;\t\r\n]))(?=[=+\\-@\t\r])")


def csv_cell(value: str) -> str:
    """A spreadsheet cell that cannot run as a formula (OWASP: prefix a leading = + - @ tab or CR with '),
    however the spreadsheet splits it: each part after a comma, semicolon, tab or line break is guarded too
    (`x;=1+2;y.pdf` becomes `x;'=1+2;y.pdf`)."""
    shown = escape_controls(value)  # character for character, so the places found in `value` hold here
    cuts = [0, *(match.start() for match in _FORMULA.finditer(value)), len(value)]
    return "'".join(shown[start:end] for start, end in itertools.pairwise(cuts))


# How every report atscheck writes begins: the Markdown and console (file) reports' first line, the JSON
# document's first key, the CSV header. A folder search skips such files, so a report saved next to the
# resumes is never scored as one (it would name every term and rank first).
REPORT_TITLE = "atscheck report"
_REPORT_HEAD = re.compile(
    rb'\A(?:\xef\xbb\xbf)?(?:(?:# )?atscheck (?:report|ranking)\b|\{\s*"schema_version"|rank,file,)'
)


def is_report(path: Path) -> bool:
    """Whether `path` is a report atscheck wrote (by its first bytes). Only regular text files are opened,
    without blocking: a FIFO named like a resume is left for the reader to refuse."""
    if path.suffix.lower() in (".pdf", ".docx"):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            head = handle.read(256)
    except OSError:
        return False
    return _REPORT_HEAD.match(head) is not None


def same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` are one file (also through links, hard links and different spellings)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_targets(outputs: Iterable[tuple[str, Path]], inputs: Iterable[Path]) -> None:
    """Before any work: refuse an output that is an input (or another output), or that cannot be written.

    `outputs` are (option, path) pairs, e.g. ("--output", Path("report.json")). Raises OutputError."""
    inputs = list(inputs)
    seen: list[tuple[str, Path]] = []
    for option, path in outputs:
        for source in inputs:
            if same_file(path, source):
                raise OutputError(
                    f"{option} {display_path(path)} is one of the inputs ({display_path(source)}); "
                    "atscheck never overwrites an input. Write the report to another file."
                )
        for other_option, other in seen:
            if path == other or same_file(path, other):
                raise OutputError(f"{option} and {other_option} name the same file; give each its own.")
        seen.append((option, path))
        _check_writable(option, path)


def _check_writable(option: str, path: Path) -> None:
    try:
        mode: int | None = path.stat().st_mode
    except OSError:
        mode = None  # not there yet (or a dangling link, which the report replaces)
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{option} {display_path(path)} is a folder; name a file inside it.")
    if mode is not None and not stat.S_ISREG(mode):
        if not _streams(mode):
            raise OutputError(f"{option} {display_path(path)} is a disk device or socket; name a file.")
        return  # a terminal, pipe or /dev/null: written as it is
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(
            f"{option} {display_path(path)}: the folder {display_path(folder)} does not exist. Create it first."
        )
    if not os.access(folder, os.W_OK | os.X_OK) or _read_only(folder):
        raise OutputError(
            f"{option} {display_path(path)}: the folder {display_path(folder)} is not writable. "
            "Write the report somewhere you can write to."
        )


def _read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows): the write itself will tell
        return False


def _streams(mode: int) -> bool:
    """A terminal, /dev/null or a pipe: written in place. Never a disk (block) device."""
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write `text` (UTF-8; a string, or its pieces in order) to `path` whole or not at all: the old file stays
    if anything fails.

    A symbolic link at `path` is replaced by the file, never written through, so a link planted in a
    repository cannot lead the report onto another file. A terminal or pipe (e.g. /dev/stdout) is written
    directly, as it cannot be replaced. Raises OutputError with one line for the user."""
    pieces = [text] if isinstance(text, str) else text
    target = path
    try:
        mode: int | None = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise _write_error(path, error) from None
    if mode is not None and not stat.S_ISREG(mode):
        if not _streams(mode):
            raise OutputError(f"Cannot write {display_path(path)}: it is a folder, disk device or socket.")
        try:
            with open(target, "wb") as handle:
                _write_pieces(handle, pieces)
        except OSError as error:
            raise _write_error(path, error) from None
        return
    temp: str | None = None
    try:
        handle_fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle_fd, "wb") as handle:
            _write_pieces(handle, pieces)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(temp, target)
        temp = None
        _sync_folder(target.parent)
    except OSError as error:
        raise _write_error(path, error) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _write_pieces(handle: BinaryIO, pieces: Iterable[str]) -> None:
    for piece in pieces:
        handle.write(piece.encode("utf-8", errors="replace"))  # a lone surrogate (undecodable name) becomes "?"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """The rename itself survives a power cut only once the folder is flushed (POSIX; a no-op elsewhere)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)


_WHY = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "no permission to write there",
    errno.EPERM: "no permission to write there",
    errno.ENOENT: "the folder does not exist",
    errno.EISDIR: "it is a folder",
}


def _write_error(path: Path, error: OSError) -> OutputError:
    why = _WHY.get(error.errno or 0) or os.strerror(error.errno or 0) or "the write failed"
    return OutputError(f"Cannot write {display_path(path)}: {why}. Any previous file there was kept unchanged.")
