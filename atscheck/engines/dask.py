"""The Dask engine (the `dask` extra: dask[distributed]): the same Results, and so the same reports, as the local
pool, for files every worker can read at the same path (a shared volume or mounted bucket).

Each Dask task scores a chunk of files with the in-process engine on its worker: every file in a forked
child process of the Dask worker, under the request's time limit, so a file that runs over is stopped and
becomes a timeout row and one that kills its reader a crash row, exactly as on one machine. Dask spreads
the chunks over the workers and retries a chunk whose worker was lost; results come back in input order.

Where workers cannot fork (macOS, Windows) each file goes to a worker process of its own instead, which
Dask's default daemon workers may not start: start them with `DASK_DISTRIBUTED__WORKER__DAEMON=False`
(docs/scale.md). Without a scheduler address, a local cluster of `Request.jobs` worker processes (default:
one per CPU) is started for the run.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atscheck.core import error_result
from atscheck.engines import Progress
from atscheck.engines.inprocess import CAN_FORK, InProcessEngine
from atscheck.errors import InputError, UsageError
from atscheck.model import Profile, Result
from atscheck.request import Request

if TYPE_CHECKING:
    from distributed import Client

TASKS_PER_WORKER = 2  # chunks per worker: enough to even out slow files
MAX_CHUNK = 64
CONNECT_TIMEOUT = 10  # seconds to reach the scheduler
_INSTALL = "The dask engine needs Dask: pip install 'dask[distributed]>=2024.1' (atscheck's dask extra)."
_DAEMON = (
    "The Dask workers at {address} run as daemon processes on a system that cannot fork, so they may not start "
    "the process each file is checked in (that is how a file over the time limit is stopped). Restart them "
    "with DASK_DISTRIBUTED__WORKER__DAEMON=False."
)
_LOST = (
    "The cluster worker checking this file was lost (it ran out of memory or was stopped) and the retries "
    "failed too. Export the file again from your editor and check the new file."
)


class DaskEngine:
    def check(
        self, files: Sequence[Path], profiles: Sequence[Profile], request: Request, progress: Progress | None = None
    ) -> list[Result]:
        """One Result per file and profile, in input order, scored on the request's cluster."""
        try:
            from distributed import as_completed  # an optional extra, imported only when this engine runs
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
    """On a Dask worker: the chunk through the in-process engine, each file in a child process, timed."""
    return InProcessEngine().check(files, profiles, request)


def _lost(files: list[Path], profiles: Sequence[Profile], request: Request) -> list[Result]:
    error = InputError("crashed", _LOST)
    return [error_result(str(path), profile, request, error) for path in files for profile in profiles]


def _cannot_start_children() -> bool:
    """On a worker: its files' child processes would come from multiprocessing, which a daemon may not use."""
    return multiprocessing.current_process().daemon and not CAN_FORK


def _check_workers(client: Client, address: str) -> None:
    refused: dict[str, Any] = client.run(_cannot_start_children)
    if any(refused.values()):
        raise UsageError(_DAEMON.format(address=address))


@contextmanager
def _client(request: Request) -> Iterator[Client]:
    import dask  # the optional extra, as in DaskEngine.check
    from distributed import Client, LocalCluster

    if request.scheduler:
        try:
            client = Client(request.scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        except OSError as error:
            raise UsageError(f"Cannot reach the Dask scheduler at {request.scheduler}: {error}.") from None
        with client:
            yield client
        return
    # Workers that may start the process each file is checked in where they cannot fork (see above).
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=request.workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client
