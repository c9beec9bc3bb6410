"""Settings from .atscheck.toml or [tool.atscheck]: discovery, precedence and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, invoke, make_pdf

from atscheck.cli.config import Config, discover, load
from atscheck.request import Request


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A resume repository with the resume in a sub-folder, run from that sub-folder."""
    (tmp_path / ".git").mkdir()  # the config search stops at the repository root
    (tmp_path / "cv").mkdir()
    make_pdf(tmp_path / "cv" / "resume.pdf", [MLOPS_TEXT])
    monkeypatch.chdir(tmp_path / "cv")
    return tmp_path


def test_no_config_anywhere_gives_defaults(tmp_path: Path) -> None:
    assert discover(tmp_path) == Config()


def test_dot_atscheck_toml_in_a_parent_folder_is_used(repo: Path) -> None:
    (repo / ".atscheck.toml").write_text('min-score = 100\nformat = "json"\nskip-checks = ["length"]\n')
    result = invoke("resume.pdf")
    report = json.loads(result.stdout)  # the configured format
    assert report["results"][0]["score"] < 100 and result.exit_code == 1  # below the configured 100
    assert report["results"][0]["threshold"] == 100
    assert all(check["id"] != "length" for check in report["results"][0]["checks"])


def test_command_line_options_win(repo: Path) -> None:
    (repo / ".atscheck.toml").write_text('min-score = 100\nformat = "json"\n')
    result = invoke("resume.pdf", "--min-score", "10", "--format", "markdown")
    assert result.exit_code == 0 and result.stdout.startswith("# atscheck report")


def test_pyproject_tool_table(repo: Path) -> None:
    table = '[tool.atscheck]\nrole = "mlops-engineer"\nmin_score = 100\n'
    (repo / "pyproject.toml").write_text('[project]\nname = "cv"\n\n' + table)
    assert discover(Path.cwd()).apply(Request()).min_score == 100
    assert invoke("resume.pdf").exit_code == 1


def test_pyproject_without_the_table_is_passed_over(repo: Path) -> None:
    (repo / "cv" / "pyproject.toml").write_text('[project]\nname = "cv"\n')
    (repo / ".atscheck.toml").write_text("min-score = 100\n")
    assert discover(Path.cwd()).apply(Request()).min_score == 100


def test_profile_paths_are_relative_to_the_config_file(repo: Path) -> None:
    (repo / ".atscheck.toml").write_text('profile = "roles/mine.toml"\n')
    assert discover(Path.cwd()).apply(Request()).profiles == (repo / "roles" / "mine.toml",)


def test_explicit_config_file(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "strict.toml"
    other.write_text("min-score = 100\n")
    assert load(other).apply(Request()).min_score == 100
    assert invoke("resume.pdf", "--config", other).exit_code == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("min-score = 'high'\n", "'min-score' must be a number between 0 and 100"),
        ("colour = true\n", "unknown setting 'colour'"),
        ("role = 5\n", "'role' must be a name or a list of names"),
        ("format = 'pdf'\n", "'format' must be one of"),
        ("min-score = \n", "is not valid TOML"),
    ],
)
def test_a_bad_config_is_a_usage_error_naming_the_key(repo: Path, content: str, message: str) -> None:
    (repo / ".atscheck.toml").write_text(content)
    result = invoke("resume.pdf")
    assert result.exit_code == 2 and message in result.output and ".atscheck.toml" in result.output
    assert "Traceback" not in result.output
