"""Untrusted files read in a child process, bounded as every batch worker is: an address-space limit, a time
limit that kills it, and a stop signal that kills it.

A parser can be made to allocate gigabytes or to loop inside native code, where no Python exception or timer
reaches it. Where processes fork (Linux and other POSIX systems but macOS), a file read alone (a resume
checked alone, a job posting, a library call) is therefore read in a forked child: it costs a few
milliseconds, and whatever the file makes the parser do ends with the child, as one clear error. Batch
workers bound themselves the same way (`bound_process`). Where processes cannot fork, files are read in
this process under the size, page, character and element limits, which bound every reader's work.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from atscheck.errors import InputError
from atscheck.extract import extract
from atscheck.extract.limits import Limits
from atscheck.model import Document

# Bytes a child may map beyond what it holds when it starts: about 6 times what checking the largest real
# resume takes. A child of a process that already maps much (a library caller's) keeps at least HEADROOM.
ADDRESS_SPACE = 2 << 30
HEADROOM = 1 << 30

# Forking is safe and cheap: on macOS system libraries may crash in a forked child (Python starts processes
# the spawn way there), and Windows has no fork.
CAN_FORK = hasattr(os, "fork") and sys.platform != "darwin"

_IGNORED_IN_CHILD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGHUP") if hasattr(signal, name))
_bounded = False  # this process bounded itself: it reads files here, never in a child of its own


class ChildFailed(Exception):
    """The child reading a file did not finish: `code` is "timeout" or "crashed"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def bounded() -> bool:
    """Whether this process is a bounded child (a worker, or a child reading one file)."""
    return _bounded


def bound_process(parent: int) -> None:
    """Tie this child's life to the parent's, let go of everything shared with the caller, and cap its memory.

    The parent decides when to stop: a terminal's Ctrl-C (SIGINT) and SIGHUP reach the child too and are
    ignored; SIGTERM is how a worker pool stops a worker, and kills it."""
    global _bounded
    _bounded = True
    for number in _IGNORED_IN_CHILD:
        signal.signal(number, signal.SIG_IGN)
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the child could ask to die with it
        os._exit(1)
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):  # the caller's pipes: a caller reading them must not wait on a child
        os.dup2(null, descriptor)
    os.close(null)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource  # POSIX only

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = max(ADDRESS_SPACE, _mapped() + HEADROOM)
        limit = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _mapped() -> int:
    """Bytes this process maps now (Linux); 0 where that cannot be read."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


PR_SET_PDEATHSIG = 1


def _die_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """Exit as soon as the parent is gone (macOS, Windows): its sentinel closes, or we are re-parented."""
    process = multiprocessing.parent_process()
    while process is None or process.is_alive():
        if process is not None:
            process.join(timeout=1.0)
        else:
            threading.Event().wait(1.0)
        if os.name != "nt" and os.getppid() != parent:
            break
    os._exit(1)


def run_in_child(work: Callable[[], bytes], timeout: float, stop: Callable[[], object] = lambda: None) -> bytes | None:
    """`work()` in a forked, bounded child (POSIX), and the bytes it returns; None when `stop()` turned true
    while it ran (the child is then killed). Raises ChildFailed("timeout") when it runs past `timeout`
    seconds, ChildFailed("crashed") when it dies (a crash in native code, the address-space limit)."""
    parent = os.getpid()
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's own coverage is not collected
        os.close(read_end)
        status = 1
        try:
            bound_process(parent)
            data = work()
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    stopped = False
    try:
        with os.fdopen(read_end, "rb", buffering=0) as pipe:
            while (left := deadline - time.monotonic()) > 0 and not (stopped := bool(stop())):
                if select.select([pipe], [], [], min(left, 0.2))[0]:
                    chunk = pipe.read(1 << 16)
                    if not chunk:
                        break  # the child has written everything and closed its end
                    chunks.append(chunk)
            else:
                os.kill(child, signal.SIGKILL)
    except BaseException:  # a signal raised here (Ctrl-C outside `held`): the child must not live on
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        raise
    _, status = os.waitpid(child, 0)
    if stopped or stop():
        return None
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return b"".join(chunks)
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL and time.monotonic() >= deadline:
        raise ChildFailed("timeout")
    raise ChildFailed("crashed")


OUT_OF_MEMORY = (
    "Reading this file needed far more memory than any resume, so it was stopped; the file is probably damaged "
    "or built to exhaust a reader. Export it again from your editor and check the new file."
)
CRASHED = (
    "Reading this file stopped unexpectedly (it may be damaged or far too large). "
    "Export it again from your editor and check the new file."
)


def timed_out(timeout: float) -> str:
    seconds = f"{timeout:g} second{'' if timeout == 1 else 's'}"
    return (
        f"Reading this file took longer than {seconds} and was stopped; the file is probably damaged or unusually "
        "complex. Export it again from your editor."
    )


def extract_isolated(path: Path, limits: Limits | None = None, timeout: float = 60.0) -> Document:
    """`extract(path, limits)` in a bounded child where processes fork (in this process elsewhere, or when this
    process is a bounded child already). Raises InputError for a file that cannot be read, including one that
    runs out of memory ("too-large") or time ("timeout"), or crashes the reader ("crashed")."""
    if not CAN_FORK or _bounded:
        return extract(path, limits)

    def work() -> bytes:
        try:
            outcome: tuple[object, ...] = ("read", extract(path, limits))
        except InputError as error:
            outcome = ("error", error.code, error.message)
        except MemoryError:
            outcome = ("error", "too-large", OUT_OF_MEMORY)
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        data = run_in_child(work, timeout)
    except ChildFailed as failure:
        raise InputError(failure.code, timed_out(timeout) if failure.code == "timeout" else CRASHED) from None
    outcome = pickle.loads(data or b"")  # from our own child, pickled just above
    if outcome[0] == "error":
        raise InputError(outcome[1], outcome[2])
    document: Document = outcome[1]
    return document
