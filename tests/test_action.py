"""The GitHub Action (action.yml), run step by step as a runner would (tests/action_runner.py), on a temporary
resume repository. atscheck comes from this checkout through the `atscheck-command` input, which keeps the
suite fast; the install from the action's own files into a venv is exercised by .ci/run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from action_runner import evaluate, expand, read_outputs, run_action
from conftest import MLOPS_TEXT, REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="needs git, bash")
COMMAND = f"{sys.executable} -m atscheck"
ENV = {"PYTHONPATH": str(REPO)}
EXAMPLE = REPO / "examples" / "mlops-engineer-resume.pdf"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A resume repository as actions/checkout leaves it: a resume, a README that is not one, committed."""
    repo = tmp_path / "resumes"
    (repo / "docs").mkdir(parents=True)
    shutil.copy(EXAMPLE, repo / "resume.pdf")
    (repo / "README.md").write_text("# My resume\n\nBuilt with LaTeX.\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "resume")
    return repo


def action(workspace: Path, tmp_path: Path, **inputs: str):
    return run_action(workspace, {"atscheck-command": COMMAND, **inputs}, env=ENV, temp=tmp_path / "runner")


def test_pass_writes_the_summary_and_the_outputs(workspace: Path, tmp_path: Path) -> None:
    run = action(workspace, tmp_path, role="mlops-engineer", format="short")
    assert run.exit_code == 0, run.log
    assert run.summary.startswith("# atscheck report") and "## resume.pdf · MLOps Engineer" in run.summary
    assert "README.md" not in run.summary  # found by the resume rule, not every Markdown file
    assert run.outputs["passed"] == "true" and run.outputs["exit-code"] == "0"
    report = json.loads(Path(run.outputs["json"]).read_text(encoding="utf-8"))
    assert float(run.outputs["score"]) == report["results"][0]["score"] > 45
    assert "✓ resume.pdf (mlops-engineer)" in run.log  # the log shows the format asked for
    assert run.steps["install"]["outcome"] == "skipped"  # atscheck-command given


def test_below_threshold_fails_the_step_with_exit_1(workspace: Path, tmp_path: Path) -> None:
    run = action(workspace, tmp_path, **{"min-score": "99.5"})
    assert run.exit_code == 1
    assert "❌ below threshold (pass mark 99.5)" in run.summary
    assert run.outputs["passed"] == "false" and run.outputs["exit-code"] == "1"
    never = action(workspace, tmp_path, **{"min-score": "99.5", "fail-on": "never"})
    assert never.exit_code == 0 and never.outputs["passed"] == "false"


def test_unreadable_input_exits_3_and_says_so(workspace: Path, tmp_path: Path) -> None:
    (workspace / "old-resume.docx").write_bytes(b"PK\x03\x04 not really a zip")
    run = action(workspace, tmp_path, files="*.docx resume.pdf")
    assert run.exit_code == 3
    assert "could not be read: " in run.summary and "| old-resume.docx |" in run.summary
    assert run.outputs["passed"] == "false" and run.outputs["exit-code"] == "3"
    assert float(run.outputs["score"]) > 0  # resume.pdf still scored


def test_a_glob_that_matches_nothing_is_a_usage_error(workspace: Path, tmp_path: Path) -> None:
    run = action(workspace, tmp_path, files="cv/**/*.pdf")
    assert run.exit_code == 2 and "No file matches 'cv/**/*.pdf'" in run.log
    assert run.outputs["exit-code"] == "2" and run.summary == ""


def test_a_file_named_like_an_option_is_a_file(workspace: Path, tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, workspace / "--help.pdf")
    run = action(workspace, tmp_path, files="--help.pdf")
    assert run.exit_code == 0, run.log and "## --help.pdf" in run.summary


def test_baseline_ref_on_a_pull_request(workspace: Path, tmp_path: Path) -> None:
    base = subprocess.run(["git", "-C", str(workspace), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    (workspace / "resume.md").write_text("\n".join(MLOPS_TEXT).replace("Terraform", "Puppet"), encoding="utf-8")
    git(workspace, "rm", "-q", "resume.pdf")
    shutil.copy(workspace / "resume.md", workspace / "cv.md")
    git(workspace, "add", ".")
    git(workspace, "commit", "-q", "-m", "markdown resume")
    (workspace / "resume.md").write_text("\n".join(MLOPS_TEXT), encoding="utf-8")  # Terraform is back
    git(workspace, "commit", "-q", "-am", "terraform")
    drop = action(workspace, tmp_path, files="resume.md", baseline=base.strip(), **{"fail-on": "drop"})
    assert drop.exit_code == 0, drop.log  # not at the base: nothing to compare, no failure
    assert "No earlier version to compare" in drop.summary
    run = action(workspace, tmp_path, files="resume.md", baseline="HEAD~1", **{"fail-on": "drop"})
    assert run.exit_code == 0, run.log
    assert "**Change** 🔺" in run.summary and "now found Terraform" in run.summary
    back = action(workspace, tmp_path, files="cv.md", baseline="HEAD~1", **{"fail-on": "drop"})
    assert back.exit_code == 0 and "no change" in back.summary


def test_the_action_finds_resumes_as_the_hook_does() -> None:
    steps = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))["runs"]["steps"]
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    check = next(step for step in steps if step.get("id") == "check")
    assert check["env"]["RESUME_PATTERN"] == hook["files"].removeprefix("(?i)")
    assert check["env"]["NOT_RESUME_PATTERN"] == hook["exclude"].removeprefix("(?i)")


def test_the_default_files_leave_out_cover_letters_and_certificates(workspace: Path, tmp_path: Path) -> None:
    # A resume's content under each name: the name alone says what the file is.
    for name in ("cover-letter.pdf", "docs/AWS_Certificate.pdf", "Transcript 2019.pdf"):
        shutil.copy(EXAMPLE, workspace / name)
    (workspace / "my-cv.md").write_text("\n".join(MLOPS_TEXT) + "\n", encoding="utf-8")
    git(workspace, "add", ".")
    git(workspace, "commit", "-q", "-m", "more files")
    run = action(workspace, tmp_path)
    assert "resume.pdf" in run.summary and "my-cv.md" in run.summary, run.log
    assert "cover-letter" not in run.summary and "Certificate" not in run.summary and "Transcript" not in run.summary


def test_every_input_reaches_the_check_step() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    check = next(step for step in action["runs"]["steps"] if step.get("id") == "check")
    used = " ".join(str(value) for value in check["env"].values())
    assert all(f"inputs.{name}" in used for name in action["inputs"]), "an input the action ignores"


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("inputs.x == ''", True),
        ("inputs.x != '' && steps.cache.outputs.cache-hit != 'true'", False),
        ("inputs.y == 'ABC'", True),  # GitHub compares strings ignoring case
        ("!(inputs.y == 'abc') || inputs.missing == ''", True),
    ],
)
def test_the_runner_evaluates_expressions_as_github(expression: str, value: bool) -> None:
    context = {"inputs": {"x": "", "y": "abc"}, "steps": {}, "_success": True}
    assert evaluate(expression, context) is value


def test_the_runner_reads_multiline_outputs(tmp_path: Path) -> None:
    path = tmp_path / "out"
    path.write_text("a=1\nlist<<EOF\nx=y\nz\nEOF\nb=\n", encoding="utf-8")
    assert read_outputs(path) == {"a": "1", "list": "x=y\nz", "b": ""}


def workflow(name: str) -> dict:
    return yaml.safe_load((REPO / "examples" / "ci" / name).read_text(encoding="utf-8"))


def test_the_action_example_uses_inputs_the_action_has() -> None:
    inputs = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))["inputs"]
    steps = workflow("atscheck.yml")["jobs"]["ats-check"]["steps"]
    step = next(step for step in steps if str(step.get("uses", "")).startswith("OWNER/atscheck@"))
    assert step["uses"] == "OWNER/atscheck@v0" and set(step["with"]) <= set(inputs)
    comment = next(step for step in steps if step.get("name") == "Comment on the pull request")
    assert "steps.atscheck.outputs.markdown" in comment["env"]["REPORT"]


def test_the_pip_example_installs_a_tag_and_its_script_runs(workspace: Path, tmp_path: Path) -> None:
    document = workflow("atscheck-pip.yml")
    steps = document["jobs"]["ats-check"]["steps"]
    install = next(step for step in steps if step.get("name") == "Install atscheck")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    tag = install["run"].split("@")[-1].rstrip('"')
    assert "git+https://github.com/OWNER/atscheck@" in install["run"] and f"rev: {tag}" in readme
    check = next(step for step in steps if step.get("name") == "Check the resume")
    shim = tmp_path / "bin" / "atscheck"  # the installed command, here this checkout
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m atscheck "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    summary = tmp_path / "summary.md"
    context = {"github": {"event": {"pull_request": {"base": {"sha": "HEAD"}}}}, "_success": True}
    env = {
        **os.environ,
        **document["env"],
        **{name: expand(str(value), context) for name, value in check["env"].items()},
        "ROLE": "data-engineer",  # the MLOps example is below a data engineer's pass mark
        "PATH": f"{shim.parent}:{os.environ['PATH']}",
        "PYTHONPATH": str(REPO),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    completed = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", check["run"]], cwd=workspace, env=env, capture_output=True, text=True
    )
    assert completed.returncode == 1, completed.stderr  # below the role's pass mark
    assert "❌ below threshold (pass mark 60.0)" in summary.read_text(encoding="utf-8")
    assert "since HEAD:resume.pdf" in summary.read_text(encoding="utf-8")  # the pull request's change
    assert completed.stdout.startswith("✗ resume.pdf (data-engineer)")  # the short report in the log


@pytest.mark.install
def test_the_action_installs_atscheck_from_its_own_files(workspace: Path, tmp_path: Path) -> None:
    """The real install step: a venv under RUNNER_TEMP, atscheck pip-installed from the action's folder."""
    run = run_action(workspace, {"role": "mlops-engineer"}, temp=tmp_path / "runner")
    assert run.exit_code == 0, run.log
    assert run.steps["install"]["outcome"] == "success" and "atscheck " in run.log
    assert Path(run.steps["setup"]["outputs"]["venv"], "bin", "atscheck").exists()
    assert run.steps["setup"]["outputs"]["key"].startswith("atscheck-Linux-py3.")
    assert run.outputs["passed"] == "true" and "## resume.pdf" in run.summary
