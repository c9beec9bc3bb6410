"""Which files a run checks: files named on the command line, and resumes found in named folders."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from atscheck.errors import UsageError
from atscheck.extract import SUPPORTED_EXTENSIONS


@dataclass(frozen=True)
class Inputs:
    files: tuple[Path, ...]  # in the order given; each folder's files sorted by path
    skipped: int  # files in folders that are not resumes (other extensions, or outside --glob)
    from_folders: bool


def collect(paths: Sequence[Path], glob: str | None = None) -> Inputs:
    """A file named explicitly is always checked (an unsupported one becomes an error row); a folder is
    searched recursively for .pdf, .docx, .txt and .md files, narrowed by `glob` when given."""
    files: list[Path] = []
    skipped = 0
    from_folders = False
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        from_folders = True
        found, others = _search(path, glob)
        files += found
        skipped += others
    if from_folders and not files:
        wanted = f"matching '{glob}'" if glob else f"ending in {', '.join(SUPPORTED_EXTENSIONS)}"
        raise UsageError(f"No resume files {wanted} were found in {', '.join(str(p) for p in paths if p.is_dir())}.")
    return Inputs(tuple(files), skipped, from_folders)


def _is_resume(path: Path, relative: str, glob: str | None) -> bool:
    if path.name.startswith(".") or path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        return False
    return not glob or fnmatch.fnmatch(path.name, glob) or fnmatch.fnmatch(relative, glob)


def _search(folder: Path, glob: str | None) -> tuple[list[Path], int]:
    found: list[Path] = []
    others = 0
    # Symbolic links to folders are not followed, so a link loop cannot make the walk endless; a link
    # to a file is listed, and one that cannot be read becomes that file's error row.
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # .git, .venv
        for name in names:
            path = Path(root, name)
            if _is_resume(path, path.relative_to(folder).as_posix(), glob):
                found.append(path)
            else:
                others += 1
    return sorted(found), others
