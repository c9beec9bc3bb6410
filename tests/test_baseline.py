"""Score changes against an earlier version (--baseline, --baseline-ref), --fail-on, --exit-zero, --format short."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, invoke

from atscheck.baseline import compare
from atscheck.core import check_file
from atscheck.model import Finding


def check_text(lines: list[str]):
    from atscheck.profiles import load_role

    return check_file("\n".join(lines).encode(), [load_role("mlops-engineer")], name="resume.md")[0]


def later_version() -> tuple[list[str], str, tuple[str, str]]:
    """MLOPS_TEXT edited as a person might: one required term the bundled profile finds in it taken out, two
    preferred terms it misses added. Chosen from the profile's own data, so the tests follow the profile."""
    before = check_text(MLOPS_TEXT)
    missing = [t.term.name for t in before.terms if t.status == "missing" and t.term.importance == "preferred"]

    def found(name: str) -> bool:
        after = check_text([*MLOPS_TEXT, f"Skills: {name}."])
        return any(t.term.name == name and t.status != "missing" for t in after.terms)

    added = tuple(name for name in missing[:20] if found(name))
    for term in before.terms:
        if term.term.importance != "required" or term.status != "exact" or term.term.group:
            continue
        pattern = re.compile("|".join(re.escape(o.text) for o in term.occurrences), re.IGNORECASE)
        lines = [pattern.sub("Xqz", line) for line in MLOPS_TEXT] + [f"Also {added[0]} and {added[1]}."]
        after = check_text(lines)
        found = {t.term.name: t.status for t in after.terms}
        if found[term.term.name] == "missing" and all(found[name] != "missing" for name in added[:2]):
            return lines, term.term.name, (added[0], added[1])
    raise AssertionError("no required term of the profile to take out of the example text")


LATER, LOST, (ADDED, ADDED_TOO) = later_version()


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def results(output: str) -> list[dict]:
    return json.loads(output)["results"]


def test_compare_reports_found_lost_and_the_required_loss(tmp_path: Path) -> None:
    from atscheck.profiles import load_role

    role = load_role("mlops-engineer")
    before = check_file(write(tmp_path / "old.md", MLOPS_TEXT), [role])[0]
    after = check_file(write(tmp_path / "new.md", LATER), [role])[0]
    delta = compare(before, after, "old.md")
    assert delta.before == before.score and delta.after == after.score
    assert {ADDED, ADDED_TOO} <= set(delta.found)
    assert LOST in delta.lost
    assert LOST in delta.lost_required  # a required term: a drop even if the score rose
    assert delta.dropped
    back = compare(after, before, "new.md")  # the other way round: the required term comes back
    assert LOST in back.found and not back.lost_required


def test_compare_lists_new_and_fixed_findings(tmp_path: Path) -> None:
    from dataclasses import replace

    from atscheck.profiles import load_role

    before = check_file(write(tmp_path / "r.md", MLOPS_TEXT), [load_role("mlops-engineer")])[0]
    hidden = Finding("hidden-text", "error", "Hidden text", "Remove it")
    old_only = Finding("multi-column", "warning", "Two columns", "Use one")
    delta = compare(replace(before, checks=(old_only,)), replace(before, checks=(hidden,)), "r.md")
    assert delta.new_findings == (hidden,) and delta.fixed_findings == (old_only,)
    assert delta.change == 0 and not delta.dropped  # findings alone are not a drop
    assert not delta.found and not delta.lost


def test_baseline_file_in_json_and_fail_on_drop(tmp_path: Path) -> None:
    old, new = write(tmp_path / "old.md", MLOPS_TEXT), write(tmp_path / "resume.md", LATER)
    result = invoke(new, "--baseline", old, "--format", "json", "--fail-on", "drop")
    assert result.exit_code == 1, result.output  # a required term was lost
    delta = results(result.stdout)[0]["baseline"]
    assert delta["source"] == str(old) and delta["dropped"] is True
    assert LOST in delta["lost"] and LOST in delta["lost_required"] and ADDED in delta["found"]
    assert delta["score_before"] > delta["score_after"] and delta["change"] < 0
    # The other way round nothing required is lost and the score rose: not a drop.
    assert invoke(old, "--baseline", new, "--fail-on", "drop").exit_code == 0


def test_fail_on_drop_passes_a_low_score_that_did_not_fall(tmp_path: Path) -> None:
    resume = write(tmp_path / "resume.md", MLOPS_TEXT)
    assert invoke(resume, "--min-score", "100").exit_code == 1
    assert invoke(resume, "--min-score", "100", "--baseline", resume, "--fail-on", "drop").exit_code == 0
    assert invoke(resume, "--min-score", "100", "--fail-on", "never").exit_code == 0


def test_console_and_markdown_say_what_changed(tmp_path: Path) -> None:
    old, new = write(tmp_path / "old.md", MLOPS_TEXT), write(tmp_path / "resume.md", LATER)
    console = invoke(new, "--baseline", old, "--no-color").stdout
    assert "Change" in console and " -> " in console and f"{LOST} (required)" in " ".join(console.split())
    markdown = invoke(new, "--baseline", old, "--format", "markdown").stdout
    line = next(line for line in markdown.splitlines() if line.startswith("**Change**"))
    assert "now found" in line and f"{LOST} (required)" in line and f"since {old}" in line


def test_exit_zero_reports_and_exits_0(tmp_path: Path) -> None:
    resume = write(tmp_path / "resume.md", MLOPS_TEXT)
    result = invoke(resume, "--min-score", "100", "--exit-zero")
    assert result.exit_code == 0 and "BELOW THRESHOLD" in result.stdout
    assert invoke(tmp_path / "missing.pdf", "--exit-zero").exit_code == 0
    assert invoke(resume, "--role", "nope", "--exit-zero").exit_code == 2  # bad usage writes no report


def test_an_unreadable_baseline_names_the_file_on_stderr_and_exits_3(tmp_path: Path) -> None:
    resume = write(tmp_path / "resume.md", MLOPS_TEXT)
    result = invoke(resume, "--baseline", tmp_path / "gone.pdf", "--format", "json")
    assert result.exit_code == 3
    delta = results(result.stdout)[0]["baseline"]
    assert delta["error"]["code"] == "missing" and delta["score_before"] is None
    assert f"atscheck: {tmp_path / 'gone.pdf'}: No file at" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--fail-on", "drop"), "--fail-on drop needs an earlier version"),
        (("--baseline", "x.md", "--baseline-ref", "main"), "not both"),
        (("--fail-on", "sometimes"), "sometimes"),
    ],
)
def test_baseline_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke(write(tmp_path / "resume.md", MLOPS_TEXT), *args)
    assert result.exit_code == 2 and message in result.output


def test_baseline_file_with_several_resumes_is_a_usage_error(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.md", MLOPS_TEXT), write(tmp_path / "b.md", LATER)
    result = invoke(a, b, "--baseline", a)
    assert result.exit_code == 2 and "--baseline-ref" in result.stderr


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "resumes"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo / "resume.md", MLOPS_TEXT)
    git(repo, "add", "resume.md")
    git(repo, "commit", "-q", "-m", "first")
    write(repo / "resume.md", LATER)
    return repo


def test_baseline_ref_reads_the_file_at_the_ref(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = invoke("resume.md", "--baseline-ref", "main", "--format", "json", "--fail-on", "drop")
    assert result.exit_code == 1, result.output
    delta = results(result.stdout)[0]["baseline"]
    assert delta["source"] == "main:resume.md" and LOST in delta["lost"] and ADDED in delta["found"]


def test_baseline_ref_one_delta_per_file_and_role(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo / "cv.md", MLOPS_TEXT)  # new since main
    monkeypatch.chdir(repo)
    result = invoke(
        "resume.md", "cv.md", "--role", "mlops-engineer", "--role", "devops-engineer", "--baseline-ref", "main",
        "--format", "json", "--jobs", "1", "--min-score", "0",
    )  # fmt: skip
    entries = results(result.stdout)
    assert [(e["file"], e["role"]) for e in entries] == [
        ("resume.md", "mlops-engineer"),
        ("resume.md", "devops-engineer"),
        ("cv.md", "mlops-engineer"),
        ("cv.md", "devops-engineer"),
    ]
    assert all(e["baseline"]["score_before"] is not None for e in entries[:2])
    assert entries[0]["baseline"]["score_before"] != entries[1]["baseline"]["score_before"]
    # A file added since the ref has nothing to compare with: said plainly, and not an error of the run.
    assert all(e["baseline"]["error"]["code"] == "not-at-ref" for e in entries[2:])
    assert "cv.md did not exist at main" in entries[2]["baseline"]["error"]["message"]
    assert result.exit_code == 0
    markdown = invoke("resume.md", "cv.md", "--baseline-ref", "main", "--format", "markdown", "--jobs", "1").stdout
    assert "### Changes" in markdown and "| cv.md | `mlops-engineer` | new |" in markdown


@pytest.mark.parametrize(
    ("ref", "message"),
    [("nope", "no branch, tag or commit 'nope'"), ("--output=x", "needs a git branch, tag or commit")],
)
def test_baseline_ref_unknown_ref_is_a_usage_error(
    repo: Path, monkeypatch: pytest.MonkeyPatch, ref: str, message: str
) -> None:
    monkeypatch.chdir(repo)
    result = invoke("resume.md", f"--baseline-ref={ref}")
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


def test_baseline_ref_outside_a_repository_or_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resume = write(tmp_path / "resume.md", MLOPS_TEXT)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    if shutil.which("git"):
        result = invoke(resume, "--baseline-ref", "main")
        assert result.exit_code == 2 and "is not inside a git repository" in result.stderr
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    result = invoke(resume, "--baseline-ref", "main")
    assert result.exit_code == 2 and "needs git, which is not installed" in result.stderr


def test_short_format_one_line_and_top_gaps(tmp_path: Path) -> None:
    resume = write(tmp_path / "resume.md", MLOPS_TEXT)
    result = invoke(resume, "--format", "short", "--min-score", "100")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert lines[0].startswith(f"✗ {resume} (mlops-engineer): ") and "below threshold (pass mark 100.0)" in lines[0]
    assert lines[1].startswith("    add: ") and lines[1].count("(required)") + lines[1].count("(preferred)") == 3
    assert lines[-1].startswith("The full report") and len(lines) == 3
    full = invoke(resume, "--format", "short", "--full", "--min-score", "100").stdout
    assert "Coverage by skill area" in full


def test_report_files_take_their_format_from_the_name(tmp_path: Path) -> None:
    resume = write(tmp_path / "resume.md", MLOPS_TEXT)
    json_file, markdown_file = tmp_path / "out" / "r.json", tmp_path / "out" / "summary.md"
    json_file.parent.mkdir()
    result = invoke(resume, "--format", "short", "--report", json_file, "--report", markdown_file)
    assert result.exit_code == 0 and result.stdout.startswith("✓ ")  # the screen keeps --format
    assert results(json_file.read_text(encoding="utf-8"))[0]["file"] == str(resume)
    assert markdown_file.read_text(encoding="utf-8").startswith("# atscheck report")


@pytest.mark.parametrize(
    ("name", "message"), [("r.pdf", "end it in .txt, .json, .md"), ("resume.md", "is one of the inputs")]
)
def test_a_report_file_that_cannot_be_written_is_a_usage_error(tmp_path: Path, name: str, message: str) -> None:
    resume = write(tmp_path / "resume.md", MLOPS_TEXT)
    before = resume.read_bytes()
    result = invoke(resume, "--report", tmp_path / name)
    assert result.exit_code == 2 and message in result.stderr
    assert resume.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--min-score", "abc"), "--min-score needs a number."),
        (("--min-score", "200"), "--min-score must be at most 100."),
        (("--jobs", "0"), "--jobs must be at least 1."),
        (("--max-pages", "1.5"), "--max-pages needs a whole number."),
        (("--fail-on", "x"), "--fail-on: 'x' is not a known rule; use one of below-threshold, drop, never."),
        (("--bogus",), "There is no option --bogus"),
    ],
)
def test_option_mistakes_are_one_plain_line_on_stderr(tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    result = invoke(write(tmp_path / "resume.md", MLOPS_TEXT), *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"atscheck: error: {expected}") and result.stderr.count("\n") == 1
    for wording in ("Input should", "Value error", "Usage:", "Traceback"):
        assert wording not in result.stderr


def test_the_library_run_attaches_the_change(tmp_path: Path) -> None:
    import atscheck
    from atscheck.runner import run as run_request

    old, new = write(tmp_path / "old.md", MLOPS_TEXT), write(tmp_path / "resume.md", LATER)
    run = run_request(atscheck.Request(paths=(new,), baseline=old, fail_on="drop"))
    delta = run.results[0].baseline
    assert delta is not None and delta.source == str(old) and LOST in delta.lost_required
    assert run.exit_code() == 1
    with pytest.raises(atscheck.UsageError, match="--fail-on is one of"):
        run_request(atscheck.Request(paths=(new,), fail_on="sometimes"))


def test_a_stop_while_scoring_the_earlier_versions_keeps_the_finished_files(tmp_path: Path) -> None:
    import signal

    from atscheck.baseline import with_baselines
    from atscheck.interrupt import Interrupted
    from atscheck.profiles import load_role
    from atscheck.request import Request

    old, new = write(tmp_path / "old.md", MLOPS_TEXT), write(tmp_path / "resume.md", LATER)
    done = check_file(new, [load_role("mlops-engineer")])

    def score(files, request):
        if files == [old]:  # the earlier version: the signal arrives
            raise Interrupted(signal.SIGTERM)
        return done

    with pytest.raises(Interrupted) as stopped:
        with_baselines([new], Request(paths=(new,), baseline=old), score)
    assert stopped.value.results == done and stopped.value.exit_code == 143
