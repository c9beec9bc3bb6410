"""Checking many files in worker processes: parallel, each file under a time limit, in a stable order.

Each worker builds the spaCy pipeline and the profiles' matchers once, then checks file after file. A
file that takes longer than the time limit has its worker killed and replaced; the file becomes an
error row and the batch goes on. Results come back in input order, whatever the number of workers.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import pickle
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from atscheck.errors import InputError
from atscheck.model import Profile, Result
from atscheck.pipeline import check_file, error_result
from atscheck.request import Request

Progress = Callable[[Path], None]


class _Shared:
    """Profiles and their terms travel between the processes as references, not copies: the parent has the
    same objects, so a result costs a third as much to send and to read back."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self.objects: list[object] = []
        for profile in profiles:
            self.objects += [profile, *profile.terms]
        self.ids = {id(obj): number for number, obj in enumerate(self.objects)}

    def dumps(self, value: object) -> bytes:
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.persistent_id = lambda obj: self.ids.get(id(obj))  # type: ignore[method-assign]
        pickler.dump(value)
        return out.getvalue()

    def loads(self, data: bytes) -> object:
        unpickler = pickle.Unpickler(io.BytesIO(data))
        unpickler.persistent_load = self.objects.__getitem__  # type: ignore[method-assign]
        return unpickler.load()


def _serve(connection: Connection, profiles: Sequence[Profile], request: Request) -> None:
    from atscheck.match import matcher_for

    shared = _Shared(profiles)
    for profile in profiles:
        matcher_for(profile)
    while True:
        try:
            task = connection.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            return
        index, path = task
        results = check_file(path, profiles, request)
        connection.send_bytes(shared.dumps((index, results)))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    task: tuple[int, Path] | None = None
    started: float = 0.0


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds with spaCy already loaded; elsewhere spawn is what there is.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def check_files(
    files: Sequence[Path],
    profiles: Sequence[Profile],
    request: Request,
    progress: Progress | None = None,
) -> list[Result]:
    """Check `files` in the request's worker processes, each under its time limit; one list entry per file and
    profile, in input order."""
    from atscheck.match import matcher_for

    for profile in profiles:  # built once here, inherited by forked workers
        matcher_for(profile)
    context = _context()

    def start() -> _Worker:
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child, profiles, request), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def failed(path: Path, code: str, message: str) -> list[Result]:
        return [error_result(str(path), profile, request, InputError(code, message)) for profile in profiles]

    shared = _Shared(profiles)
    pending = list(enumerate(files))[::-1]
    done: dict[int, list[Result]] = {}
    timeout = request.file_timeout
    workers = [start() for _ in range(max(1, min(request.workers, len(files))))]
    try:
        while len(done) < len(files):
            for worker in workers:
                if worker.task is None and pending:
                    worker.task, worker.started = pending.pop(), time.monotonic()
                    worker.connection.send(worker.task)
            busy = [w for w in workers if w.task is not None]
            first_deadline = min(w.started + timeout for w in busy)
            ready = wait([w.connection for w in busy], timeout=max(0.0, first_deadline - time.monotonic()))
            for index, worker in enumerate(workers):
                if worker.task is None:
                    continue
                task_index, path = worker.task
                if worker.connection in ready:
                    try:
                        _, results = shared.loads(worker.connection.recv_bytes())  # type: ignore[misc]
                    except (EOFError, OSError):  # the worker died: out of memory, or a crash in a parser
                        results = failed(path, "crashed", _CRASHED)
                        workers[index] = _replace(worker, start)
                    done[task_index] = results
                elif time.monotonic() - worker.started >= timeout:
                    done[task_index] = failed(path, "timeout", _timed_out(timeout))
                    workers[index] = _replace(worker, start)
                else:
                    continue
                workers[index].task = None
                if progress:
                    progress(path)
    finally:
        for worker in workers:
            _stop(worker)
    return [result for index in range(len(files)) for result in done[index]]


_CRASHED = (
    "Checking this file stopped unexpectedly (it may be damaged or far too large). "
    "Export it again from your editor and check the new file."
)


def _timed_out(timeout: float) -> str:
    return (
        f"Checking this file took longer than {timeout:g} seconds and was stopped; the file is probably damaged "
        "or unusually complex. Export it again from your editor, or raise the limit with --timeout."
    )


def _replace(worker: _Worker, start: Callable[[], _Worker]) -> _Worker:
    worker.process.kill()
    worker.process.join()
    worker.connection.close()
    return start()


def _stop(worker: _Worker) -> None:
    with contextlib.suppress(OSError, ValueError):  # the worker may be gone already
        worker.connection.send(None)
    worker.process.join(timeout=2)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()
    worker.connection.close()
