"""All the hostile cases together: every class's cases (tests/hostile_helpers.py) in one batch, each file one
row and the batch going on; and docs/hostile-inputs.md in step with them (CASES) and with the security rows
(SECURITY_CASES), whose tests are in the other tests/test_hostile_*.py modules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, invoke
from hostile_helpers import CASES, Case, _no_permission

TIME_LIMIT = 20.0  # seconds per file: far above any of these, far below a hang


def test_all_of_them_in_one_batch(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    expected = {}
    for case in CASES:
        if case.id == "missing path":
            continue
        path = case.build(folder)
        expected[path.name] = case
    for leftover in (folder / "src", folder / "whole.pdf"):
        if leftover.is_dir():
            for inner in leftover.iterdir():
                inner.unlink()
            leftover.rmdir()
        elif leftover.exists():
            leftover.unlink()
    result = invoke(folder, "--format", "json", "--jobs", "2", "--timeout", str(TIME_LIMIT))
    assert result.exit_code == 3
    rows = {Path(r["file"]).name: r for r in json.loads(result.stdout)["results"]}
    for name, case in expected.items():
        if name not in rows:  # the zip bomb and the liar are named .docx and found; loop.pdf is a link
            pytest.fail(f"{name} ({case.id}) is missing from the batch")
        assert (rows[name]["error"] or {}).get("code") == case.code, (case.id, rows[name]["error"])


def test_the_docs_table_lists_every_case() -> None:
    table = (REPO / "docs" / "hostile-inputs.md").read_text(encoding="utf-8")
    for case in [*CASES, Case("no read permission", _no_permission, "permission", "", 3)]:
        assert f"| {case.id} |" in table, case.id


# ---------------------------------------------------------------------------------------------------------
# Issue 18, security and data loss (helper i18a): hostile names, links, special files, configs, outputs.
# docs/hostile-inputs.md lists these under "Hostile repositories, names and outputs"; SECURITY_CASES below
# keeps that table in step; the tests are in the other tests/test_hostile_*.py modules.
# ---------------------------------------------------------------------------------------------------------


SECURITY_CASES = [
    "file names that look like options (pre-commit)",
    "a link in a folder to a file outside it",
    "a link on the command line to a FIFO",
    "a FIFO, socket or device",
    "a config above the repository",
    "a config that weakens the checks",
    "control characters in a file name",
    "control characters and bidi overrides in resume text",
    "a CSV cell that starts a formula",
    "an output that is an input",
    "an output into a missing folder",
    "a full disk or read-only folder",
    "stdout on /dev/full or closed",
    "a file name that is not UTF-8",
    "atscheck's own report in the scanned folder",
    "an unreadable subfolder",
    "a file that cannot even be looked at",
    "huge or non-finite numbers",
    "TOML nested 100,000 deep",
    "a 1 MB term in a profile",
    "a bad, UTF-16 or 19 MB posting on stdin",
    "--max-file-size 30000",
    "UTF-16 without a BOM and UTF-32",
    "a .docm",
    "a Strict Open XML DOCX",
    "a PDF with no pages",
    "an unknown --format",
    # Issue 30 (round 2): tests/test_hostile_round2_*.py.
    "a newline in a file name",
    "rich markup in a file name or a posting's title",
    "tags, links and images in names, headings and posting titles",
    "a name a spreadsheet splits into a formula",
    "an output aimed at the --baseline file",
    "an unreadable file beside readable ones",
    "a resume named with letters git quotes (action)",
    "a file named like the baseline ref (action)",
    "a keyword wall under a label",
    "a client of the local Dask cluster without its certificate",
    "a hostile Dask cluster (--scheduler)",
    "a folder of thousands of resumes",
]


def test_the_docs_table_lists_every_security_case() -> None:
    table = (REPO / "docs" / "hostile-inputs.md").read_text(encoding="utf-8")
    for case in SECURITY_CASES:
        assert f"| {case} |" in table, case
