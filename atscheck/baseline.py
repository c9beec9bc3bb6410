"""Score changes: a resume against an earlier version of itself (--baseline FILE, --baseline-ref REF).

`with_baselines` scores each file and its earlier version with the same profiles and limits; `compare` turns
the two results of one (file, role) into a Delta: score before and after, terms found and lost, findings new
and fixed. The reports only format the Delta. `GitRepository.read` writes the earlier version of a file from
git (`git cat-file blob REF:path`, what `git show` prints) to a temporary file, so it goes through the same
extraction as any resume.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from atscheck.errors import InputError, UsageError
from atscheck.interrupt import Interrupted
from atscheck.model import NOT_AT_REF, Delta, ErrorInfo, Result
from atscheck.request import Request
from atscheck.score import gaps

# Scores files with the run's profiles, in process or in workers as the run does.
Score = Callable[[Sequence[Path], Request], list[Result]]


def with_baselines(files: Sequence[Path], request: Request, score: Score) -> list[Result]:
    """Score `files`, and each one's earlier version (request.baseline or request.baseline_ref), and attach
    the change to each result. Raises UsageError, before any scoring, for options that cannot work: both
    kinds of baseline, one earlier file for several resumes, git or the ref missing."""
    if request.baseline and request.baseline_ref:
        raise UsageError("Give --baseline FILE or --baseline-ref REF, not both.")
    if request.baseline and len(files) != 1:
        raise UsageError(
            "--baseline compares one resume with one earlier file; for several resumes use --baseline-ref REF."
        )
    with tempfile.TemporaryDirectory(prefix="atscheck-baseline-") as temp:
        earlier: dict[str, Earlier] = {}
        if request.baseline:
            earlier[str(files[0])] = Earlier(str(request.baseline), request.baseline)
        else:
            assert request.baseline_ref is not None
            git = GitRepository(request.baseline_ref, request.limits.max_bytes)
            for number, path in enumerate(dict.fromkeys(files)):
                folder = Path(temp, str(number))
                folder.mkdir()
                try:
                    earlier[str(path)] = Earlier(git.label(path), git.read(path, folder))
                except InputError as error:
                    earlier[str(path)] = Earlier(git.label(path), error=error.info)
        results = score(files, request)
        to_score = [version.path for version in earlier.values() if version.path is not None]
        # The earlier versions need no transition view and no documents: only what a Delta compares.
        plain = replace(request, auto_transition=False, from_role=None, keep_documents=False)
        try:
            scored = score(to_score, plain) if to_score else []
        except Interrupted as interrupted:  # stopped while scoring the earlier versions: the files are done
            interrupted.results = results
            raise
    return attach(results, earlier, scored)


def compare(before: Result, after: Result, source: str) -> Delta:
    """The change from `before` to `after`: the same role, `after` scored."""
    assert after.score is not None
    if before.error is not None or before.score is None:
        error = before.error or ErrorInfo("internal", "The earlier version has no score.")
        return Delta(source=source, before=None, after=after.score, error=error)
    old = {t.term.name: t.status for t in before.terms}
    new = {t.term.name: t.status for t in after.terms}
    shared = [name for name in new if name in old]
    old_gaps = {gap.label for gap in gaps(before.terms)}
    old_ids = {f.id for f in before.checks}
    new_ids = {f.id for f in after.checks}
    return Delta(
        source=source,
        before=before.score,
        after=after.score,
        found=tuple(n for n in shared if old[n] == "missing" and new[n] != "missing"),
        lost=tuple(n for n in shared if old[n] != "missing" and new[n] == "missing"),
        lost_required=tuple(
            gap.label for gap in gaps(after.terms) if gap.lead.importance == "required" and gap.label not in old_gaps
        ),
        respelled=tuple((n, old[n], new[n]) for n in shared if old[n] != new[n] and "missing" not in (old[n], new[n])),
        new_findings=tuple(f for f in after.checks if f.id not in old_ids),
        fixed_findings=tuple(f for f in before.checks if f.id not in new_ids),
    )


@dataclass(frozen=True)
class Earlier:
    """The earlier version of one checked file: a file to score, or why there is none."""

    label: str  # how reports name it: "old.pdf", "main:resume.pdf"
    path: Path | None = None
    error: ErrorInfo | None = None


def attach(results: Sequence[Result], earlier: dict[str, Earlier], scored: Sequence[Result]) -> list[Result]:
    """`results` with their Delta. `earlier` maps a checked file to its earlier version; `scored` holds the
    earlier versions' results (the same profiles)."""
    by_file_role = {(r.file, r.profile.id if r.profile else None): r for r in scored}
    out = []
    for result in results:
        version = earlier.get(result.file)
        if version is None or result.error is not None or result.score is None:
            out.append(result)
            continue
        if version.path is None:
            assert version.error is not None
            delta = Delta(source=version.label, before=None, after=result.score, error=version.error)
        else:
            before = by_file_role[(str(version.path), result.profile.id if result.profile else None)]
            delta = compare(before, result, version.label)
        out.append(replace(result, baseline=delta))
    return out


class GitRepository:
    """The earlier versions of files at one git ref. Checks git, the repository and the ref once per folder."""

    def __init__(self, ref: str, max_bytes: int) -> None:
        if not ref or ref.startswith("-"):
            raise UsageError(f"--baseline-ref needs a git branch, tag or commit, not '{ref}'.")
        if shutil.which("git") is None:
            raise UsageError("--baseline-ref needs git, which is not installed here. Use --baseline OLD-FILE instead.")
        self.ref = ref
        self.max_bytes = max_bytes
        self._checked: set[Path] = set()

    def _git(self, folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)

    def _check_folder(self, folder: Path) -> None:
        if folder in self._checked:
            return
        if self._git(folder, "rev-parse", "--show-toplevel").returncode != 0:
            raise UsageError(f"{folder} is not inside a git repository, so --baseline-ref has nothing to read.")
        if self._git(folder, "rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}").returncode != 0:
            raise UsageError(
                f"The git repository at {folder} has no branch, tag or commit '{self.ref}'. "
                "Fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0)."
            )
        self._checked.add(folder)

    def label(self, path: Path) -> str:
        return f"{self.ref}:{path}"

    def read(self, path: Path, into: Path) -> Path:
        """Write `path` as it was at the ref to a file in the folder `into`; InputError (code NOT_AT_REF,
        too-large) when there is none to compare with. UsageError when git cannot answer at all."""
        folder = path.absolute().parent
        self._check_folder(folder)
        spec = f"{self.ref}:./{path.name}"
        size = self._git(folder, "cat-file", "-s", spec)
        if size.returncode != 0:
            raise InputError(NOT_AT_REF, f"{path} did not exist at {self.ref}: there is no earlier version to compare.")
        if int(size.stdout) > self.max_bytes:
            raise InputError("too-large", f"{self.label(path)} is larger than the file size limit.")
        shown = self._git(folder, "cat-file", "blob", spec)
        if shown.returncode != 0:
            raise InputError(NOT_AT_REF, f"{path} at {self.ref} is not a file: there is no earlier version.")
        target = into / path.name
        target.write_bytes(shown.stdout)
        return target
