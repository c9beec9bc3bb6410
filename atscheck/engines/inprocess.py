"""The in-process engine: files one at a time, each under the request's time limit, without a worker pool.

A file is read in a forked child process (a few milliseconds to start) where the platform forks and either
the file is a PDF or no timer signal can reach this thread (a Dask worker's task thread): a crash in PDFium's
native code, or a hang inside it that no timer interrupts, then ends as an error row instead of a dead
process. Otherwise it is read here, stopped by a timer signal. Where processes are spawned (macOS, Windows)
a child costs a new interpreter and its imports, about half a second: there a PDF is read here, after the
pre-scan has refused what is built to exhaust a reader (docs/hostile-inputs.md).
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import FrameType

from atscheck.core import check_file
from atscheck.engines import Finished
from atscheck.engines.isolation import CRASHED, SharedPickler, failed, isolate, timed_out
from atscheck.engines.pool import PoolEngine
from atscheck.errors import InputError
from atscheck.extract import detect_format
from atscheck.interrupt import Interrupted, held
from atscheck.model import Profile, Result
from atscheck.request import Request


class TimedOut(BaseException):
    """The in-process check of one file ran past its time limit."""


class InProcessEngine:
    def check(self, files: Sequence[Path], profiles: Sequence[Profile], request: Request) -> Iterator[Finished]:
        for index, path in enumerate(files):
            check = check_in_child if in_child(path) else check_here
            yield index, check(path, profiles, request)


# Forking is safe and cheap: on macOS system libraries may crash in a forked child (Python starts processes
# the spawn way there), and Windows has no fork.
CAN_FORK = hasattr(os, "fork") and sys.platform != "darwin"


def in_child(path: Path) -> bool:
    """Whether to read `path` in a forked child: where forking is safe, for a PDF, or for any file where no
    timer signal can stop it here."""
    if not CAN_FORK or not path.is_file():  # a FIFO would block the open
        return False
    if not can_time_here():
        return True
    try:
        with path.open("rb") as handle:
            return detect_format(handle.read(2048), path.name) == "pdf"
    except (OSError, InputError):
        return False  # reading it in this process reports why it cannot be read


def can_time_here() -> bool:
    """A timer signal can stop a file checked in this thread: the platform has one, this is the main thread,
    and the caller's own timer is not running (it is left be)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] <= 0
    )


def check_here(path: Path, profiles: Sequence[Profile], request: Request) -> list[Result]:
    """One file, in this process (no worker to start), stopped after the request's time limit by a timer
    signal, which interrupts Python code and regular expressions alike. Where there is no such timer (Windows),
    this is not the main thread or the caller's own timer runs, the file is checked in one worker process."""
    if not can_time_here():
        [(_, results)] = PoolEngine().check([path], profiles, replace(request, jobs=1))
        return results
    timeout = request.file_timeout
    armed = True

    def expire(signum: int, frame: FrameType | None) -> None:
        if armed:
            raise TimedOut

    saved = signal.signal(signal.SIGALRM, expire)
    # It repeats every second after the first, in case a parser catches and drops the first one.
    signal.setitimer(signal.ITIMER_REAL, timeout, 1.0)
    try:
        return check_file(path, profiles, request)
    except TimedOut:
        return failed(path, profiles, request, "timeout", timed_out(timeout))
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, saved)


def check_in_child(path: Path, profiles: Sequence[Profile], request: Request) -> list[Result]:
    """One file in a forked child process (POSIX), stopped after the request's time limit: a crash or a hang
    in a parser's native code becomes an error row. A pool of one would cost a tenth of a second more
    (pebble polls its workers every 0.1 s); a fork costs a few milliseconds.

    Raises Interrupted, with no results, when a stop signal arrives inside `interruptible`."""
    timeout = request.file_timeout
    shared = SharedPickler(profiles)
    parent = os.getpid()
    read_end, write_end = os.pipe()
    with held() as stop_signal:
        child = os.fork()
        if child == 0:  # pragma: no cover - the child's own coverage is not collected
            os.close(read_end)
            status = 1
            try:
                isolate(parent)
                data = shared.dumps(check_file(path, profiles, request))
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        chunks: list[bytes] = []
        deadline = time.monotonic() + timeout
        with os.fdopen(read_end, "rb", buffering=0) as pipe:
            while (left := deadline - time.monotonic()) > 0 and stop_signal() is None:
                if select.select([pipe], [], [], min(left, 0.2))[0]:
                    chunk = pipe.read(1 << 16)
                    if not chunk:
                        break  # the child has written everything and closed its end
                    chunks.append(chunk)
            else:
                os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
        signum = stop_signal()
    if signum is not None:
        raise Interrupted(signum)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return shared.loads(b"".join(chunks))  # type: ignore[return-value]
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL and time.monotonic() >= deadline:
        return failed(path, profiles, request, "timeout", timed_out(timeout))
    return failed(path, profiles, request, "crashed", CRASHED)
