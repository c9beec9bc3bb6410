"""The file system as an attack: missing paths, link loops, links out of a folder, FIFOs, sockets and devices,
unreadable files and folders, names that are not UTF-8, and atscheck's own reports among the resumes.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, invoke
from hostile_helpers import _PLAIN, FILE_CASES, Case, _good_docx, _good_pdf, check_single_file


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.id for c in FILE_CASES])
def test_single_file(case: Case, tmp_path: Path) -> None:
    check_single_file(case, tmp_path)


def test_a_folder_given_where_a_file_is_expected(tmp_path: Path) -> None:
    empty = tmp_path / "resume.pdf"  # a folder, named like a file
    empty.mkdir()
    result = invoke(empty)
    assert result.exit_code == 2 and "No resume files" in result.output and "Traceback" not in result.output
    _good_pdf(empty, "inside.pdf")
    assert invoke(empty).exit_code == 0  # a folder is searched for resumes


def test_a_link_in_a_folder_to_a_file_outside_it_is_skipped_and_counted(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:SECRETHASH:19000:0:99999:7:::\n" * 30, encoding="utf-8")
    folder = tmp_path / "inbox"
    folder.mkdir()
    _good_pdf(folder)
    (folder / "shadow.txt").symlink_to(secret)
    (folder / "inner.pdf").symlink_to(folder / "resume.pdf")  # a link inside the folder is fine
    for args in (("--format", "json"), ("--show-text",), ("--format", "markdown"), ()):
        result = invoke(folder, "--jobs", "1", *args)
        assert "SECRETHASH" not in result.output and "shadow.txt" not in result.output, args
        assert "1 link(s) to files outside the folder were skipped" in result.output, args
    document = json.loads(invoke(folder, "--format", "json").stdout)
    assert [Path(r["file"]).name for r in document["results"]] == ["inner.pdf", "resume.pdf"]
    assert document["run"]["notes"] == [
        "1 link(s) to files outside the folder were skipped: atscheck reads only what is inside the folders you name."
    ]


def test_a_link_on_the_command_line_is_read_only_if_it_is_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "resume.pdf"
    link.symlink_to(fifo)
    result = invoke(link, "--format", "json")
    assert result.exit_code == 3
    assert json.loads(result.stdout)["results"][0]["error"]["message"].endswith(
        "is a named pipe (FIFO), not a resume file; atscheck reads only regular files."
    )
    good = tmp_path / "good.pdf"
    good.symlink_to(_good_pdf(tmp_path, "real.pdf"))
    assert invoke(good).exit_code == 0


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_special_files_are_refused_without_opening(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "resume.pdf"
    if kind == "fifo":
        os.mkfifo(path)  # opening it to read would block until the time limit: a "timeout" row, not this one
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    else:
        path = Path("/dev/zero")
    result = invoke(path, "--format", "json")
    assert result.exit_code == 3
    error = json.loads(result.stdout)["results"][0]["error"]
    assert error["code"] == "unsupported" and "atscheck reads only regular files" in error["message"]
    assert str(path) in error["message"]
    if kind == "fifo":  # in a folder too: one row, the batch goes on
        _good_pdf(tmp_path, "other.pdf")
        rows = json.loads(invoke(tmp_path, "--format", "json", "--jobs", "1").stdout)["results"]
        assert [(Path(r["file"]).name, (r["error"] or {}).get("code")) for r in rows] == [
            ("other.pdf", None),
            ("resume.pdf", "unsupported"),
        ]


def test_a_file_name_that_is_not_utf8_works_in_every_format(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    name = os.path.join(folder, b"r\xe9sum\xe9-latin1.pdf")
    os.rename(_good_pdf(tmp_path, "plain.pdf"), name)
    _good_docx(tmp_path)
    report = tmp_path / "out"
    report.mkdir()
    for form in ("console", "json", "markdown", "csv"):
        result = subprocess.run(
            [sys.executable, "-m", "atscheck", tmp_path, "--jobs", "1", "--format", form],
            capture_output=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            check=False,
        )
        assert result.returncode == 0 and b"Traceback" not in result.stderr, (form, result.stderr)
        assert "r\ufffdsum\ufffd-latin1.pdf".encode() in result.stdout or (
            form == "json" and b"r\\udce9sum\\udce9-latin1.pdf" in result.stdout
        ), form
        result.stdout.decode("utf-8")  # every report is valid UTF-8
        out = report / f"r.{form}"
        written = invoke(tmp_path, "--jobs", "1", "--format", form, "-o", out)
        assert written.exit_code == 0 and out.read_bytes().decode("utf-8")
    names = [r["file"] for r in json.loads((report / "r.json").read_text(encoding="utf-8"))["results"]]
    assert os.fsencode(names[1]) == name  # JSON keeps the exact bytes (as \udcXX escapes)


def test_atscheck_reports_in_the_scanned_folder_are_not_scored(tmp_path: Path) -> None:
    _good_pdf(tmp_path)
    for form, name in (
        ("markdown", "report.md"),
        ("console", "report.txt"),
        ("json", "report.txt"),
        ("short", "short.txt"),
    ):
        assert invoke(tmp_path, "--format", form, "-o", tmp_path / name).exit_code == 0
        shutil_name = tmp_path / f"copy-{name}"  # a copy is still a report, by its first line
        shutil_name.write_bytes((tmp_path / name).read_bytes())
    result = json.loads(invoke(tmp_path, "--format", "json", "--jobs", "1").stdout)
    assert [Path(r["file"]).name for r in result["results"]] == ["resume.pdf"]
    assert result["run"]["notes"] == ["6 atscheck report(s) in the folders were skipped (they are not resumes)."]
    (tmp_path / "notes.md").write_text("# atscheck is a tool I wrote\n" + _PLAIN, encoding="utf-8")
    names = [Path(r["file"]).name for r in json.loads(invoke(tmp_path, "--format", "json").stdout)["results"]]
    assert names == ["notes.md", "resume.pdf"]  # a resume that merely mentions atscheck is scored


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_an_unreadable_subfolder_is_counted(tmp_path: Path) -> None:
    _good_pdf(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    _good_pdf(locked)
    locked.chmod(0)
    try:
        result = invoke(tmp_path, "--format", "json")
    finally:
        locked.chmod(0o755)
    assert json.loads(result.stdout)["run"]["notes"] == [
        f"1 subfolder(s) could not be read and were not searched: {locked}. Check their permissions."
    ]


def test_an_unreadable_subfolder_is_counted_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _good_pdf(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    _good_pdf(locked)
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if os.fspath(path) == str(locked):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke(tmp_path, "--format", "json")
    document = json.loads(result.stdout)
    assert [Path(r["file"]).name for r in document["results"]] == ["resume.pdf"]
    assert document["run"]["notes"] == [
        f"1 subfolder(s) could not be read and were not searched: {locked}. Check their permissions."
    ]
    console = invoke(tmp_path).stdout
    assert "1 subfolder(s) could not be read" in console


def test_an_unreadable_folder_named_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if os.fspath(path) == str(tmp_path):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(tmp_path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke(tmp_path)
    assert result.exit_code == 2
    assert result.output.strip() == f"atscheck: error: The folder {tmp_path} cannot be read. Check its permissions."


def test_only_links_and_reports_in_a_folder_is_no_resumes_found(tmp_path: Path) -> None:
    outside = _good_pdf(tmp_path, "outside.pdf")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "cv.pdf").symlink_to(outside)
    result = invoke(folder)
    assert result.exit_code == 2 and "No resume files" in result.output
    assert "1 link(s) to files outside the folder were skipped" in result.output


def test_a_file_that_cannot_even_be_looked_at_is_an_error_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = _good_pdf(tmp_path)
    hidden = tmp_path / "locked" / "cv.pdf"
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(path).startswith(str(hidden.parent)):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[call-overload]
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    result = invoke(good, hidden, "--format", "json", "--jobs", "1")
    assert result.exit_code == 3
    rows = json.loads(result.stdout)["results"]
    assert rows[0]["error"] is None and rows[1]["error"]["code"] == "permission"
