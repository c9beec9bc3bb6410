"""The in-process engine: files one at a time, each under the request's time limit, without a worker pool.

Where the platform forks, each file is read in a forked child process (a few milliseconds to start), bounded
as a batch worker is (atscheck/extract/isolated.py): whatever a file makes a parser do (allocate gigabytes,
loop in native code, crash) ends with the child, as an error row. Where processes are spawned (macOS,
Windows) a child costs a new interpreter and its imports, about half a second: there a file is read here,
stopped by a timer signal, after the readers' own limits (size, pages, characters, XML elements, the PDF
pre-scan) have refused what is built to exhaust them (docs/hostile-inputs.md).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import FrameType

from atscheck.core import Source, check_file, file_name, validate_checking
from atscheck.engines import Finished
from atscheck.engines.isolation import CRASHED, SharedPickler, came_back, failed, timed_out
from atscheck.engines.pool import PoolEngine
from atscheck.extract.isolated import CAN_FORK, ChildFailed, bounded, run_in_child
from atscheck.interrupt import Interrupted, held
from atscheck.model import Profile, Result
from atscheck.request import Request

__all__ = ["CAN_FORK", "InProcessEngine", "can_time_here", "check_bounded", "check_here", "check_in_child"]


class TimedOut(BaseException):
    """The in-process check of one file ran past its time limit."""


class InProcessEngine:
    def check(self, files: Sequence[Path], profiles: Sequence[Profile], request: Request) -> Iterator[Finished]:
        for index, path in enumerate(files):
            yield index, check_bounded(path, profiles, request)


def check_bounded(
    source: Source, profiles: Sequence[Profile], request: Request, *, name: str | None = None
) -> list[Result]:
    """One file (a path, or its bytes with `name`), as bounded as this platform allows: in a forked child
    where processes fork; else here under a timer signal; else (no timer in this thread) a path in one worker
    process, and bytes here under the readers' limits alone."""
    file_name(source, name)  # a wrong argument raises here, not as a crash of the child
    validate_checking(request)
    if CAN_FORK and not bounded() and in_child(source):
        return check_in_child(source, profiles, request, name=name)
    if can_time_here() or isinstance(source, bytes | bytearray | memoryview):
        return check_here(source, profiles, request, name=name)
    [(_, results)] = PoolEngine().check([Path(source)], profiles, replace(request, jobs=1))
    return results


def in_child(source: Source) -> bool:
    """Whether a file can be read in a forked child: bytes can, and a path to a regular file (a FIFO would
    block the child's open; checking it here says what it is)."""
    if isinstance(source, bytes | bytearray | memoryview):
        return True
    try:
        return Path(source).is_file()
    except (OSError, ValueError):
        return False


def can_time_here() -> bool:
    """A timer signal can stop a file checked in this thread: the platform has one, this is the main thread,
    and the caller's own timer is not running (it is left be)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] <= 0
    )


def check_here(
    source: Source, profiles: Sequence[Profile], request: Request, *, name: str | None = None
) -> list[Result]:
    """One file in this process (no worker to start), stopped after the request's time limit by a timer
    signal where one can reach this thread: it interrupts Python code and regular expressions alike."""
    if not can_time_here():
        return check_file(source, profiles, request, name=name)
    timeout = request.file_timeout
    armed = True

    def expire(signum: int, frame: FrameType | None) -> None:
        if armed:
            raise TimedOut

    saved = signal.signal(signal.SIGALRM, expire)
    # It repeats every second after the first, in case a parser catches and drops the first one.
    signal.setitimer(signal.ITIMER_REAL, timeout, 1.0)
    try:
        return check_file(source, profiles, request, name=name)
    except TimedOut:
        return failed(file_name(source, name), profiles, request, "timeout", timed_out(timeout))
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, saved)


def check_in_child(
    source: Source, profiles: Sequence[Profile], request: Request, *, name: str | None = None
) -> list[Result]:
    """One file in a forked child process (POSIX), bounded as a batch worker is and stopped after the
    request's time limit: a crash, a hang in native code or memory without end becomes an error row. A pool
    of one would cost a tenth of a second more (pebble polls its workers every 0.1 s); a fork costs a few
    milliseconds.

    Raises Interrupted, with no results, when a stop signal arrives inside `interruptible`."""
    timeout = request.file_timeout
    shared = SharedPickler(profiles)
    results: list[Result] = []
    with held() as stop_signal:
        try:
            data = run_in_child(
                lambda: shared.dumps(check_file(source, profiles, request, name=name)), timeout, stop_signal
            )
        except ChildFailed as failure:
            data = None
            message = timed_out(timeout) if failure.code == "timeout" else CRASHED
            results = failed(file_name(source, name), profiles, request, failure.code, message)
        signum = stop_signal()
    if signum is not None:
        raise Interrupted(signum)
    if data is None:
        return results
    return came_back(shared.loads(data))  # type: ignore[arg-type]
