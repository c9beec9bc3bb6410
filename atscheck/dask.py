"""Scoring across a Dask cluster (`pip install 'atscheck[dask]'`): the same Run, and so the same JSON and CSV,
as the local batch, for files every worker can read at the same path (a shared volume or mounted bucket).

Each Dask task scores a chunk of files with the local batch engine (`atscheck.batch`): every file in a
child process of the Dask worker, under the request's time limit, so a file that runs over is stopped
and becomes a timeout row and one that kills its reader a crash row, exactly as on one machine. Dask
spreads the chunks over the workers and retries a chunk whose worker was lost; results come back in
input order.

Dask's worker processes are daemons by default, and a daemon may not start child processes: start the
workers with `DASK_DISTRIBUTED__WORKER__DAEMON=False` (docs/scale.md). Without a scheduler address, a
local cluster of `Request.jobs` worker processes (default: one per CPU) is started for the run.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atscheck.errors import InputError, UsageError
from atscheck.model import Profile, Result
from atscheck.request import Request

if TYPE_CHECKING:
    from distributed import Client

    from atscheck.outcome import Run

TASKS_PER_WORKER = 2  # chunks per worker: enough to even out slow files; each chunk starts one child process
MAX_CHUNK = 64
CONNECT_TIMEOUT = 10  # seconds to reach the scheduler
_INSTALL = "The dask engine needs Dask: pip install 'atscheck[dask]'."
_DAEMON = (
    "The Dask workers at {address} run as daemon processes, which may not start the child process each file is "
    "checked in (that is how a file over the time limit is stopped). Restart them with "
    "DASK_DISTRIBUTED__WORKER__DAEMON=False."
)
_LOST = (
    "The cluster worker checking this file was lost (it ran out of memory or was stopped) and the retries "
    "failed too. Export the file again from your editor and check the new file."
)


def score(paths: Iterable[str | Path], request: Request | None = None, *, scheduler: str | None = None) -> Run:
    """Score `paths` (files and folders) on the cluster at `scheduler` (an address such as
    'tcp://10.0.0.5:8786'; None: a local cluster for this call), as `atscheck.run` does on one machine."""
    from atscheck import pipeline

    base = request or Request()
    given = tuple(Path(p) for p in paths) or base.paths
    return pipeline.run(replace(base, paths=given, engine="dask", scheduler=scheduler or base.scheduler))


def check_files(
    files: Sequence[Path],
    profiles: Sequence[Profile],
    request: Request,
    progress: Callable[[Path], None] | None = None,
) -> list[Result]:
    """One Result per file and profile, in input order, scored on the request's cluster."""
    try:
        from distributed import as_completed
    except ImportError:
        raise UsageError(_INSTALL) from None
    with _client(request) as client:
        _check_workers(client, request.scheduler or "the local cluster")
        workers = max(1, len(client.scheduler_info()["workers"]))
        size = max(1, min(MAX_CHUNK, math.ceil(len(files) / (workers * TASKS_PER_WORKER))))
        chunks = [list(files[start : start + size]) for start in range(0, len(files), size)]
        [shared] = client.scatter([tuple(profiles)], broadcast=True)  # type: ignore[no-untyped-call]
        futures = [client.submit(_score_chunk, chunk, shared, request, pure=False) for chunk in chunks]
        number = {future.key: index for index, future in enumerate(futures)}
        done: dict[int, list[Result]] = {}
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            index = number[future.key]
            try:
                done[index] = future.result()
            except Exception:  # the worker died and the retries too: these files are error rows
                done[index] = _lost(chunks[index], profiles, request)
            for path in chunks[index] if progress else ():
                progress(path)  # type: ignore[misc]
    return [result for index in range(len(chunks)) for result in done[index]]


def _score_chunk(files: list[Path], profiles: tuple[Profile, ...], request: Request) -> list[Result]:
    """On a Dask worker: the chunk through the local batch engine, one child process, each file timed."""
    from atscheck.batch import check_files as local_batch

    return local_batch(files, profiles, replace(request, jobs=1))


def _lost(files: list[Path], profiles: Sequence[Profile], request: Request) -> list[Result]:
    from atscheck.pipeline import error_result

    error = InputError("crashed", _LOST)
    return [error_result(str(path), profile, request, error) for path in files for profile in profiles]


def _is_daemon() -> bool:
    return multiprocessing.current_process().daemon


def _check_workers(client: Client, address: str) -> None:
    daemons: dict[str, Any] = client.run(_is_daemon)
    if any(daemons.values()):
        raise UsageError(_DAEMON.format(address=address))


@contextmanager
def _client(request: Request) -> Iterator[Client]:
    import dask
    from distributed import Client, LocalCluster

    if request.scheduler:
        try:
            client = Client(request.scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        except OSError as error:
            raise UsageError(f"Cannot reach the Dask scheduler at {request.scheduler}: {error}.") from None
        with client:
            yield client
        return
    # Workers that may start the child process each file is checked in (see the module's docstring).
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=request.workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client
