"""What every engine that checks files in another process shares: how a child process is tied to the
parent's life and bounded, how results travel back, and the error rows for a file whose child failed.

A child never outlives the run: if the parent is killed outright the kernel kills its children
(PR_SET_PDEATHSIG on Linux; elsewhere a thread in each child watches the parent). Children hand their copies
of the caller's standard streams back at once, so a caller reading atscheck's output never waits on one, and
each runs under an address-space limit so a file that makes a parser allocate without end fails alone.
"""

from __future__ import annotations

import contextlib
import contextvars
import copyreg
import ctypes
import io
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from atscheck.core import error_result
from atscheck.errors import InputError
from atscheck.interrupt import STOP_SIGNALS
from atscheck.model import Profile, Result, Term
from atscheck.request import Request

ADDRESS_SPACE = 2 << 30  # bytes a child may map: ~6 times what checking the largest real resume takes


class SharedPickler:
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
    """A profile or term by its number in the SharedPickler loading the pickle."""
    return _LOADING.get()[number]


def isolate(parent: int, address_space: int | None = ADDRESS_SPACE) -> None:
    """Tie the worker's life to the parent's, let go of everything shared with the caller, and bound the
    memory it may map (`address_space` bytes; None: no bound of its own)."""
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
    if address_space is None:
        return
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource  # POSIX only

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = address_space if hard == resource.RLIM_INFINITY else min(address_space, hard)
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


def failed(path: Path, profiles: Sequence[Profile], request: Request, code: str, message: str) -> list[Result]:
    return [error_result(str(path), profile, request, InputError(code, message)) for profile in profiles]


CRASHED = (
    "Checking this file stopped unexpectedly (it may be damaged or far too large). "
    "Export it again from your editor and check the new file."
)


def timed_out(timeout: float) -> str:
    seconds = f"{timeout:g} second{'' if timeout == 1 else 's'}"
    return (
        f"Checking this file took longer than {seconds} and was stopped; the file is probably damaged or unusually "
        "complex. Export it again from your editor, or raise the limit with --timeout."
    )
