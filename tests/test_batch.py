"""Batch scoring of folders: discovery, parallel workers, time limits, ranking outputs and exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, REPO, invoke, make_docx, make_pdf

from atscheck.engines import inprocess
from atscheck.engines import pool as batch
from atscheck.engines.isolation import SharedPickler
from atscheck.inputs import collect
from atscheck.profiles import load_role
from atscheck.request import Request

WEAK_TEXT = ["Pat Weak", "pat@example.com | (512) 555-0199", "EXPERIENCE", "Cashier at a shop.", "SKILLS", "Excel"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Good, weak, broken and unsupported files in nested folders."""
    root = tmp_path / "applicants"
    (root / "b" / "deeper").mkdir(parents=True)
    make_pdf(root / "strong.pdf", [MLOPS_TEXT])
    make_docx(root / "b" / "deeper" / "strong copy.docx", paragraphs=MLOPS_TEXT)
    make_pdf(root / "b" / "weak.pdf", [WEAK_TEXT * 6])
    (root / "b" / "broken.pdf").write_bytes(b"%PDF-1.7\n\x00\x01 not really a pdf")
    (root / "b" / "empty.docx").write_bytes(b"")
    (root / "notes.xlsx").write_bytes(b"PK\x03\x04 not a resume")
    (root / "photo.png").write_bytes(b"\x89PNG....")
    (root / ".hidden.pdf").write_bytes(b"%PDF-1.4")
    return root


def test_folders_are_searched_recursively_and_other_files_counted(folder: Path) -> None:
    inputs = collect([folder])
    names = [p.relative_to(folder).as_posix() for p in inputs.files]
    assert names == sorted(names) and set(names) == {
        "strong.pdf",
        "b/deeper/strong copy.docx",
        "b/weak.pdf",
        "b/broken.pdf",
        "b/empty.docx",
    }
    assert inputs.skipped == 3  # notes.xlsx, photo.png, .hidden.pdf
    assert [p.name for p in collect([folder], glob="strong*").files] == ["strong copy.docx", "strong.pdf"]


def test_no_resumes_in_the_folders_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt.bak").write_text("x")
    result = invoke(tmp_path)
    assert result.exit_code == 2 and "No resume files" in result.output


def test_batch_json_is_complete_and_in_input_order(folder: Path) -> None:
    result = invoke(folder, "--format", "json", "--jobs", "2")
    assert result.exit_code == 3  # broken and empty files could not be read
    report = json.loads(result.stdout)
    files = [Path(r["file"]).relative_to(folder).as_posix() for r in report["results"]]
    assert files == sorted(files) and len(files) == 5
    by_name = {Path(r["file"]).name: r for r in report["results"]}
    assert by_name["broken.pdf"]["error"]["code"] == "corrupt" and by_name["broken.pdf"]["score"] is None
    assert by_name["empty.docx"]["error"]["code"] == "empty"
    assert by_name["strong.pdf"]["passed"] and not by_name["weak.pdf"]["passed"]
    summary = report["summary"]
    assert summary["count"] == 5 and summary["errors"] == 2 and summary["passed"] == 2 and summary["failed"] == 1
    assert summary["skipped"] == 3 and summary["mean_score"] is not None


def test_same_results_with_one_or_two_jobs(folder: Path) -> None:
    one = json.loads(invoke(folder, "--format", "json", "--jobs", "1").stdout)
    two = json.loads(invoke(folder, "--format", "json", "--jobs", "2").stdout)
    assert one == two


def test_csv_ranks_by_score_with_unreadable_files_last(folder: Path) -> None:
    result = invoke(folder, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5
    assert [row["rank"] for row in rows] == ["1", "2", "3", "", ""]
    scores = [float(row["score"]) for row in rows[:3]]
    assert scores == sorted(scores, reverse=True)
    weak = rows[2]
    assert weak["file"].endswith("weak.pdf") and weak["passed"] == "no" and "Kubernetes" in weak["missing_required"]
    assert {row["error_code"] for row in rows[3:]} == {"corrupt", "empty"}


def test_console_ranking_and_error_rows(folder: Path) -> None:
    result = invoke(folder, "--no-color")
    lines = result.stdout.splitlines()
    assert result.exit_code == 3
    assert any("Ranking · MLOps Engineer" in line for line in lines)
    assert sum(1 for line in lines if line.startswith("✗ ")) == 2  # one line per unreadable file
    assert "5 result(s): 2 passed, 1 below the threshold, 2 could not be read" in result.stdout
    assert "3 other file(s) in the folders were skipped" in result.stdout


def test_markdown_ranking(folder: Path) -> None:
    result = invoke(folder, "--format", "markdown")
    assert "# atscheck ranking" in result.stdout and "| 1 |" in result.stdout and "could not be read" in result.stdout


def test_quiet_prints_one_line_per_file(folder: Path, tmp_path: Path) -> None:
    quiet = invoke(folder, "--quiet", "--no-color").stdout.splitlines()
    assert len(quiet) == 5  # 5 resumes in the folder, one line each, nothing else
    assert any(line.startswith("FAIL ") and "weak.pdf" in line for line in quiet)
    assert any(line.startswith("PASS ") and "strong.pdf" in line for line in quiet)
    assert any(line.startswith("✗ ") and "broken.pdf" in line for line in quiet)
    good = make_pdf(tmp_path / "good.pdf", [MLOPS_TEXT])
    passed = invoke(good, "--quiet")
    assert passed.exit_code == 0 and passed.stdout.startswith("PASS ") and len(passed.stdout.splitlines()) == 1


def test_exit_code_1_when_all_readable_but_one_fails(folder: Path) -> None:
    assert invoke(folder, "--glob", "*.pdf").exit_code == 3  # broken.pdf
    assert invoke(folder / "strong.pdf", folder / "b" / "weak.pdf").exit_code == 1
    assert invoke(folder / "strong.pdf", folder / "b" / "deeper" / "strong copy.docx").exit_code == 0


def _slow_check_file(path, profiles, options):
    if path.name == "hang.pdf":
        threading.Event().wait()  # for ever: only the time limit ends it
    return _real_check_file(path, profiles, options)


_real_check_file = batch.check_file


def test_a_file_that_hangs_is_cut_off_and_the_rest_finish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("the hang is injected into forked workers")
    files = [make_pdf(tmp_path / name, [MLOPS_TEXT]) for name in ("a.pdf", "hang.pdf", "b.pdf", "c.pdf")]
    monkeypatch.setattr(batch, "check_file", _slow_check_file)
    finished = sorted(batch.check_files(files, [load_role("mlops-engineer")], Request(jobs=2, timeout=3)))
    results = [result for _, file_results in finished for result in file_results]
    assert [Path(r.file).name for r in results] == ["a.pdf", "hang.pdf", "b.pdf", "c.pdf"]
    assert results[1].error is not None and results[1].error.code == "timeout"
    assert "longer than 3 seconds" in results[1].error.message
    assert all(r.error is None and r.passed for r in (results[0], *results[2:]))


def test_no_progress_bar_when_stderr_is_not_a_terminal(folder: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "atscheck", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 3 and "Scoring" not in completed.stderr
    # stderr holds only one line per unreadable file, naming it (the report is JSON)
    assert [line.split(": ")[1] for line in completed.stderr.splitlines()] == [
        str(folder / "b" / "broken.pdf"),
        str(folder / "b" / "empty.docx"),
    ]
    assert "\x1b[" not in completed.stdout


def test_pre_commit_hook_points_at_the_real_entry_point() -> None:
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert re.search(r"^- id: atscheck$", hooks, re.M)
    entry = re.search(r"^\s+entry: (\S+)", hooks, re.M)
    assert entry and entry.group(1) in scripts
    files = re.compile(re.search(r"^\s+files: '(.+)'$", hooks, re.M).group(1))
    for name in ("resume.pdf", "docs/Jane_Doe_CV.md", "cv.docx", "my-resume.txt"):
        assert files.search(name), name
    for name in ("README.md", "docs/notes.md", "resume.png"):
        assert not files.search(name), name


def test_a_folder_link_loop_does_not_make_the_search_endless(folder: Path) -> None:
    (folder / "b" / "back").symlink_to(folder, target_is_directory=True)
    (folder / "loop.pdf").symlink_to(folder / "loop.pdf")
    inputs = collect([folder])
    assert len(inputs.files) == 6 and folder / "loop.pdf" in inputs.files
    result = invoke(folder, "--format", "json")
    rows = {Path(r["file"]).name: r for r in json.loads(result.stdout)["results"]}
    assert rows["loop.pdf"]["error"]["code"] == "missing" and "points to itself" in rows["loop.pdf"]["error"]["message"]


def test_a_worker_builds_its_matcher_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from atscheck import match

    built: list[str] = []
    real_init = match.Matcher.__init__

    def counting_init(self, profile) -> None:
        built.append(profile.id)
        real_init(self, profile)

    monkeypatch.setattr(match.Matcher, "__init__", counting_init)
    match.matcher_for.cache_clear()
    files = [make_pdf(tmp_path / f"r{n}.pdf", [MLOPS_TEXT]) for n in range(3)]
    profiles = (load_role("mlops-engineer"),)
    batch._prepare(profiles, Request())  # what a worker's initializer does, minus detaching it
    results = [batch._work.shared.loads(batch._check_one(path)) for path in files]  # type: ignore[union-attr]
    match.matcher_for.cache_clear()  # the counting matcher must not outlive this test
    assert built == ["mlops-engineer"]
    assert all(r.passed and r.profile == profiles[0].ref and r.document is None for [r] in results)


def test_the_progress_bar_shows_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from atscheck.cli import command

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with command._progress_bar(2, enabled=True) as advance:
        assert advance is not None
        advance(Path("a.pdf"))
        advance(Path("b.pdf"))
    assert "Scoring" in screen.getvalue() and "2/2" in screen.getvalue()
    with command._progress_bar(2, enabled=False) as nothing:
        assert nothing is None


def _catastrophic(path, profiles, request, **options):
    re.match(r"(a+)+$", "a" * 64 + "b")  # backtracks for ages inside the regex engine (C code)
    return _real_check_file(path, profiles, request, **options)


def test_a_single_file_in_process_has_the_same_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from atscheck import request as request_module

    resume = make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT])
    monkeypatch.setattr(inprocess, "check_file", _catastrophic)
    monkeypatch.setattr(request_module, "DEFAULT_TIMEOUT", 1.0)
    result = invoke(resume, "--format", "json")  # no --jobs, no --timeout: in this process
    assert result.exit_code == 3
    [row] = json.loads(result.stdout)["results"]
    assert row["error"]["code"] == "timeout" and "longer than 1 second and" in row["error"]["message"]
    monkeypatch.undo()
    assert invoke(resume).exit_code == 0  # the timer is gone: a good file passes
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


_SPAWNED_BATCH = """
import json, multiprocessing, sys
from pathlib import Path
from atscheck.engines import pool as batch
from atscheck.profiles import load_role
from atscheck.request import Request

if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")  # as on macOS and Windows: workers inherit nothing
    files = [Path(p) for p in sys.argv[1:]]
    finished = sorted(batch.check_files(files, [load_role("mlops-engineer")], Request(jobs=1, timeout=60)))
    results = [result for _, file_results in finished for result in file_results]
    print(json.dumps([[Path(r.file).name, r.passed, r.error and r.error.code] for r in results]))
"""


def test_workers_start_the_spawn_way_too(tmp_path: Path) -> None:
    script = tmp_path / "spawned.py"
    script.write_text(_SPAWNED_BATCH, encoding="utf-8")
    files = [
        make_pdf(tmp_path / "a.pdf", [MLOPS_TEXT]),
        tmp_path / "missing.pdf",
        make_pdf(tmp_path / "b.pdf", [WEAK_TEXT]),
    ]
    completed = subprocess.run(
        [sys.executable, str(script), *map(str, files)], capture_output=True, text=True, timeout=240
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == [
        ["a.pdf", True, None],
        ["missing.pdf", False, "missing"],
        ["b.pdf", False, None],
    ]


def test_running_out_of_memory_is_a_too_large_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from atscheck import core

    def exhausted(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(core, "read_document", exhausted)
    [result] = core.check_file(make_pdf(tmp_path / "r.pdf", [MLOPS_TEXT]), [load_role("mlops-engineer")])
    assert result.error is not None and result.error.code == "too-large" and "far more memory" in result.error.message


def test_a_result_from_a_worker_refers_to_the_parents_profile_terms(tmp_path: Path) -> None:
    """Between processes a result's terms go as references to the profile both sides hold, not as copies
    (Result.__reduce__ alone would pickle the whole profile into every result)."""
    from atscheck.core import check_file

    profile = load_role("mlops-engineer")
    results = check_file(make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT]), [profile], Request())
    shared = SharedPickler([profile])
    (back,) = shared.loads(shared.dumps(results))  # type: ignore[misc]
    assert back == results[0]
    assert all(found.term is term for found, term in zip(back.terms, profile.terms, strict=True))


def test_terms_of_another_profile_travel_as_copies(tmp_path: Path) -> None:
    """A term that is none of the shared profiles' own (a caller's profile built afresh) still arrives whole."""
    from dataclasses import replace

    from atscheck.core import check_file

    profile = load_role("mlops-engineer")
    own = replace(profile, id="my-mlops", terms=tuple(replace(term) for term in profile.terms))
    results = check_file(make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT]), [own], Request())
    shared = SharedPickler([profile])
    (back,) = shared.loads(shared.dumps(results))  # type: ignore[misc]
    assert back == results[0]
    assert all(found.term is not term for found, term in zip(back.terms, profile.terms, strict=True))
