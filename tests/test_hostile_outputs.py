"""Hostile outputs: what atscheck writes can neither harm the terminal or a spreadsheet (control characters,
bidi overrides, formulas) nor lose data (an output that is an input, a missing folder, a full disk,
standard output on /dev/full or closed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, invoke
from hostile_helpers import _PLAIN, _good_pdf

_HOSTILE_NAME = "cv\x1b]0;PWNED\x07\x1b[2J\u009b2J\u202eevil.md"


def test_control_characters_in_a_file_name_never_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # short names: the console does not wrap them
    path = Path(_HOSTILE_NAME)
    path.write_text(_PLAIN, encoding="utf-8")
    _good_pdf(tmp_path)
    for args in ((path,), (path, "--show-text"), (path, "--format", "markdown"), (Path("."), "--format", "csv")):
        output = invoke(*args, "--jobs", "1").stdout
        assert not any(c in output for c in "\x1b\x07\u009b\u202e"), args
        assert "cv␛]0;PWNED␇␛[2J�2J�evil.md" in output, args
    raw = invoke(path, "--format", "json").stdout
    assert not any(c in raw for c in "\x1b\x07\u009b\u202e")
    assert json.loads(raw)["results"][0]["file"] == str(path)  # escaped as JSON, the same value
    error = invoke(path, "-o", path)
    assert error.exit_code == 2 and "\x1b" not in error.output and "␛]0;PWNED" in error.output


def test_control_characters_and_bidi_overrides_in_resume_text_are_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / "resume.md"
    path.write_text(_PLAIN + "\nSkills: Python \u202eevil\u202c \u009b31m \x1b[31mred\n", encoding="utf-8")
    output = invoke(path, "--show-text").stdout
    assert not any(c in output for c in "\x1b\u009b\u202e\u202c")
    assert "[[Python]] �evil� �31m" in output and "[31mred" in output  # [[...]]: a matched term, not a terminal


def test_csv_cells_never_start_a_formula(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import csv as csv_module

    monkeypatch.chdir(tmp_path)
    name = '=HYPERLINK("http:evil","x").pdf'
    _good_pdf(tmp_path, name)
    row = next(iter(csv_module.DictReader(invoke(name, "--format", "csv").stdout.splitlines())))
    assert row["file"] == "'" + name


def test_an_output_that_is_an_input_is_refused_before_scoring(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    before = resume.read_bytes()
    link = tmp_path / "link.pdf"
    link.symlink_to(resume)
    posting = tmp_path / "posting.txt"
    posting.write_text("Senior MLOps engineer. " + " ".join(MLOPS_TEXT) * 3, encoding="utf-8")
    for args in (
        ("-o", resume),
        ("-o", link),
        ("--output", tmp_path / "." / "resume.pdf"),
        ("--jd", posting, "--save-profile", resume),
        ("--jd", posting, "--save-profile", posting),
        ("--jd", posting, "--save-profile", tmp_path / "p.toml", "-o", tmp_path / "p.toml"),
    ):
        result = invoke(resume, *args)
        lines = result.output.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("atscheck: error:"), args
        assert resume.read_bytes() == before and posting.exists()
    folder_run = invoke(tmp_path, "-o", resume)
    assert folder_run.exit_code == 2 and "is one of the inputs" in folder_run.output
    assert resume.read_bytes() == before


def test_an_output_into_a_missing_folder_is_refused_before_scoring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atscheck.core

    monkeypatch.setattr(atscheck.core, "read_document", lambda *a: pytest.fail("scored before the output check"))
    resume = _good_pdf(tmp_path)
    result = invoke(resume, "-o", tmp_path / "missing" / "report.json")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"atscheck: error: --output {tmp_path}/missing/report.json: the folder {tmp_path}/missing does not "
        "exist. Create it first."
    )


def test_a_full_disk_keeps_the_previous_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    resume = _good_pdf(tmp_path)
    report = tmp_path / "report.json"
    report.write_text("the previous report", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = invoke(resume, "-o", report, "--format", "json")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"atscheck: error: Cannot write {report}: the disk is full. Any previous file there was kept unchanged."
    )
    assert report.read_text(encoding="utf-8") == "the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "resume.pdf"]


def test_output_to_dev_stdout_is_written_in_place(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    command = [sys.executable, "-m", "atscheck", str(resume), "--format", "json", "-o", "/dev/stdout"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and json.loads(result.stdout)["results"][0]["file"] == str(resume)


@pytest.mark.parametrize("redirect", ["> /dev/full", ">&-"])
def test_stdout_on_dev_full_or_closed(tmp_path: Path, redirect: str) -> None:
    resume = _good_pdf(tmp_path)
    for form in ("console", "json"):
        command = f'"{sys.executable}" -m atscheck "{resume}" --format {form} {redirect}'
        result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("atscheck: error:"), result.stderr
        assert "Use --output FILE." in result.stderr
