"""The dask engine on a local cluster of 2 workers: the same JSON and CSV as --jobs 1, error rows and
timeouts included (skipped when the dask extra is not installed)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, invoke, make_docx, make_pdf
from test_batch import WEAK_TEXT

distributed = pytest.importorskip("distributed")

import atscheck  # noqa: E402
from atscheck.engines import dask as dask_engine  # noqa: E402
from atscheck.engines import inprocess  # noqa: E402
from atscheck.request import Request  # noqa: E402


@pytest.fixture(scope="module")
def applicants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("applicants")
    for number in range(4):
        make_pdf(root / f"strong-{number}.pdf", [MLOPS_TEXT])
    make_pdf(root / "weak.pdf", [WEAK_TEXT * 6])
    make_docx(root / "strong.docx", paragraphs=MLOPS_TEXT)
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n\x00\x01 not really a pdf")
    (root / "empty.docx").write_bytes(b"")
    (root / "notes.xlsx").write_bytes(b"PK\x03\x04 not a resume")
    return root


@pytest.mark.parametrize("output", ["json", "csv"])
def test_the_cluster_gives_the_same_report_as_one_local_worker(applicants: Path, scheduler: str, output: str) -> None:
    local = invoke(applicants, "--jobs", "1", "--format", output)
    cluster = invoke(applicants, "--engine", "dask", "--scheduler", scheduler, "--format", output)
    assert cluster.exit_code == local.exit_code == 3  # broken.pdf and empty.docx are error rows
    assert cluster.stdout == local.stdout
    if output == "json":
        rows = {Path(r["file"]).name: r for r in json.loads(cluster.stdout)["results"]}
        assert rows["broken.pdf"]["error"]["code"] == "corrupt" and rows["empty.docx"]["error"]["code"] == "empty"
        assert json.loads(cluster.stdout)["summary"]["skipped"] == 1


def _slow_check_file(path, profiles, request, **options):
    if path.name == "hang.pdf":
        threading.Event().wait()  # for ever: only the time limit ends it
    return _real_check_file(path, profiles, request, **options)


_real_check_file = inprocess.check_file


def test_a_file_over_the_time_limit_is_a_timeout_row_and_the_rest_finish(
    tmp_path: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [make_pdf(tmp_path / name, [MLOPS_TEXT]) for name in ("a.pdf", "hang.pdf", "b.pdf")]
    monkeypatch.setattr(inprocess, "check_file", _slow_check_file)  # the workers' child processes are forked
    run = atscheck.run(Request(paths=tuple(files), timeout=2, engine="dask", scheduler=scheduler))
    assert [Path(r.file).name for r in run.results] == ["a.pdf", "hang.pdf", "b.pdf"]
    assert run.results[1].error is not None and run.results[1].error.code == "timeout"
    assert all(r.error is None and r.passed for r in (run.results[0], run.results[2]))
    assert run.exit_code() == 3


def test_the_library_call_returns_the_runs_results(applicants: Path, scheduler: str) -> None:
    on_cluster = atscheck.run(Request(paths=(applicants,), engine="dask", scheduler=scheduler))
    here = atscheck.run(Request(paths=(applicants,), jobs=1))
    assert on_cluster.results == here.results and on_cluster.ranking == here.ranking


def test_a_scheduler_that_cannot_be_reached_is_a_usage_error(applicants: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 1)
    result = invoke(applicants, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2 and "Cannot reach the Dask scheduler" in result.output
    assert "Traceback" not in result.output


def test_daemon_workers_check_files_in_forked_children(applicants: Path) -> None:
    """Dask's default workers are daemons, which multiprocessing forbids to start children; a forked child
    per file needs no such permission, so they work as they come."""
    with distributed.LocalCluster(n_workers=1, processes=True, dashboard_address=None) as cluster:
        result = invoke(applicants, "--engine", "dask", "--scheduler", cluster.scheduler_address, "--format", "csv")
    assert result.exit_code == 3 and result.stdout == invoke(applicants, "--jobs", "1", "--format", "csv").stdout


def test_daemon_workers_that_cannot_fork_are_refused_with_what_to_do(
    applicants: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dask_engine, "_cannot_start_children", lambda: True)  # as on macOS and Windows
    result = invoke(applicants, "--engine", "dask", "--scheduler", scheduler)
    assert result.exit_code == 2 and "DASK_DISTRIBUTED__WORKER__DAEMON=False" in result.output
