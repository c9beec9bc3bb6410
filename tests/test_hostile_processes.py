"""Processes under attack: stop signals and a killed parent (no traceback, what is finished is reported, no
worker left), and a crash or a hang in native code while a file is read.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, make_docx, make_pdf
from hostile_helpers import _PLAIN

# --- Signals and a killed parent (issue 18): no traceback, what is finished is reported, no worker left ---


def _children(pid: int) -> set[int]:
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.add(int(stat.parent.name))
    return children


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(condition: Callable[[], object], within: float = 60.0) -> None:
    """Poll until `condition()` holds, giving up after `within` seconds: a bound on waiting for another
    process, never a measure of it (the assertion that follows says whether the event came)."""
    deadline = time.monotonic() + within
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


# `python -m atscheck`, except that each file a worker has checked is also told, as one byte, to the pipe
# whose number comes first on the command line: the test waits on that instead of guessing a time.
_COUNTING_ATSCHECK = """
import contextlib, os, sys
from atscheck.cli import main
from atscheck.engines import pool

check_file, checked = pool.check_file, int(sys.argv.pop(1))

def check_and_count(*args):
    results = check_file(*args)
    with contextlib.suppress(OSError):  # the test stops reading after a few
        os.write(checked, b".")
    return results

pool.check_file = check_and_count
main()
"""


def _busy_batch(folder: Path, *options: str) -> tuple[subprocess.Popen[str], set[int]]:
    """A batch of 1,000 small resumes on 2 workers, started in its own session (as a terminal's job), once
    its workers are at work and have checked a few files."""
    folder.mkdir(exist_ok=True)
    for number in range(1000):
        (folder / f"resume-{number:04}.txt").write_text(_PLAIN, encoding="utf-8")
    checked, tell = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-c", _COUNTING_ATSCHECK, str(tell), str(folder), "--format", "json", "--jobs", "2", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        pass_fds=(tell,),
    )
    os.close(tell)
    _wait_for(lambda: len(_children(process.pid)) >= 2)
    workers = _children(process.pid)
    with os.fdopen(checked, "rb", buffering=0) as pipe:  # some files finished, most not
        seen = b""
        while len(seen) < 10 and select.select([pipe], [], [], 60)[0] and (more := pipe.read(10 - len(seen))):
            seen += more
    return process, workers


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds workers through /proc")


@needs_proc
@pytest.mark.parametrize(("signum", "code"), [(2, 130), (15, 143), (1, 129)], ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_stopped_batch_reports_what_is_finished(tmp_path: Path, signum: int, code: int) -> None:
    output = tmp_path / "report.json"
    process, workers = _busy_batch(tmp_path / "inbox", "--output", str(output))
    assert workers, "the batch never started its workers"
    os.killpg(process.pid, signum)  # the whole job, as Ctrl-C in a terminal does
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr
    [line] = stderr.splitlines()
    done, total = map(int, line.removeprefix("atscheck: interrupted after ").removesuffix(" files.").split(" of "))
    assert total == 1000 and done < total
    if done:
        report = json.loads(output.read_text(encoding="utf-8"))
        names = [Path(r["file"]).name for r in report["results"]]
        assert len(names) == done and names == sorted(names)
    else:
        assert not output.exists()
    _wait_for(lambda: not any(_running(pid) for pid in workers))
    assert not any(_running(pid) for pid in workers)


@needs_proc
def test_no_worker_outlives_a_killed_parent(tmp_path: Path) -> None:
    process, workers = _busy_batch(tmp_path / "inbox")
    assert workers, "the batch never started its workers"
    process.kill()  # SIGKILL: the parent cannot clean up
    # The workers let go of the caller's pipes at once, so reading the output to its end does not hang.
    process.communicate(timeout=10)
    _wait_for(lambda: not any(_running(pid) for pid in workers))
    assert [pid for pid in workers if _running(pid)] == []


_BUSY_WORKER = """
import multiprocessing, os, sys, threading
from pathlib import Path
from atscheck.extract import isolated

def work(parent):
    if sys.argv[1] == "watcher":
        isolated._die_with_parent = lambda: False  # the way macOS and Windows go: a thread watches the parent
    isolated.bound_process(parent)
    import resource
    Path(sys.argv[2]).write_text(str(resource.getrlimit(resource.RLIMIT_AS)[0]))
    threading.Event().wait()  # busy with a file until it is killed

if __name__ == "__main__":
    child = multiprocessing.Process(target=work, args=(os.getpid(),), daemon=True)
    child.start()
    print(child.pid, flush=True)
    sys.stdin.read()  # until the test kills this process, or lets go of its standard input
"""


@needs_proc
@pytest.mark.parametrize("how", ["prctl", "watcher"])
def test_a_busy_worker_dies_with_its_killed_parent(tmp_path: Path, how: str) -> None:
    script = tmp_path / "parent.py"
    script.write_text(_BUSY_WORKER, encoding="utf-8")
    limit = tmp_path / "limit"
    process = subprocess.Popen(
        [sys.executable, str(script), how, str(limit)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    worker = int(process.stdout.readline())
    _wait_for(lambda: limit.exists() and limit.read_text())  # the worker is set up
    assert _running(worker)
    assert 0 < int(limit.read_text()) <= 2 << 30  # each worker may map at most 2 GB
    process.kill()
    process.communicate(timeout=10)  # the worker holds none of the caller's pipes
    _wait_for(lambda: not _running(worker))
    survived = _running(worker)
    if survived:  # it would wait forever: not past this test
        os.kill(worker, signal.SIGKILL)
    assert not survived


# --- A crash in native code (issue 17) ---


def _crash_on(name: str) -> Callable[..., object]:
    """An extractor that dies as a segfault in PDFium would, for the file called `name`."""
    import signal

    from atscheck.extract import extract

    def extract_or_crash(path: Path, limits: object = None) -> object:
        if Path(path).name == name:
            os.kill(os.getpid(), signal.SIGSEGV)
        return extract(path, limits)  # type: ignore[arg-type]

    return extract_or_crash


forking = pytest.mark.skipif(
    sys.platform == "win32" or __import__("multiprocessing").get_start_method() != "fork",
    reason="a single PDF is read in a child process only where processes fork",
)


@forking
def test_a_native_crash_on_a_single_pdf_is_an_error_row_not_a_dead_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atscheck
    import atscheck.core

    pdf = make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT])
    monkeypatch.setattr(atscheck.core, "read_document", _crash_on("resume.pdf"))  # the forked child inherits it
    run = atscheck.run(atscheck.Request(paths=(pdf,)))
    (result,) = run.results
    assert result.error is not None and result.error.code == "crashed"
    assert "stopped unexpectedly" in result.error.message
    assert run.exit_code() == 3


def test_a_native_crash_in_a_batch_is_one_row_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atscheck
    import atscheck.core

    make_pdf(tmp_path / "crash.pdf", [MLOPS_TEXT])
    make_pdf(tmp_path / "good.pdf", [MLOPS_TEXT])
    if __import__("multiprocessing").get_start_method() != "fork":
        pytest.skip("a spawned worker does not inherit the patched extractor")
    monkeypatch.setattr(atscheck.core, "read_document", _crash_on("crash.pdf"))
    run = atscheck.run(atscheck.Request(paths=(tmp_path,), jobs=1))
    by_name = {Path(r.file).name: r for r in run.results}
    assert by_name["crash.pdf"].error is not None and by_name["crash.pdf"].error.code == "crashed"
    assert by_name["good.pdf"].error is None and by_name["good.pdf"].score > 0


def _hanging_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: int | None = None) -> Path:
    """A PDF whose reading hangs as native code might, where no timer signal reaches it (the forked child
    inherits the patched extractor). Once it hangs it writes a byte to the pipe `started`, if given."""
    import atscheck.core

    pdf = make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT])

    def hang(path: Path, limits: object = None) -> object:
        if started is not None:
            os.write(started, b".")
        threading.Event().wait()  # for ever: only killing the child ends it
        raise AssertionError("the child should have been killed")

    monkeypatch.setattr(atscheck.core, "read_document", hang)
    return pdf


@forking
def test_a_hang_on_a_single_pdf_read_apart_ends_at_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atscheck
    from atscheck.engines.inprocess import check_in_child

    pdf = _hanging_pdf(tmp_path, monkeypatch)
    # The child hangs for ever: the call returns only because it was killed at the limit.
    (result,) = check_in_child(pdf, [atscheck.load_role("mlops-engineer")], atscheck.Request(timeout=1.0))
    assert result.error is not None and result.error.code == "timeout"
    assert "longer than 1 second and" in result.error.message and "--timeout" in result.error.message


@forking
def test_a_stop_signal_while_a_single_pdf_is_read_apart_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atscheck
    from atscheck.engines.inprocess import check_in_child
    from atscheck.interrupt import Interrupted, interruptible

    reading, started = os.pipe()
    pdf = _hanging_pdf(tmp_path, monkeypatch, started)

    def stop_once_the_child_reads() -> None:
        if os.read(reading, 1):  # empty: the test ended without the child ever reading
            os.kill(os.getpid(), signal.SIGTERM)

    # The child hangs for ever; the engine's 60 s limit only keeps a broken stop from hanging the test too.
    with pytest.raises(Interrupted) as stopped, interruptible():
        threading.Thread(target=stop_once_the_child_reads, daemon=True).start()
        check_in_child(pdf, [atscheck.load_role("mlops-engineer")], atscheck.Request(timeout=60.0))
    os.close(started)
    os.close(reading)
    assert stopped.value.signum == signal.SIGTERM and stopped.value.results == []


def test_a_single_file_of_any_format_is_read_apart(tmp_path: Path) -> None:
    """Issue 30: a DOCX (or text) file can make its parser allocate without end as a PDF can, so every regular
    file goes to a bounded child where processes fork; a FIFO would block the child's open, and stays here."""
    from atscheck.engines import inprocess

    assert inprocess.in_child(make_docx(tmp_path / "resume.docx", paragraphs=MLOPS_TEXT))
    assert inprocess.in_child(make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT]))
    assert inprocess.in_child(b"%PDF-1.7 bytes")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.pdf")
        assert not inprocess.in_child(tmp_path / "pipe.pdf")
