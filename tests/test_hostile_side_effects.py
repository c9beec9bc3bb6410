"""What a run must never do, whatever it is given: change its inputs, leave temporary files behind, or open
a network connection.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import invoke
from hostile_helpers import _PLAIN, _good_docx, _good_pdf, _text

from atscheck.core import check_file
from atscheck.profiles import load_role
from atscheck.request import Request


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    files = [_good_pdf(tmp_path), _good_docx(tmp_path), _text("resume.md", _PLAIN.encode())(tmp_path)]
    before = {path: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) for path in files}
    invoke(*files)
    invoke(tmp_path, "--jobs", "2", "--show-text")
    assert {path: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) for path in files} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["resume.docx", "resume.md", "resume.pdf"]


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    folder = tmp_path / "in"
    folder.mkdir()
    _good_pdf(folder)
    _good_docx(folder)
    env = {**os.environ, "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)}
    for args in ([str(folder / "resume.pdf")], [str(folder), "--jobs", "2", "--format", "csv"]):
        subprocess.run(
            [sys.executable, "-m", "atscheck", *args], env=env, capture_output=True, timeout=120, check=False
        )
    assert list(scratch.iterdir()) == []


def test_no_network_access(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("atscheck tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for path in (_good_pdf(tmp_path), _good_docx(tmp_path)):
        [result] = check_file(path, [load_role("mlops-engineer")], Request())
        assert result.error is None and result.passed
    assert invoke(tmp_path / "resume.pdf").exit_code == 0
