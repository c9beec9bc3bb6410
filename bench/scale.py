"""Files per second for one batch of the same generated resumes, three ways: --jobs 1, --jobs 2, and the dask
engine with 2 local workers. Not a test and not run in CI: run it by hand on a quiet machine.

    pip install '.[test,dask]'
    python bench/scale.py                 # 300 generated resumes (bench/run.py's corpus), medians of 3 runs
    python bench/scale.py --files 1000 --runs 5

Every way runs `atscheck.run` on the folder, as the command line does, and its results are checked to be the
same. The dask figure is given twice: with the local cluster's start-up (what `--engine dask` without
--scheduler costs), and on a cluster already running (what a long-lived cluster gives, per batch).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from run import build_corpus  # bench/run.py: the same 2/3 PDF, 1/3 DOCX corpus

import atscheck
from atscheck.outcome import Run
from atscheck.request import Request


def median_seconds(action: Callable[[], Run], runs: int) -> tuple[float, Run]:
    times, last = [], None
    for _ in range(runs):
        started = time.perf_counter()
        last = action()
        times.append(time.perf_counter() - started)
    assert last is not None
    return statistics.median(times), last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import dask
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build_corpus(folder, args.files)
        base = Request(paths=(folder,), timeout=300)
        rows: list[tuple[str, float, Run]] = []
        for name, request in (("--jobs 1", base.merged({"jobs": 1})), ("--jobs 2", base.merged({"jobs": 2}))):
            rows.append((name, *median_seconds(lambda request=request: atscheck.run(request), args.runs)))
        dask_request = base.merged({"engine": "dask", "jobs": 2})
        rows.append(
            ("dask, 2 local workers, start-up included", *median_seconds(lambda: atscheck.run(dask_request), args.runs))
        )
        with (
            dask.config.set({"distributed.worker.daemon": False}),
            LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        ):
            running = dask_request.merged({"scheduler": cluster.scheduler_address})
            atscheck.run(running)  # the workers load atscheck and build the matchers once, as a long-lived cluster has
            rows.append(("dask, 2 workers already running", *median_seconds(lambda: atscheck.run(running), args.runs)))

    reference = rows[0][2].results
    assert all(run.results == reference for _, _, run in rows), "the engines disagree"
    print(f"{args.files} files, median of {args.runs} runs, {os.cpu_count()} CPUs")
    print(f"{'how':42} {'seconds':>8} {'files/s':>8}")
    for name, seconds, _ in rows:
        print(f"{name:42} {seconds:8.1f} {args.files / seconds:8.1f}")


if __name__ == "__main__":
    main()
