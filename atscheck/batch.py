"""Checking files in worker processes: parallel, each file under a time limit, in a stable order, and
stoppable.

The pool is pebble's ProcessPool, started the platform's default way (fork on Linux, spawn on macOS and
Windows), so a worker relies on nothing it might have inherited: its initializer receives the profiles,
builds their matchers once and then checks file after file. A file that takes longer than the time limit
has its worker killed and replaced; the file becomes an error row and the batch goes on. Results come
back in input order, whatever the number of workers.

A worker never outlives the run: Ctrl-C, SIGTERM and SIGHUP stop the pool (the parent raises Interrupted
with the files finished so far), and if the parent is killed outright the kernel kills its workers
(PR_SET_PDEATHSIG on Linux; elsewhere a thread in each worker watches the parent). Workers hand their
copies of the caller's standard streams back at once, so a caller reading atscheck's output never waits
on a worker, and each runs under an address-space limit so a file that makes a parser allocate without
end fails alone.
"""

from __future__ import annotations

import contextlib
import contextvars
import copyreg
import ctypes
import gc
import io
import multiprocessing
import os
import pickle
import queue
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import Any

from atscheck.errors import InputError
from atscheck.interrupt import STOP_SIGNALS, Interrupted, held
from atscheck.model import Profile, Result, Term
from atscheck.pipeline import check_file, error_result
from atscheck.request import Request

Progress = Callable[[Path], None]
ADDRESS_SPACE = 2 << 30  # bytes a worker may map: ~6 times what checking the largest real resume takes


class TimedOut(BaseException):
    """The in-process check of one file ran past its time limit."""


# --- In the worker ---------------------------------------------------------------------------------------


class _Shared:
    """Profiles and their terms travel between the processes as references, not copies: the parent has the
    same objects, so it gets its own terms back instead of rebuilding a copy of the profile for every result."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.objects: list[object] = []
        for profile in profiles:
            self.objects += [profile, *profile.terms]
        self.ids = {id(obj): number for number, obj in enumerate(self.objects)}
        # By type, so only profiles and terms cost a Python call (a persistent_id is asked of every object
        # pickled, some four thousand per result). A Result pickles itself compressed, for storage, with a
        # pickler of its own that would copy the profile into every result; between two processes on one
        # machine its fields go as they are.
        self.reductions: dict[type, Any] = {
            **copyreg.dispatch_table,
            Result: Result.reduce_uncompressed,
            Profile: self._reference,
            Term: self._reference,
        }

    def dumps(self, value: object) -> bytes:
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = self.reductions
        pickler.dump(value)
        return out.getvalue()

    def _reference(self, obj: Profile | Term) -> tuple[Any, ...]:
        number = self.ids.get(id(obj))
        if number is None:  # not one of the profiles' own: a copy
            return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)  # type: ignore[return-value]
        return _shared_object, (number,)

    def loads(self, data: bytes) -> object:
        token = _LOADING.set(self.objects)
        try:
            return pickle.loads(data)
        finally:
            _LOADING.reset(token)


_LOADING: contextvars.ContextVar[list[object]] = contextvars.ContextVar("_LOADING")


def _shared_object(number: int) -> object:
    """A profile or term by its number in the _Shared loading the pickle."""
    return _LOADING.get()[number]


@dataclass(frozen=True)
class _Work:
    shared: _Shared
    profiles: tuple[Profile, ...]
    request: Request


_work: _Work | None = None  # set in each worker by its initializer


def _start_worker(profiles: tuple[Profile, ...], request: Request, parent: int) -> None:
    _isolate(parent)
    _prepare(profiles, request)
    _tune_collector()


def _tune_collector() -> None:
    """The worker's own objects (modules, profiles, matchers, word lists) live as long as it does: the cycle
    collector need not look at them again, nor touch (and so copy) the pages a forked worker shares with its
    parent. (Collecting the young objects less often was measured too, and was slower.)"""
    gc.freeze()


def _isolate(parent: int) -> None:
    """Tie the worker's life to the parent's and let go of everything shared with the caller."""
    for number in STOP_SIGNALS:  # the parent decides when to stop; a terminal's Ctrl-C reaches us too
        if number != signal.SIGTERM:  # pebble stops a worker with SIGTERM
            signal.signal(number, signal.SIG_IGN)
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the worker could ask to die with it
        os._exit(1)
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):  # the caller's pipes: a caller reading them must not wait on a worker
        os.dup2(null, descriptor)
    os.close(null)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = ADDRESS_SPACE if hard == resource.RLIM_INFINITY else min(ADDRESS_SPACE, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


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


def _prepare(profiles: tuple[Profile, ...], request: Request) -> None:
    global _work
    from atscheck.match import matcher_for

    for profile in profiles:
        matcher_for(profile)
    _work = _Work(_Shared(profiles), profiles, request)


def _check_one(path: Path) -> bytes:
    """Check one file in this worker; the results, pickled with the profiles as references."""
    assert _work is not None, "the worker's initializer has not run"
    return _work.shared.dumps(check_file(path, _work.profiles, _work.request))


# --- In the parent ---------------------------------------------------------------------------------------


def check_files(
    files: Sequence[Path], profiles: Sequence[Profile], request: Request, progress: Progress | None = None
) -> list[Result]:
    """Check `files` in the request's worker processes, each under its time limit; one list entry per file and
    profile, in input order.

    Raises Interrupted (with the finished files' results) when a stop signal arrives, inside `interruptible`:
    the signal is held while the pool runs and acted on in this loop, never raised inside pebble's locks."""
    timeout = request.file_timeout
    if multiprocessing.get_start_method() == "fork":
        # Only a head start: forked workers find the matchers already built (a spawned worker builds its own).
        from atscheck.match import matcher_for

        for profile in profiles:
            matcher_for(profile)
    from pebble import ProcessPool  # here: a single file checked in-process does not pay for the import

    shared = _Shared(profiles)
    done: dict[int, list[Result]] = {}
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
                future = pool.schedule(_check_one, args=(files[index],), timeout=timeout)
                futures[future] = index
                future.add_done_callback(finished.put)
            while len(done) < len(files) and not stop_signal():
                try:
                    future = finished.get(timeout=0.2)  # short: a stop signal is acted on within this
                except queue.Empty:
                    continue
                if stop_signal():  # a worker killed by the same signal is no crash of its file
                    break
                index = futures[future]
                try:
                    done[index] = shared.loads(future.result())  # type: ignore[assignment]
                except TimeoutError:
                    done[index] = _failed(files[index], profiles, request, "timeout", _timed_out(timeout))
                except Exception:  # the worker died (out of memory, a crash in a parser) or could not start
                    done[index] = _failed(files[index], profiles, request, "crashed", _CRASHED)
                if progress:
                    progress(files[index])
        finally:
            pool.stop()  # type: ignore[no-untyped-call]
            pool.join()
        signum = stop_signal()
    if signum is not None:
        interrupted = Interrupted(signum)
        interrupted.results = [result for index in sorted(done) for result in done[index]]
        interrupted.done, interrupted.total = len(done), len(files)
        raise interrupted
    return [result for index in range(len(files)) for result in done[index]]


def _largest_first(files: Sequence[Path]) -> list[int]:
    """The files' indexes, the largest file first: a long file started last would keep one worker busy while
    the others wait with nothing left to do."""

    def size(index: int) -> int:
        try:
            return files[index].stat().st_size
        except OSError:
            return 0  # checking it reports why it cannot be read

    return sorted(range(len(files)), key=size, reverse=True)


def check_one(path: Path, profiles: Sequence[Profile], request: Request) -> list[Result]:
    """One file, in this process (no worker to start), stopped after the request's time limit.

    A timer signal interrupts Python code and regular expressions alike; where there is no such timer
    (Windows), this is not the main thread or the caller's own timer runs, the file is checked in one worker
    process instead."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0  # the caller's own timer is running: leave it be
    ):
        return check_files([path], profiles, replace(request, jobs=1))
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
        return _failed(path, profiles, request, "timeout", _timed_out(timeout))
    except Interrupted as interrupted:
        interrupted.total = 1
        raise
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
    shared = _Shared(profiles)
    parent = os.getpid()
    read_end, write_end = os.pipe()
    with held() as stop_signal:
        child = os.fork()
        if child == 0:  # pragma: no cover - the child's own coverage is not collected
            os.close(read_end)
            status = 1
            try:
                _isolate(parent)
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
        interrupted = Interrupted(signum)
        interrupted.total = 1
        raise interrupted
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return shared.loads(b"".join(chunks))  # type: ignore[return-value]
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL and time.monotonic() >= deadline:
        return _failed(path, profiles, request, "timeout", _timed_out(timeout))
    return _failed(path, profiles, request, "crashed", _CRASHED)


def _failed(path: Path, profiles: Sequence[Profile], request: Request, code: str, message: str) -> list[Result]:
    return [error_result(str(path), profile, request, InputError(code, message)) for profile in profiles]


_CRASHED = (
    "Checking this file stopped unexpectedly (it may be damaged or far too large). "
    "Export it again from your editor and check the new file."
)


def _timed_out(timeout: float) -> str:
    seconds = f"{timeout:g} second{'' if timeout == 1 else 's'}"
    return (
        f"Checking this file took longer than {seconds} and was stopped; the file is probably damaged or unusually "
        "complex. Export it again from your editor, or raise the limit with --timeout."
    )
