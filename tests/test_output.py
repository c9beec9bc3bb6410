"""atscheck/output.py: atomic writes that keep the old file, output-is-input refusal, escaping."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from atscheck.errors import OutputError
from atscheck.extract import Limits
from atscheck.model import ErrorInfo
from atscheck.output import check_targets, csv_cell, escape_all, escape_controls, write_atomic


def test_write_atomic_writes_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_atomic(target, "first\n")
    write_atomic(target, "second ü\n")
    assert target.read_text(encoding="utf-8") == "second ü\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(("code", "says"), [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only")])
def test_a_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, says: str
) -> None:
    target = tmp_path / "report.csv"
    target.write_text("the previous report")

    def fail(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OutputError) as raised:
        write_atomic(target, "x" * 100_000)
    assert says in str(raised.value) and "kept unchanged" in str(raised.value)
    assert "\n" not in str(raised.value)
    assert target.read_text() == "the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_write_atomic_replaces_a_link_and_never_writes_through_it(tmp_path: Path) -> None:
    elsewhere = tmp_path / "dotfile"
    elsewhere.write_text("keep me")
    link = tmp_path / "report.json"  # e.g. planted in a repository, pointing at the user's files
    link.symlink_to(elsewhere)
    write_atomic(link, "new")
    assert not link.is_symlink() and link.read_text() == "new" and elsewhere.read_text() == "keep me"
    dangling = tmp_path / "gone.json"
    dangling.symlink_to(tmp_path / "missing" / "x")
    write_atomic(dangling, "new")
    assert dangling.read_text() == "new" and not (tmp_path / "missing").exists()


def test_write_atomic_to_a_device_writes_in_place(tmp_path: Path) -> None:
    write_atomic(Path(os.devnull), "discarded")  # not replaced by a regular file
    assert Path(os.devnull).is_char_device()


def test_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    resume = tmp_path / "cv.pdf"
    resume.write_bytes(b"%PDF-1.4")
    link = tmp_path / "alias.pdf"
    link.symlink_to(resume)
    hard = tmp_path / "hard.pdf"
    os.link(resume, hard)
    for output in (resume, link, hard, tmp_path / "." / "cv.pdf"):
        with pytest.raises(OutputError, match="is one of the inputs"):
            check_targets([("--output", output)], [resume])
    with pytest.raises(OutputError, match="name the same file"):
        check_targets([("--output", tmp_path / "a.toml"), ("--save-profile", tmp_path / "a.toml")], [resume])
    check_targets([("--output", tmp_path / "report.json")], [resume])  # a new file next to it is fine


def test_output_into_a_missing_folder_or_onto_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        check_targets([("--output", tmp_path / "nowhere" / "r.json")], [])
    with pytest.raises(OutputError, match="is a folder"):
        check_targets([("--output", tmp_path)], [])


def test_escape_controls_keeps_the_length() -> None:
    hostile = "a\x1b]0;PWNED\x07b\x9b2Jc\u202eevil\u2066d\x00e\udcff\x7f"
    assert escape_controls(hostile) == "a\u241b]0;PWNED\u2407b\ufffd2Jc\ufffdevil\ufffdd\u2400e\ufffd\u2421"
    assert len(escape_controls(hostile)) == len(hostile)  # offsets into resume text stay valid
    assert escape_controls("tab\tnew\nline é 履歴書") == "tab\tnew\nline é 履歴書"


def test_escape_all_reaches_every_string_and_copies_only_what_changes() -> None:
    clean = Limits()
    assert escape_all(clean) is clean
    error = ErrorInfo("corrupt", "bad \x1b[2J name")
    assert escape_all([error, ("x\u202e", {"k": "\x9b"})]) == [
        ErrorInfo("corrupt", "bad \u241b[2J name"),
        ("x\ufffd", {"k": "\ufffd"}),
    ]


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_never_start_a_formula(cell: str) -> None:
    assert csv_cell(cell).startswith("'")


def test_csv_cells_that_are_not_formulas_are_unchanged() -> None:
    assert csv_cell("resume.pdf") == "resume.pdf" and csv_cell("") == ""


def test_a_terminal_or_null_device_is_a_fine_target_but_a_disk_device_is_not(tmp_path: Path) -> None:
    import stat

    check_targets([("--output", Path(os.devnull))], [])
    disk = tmp_path / "disk"
    try:
        os.mknod(disk, stat.S_IFBLK | 0o600, os.makedev(7, 0))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot create a block device node here")
    with pytest.raises(OutputError, match="disk device or socket"):
        check_targets([("--output", disk)], [])
    with pytest.raises(OutputError, match="disk device or socket"):
        write_atomic(disk, "never")
