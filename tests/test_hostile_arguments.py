"""Hostile command lines, configs, profiles and postings: file names that look like options, configs that
weaken the checks or sit above the repository, huge or non-finite numbers, deep or huge TOML, and
devices, FIFOs or endless input where a profile, config or posting is read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, REPO, invoke, make_pdf
from hostile_helpers import _good_pdf

from atscheck.profiles import load_role


def test_malformed_profiles_are_usage_errors(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    for content, says in (
        ("id = 'x\n", "not valid TOML"),
        ("id = 5\ntitle = 'X'\npass_score = 50\nterms = []\n", "'id' must be"),
        ("id = 'x'\ntitle = 'X'\npass_score = 50\nterms = []\n", "it has no [[terms]]"),
    ):
        profile = tmp_path / "role.toml"
        profile.write_text(content, encoding="utf-8")
        result = invoke(resume, "--profile", profile)
        assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output, result.output


def _git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


_PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def _hook_repo(folder: Path, args: list[str] | None = None) -> Path:
    """A git repository holding the project's real hook definition. Only how the hook is started changes
    (this interpreter with atscheck on PYTHONPATH, as the tests run offline); id, files and args are kept."""
    import yaml

    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entry = hook["entry"].split()
    assert entry[0] == "atscheck"
    hook.update(language="unsupported", entry=" ".join([sys.executable, "-m", *entry]))  # options in entry kept
    if args is not None:
        hook["args"] = args
    folder.mkdir()
    (folder / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump([hook]), encoding="utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", ".")
    _git(folder, "commit", "-qm", "hook")
    return folder


@pytest.mark.skipif(not _PRE_COMMIT.exists(), reason="needs the pre-commit client")
def test_file_names_that_look_like_options_are_files_under_pre_commit(tmp_path: Path) -> None:
    resumes = tmp_path / "resumes"
    resumes.mkdir()
    good = _good_pdf(resumes, "cv.pdf")
    make_pdf(resumes / "weak.pdf", [["Jane Doe", "Experience", "Sold shoes at a shoe shop for three years."]])
    (resumes / "cfg.pdf").write_text("min-score = 0\n", encoding="utf-8")  # a TOML file named .pdf
    (resumes / "--output=cv.pdf").write_bytes(b"")
    (resumes / "--config=cfg.pdf").write_bytes(b"")
    _git(resumes, "init", "-q")
    _git(resumes, "add", "--", ".")
    _git(resumes, "commit", "-qm", "resumes")
    before = good.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(REPO), "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def run(hooks: Path) -> subprocess.CompletedProcess[str]:
        command = [str(_PRE_COMMIT), "try-repo", str(hooks), "atscheck", "--all-files", "--verbose"]
        return subprocess.run(command, cwd=resumes, env=env, capture_output=True, text=True, timeout=300)

    # Without `--` the names are obeyed as options; even then the input is not overwritten and a config
    # that slipped in is named in the report. (pre-commit splits the files between processes, so which
    # of the two shows depends on the split.)
    attacked = run(_hook_repo(tmp_path / "without-dashes", args=["--role", "mlops-engineer"]))
    assert "is one of the inputs" in attacked.stdout or "Settings from cfg.pdf" in attacked.stdout, attacked.stdout
    assert good.read_bytes() == before
    result = run(_hook_repo(tmp_path / "hook"))  # the shipped hook ends the options: they are files
    assert good.read_bytes() == before, result.stdout
    assert result.returncode == 1 and "Failed" in result.stdout
    assert "--output=cv.pdf" in result.stdout and "The file is empty" in result.stdout
    assert "weak.pdf" in result.stdout and "0 passed" not in result.stdout  # cfg.pdf's min-score = 0 unused
    assert "Settings from" not in result.stdout


def test_double_dash_ends_the_options(tmp_path: Path) -> None:
    named = _good_pdf(tmp_path, "--output=cv.pdf")
    victim = _good_pdf(tmp_path, "cv.pdf")
    before = victim.read_bytes()
    result = invoke("--role", "mlops-engineer", "--format", "json", "--", named)
    assert result.exit_code == 0 and json.loads(result.stdout)["results"][0]["file"].endswith("--output=cv.pdf")
    assert victim.read_bytes() == before


_OWN = load_role("mlops-engineer").pass_score  # the profile's own passing score


def _weakening_config(folder: Path) -> None:
    (folder / ".atscheck.toml").write_text('min-score = 0\nskip-checks = ["hidden-text"]\n', encoding="utf-8")


def test_a_config_above_the_repository_does_not_apply(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _weakening_config(tmp_path)
    repo = tmp_path / "a" / "b" / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    resume = _good_pdf(repo)
    monkeypatch.chdir(repo / "docs")
    document = json.loads(invoke(resume, "--format", "json").stdout)
    assert document["run"]["config"] is None and document["results"][0]["threshold"] == _OWN
    (repo / ".git").rmdir()  # no repository: only the current folder is searched (not tmp_path, three up)
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    assert json.loads(invoke(resume, "--format", "json").stdout)["run"]["config"] is None
    monkeypatch.setenv("HOME", str(tmp_path))  # the home folder's own config does apply
    assert json.loads(invoke(resume, "--format", "json").stdout)["run"]["config"] == str(tmp_path / ".atscheck.toml")


def test_a_config_that_weakens_the_checks_is_named_in_every_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    _weakening_config(tmp_path)
    resume = _good_pdf(tmp_path)
    monkeypatch.chdir(tmp_path)
    config = str(tmp_path / ".atscheck.toml")
    expected = [
        f"Checks turned off by {config}: hidden-text.",
        f"The passing score is lowered to 0 by {config} (the profile's own: MLOps Engineer {_OWN:g}).",
    ]
    document = json.loads(invoke(resume, "--format", "json").stdout)
    assert document["run"] == {"config": config, "weakened": expected, "notes": []}
    for args in ((), ("--format", "markdown"), ("--show-text",)):
        output = invoke(resume, *args).stdout
        assert f"Settings from {config}." in output and all(line in output for line in expected), args
    table = invoke(resume, "--format", "csv")  # a table has no room: the lines go to stderr
    assert f"Settings from {config}." in table.stderr and all(line in table.stderr for line in expected)
    assert "Settings from" not in table.stdout
    flags = invoke(resume, "--min-score", "10", "--skip-check", "images", "--format", "json").stdout
    assert json.loads(flags)["run"]["weakened"] == [
        "Checks turned off by the command line: images.",
        f"The passing score is lowered to 10 by the command line (the profile's own: MLOps Engineer {_OWN:g}).",
    ]
    raised = invoke(resume, "--min-score", "90", "--format", "json").stdout
    assert json.loads(raised)["run"]["weakened"] == [f"Checks turned off by {config}: hidden-text."]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--timeout", "1e308"), "--timeout must be at most 86400."),
        (("--max-file-size", "1e308"), "--max-file-size must be at most 1000000."),
        (("--min-score", "nan"), "--min-score must be at most 100."),
        (("--jobs", "99999999"), "--jobs must be at most 256."),
        (("--config", "{config}"), "'min-score' must be a number between 0 and 100, not nan."),
    ],
)
def test_huge_or_non_finite_numbers(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    config = tmp_path / "settings.toml"
    config.write_text("min-score = nan\n", encoding="utf-8")
    result = invoke(_good_pdf(tmp_path), *(a.format(config=config) for a in args))
    assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("kind", ["profile", "config", "pyproject"])
def test_toml_nested_100000_deep(tmp_path: Path, kind: str) -> None:
    name = "pyproject.toml" if kind == "pyproject" else f"{kind}.toml"
    path = tmp_path / name
    path.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    option = "--profile" if kind == "profile" else "--config"
    result = invoke(_good_pdf(tmp_path), option, path)
    assert result.exit_code == 2 and "nested too deeply" in result.output, result.output
    assert result.output.count("\n") == 1


def test_a_1mb_term_is_a_profile_error(tmp_path: Path) -> None:
    profile = tmp_path / "role.toml"
    profile.write_text(
        f'id = "x"\ntitle = "X"\npass_score = 50\n[[terms]]\nname = "{"a" * 1_000_000}"\ncategory = "c"\n',
        encoding="utf-8",
    )
    result = invoke(_good_pdf(tmp_path), "--profile", profile)
    assert result.exit_code == 2 and len(result.output) < 300
    assert "a name or alias is over 200 characters" in result.output


def _posting_text() -> str:
    return "MLOps Engineer\nRequirements\n" + "\n".join(f"- {line}" for line in MLOPS_TEXT) + "\n"


@pytest.mark.parametrize(
    ("data", "exit_code", "says"),
    [
        (_posting_text().encode() + b"\xff\xfe\xc3(", 0, ""),
        (_posting_text().encode("utf-16"), 0, ""),
        (_posting_text().encode("utf-16-le"), 0, ""),
        (b"a " * (19 * 512 * 1024), 2, "over 2 MB"),
    ],
    ids=["bad UTF-8", "UTF-16", "UTF-16 without BOM", "19 MB"],
)
def test_a_bad_utf16_or_huge_posting_on_stdin(tmp_path: Path, data: bytes, exit_code: int, says: str) -> None:
    result = runner_input(_good_pdf(tmp_path), data)
    assert result.exit_code in ((0, 1) if exit_code == 0 else (exit_code,)), result.output
    assert says in result.output and "Traceback" not in result.output


def runner_input(resume: Path, data: bytes):  # type: ignore[no-untyped-def]

    return invoke(resume, "--jd", "-", "--format", "json", input=data)


def test_max_file_size_30000_reads_files(tmp_path: Path) -> None:
    result = invoke(_good_pdf(tmp_path), "--max-file-size", "30000")
    assert result.exit_code == 0, result.output  # the read is in pieces, not one 30 GB buffer


def test_an_unknown_format_is_one_plain_line(tmp_path: Path) -> None:
    result = invoke(_good_pdf(tmp_path), "--format", "xml")
    assert result.exit_code == 2 and "'xml' is not a report format" in result.output
    assert "Value error" not in result.output


# --- Bounded reads of profiles, configs and postings (issue 18): never block, never read without end ---


@pytest.mark.parametrize("option", ["--profile", "--config"])
def test_a_device_or_fifo_as_profile_or_config_is_refused_without_reading(tmp_path: Path, option: str) -> None:
    resume = _good_pdf(tmp_path)
    fifo = tmp_path / "settings.toml"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever: the run has a process of its own
    for target, kind in ((Path("/dev/zero"), "a device"), (fifo, "a named pipe (FIFO)")):
        command = [sys.executable, "-m", "atscheck", str(resume), option, str(target)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 2, result.stderr
        assert f"{target} is {kind}, not a file" in result.stderr and "Traceback" not in result.stderr


def test_a_config_naming_dev_zero_as_its_profile(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    config = tmp_path / "settings.toml"
    config.write_text('profile = "/dev/zero"\n', encoding="utf-8")
    result = invoke(resume, "--config", config)
    assert result.exit_code == 2 and "Profile /dev/zero is a device, not a file" in result.output


def test_profiles_and_configs_are_read_up_to_2_mb(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"# padding\n" * (220 * 1024))
    for option, what in (("--profile", "Profile"), ("--config", "The config file")):
        result = invoke(resume, option, huge)
        assert result.exit_code == 2 and f"{what} {huge} is over 2 MB" in result.output, result.output


def test_dev_zero_on_standard_input_as_the_posting(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    with open("/dev/zero", "rb") as zero:
        completed = subprocess.run(
            [sys.executable, "-m", "atscheck", str(resume), "--jd", "-"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert completed.returncode == 2 and "over 2 MB" in completed.stderr and "Traceback" not in completed.stderr
