"""The pre-commit hook, installed by the real pre-commit client from a local clone of atscheck at a tag, on a
temporary resume repository. Slow (pre-commit builds a virtual environment): marked `install`, run by .ci/run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, REPO, make_pdf

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
pytestmark = [
    pytest.mark.install,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit is not installed"),
    pytest.mark.skipif(not (REPO / ".git").exists(), reason="not a git checkout of atscheck"),
]
TAG = "v9.8.7"


def git(repo: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return completed.stdout


def release_clone(tmp_path: Path) -> Path:
    """This checkout's files (as they are now, committed or not) in a new repository, tagged like a release."""
    source = tmp_path / "atscheck"
    for name in git(REPO, "ls-files", "-z").split("\0"):
        if name and (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    git(source, "init", "-q", "-b", "main")
    git(source, "add", ".")
    git(source, "commit", "-q", "-m", "release")
    git(source, "tag", "-a", TAG, "-m", f"atscheck {TAG}")
    return source


def pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)  # the hook must run the atscheck pre-commit installed, not this checkout
    return subprocess.run(
        [PRE_COMMIT, "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def config(source: Path, args: list[str]) -> str:
    quoted = ", ".join(f'"{arg}"' for arg in args)
    return f"repos:\n  - repo: {source}\n    rev: {TAG}\n    hooks:\n      - id: atscheck\n        args: [{quoted}]\n"


def test_the_hook_installs_at_a_tag_and_prints_a_short_report(tmp_path: Path) -> None:
    source = release_clone(tmp_path)
    repo = tmp_path / "resumes"
    repo.mkdir()
    shutil.copy(REPO / "examples" / "mlops-engineer-resume.pdf", repo / "resume.pdf")
    (repo / "chef-cv.md").write_text("Head chef. Menu planning and food safety for a busy kitchen.\n" * 5)
    (repo / "README.md").write_text("# " + "\n".join(MLOPS_TEXT[:3]) + "\n")  # not named like a resume
    # Kept beside the resume, and no resume: the hook's default leaves them out.
    make_pdf(repo / "cover-letter.pdf", [["Dear hiring manager,", "I am writing to apply for the role."]])
    make_pdf(repo / "AWS_Certificate.pdf", [["This certifies that Jordan Example passed the exam."]])
    hook_args = ["--role", "mlops-engineer", "--"]  # the role's own pass mark: the example passes, the chef fails
    (repo / ".pre-commit-config.yaml").write_text(config(source, hook_args))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    home = tmp_path / "pre-commit-home"

    failed = pre_commit(repo, home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    lines = [line for line in failed.stdout.splitlines() if line.startswith(("✓", "✗", "    "))]
    assert any(line.startswith("✗ chef-cv.md (mlops-engineer): ") for line in lines), failed.stdout
    assert any(line.startswith("✓ resume.pdf (mlops-engineer): ") for line in lines), failed.stdout
    assert "README.md" not in failed.stdout
    assert "cover-letter" not in failed.stdout and "Certificate" not in failed.stdout
    assert len(failed.stdout.splitlines()) < 15, failed.stdout  # not a 190-line report in the commit output
    # The version comes from git (hatch-vcs). pre-commit fetches the pinned commit without its tags
    # (pre-commit/pre-commit#2610), so the hook's version names that commit; with the tag it is the tag's.
    installed = next(home.glob("repo*/py_env-*/bin/atscheck"))
    version = subprocess.run([installed, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    commit = git(source, "rev-parse", "--short=9", TAG + "^{commit}").strip()
    assert version == f"atscheck {TAG.removeprefix('v')}" or f"g{commit}" in version, version

    (repo / ".pre-commit-config.yaml").write_text(config(source, ["--role", "mlops-engineer", "--full", "--"]))
    full = pre_commit(repo, home)  # the console report: for two files, the ranking
    assert "2 result(s): 1 passed, 1 below the threshold" in full.stdout  # the ranking's closing line
    assert full.returncode == 1

    (repo / "chef-cv.md").unlink()
    git(repo, "add", "-A")
    assert pre_commit(repo, home).returncode == 0
