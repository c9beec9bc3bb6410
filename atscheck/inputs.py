"""Which files a run checks: files named on the command line, and resumes found in named folders.

A folder search stays inside the folder: links to folders are not followed, a link to a file outside the
folder is skipped (and counted), a subfolder that cannot be read is counted, and atscheck's own reports
(this run's --output, or any file that starts like a report atscheck writes) are not scored as resumes.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from atscheck.errors import UsageError
from atscheck.extract import SUPPORTED_EXTENSIONS
from atscheck.extract.jsonresume import looks_like_resume
from atscheck.output import display_path, is_report


@dataclass(frozen=True)
class Inputs:
    files: tuple[Path, ...]  # in the order given; each folder's files sorted by path
    skipped: int  # files in folders that are not resumes (other extensions, or outside --glob)
    from_folders: bool
    outside_links: int = 0  # links in folders to files outside them: never read
    reports: int = 0  # atscheck's own reports found in the folders: not scored
    unreadable: tuple[Path, ...] = ()  # subfolders that could not be listed

    def notes(self) -> tuple[str, ...]:
        """What the folder search left out, for the report: nothing disappears without a word."""
        return _notes(self.outside_links, self.reports, self.unreadable)


def _notes(outside_links: int, reports: int, unreadable: tuple[Path, ...]) -> tuple[str, ...]:
    notes = []
    if outside_links:
        notes.append(
            f"{outside_links} link(s) to files outside the folder were skipped: "
            "atscheck reads only what is inside the folders you name."
        )
    if reports:
        notes.append(f"{reports} atscheck report(s) in the folders were skipped (they are not resumes).")
    if unreadable:
        names = ", ".join(display_path(p) for p in unreadable[:5])
        more = f" and {len(unreadable) - 5} more" if len(unreadable) > 5 else ""
        notes.append(
            f"{len(unreadable)} subfolder(s) could not be read and were not searched: {names}{more}. "
            "Check their permissions."
        )
    return tuple(notes)


def collect(paths: Sequence[Path], glob: str | None = None) -> Inputs:
    """A file named explicitly is always checked (an unsupported one becomes an error row); a folder is
    searched recursively for .pdf, .docx, .txt and .md files, narrowed by `glob` when given. A report atscheck
    wrote (this run's --output from an earlier run, say) is skipped; any other file found is an input, so
    --output cannot name it."""
    files: list[Path] = []
    search = _Search(glob)
    from_folders = False
    for path in paths:
        if not _is_folder(path):
            files.append(path)
            continue
        from_folders = True
        files += search.walk(path)
    if from_folders and not files:
        wanted = f"matching '{glob}'" if glob else f"ending in {', '.join(SUPPORTED_EXTENSIONS)}"
        folders = ", ".join(display_path(p) for p in paths if _is_folder(p))
        also = " ".join(_notes(search.outside_links, search.reports, search.unreadable))
        raise UsageError(f"No resume files {wanted} were found in {folders}.{' ' + also if also else ''}")
    return Inputs(tuple(files), search.others, from_folders, search.outside_links, search.reports, search.unreadable)


class _Search:
    def __init__(self, glob: str | None) -> None:
        self.glob = glob
        self.others = 0
        self.outside_links = 0
        self.reports = 0
        self.unreadable: tuple[Path, ...] = ()

    def walk(self, folder: Path) -> list[Path]:
        found: list[Path] = []
        inside = os.path.realpath(folder)
        unreadable: list[Path] = []
        # Symbolic links to folders are not followed, so a link loop cannot make the walk endless.
        for root, dirs, names in os.walk(folder, followlinks=False, onerror=lambda e: unreadable.append(_name(e))):
            dirs[:] = [d for d in dirs if not d.startswith(".")]  # .git, .venv
            for name in names:
                path = Path(root, name)
                if not self._is_resume(path, path.relative_to(folder).as_posix()):
                    self.others += 1
                elif path.is_symlink() and not _within(os.path.realpath(path), inside):
                    self.outside_links += 1
                elif is_report(path):
                    self.reports += 1
                else:
                    found.append(path)
        self.unreadable += tuple(p for p in unreadable if p != folder)
        if folder in unreadable:
            raise UsageError(f"The folder {display_path(folder)} cannot be read. Check its permissions.")
        return sorted(found)

    def _is_resume(self, path: Path, relative: str) -> bool:
        if path.name.startswith(".") or path.suffix.lower() not in SUPPORTED_EXTENSIONS:
            return False
        if path.suffix.lower() == ".json" and not _json_resume(path):
            return False  # a package.json or a data file beside the resumes: not one of them
        glob = self.glob
        return not glob or fnmatch.fnmatch(path.name, glob) or fnmatch.fnmatch(relative, glob)


def _json_resume(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return looks_like_resume(file.read(2048))
    except OSError:
        return True  # cannot be peeked at: its error row says why


def _is_folder(path: Path) -> bool:
    """A folder to search; a path that cannot even be looked at (a folder above it is unreadable) is a file,
    so it becomes that file's error row rather than ending the run."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _name(error: OSError) -> Path:
    return Path(error.filename) if error.filename is not None else Path("?")


def _within(target: str, folder: str) -> bool:
    return target == folder or target.startswith(folder.rstrip(os.sep) + os.sep)
