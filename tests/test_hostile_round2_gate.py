"""The CI gate cannot be talked round (issue 30, items 14 to 18): every resume of the repository is checked
whatever its name, a baseline ref is a ref, the --baseline file is an input, a keyword wall under a label is
flagged and ranks low, and a file that cannot be read is an error row while the rest are scored."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import invoke
from hostile_helpers import _PLAIN, _good_pdf
from test_action import EXAMPLE, action, git

from atscheck.profiles import load_role

needs_git = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="needs git, bash")
POSTING = (
    "Senior MLOps Engineer\n\nRequirements\n- 5+ years of Python, Kubernetes, Docker and Terraform\n"
    "- MLflow, Airflow, AWS and CI/CD\n\nNice to have\n- Kubeflow, Spark\n"
)
WEAK = "Alex Example\nEXPERIENCE\nBarista, Coffee Shop | 2019 - 2021\n- Served coffee and kept the shop clean.\n"


def _repository(root: Path, files: dict[str, bytes]) -> Path:
    repo = root / "resumes"
    repo.mkdir()
    for name, data in files.items():
        (repo / name).write_bytes(data)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "resumes")
    return repo


# ---------------------------------------------------------------- item 14: every resume, whatever its name


@needs_git
def test_the_default_file_list_finds_resumes_with_any_name(tmp_path: Path) -> None:
    """git quotes names that are not ASCII ("cv-m\\303\\274ller.pdf") unless asked not to: the resume rule
    then missed them, and a failing resume let the job pass."""
    files = {
        "cv-müller.pdf": EXAMPLE.read_bytes(),
        "lebenslauf cv-größe.md": WEAK.encode(),  # fails the role: the job must fail
        "履歴書-resume.txt": _PLAIN.encode(),
        "line\nbreak-cv.md": _PLAIN.encode(),
        "cover-letter-müller.pdf": EXAMPLE.read_bytes(),  # not a resume, whatever its letters
    }
    run = action(_repository(tmp_path, files), tmp_path)
    assert run.exit_code == 1, run.log
    for shown in ("cv-müller.pdf", "lebenslauf cv-größe.md", "履歴書-resume.txt", "line␊break-cv.md"):
        assert shown in run.summary, (shown, run.summary[:2000])
    assert "cover-letter" not in run.summary


# ---------------------------------------------------------------- item 15: a ref is read as a ref


@needs_git
def test_a_baseline_ref_is_read_as_a_ref_even_when_a_file_has_its_name(tmp_path: Path) -> None:
    """A pull request that weakens resume.md and adds a weaker file named `main`: `baseline: main` compares
    with the main branch, so `fail-on: drop` fails the job."""
    repo = _repository(tmp_path, {"resume.md": _PLAIN.encode()})
    git(repo, "checkout", "-q", "-b", "pull-request")
    (repo / "resume.md").write_text(_PLAIN.replace("Kubernetes", "Nomad"), encoding="utf-8")
    (repo / "main").write_text(WEAK, encoding="utf-8")  # "no drop" against this
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "weaker resume and a file named main")
    run = action(repo, tmp_path, files="resume.md", baseline="main", **{"fail-on": "drop"})
    assert run.exit_code == 1, run.log
    assert "since main:resume.md" in run.summary and "🔻" in run.summary
    # A name that is neither a ref nor a resume file is a ref that does not exist: said, not read as a file.
    (repo / "release").write_text(_PLAIN, encoding="utf-8")
    missing = action(repo, tmp_path, files="resume.md", baseline="release", **{"fail-on": "drop"})
    assert missing.exit_code == 2 and "no branch, tag or commit 'release'" in missing.log
    # An earlier file is named with its extension.
    (repo / "old-resume.md").write_text(_PLAIN, encoding="utf-8")
    earlier = action(repo, tmp_path, files="resume.md", baseline="old-resume.md", **{"fail-on": "drop"})
    assert earlier.exit_code == 1 and "since old-resume.md" in earlier.summary


# ---------------------------------------------------------------- item 16: the baseline is an input


def test_no_output_may_overwrite_the_baseline_file(tmp_path: Path) -> None:
    resume = tmp_path / "resume.md"
    resume.write_text(_PLAIN, encoding="utf-8")
    old = tmp_path / "old.md"
    old.write_text(_PLAIN.replace("Terraform", "Puppet"), encoding="utf-8")
    before = old.read_bytes()
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING, encoding="utf-8")
    link = tmp_path / "old-link.md"
    link.symlink_to(old)
    for args in (
        ("-o", old),
        ("--report", old),
        ("--report", link),
        ("--report", tmp_path / "." / "old.md"),
        ("--jd", posting, "--save-profile", old),
    ):
        result = invoke(resume, "--baseline", old, *args)
        lines = result.output.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1 and "is one of the inputs" in lines[0], (args, result.output)
        assert old.read_bytes() == before


# ---------------------------------------------------------------- item 17: a labelled wall is still a wall


def _wall(label: str) -> str:
    """Every term of the role after `label`; with "split", under four labels of 36 (each under 40)."""
    names = [term.name for term in load_role("mlops-engineer").terms]
    if label == "split":
        return "Jordan Wall\nMLOps Engineer\nSKILLS\n" + "".join(
            f"Tools {n}: " + ", ".join(names[n * 36 : n * 36 + 36]) + "\n" for n in range(4)
        )
    return f"Jordan Wall\nMLOps Engineer\nSKILLS\n{label}" + ", ".join(names) + "\n"


@pytest.mark.parametrize(
    "label", ["Tools: ", "Tools:\n", "Skills & Tools: ", "split"], ids=["same line", "line above", "&", "four labels"]
)
def test_a_keyword_wall_under_a_label_is_flagged_and_ranks_below_an_honest_resume(tmp_path: Path, label: str) -> None:
    (tmp_path / "wall.md").write_text(_wall(label), encoding="utf-8")
    (tmp_path / "honest.md").write_text(_PLAIN, encoding="utf-8")
    document = json.loads(invoke(tmp_path, "--format", "json").stdout)
    rows = {Path(r["file"]).name: r for r in document["results"]}
    wall = rows["wall.md"]
    assert wall["score"] == 100  # the terms are there: the score says so
    assert [c["id"] for c in wall["checks"]].count("keyword-stuffing") == 1
    assert wall["ranking_score"] < rows["honest.md"]["ranking_score"]
    for args in ((), ("--full",), ("--format", "markdown")):
        output = invoke(tmp_path, *args).stdout
        first = output.index("honest.md")
        assert first < output.index("wall.md") and "stuffing" in output and "Ranked" in output, args


def test_honest_labelled_groups_are_not_a_wall(tmp_path: Path) -> None:
    """Six labelled groups of eight: a long, honest skills section (48 items) is no wall."""
    names = [term.name for term in load_role("mlops-engineer").terms][:48]
    groups = "\n".join(f"Group {n}: " + ", ".join(names[n * 8 : n * 8 + 8]) for n in range(6))
    path = tmp_path / "resume.md"
    path.write_text(_PLAIN + "\nSKILLS\n" + groups + "\n", encoding="utf-8")
    result = json.loads(invoke(path, "--format", "json").stdout)["results"][0]
    assert "keyword-stuffing" not in [c["id"] for c in result["checks"]]


# ---------------------------------------------------------------- item 18: one unreadable file, one error row


def test_an_unreadable_file_is_an_error_row_and_the_rest_are_scored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root no file is unreadable, so there the refusal is made where the system makes it (the access
    check and the open); as another user the file's permissions do it."""
    ok = _good_pdf(tmp_path, "ok.pdf")
    locked = tmp_path / "noread.txt"
    locked.write_text(_PLAIN, encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:
        real_access, real_open = os.access, os.open

        def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
            return False if os.fspath(path) == str(locked) else real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

        def opener(path: object, *args: object, **kwargs: object) -> int:
            if os.fspath(path) == str(locked):  # type: ignore[call-overload]
                raise PermissionError(13, "Permission denied", str(locked))
            return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "access", access)
        monkeypatch.setattr(os, "open", opener)  # the worker processes are forked: they see it too
    try:
        result = invoke(ok, locked, "--format", "json")
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 3, result.output
    rows = {Path(r["file"]).name: r for r in json.loads(result.stdout)["results"]}
    assert rows["ok.pdf"]["error"] is None and rows["ok.pdf"]["score"] > 0
    assert rows["noread.txt"]["error"]["code"] == "permission"
    assert f"atscheck: {locked}: No permission to read" in result.stderr
