"""Hostile PDFs: damaged structure (truncated, broken xref, cycles, deep nesting), passwords, decompression
bombs and work bombs; each gives one clear line and the documented exit code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke, raw_pdf
from hostile_helpers import PDF_CASES, Case, _write, check_single_file


@pytest.mark.parametrize("case", PDF_CASES, ids=[c.id for c in PDF_CASES])
def test_single_file(case: Case, tmp_path: Path) -> None:
    check_single_file(case, tmp_path)


def test_a_pdf_with_no_pages_says_so(tmp_path: Path) -> None:
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"}
    path = _write("nopages.pdf", raw_pdf(objects))(tmp_path)
    result = json.loads(invoke(path, "--format", "json").stdout)["results"][0]
    assert result["error"]["code"] == "empty" and "This PDF has no pages" in result["error"]["message"]
