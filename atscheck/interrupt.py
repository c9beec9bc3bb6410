"""Stopping a run on Ctrl-C, SIGTERM or SIGHUP: one exception the command line turns into a partial
report, a line on stderr and the exit code a shell expects."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from atscheck.model import Result
    from atscheck.outcome import Run

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Interrupted(BaseException):
    """A signal stopped the run. `results` holds the files finished before it, in input order."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.results: list[Result] = []
        self.done = 0  # files finished
        self.total = 0  # files in the run
        self.partial: Run | None = None  # the finished files as a run (set by pipeline.run)

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as shells report it: 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP."""
        return 128 + self.signum


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """While active, SIGINT, SIGTERM and SIGHUP raise Interrupted in the main thread. After the first, the
    others are ignored until the context ends, so the finished part of the report is still written."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        if _held is not None:
            _held.append(signum)
            return
        raise Interrupted(signum)

    saved = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


_held: list[int] | None = None  # inside `held`: the stop signal that came, for the code there to act on


@contextlib.contextmanager
def held() -> Iterator[Callable[[], int | None]]:
    """Inside, a stop signal is noted instead of raised, for code that shares locks with other threads (a
    worker pool's, a progress bar's): an exception raised between two of its steps could leave a lock held
    and the run hung. The yielded function returns the signal's number once one came, else None; the code
    asks at the points where stopping is safe and raises Interrupted itself."""
    global _held
    outer, _held = _held, []
    noted = _held
    try:
        yield lambda: noted[0] if noted else None
    finally:
        _held = outer
