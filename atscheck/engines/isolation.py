"""What every engine that checks files in another process shares: how results travel back, and the error
rows for a file whose child failed. How a child is tied to the parent's life and bounded (the kernel kills it
with its parent, it lets go of the caller's standard streams, it runs under an address-space limit) is
`atscheck.extract.isolated.bound_process`, which every worker and every child reading one file calls.
"""

from __future__ import annotations

import contextvars
import copyreg
import io
import logging
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from atscheck.core import error_result
from atscheck.errors import InputError
from atscheck.model import Profile, Result, Term
from atscheck.request import Request

log = logging.getLogger("atscheck.core")  # where a file checked in this process logs its failure


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


def came_back(results: list[Result]) -> list[Result]:
    """Results from a child process, with each internal failure logged here, on the `atscheck` logger, as a
    file checked in this process logs it: the child's own log went nowhere (it let go of the caller's
    streams). The traceback travels as text in the result, so it is in the message."""
    logged: set[str] = set()
    for result in results:
        error = result.error
        if error is not None and error.code == "internal" and result.file not in logged:
            logged.add(result.file)
            log.error("internal error while checking %s (in a child process):\n%s", result.file, error.debug or "")
    return results


def failed(file: str | Path, profiles: Sequence[Profile], request: Request, code: str, message: str) -> list[Result]:
    return [error_result(str(file), profile, request, InputError(code, message)) for profile in profiles]


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
