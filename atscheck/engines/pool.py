"""The local pool engine: files checked in worker processes, in parallel, each under a time limit, in a stable
order, and stoppable.

The pool is pebble's ProcessPool, started the platform's default way (fork on Linux, spawn on macOS and
Windows), so a worker relies on nothing it might have inherited: its initializer receives the profiles,
builds their matchers once and then checks file after file. A file that takes longer than the time limit
has its worker killed and replaced; the file becomes an error row and the batch goes on. Results come
back in input order, whatever the number of workers.

A worker never outlives the run: Ctrl-C, SIGTERM and SIGHUP stop the pool (the parent raises Interrupted
with the files finished so far), and a worker is tied to the parent's life and bounded as every child is
(atscheck/extract/isolated.py).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from atscheck.core import check_file
from atscheck.engines import Finished
from atscheck.engines.isolation import CRASHED, SharedPickler, came_back, failed, timed_out
from atscheck.errors import UsageError
from atscheck.extract.isolated import bound_process
from atscheck.interrupt import Interrupted, held
from atscheck.match import matcher_for
from atscheck.model import Profile
from atscheck.request import Request


@dataclass(frozen=True)
class _Work:
    shared: SharedPickler
    profiles: tuple[Profile, ...]
    request: Request


_work: _Work | None = None  # set in each worker by its initializer


def _start_worker(profiles: tuple[Profile, ...], request: Request, parent: int) -> None:
    bound_process(parent)
    _prepare(profiles, request)
    _tune_collector()


def _tune_collector() -> None:
    """The worker's own objects (modules, profiles, matchers, word lists) live as long as it does: the cycle
    collector need not look at them again, nor touch (and so copy) the pages a forked worker shares with its
    parent. (Collecting the young objects less often was measured too, and was slower.)"""
    gc.freeze()


def _prepare(profiles: tuple[Profile, ...], request: Request) -> None:
    global _work
    for profile in profiles:
        matcher_for(profile)
    _work = _Work(SharedPickler(profiles), profiles, request)


def _check_one(path: Path) -> bytes:
    """Check one file in this worker; the results, pickled with the profiles as references."""
    assert _work is not None, "the worker's initializer has not run"
    return _work.shared.dumps(check_file(path, _work.profiles, _work.request))


_NO_THREADS = (
    "The worker pool could not start ({error}): this process may not start another thread, usually because of "
    "a memory limit (ulimit -v) or a limit on processes (ulimit -u). Raise the limit, or check fewer files."
)


class PoolEngine:
    def check(self, files: Sequence[Path], profiles: Sequence[Profile], request: Request) -> Iterator[Finished]:
        return check_files(files, profiles, request)


def check_files(files: Sequence[Path], profiles: Sequence[Profile], request: Request) -> Iterator[Finished]:
    """Check `files` in the request's worker processes, each under its time limit; each file's results (one
    per profile) as it finishes, with its index in `files`.

    Raises Interrupted when a stop signal arrives, inside `interruptible`: the signal is held while the pool
    runs and acted on in this loop, never raised inside pebble's locks. A finished file's future is dropped
    at once, so the pool never holds more results than the files in progress."""
    timeout = request.file_timeout
    if multiprocessing.get_start_method() == "fork":
        # Only a head start: forked workers find the matchers already built (a spawned worker builds its own).
        for profile in profiles:
            matcher_for(profile)
    from pebble import ProcessPool  # here, not at the top: a single file checked in-process does not pay for it

    shared = SharedPickler(profiles)
    finished: queue.SimpleQueue[Any] = queue.SimpleQueue()  # futures, as pebble's threads complete them
    with held() as stop_signal:
        pool = ProcessPool(
            max_workers=max(1, min(request.workers, len(files))),
            initializer=_start_worker,
            initargs=(tuple(profiles), request, os.getpid()),
        )
        try:
            futures: dict[Any, int] = {}
            for index in _largest_first(files):
                try:
                    future = pool.schedule(_check_one, args=(files[index],), timeout=timeout)
                except RuntimeError as error:  # the pool starts its threads here: none may start
                    raise UsageError(_NO_THREADS.format(error=error)) from None
                futures[future] = index
                future.add_done_callback(finished.put)
            while futures and not stop_signal():
                try:
                    future = finished.get(timeout=0.2)  # short: a stop signal is acted on within this
                except queue.Empty:
                    continue
                if stop_signal():  # a worker killed by the same signal is no crash of its file
                    break
                index = futures.pop(future)
                try:
                    results = came_back(shared.loads(future.result()))  # type: ignore[arg-type]
                except TimeoutError:
                    results = failed(files[index], profiles, request, "timeout", timed_out(timeout))
                except Exception:  # the worker died (out of memory, a crash in a parser) or could not start
                    results = failed(files[index], profiles, request, "crashed", CRASHED)
                del future
                yield index, results
        finally:
            pool.stop()  # type: ignore[no-untyped-call]
            pool.join()
        signum = stop_signal()
    if signum is not None:
        raise Interrupted(signum)


def _largest_first(files: Sequence[Path]) -> list[int]:
    """The files' indexes, the largest file first: a long file started last would keep one worker busy while
    the others wait with nothing left to do."""

    def size(index: int) -> int:
        try:
            return files[index].stat().st_size
        except OSError:
            return 0  # checking it reports why it cannot be read

    return sorted(range(len(files)), key=size, reverse=True)
