"""Reading a file from disk without ever blocking or reading without end: only a regular file is opened, at
most up to the size limit, and every failure of the operating system becomes one clear message."""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path

from atscheck.errors import InputError, UsageError
from atscheck.extract.limits import Limits


def too_large(size: int, limits: Limits) -> InputError:
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
                raise too_large(info.st_size, limits)
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
