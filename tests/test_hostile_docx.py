"""Hostile DOCX files and zip archives: not a zip, no document, entity expansion, zip bombs, lying sizes,
macro-enabled and Strict Open XML files.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import invoke
from hostile_helpers import DOCX_CASES, Case, _good_docx, _zip, check_single_file


@pytest.mark.parametrize("case", DOCX_CASES, ids=[c.id for c in DOCX_CASES])
def test_single_file(case: Case, tmp_path: Path) -> None:
    check_single_file(case, tmp_path)


def _docx_with(tmp_path: Path, name: str, change: Callable[[dict[str, bytes]], None]) -> Path:
    source = _good_docx(tmp_path, "source.docx")
    with zipfile.ZipFile(source) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    change(members)
    return _zip(name, members)(tmp_path)


def test_a_docm_says_what_it_is(tmp_path: Path) -> None:
    def macro(members: dict[str, bytes]) -> None:
        types = members["[Content_Types].xml"]
        members["[Content_Types].xml"] = types.replace(
            b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
        )

    result = json.loads(invoke(_docx_with(tmp_path, "cv.docm", macro), "--format", "json").stdout)["results"][0]
    assert result["error"]["code"] == "unsupported" and "macro-enabled Word file (.docm)" in result["error"]["message"]


def test_a_strict_ooxml_docx_says_what_it_is(tmp_path: Path) -> None:
    def strict(members: dict[str, bytes]) -> None:
        members["word/document.xml"] = members["word/document.xml"].replace(
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        )

    result = json.loads(invoke(_docx_with(tmp_path, "strict.docx", strict), "--format", "json").stdout)["results"][0]
    assert result["error"]["code"] == "unsupported" and "Strict Open XML" in result["error"]["message"]
