"""`atscheck profile build` and `atscheck profile check`: role profiles from many postings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, make_pdf, shared_file
from typer.testing import CliRunner

from atscheck.cli.profile import app
from atscheck.profiles import load_profile

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]

POSTING = """{title}

Requirements
- 3+ years with Python and Kubernetes in production.
- A cloud platform such as AWS, GCP or Azure.
- {extra}

Nice to have
- Terraform.
"""


@pytest.fixture
def postings(tmp_path: Path) -> Path:
    folder = tmp_path / "postings"
    folder.mkdir()
    extras = ["Experience with MLflow.", "Experience with MLflow and Airflow.", "Experience with Kafka."]
    for number, extra in enumerate(extras):
        (folder / f"p{number}.txt").write_text(POSTING.format(title="MLOps Engineer", extra=extra), encoding="utf-8")
    (folder / "notes.tsv").write_text("not a posting", encoding="utf-8")  # other extensions are skipped
    return folder


def _build(*args: object) -> object:
    return runner.invoke(app, ["build", *map(str, args)])


def test_build_writes_a_profile_that_loads_back(tmp_path: Path, postings: Path) -> None:
    out = tmp_path / "role.toml"
    result = _build(postings, "--id", "mlops-test", "--title", "MLOps Test", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    profile = load_profile(out)
    terms = {t.name: t for t in profile.terms}
    assert profile.id == "mlops-test" and profile.title == "MLOps Test"
    assert terms["Python"].importance == terms["Kubernetes"].importance == "required"
    assert terms["MLflow"].importance == "required"  # 2 of 3 postings require it: at least 25%
    assert terms["Terraform"].importance == "preferred"
    assert "Apache Kafka" not in terms and "Apache Airflow" not in terms  # one posting only: dropped
    cloud = {terms[n].group for n in ("AWS", "Google Cloud", "Azure")}
    assert len(cloud) == 1 and None not in cloud  # alternatives in every posting: one group
    assert "# required by 3 of 3 postings, preferred by 0\n#   p0.txt: 3+ years with Python" in text
    assert "# ---------------------------------------------------------------- Programming languages" in text


def test_build_is_deterministic_and_overwrites_only_with_force(tmp_path: Path, postings: Path) -> None:
    out = tmp_path / "role.toml"
    args = [postings, "--id", "r", "--title", "R", "-o", out]
    assert _build(*args).exit_code == 0
    first = out.read_bytes()
    again = _build(*args)
    assert again.exit_code == 2 and "already exists; give --force" in again.output
    assert _build(*args, "--force").exit_code == 0 and out.read_bytes() == first


def test_a_bad_posting_is_one_line_and_the_rest_go_on(tmp_path: Path, postings: Path) -> None:
    (postings / "empty.txt").write_text("Engineer wanted.", encoding="utf-8")
    (postings / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    out = tmp_path / "role.toml"
    result = _build(postings, "--id", "r", "--title", "R", "-o", out)
    assert result.exit_code == 0 and out.exists()
    skipped = [line for line in result.output.splitlines() if line.startswith("atscheck: skipped")]
    assert len(skipped) == 2 and any("almost no text" in line for line in skipped)
    assert "Traceback" not in result.output


def test_the_output_is_never_one_of_the_postings(tmp_path: Path, postings: Path) -> None:
    target = postings / "p0.txt"
    before = target.read_bytes()
    result = _build(postings, "--id", "r", "--title", "R", "-o", target, "--force")
    assert result.exit_code == 2 and "is one of the inputs" in result.output
    assert target.read_bytes() == before


def test_no_readable_posting_is_a_usage_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("Engineer wanted.", encoding="utf-8")
    result = _build(empty, "--id", "r", "--title", "R", "-o", tmp_path / "x.toml")
    assert result.exit_code == 2 and "None of the postings could be read" in result.output
    assert not (tmp_path / "x.toml").exists()


def test_check_prints_coverage_and_fails_below_the_minimum(tmp_path: Path, postings: Path) -> None:
    out = tmp_path / "role.toml"
    _build(postings, "--id", "r", "--title", "R", "-o", out)
    result = runner.invoke(app, ["check", str(out), str(postings)])
    assert result.exit_code == 0
    assert "p2.txt: 4 of 5 required (0.80)  missing: Apache Kafka" in result.output
    assert "Coverage of the postings' required terms: 14 of 16 = 0.875 (r)" in result.output
    strict = runner.invoke(app, ["check", str(out), str(postings), "--min-coverage", "0.9"])
    assert strict.exit_code == 1


def test_the_default_command_still_works_beside_the_group(tmp_path: Path, postings: Path) -> None:
    resume = make_pdf(tmp_path / "r.pdf", [MLOPS_TEXT])
    out = tmp_path / "role.toml"
    command = [sys.executable, "-m", "atscheck"]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    built = subprocess.run(
        [*command, "profile", "build", str(postings), "--id", "r", "--title", "R", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    scored = subprocess.run(
        [*command, str(resume), "--profile", str(out), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert scored.returncode in (0, 1) and '"role": "r"' in scored.stdout


def test_bundled_mlops_profile_covers_the_ml_postings() -> None:
    """The coverage target of docs/profiles.md: the bundled mlops-engineer profile names at least 0.9 of what
    the ML / MLOps postings in ../shared require."""
    folder = shared_file("postings", "SOURCES.tsv").parent
    from atscheck import rolebuild
    from atscheck.profiles import load_role

    files = [folder / name for name in ML_POSTINGS]
    readings, _ = rolebuild.read_all(files, print)
    rows = rolebuild.coverage(load_role("mlops-engineer"), readings)
    covered, required = sum(r.covered for r in rows), sum(r.required for r in rows)
    assert covered / required >= 0.9, [r for r in rows if r.missing]


ML_POSTINGS = [
    line.split("\t")[0]
    for line in (ROOT / "docs" / "profile-sources.tsv").read_text(encoding="utf-8").splitlines()
    if line.endswith("\tmlops-engineer")
]
