"""Engines: where and how the files of a run are checked. Each engine runs the per-file core
(`atscheck.core.check_file`) and hands back each file's results as it finishes; `atscheck.engines.collect`
puts them in input order and keeps what the run needs of them.

An engine implements `Engine` and adds one line to ENGINES; the command line's --engine choices and the
runner's check of `Request.engine` are read from it (docs/architecture.md). Engine modules are imported only
when used, so a single file checked in this process pays for neither a worker pool nor Dask.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from atscheck.errors import UsageError
from atscheck.model import Profile, Result
from atscheck.request import Request

# Called with each file as it finishes (a progress bar).
Progress = Callable[[Path], None]
# A file's results as it finishes: its index in the files checked, and one Result per profile.
Finished = tuple[int, list[Result]]


class Engine(Protocol):
    def check(self, files: Sequence[Path], profiles: Sequence[Profile], request: Request) -> Iterator[Finished]:
        """Each file's results as soon as it is finished, in any order: one Result per profile, an error row
        for a file that cannot be checked. Raises Interrupted when a stop signal arrives, inside
        `atscheck.interrupt.interruptible` (the files yielded so far are the finished ones); UsageError when
        the engine cannot run at all. Closing the iterator early stops the work."""
        ...


# --engine name -> "module:class" of the engine.
ENGINES: dict[str, str] = {
    # One file at a time: in a forked child process where the platform forks (a crash or hang in a parser
    # becomes an error row), else here under a timer signal. A single file goes here by default.
    "in-process": "atscheck.engines.inprocess:InProcessEngine",
    "local": "atscheck.engines.pool:PoolEngine",  # a pool of worker processes on this machine (--jobs)
    "dask": "atscheck.engines.dask:DaskEngine",  # a Dask cluster (the dask extra: dask[distributed])
}
DEFAULT_ENGINE = "local"


def engine_names() -> tuple[str, ...]:
    return tuple(ENGINES)


def get_engine(name: str) -> Engine:
    """The engine called `name`; UsageError for a name that is not one."""
    if name not in ENGINES:
        raise UsageError(f"'{name}' is not an engine; use one of {', '.join(ENGINES)}.")
    module, _, cls = ENGINES[name].partition(":")
    engine: Engine = getattr(importlib.import_module(module), cls)()
    return engine
