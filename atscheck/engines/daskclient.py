"""The Dask client of the dask engine, run as a process of its own (`python -m atscheck.engines.daskclient`): the
only part of atscheck that imports Dask, so Dask never runs in the process a user or a library caller runs.

atscheck (atscheck/engines/dask.py) writes the job to its standard input, pickled (atscheck's own data, read
before anything else happens), and reads messages from its standard output: a length, a JSON header, and for
a finished chunk the bytes its worker returned, passed on unread (the engine decodes and checks them).

Dask's protocol unpickles what the scheduler and workers send: results, the types of results, task errors,
warnings a worker raises. Connected to a scheduler atscheck did not start (`--scheduler`), every unpickling
in this process is restricted to plain data and a few exception classes (`restrict_unpickling`), in place
before Dask is imported; anything else is refused, and its chunk becomes error rows. A hostile cluster can
therefore not run code here, and this process hands atscheck nothing but bytes.

Without a scheduler address it starts a local cluster for the run whose scheduler, workers and nannies
speak only TLS with a certificate made for the run and held in memory (`Security.temporary()`): another user
of this machine, or a program without that certificate, cannot connect to it and submit work.
"""

from __future__ import annotations

import builtins
import io
import json
import math
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from atscheck.engines.dask import HEADER
from atscheck.errors import UsageError

if TYPE_CHECKING:
    from distributed import Client

_CRYPTOGRAPHY = (
    "The local Dask cluster needs the cryptography package, to make the certificate that keeps other users "
    "of this machine out of it: pip install cryptography (atscheck's dask extra has it)."
)
_DAEMON = (
    "The Dask workers at {address} run as daemon processes on a system that cannot fork, so they may not start "
    "the process each file is checked in (that is how a file over the time limit is stopped). Restart them "
    "with DASK_DISTRIBUTED__WORKER__DAEMON=False."
)

# What a client of a cluster atscheck does not control may unpickle: the types results are made of, and the
# errors Dask reports (a lost worker, a cancelled task, a connection closed).
_PLAIN_TYPES = ("bytes", "bytearray", "str", "int", "float", "bool", "tuple", "list", "dict", "set", "frozenset")
ALLOWED = frozenset(
    {("builtins", name) for name in _PLAIN_TYPES}
    | {
        ("distributed.scheduler", "KilledWorker"),
        ("distributed.client", "FutureCancelledError"),
        ("distributed.comm.core", "CommClosedError"),
        ("asyncio.exceptions", "CancelledError"),
        ("asyncio.exceptions", "TimeoutError"),
        ("concurrent.futures._base", "CancelledError"),
        ("concurrent.futures._base", "TimeoutError"),
    }
)


class PlainUnpickler(pickle.Unpickler):
    """An unpickler that builds plain data and the allowed classes only (Python's "restricting globals")."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in ALLOWED or _builtin_exception(module, name):
            return super().find_class(module, name)
        if (module, name) in _TBLIB:
            return _TBLIB[module, name]
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data: refused")


def _builtin_exception(module: str, name: str) -> bool:
    value = getattr(builtins, name, None) if module == "builtins" else None
    return isinstance(value, type) and issubclass(value, BaseException)


class _Dropped:
    """Stands for a part of a task error that is not kept (its traceback's frames)."""

    def __setstate__(self, state: object) -> None:
        pass


def _error(kind: object, args: object) -> BaseException:
    if not (isinstance(kind, type) and issubclass(kind, BaseException) and isinstance(args, tuple)):
        raise pickle.UnpicklingError("a task error that is not an exception: refused")
    error = kind.__new__(kind, *args)
    error.args = args
    return error


def _error_with_attributes(kind: object, attributes: object, *rest: object) -> BaseException:
    args = attributes.get("args", ()) if isinstance(attributes, dict) else ()
    return _error(kind, args if isinstance(args, tuple) else ())


# How Dask's workers send a task's error (tblib): rebuilt as its class and message only, its traceback dropped.
_TBLIB: dict[tuple[str, str], Any] = {
    ("tblib.pickling_support", "unpickle_exception_with_attrs"): _error_with_attributes,
    ("tblib.pickling_support", "unpickle_exception"): lambda kind, args, *rest: _error(kind, args),
    ("tblib.pickling_support", "unpickle_traceback"): lambda *parts: None,
    **{("tblib", name): _Dropped for name in ("Frame", "Code", "Traceback")},
}


def _loads(data: Any, /, **options: Any) -> Any:
    return PlainUnpickler(io.BytesIO(data), **options).load()


def _load(file: IO[bytes], **options: Any) -> Any:
    return PlainUnpickler(file, **options).load()


def restrict_unpickling() -> None:
    """From now on, every unpickling in this process (pickle, and Dask and cloudpickle, which bind it when
    imported) builds plain data only. Call it before Dask is imported."""
    import _pickle

    early = [name for name in ("distributed", "dask", "cloudpickle") if name in sys.modules]
    if early:  # they would hold the unrestricted functions they bound when imported
        raise RuntimeError(f"{', '.join(early)} imported before unpickling was restricted")

    for module in (pickle, _pickle):
        for name, value in (("loads", _loads), ("load", _load), ("Unpickler", PlainUnpickler)):
            setattr(module, name, value)
    for name, value in (("_loads", _loads), ("_load", _load), ("_Unpickler", PlainUnpickler)):
        setattr(pickle, name, value)  # the pure-Python twins


class Messages:
    """What this process tells atscheck: a length, a JSON header, then the payload the header announces."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def send(self, header: dict[str, Any], payload: bytes = b"") -> None:
        data = json.dumps({**header, "size": len(payload)}).encode()
        self.out.write(HEADER.pack(len(data)) + data + payload)
        self.out.flush()


def check(job: dict[str, Any], messages: Messages) -> None:
    """Score the job's files on its cluster, in chunks; each chunk's results, or its loss, as a message."""
    from distributed import as_completed

    from atscheck.engines import dask as engine  # the functions workers run are named there

    request = job["request"]
    files = [Path(name) for name in job["files"]]
    with _client(request, job["connect_timeout"]) as client:
        refused: dict[str, Any] = client.run(engine._cannot_start_children)
        if any(refused.values()):
            raise UsageError(_DAEMON.format(address=request.scheduler or "the local cluster"))
        workers = max(1, len(client.scheduler_info()["workers"]))
        size = max(1, min(job["max_chunk"], math.ceil(len(files) / (workers * job["tasks_per_worker"]))))
        chunks = [list(range(start, min(start + size, len(files)))) for start in range(0, len(files), size)]
        [shared] = client.scatter([job["profiles"]], broadcast=True)  # type: ignore[no-untyped-call]
        score = engine._score_chunk
        futures = [client.submit(score, [files[i] for i in chunk], shared, request, pure=False) for chunk in chunks]
        number = {future.key: index for index, future in enumerate(futures)}
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            chunk = chunks[number[future.key]]
            try:
                data = future.result()
            except Exception as error:  # the worker died and the retries too, or what came back was refused
                said = " ".join(map(str, error.args))
                what = "lost" if type(error).__name__ == "KilledWorker" else f"{type(error).__name__}: {said}"
                messages.send({"kind": "lost", "files": chunk, "error": what[:300]})
                continue
            finally:
                future.release()
            messages.send({"kind": "files", "files": chunk}, data if isinstance(data, bytes) else b"")


@contextmanager
def _client(request: Any, connect_timeout: float) -> Iterator[Client]:
    import dask
    from distributed import Client, LocalCluster

    if request.scheduler:
        try:
            client = Client(request.scheduler, timeout=connect_timeout)  # type: ignore[no-untyped-call]
        except OSError as error:
            raise UsageError(f"Cannot reach the Dask scheduler at {request.scheduler}: {error}.") from None
        with client:
            yield client
        return
    from distributed import Security

    try:
        security = Security.temporary()  # type: ignore[no-untyped-call]
    except ImportError:
        raise UsageError(_CRYPTOGRAPHY) from None
    # Workers that may start the process each file is checked in where they cannot fork (atscheck/engines/dask.py);
    # a scratch folder only this user may enter (Dask's default, a shared /tmp/dask-scratch-space, may be made
    # by another user first; workers spill results there); and nothing on the plain-HTTP servers the scheduler
    # and workers start whatever their dashboard setting (any local user could read the cluster's state there).
    settings = {
        "distributed.worker.daemon": False,
        "distributed.scheduler.http.routes": [],
        "distributed.worker.http.routes": [],
    }
    with (
        tempfile.TemporaryDirectory(prefix="atscheck-dask-") as scratch,
        dask.config.set({**settings, "temporary-directory": scratch}),
    ):
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=request.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
            protocol="tls://",
            security=security,
        )
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client


def main() -> None:
    job = pickle.load(sys.stdin.buffer)  # atscheck's own job, read before anything is restricted
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    from atscheck.extract.isolated import bound_process

    bound_process(job["parent"])  # tied to atscheck's life, its standard streams let go, its memory capped
    if job["request"].scheduler:
        restrict_unpickling()
    messages = Messages(out)
    try:
        check(job, messages)
    except UsageError as error:
        messages.send({"kind": "usage", "message": str(error)})
    except Exception as error:  # the files not yet reported become error rows that say why
        messages.send({"kind": "failed", "message": f"{type(error).__name__}: {error}"[:500]})
    messages.send({"kind": "done"})


if __name__ == "__main__":
    main()
