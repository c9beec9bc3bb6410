"""The Dask engine (the `dask` extra: dask[distributed]): the same Results, and so the same reports, as the local
pool, for files every worker can read at the same path (a shared volume or mounted bucket).

Each Dask task scores a chunk of files with the in-process engine on its worker: every file in a forked
child process of the Dask worker, under the request's time limit, so a file that runs over is stopped and
becomes a timeout row and one that kills its reader a crash row, exactly as on one machine. Dask spreads
the chunks over the workers and retries a chunk whose worker was lost.

Dask itself runs in a process of its own (atscheck/engines/daskclient.py), never in this one: a worker sends
back its chunk's results as the plain data of atscheck/engines/codec.py, which that process passes on unread
and this one decodes and checks (the file and the role each result names, its pass mark), so a cluster can
send wrong results but never an object that runs code here (docs/security.md).

Where workers cannot fork (macOS, Windows) each file goes to a worker process of its own instead, which
Dask's default daemon workers may not start: start them with `DASK_DISTRIBUTED__WORKER__DAEMON=False`
(docs/scale.md). Without a scheduler address, a local cluster of `Request.jobs` worker processes (default:
one per CPU) is started for the run, reachable only with a certificate made for the run.
"""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from atscheck.core import threshold
from atscheck.engines import Finished
from atscheck.engines.codec import MAX_DECODED, CodecError, decode_files, encode_files
from atscheck.engines.inprocess import CAN_FORK, InProcessEngine
from atscheck.engines.isolation import failed
from atscheck.errors import UsageError
from atscheck.interrupt import Interrupted, held
from atscheck.model import Profile, Result
from atscheck.request import Request

TASKS_PER_WORKER = 2  # chunks per worker: enough to even out slow files
MAX_CHUNK = 64
CONNECT_TIMEOUT = 10  # seconds to reach the scheduler
STOP_WAIT = 10  # seconds the Dask client process has to disconnect when the run is stopped
_INSTALL = "The dask engine needs Dask: pip install 'dask[distributed]>=2024.1' (atscheck's dask extra)."
_LOST = (
    "The cluster worker checking this file was lost (it ran out of memory or was stopped) and the retries "
    "failed too. Export the file again from your editor and check the new file."
)
_REFUSED = (
    "The cluster did not send back atscheck's result for this file ({why}), so nothing from it was used. "
    "Check that the cluster runs the same atscheck version, or check this file on this machine."
)
_CLIENT_DIED = (
    "The process that talks to the Dask cluster stopped before this file's results came back{why}. Run again, "
    "or check this file on this machine."
)
HEADER = struct.Struct(">I")
MAX_HEADER = 1 << 20


# ---------------------------------------------------------------- on a Dask worker


def _score_chunk(files: list[Path], profiles: tuple[Profile, ...], request: Request) -> bytes:
    """On a Dask worker: the chunk through the in-process engine, each file in a child process, timed; the
    results as plain data (atscheck/engines/codec.py), never as objects."""
    checked = dict(InProcessEngine().check(files, profiles, request))
    return encode_files([checked[index] for index in range(len(files))], profiles)


def _cannot_start_children() -> bool:
    """On a worker: its files' child processes would come from multiprocessing, which a daemon may not use."""
    return multiprocessing.current_process().daemon and not CAN_FORK


# ---------------------------------------------------------------- here


class DaskEngine:
    def check(self, files: Sequence[Path], profiles: Sequence[Profile], request: Request) -> Iterator[Finished]:
        """Each file's results as its chunk comes back from the request's cluster (a local one without a
        scheduler address), decoded and checked here."""
        if importlib.util.find_spec("distributed") is None:
            raise UsageError(_INSTALL)
        job = {
            "files": [str(path) for path in files],
            "profiles": tuple(profiles),
            "request": request,
            "parent": os.getpid(),
            "connect_timeout": CONNECT_TIMEOUT,
            "tasks_per_worker": TASKS_PER_WORKER,
            "max_chunk": MAX_CHUNK,
        }
        pending = set(range(len(files)))
        message: tuple[dict[str, Any], bytes] | None = None
        why = ""  # what stopped the client process, when it says
        with held() as stop_signal:
            client = subprocess.Popen(
                [sys.executable, "-m", "atscheck.engines.daskclient"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            assert client.stdin is not None and client.stdout is not None
            messages: queue.SimpleQueue[tuple[dict[str, Any], bytes] | None] = queue.SimpleQueue()
            threading.Thread(target=_read_messages, args=(client.stdout, messages), daemon=True).start()
            try:
                with client.stdin:
                    pickle.dump(job, client.stdin, pickle.HIGHEST_PROTOCOL)
                while not stop_signal():
                    try:
                        message = messages.get(timeout=0.2)  # short: a stop signal is acted on within this
                    except queue.Empty:
                        continue
                    if message is None or message[0].get("kind") == "done":  # it closed the cluster, or died
                        break
                    header, payload = message
                    if header.get("kind") == "usage":
                        raise UsageError(str(header.get("message")))
                    if header.get("kind") == "failed":
                        why = f" ({header.get('message')})"
                    for index, results in _finished(header, payload, files, profiles, request):
                        if index in pending:
                            pending.discard(index)
                            yield index, results
            finally:
                _stop(client, at_once=stop_signal() is not None or message is None or bool(pending))
            signum = stop_signal()
        if signum is not None:
            raise Interrupted(signum)
        for index in sorted(pending):  # the client process died: these files never came back
            yield index, failed(files[index], profiles, request, "crashed", _CLIENT_DIED.format(why=why))


def _finished(
    header: dict[str, Any], payload: bytes, files: Sequence[Path], profiles: Sequence[Profile], request: Request
) -> list[Finished]:
    """The files a message from the client process reports: a chunk's results, or a chunk lost."""
    indexes = header.get("files")
    if not isinstance(indexes, list) or not all(type(i) is int and 0 <= i < len(files) for i in indexes):
        return []
    if header.get("kind") == "lost":
        error = str(header.get("error", "lost"))
        why = _LOST if error == "lost" else _REFUSED.format(why=error)
        return [(i, failed(files[i], profiles, request, "crashed", why)) for i in indexes]
    try:
        checked = decode_files(payload, len(indexes), profiles)
        for index, results in zip(indexes, checked, strict=True):
            _check_results(results, files[index], profiles, request)
    except CodecError as error:
        why = _REFUSED.format(why=error)
        return [(i, failed(files[i], profiles, request, "crashed", why)) for i in indexes]
    return list(zip(indexes, checked, strict=True))


def _check_results(results: list[Result], path: Path, profiles: Sequence[Profile], request: Request) -> None:
    """Results are for this file and these profiles, in order, with this run's pass marks; CodecError if not."""
    if len(results) != len(profiles):
        raise CodecError(f"{len(results)} results for {len(profiles)} roles")
    for result, profile in zip(results, profiles, strict=True):
        if result.file != str(path):
            raise CodecError("a result for another file")
        if result.profile != profile.ref or result.threshold != threshold(profile, request):
            raise CodecError("a result for another role or pass mark")
        scores = (result.score, result.ranking_score)
        if any(score is not None and not 0 <= score <= 100 for score in scores):
            raise CodecError("a score outside 0-100")


def _read_messages(stream: IO[bytes], messages: queue.SimpleQueue[tuple[dict[str, Any], bytes] | None]) -> None:
    """The client process's messages: a JSON header, and the payload it announces (a chunk's results),
    bounded; None when it ends or writes anything else."""
    try:
        while True:
            size = stream.read(HEADER.size)
            if len(size) < HEADER.size or HEADER.unpack(size)[0] > MAX_HEADER:
                break
            header = json.loads(stream.read(HEADER.unpack(size)[0]))
            if not isinstance(header, dict):
                break
            length = header.get("size", 0)
            files = header.get("files")
            most = len(files) * MAX_DECODED if isinstance(files, list) else 0
            if type(length) is not int or not 0 <= length <= most:
                break
            payload = stream.read(length) if length else b""
            if len(payload) != length:
                break
            messages.put((header, payload))
    except (OSError, ValueError):
        pass
    messages.put(None)


def _stop(client: subprocess.Popen[bytes], at_once: bool) -> None:
    """Let the client process end (it has closed its cluster), or stop it `at_once` (its connections close, so
    the cluster cancels its tasks and a local cluster's workers exit with it); kill it if it does not end."""
    if at_once and client.poll() is None:
        client.send_signal(signal.SIGTERM)
    try:
        client.wait(STOP_WAIT)
    except subprocess.TimeoutExpired:
        client.kill()
        client.wait()
    if client.stdout is not None:
        client.stdout.close()
