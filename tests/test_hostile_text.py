"""Hostile text and odd files: encodings (UTF-16/32 with and without a BOM, Latin-1, invalid UTF-8), empty
or random files, files whose names lie about their format, and text shaped to make patterns backtrack.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke
from hostile_helpers import _PLAIN, ADVERSARIAL_TEXT, TEXT_CASES, Case, _text, check_single_file


@pytest.mark.parametrize("case", TEXT_CASES, ids=[c.id for c in TEXT_CASES])
def test_single_file(case: Case, tmp_path: Path) -> None:
    check_single_file(case, tmp_path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_without_a_bom_and_utf32_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes(_PLAIN.encode(encoding))
    result = json.loads(invoke(path, "--format", "json").stdout)["results"][0]
    assert result["error"] is None and result["passed"], encoding


@pytest.mark.parametrize("junk", [junk for _, junk in ADVERSARIAL_TEXT.values()], ids=list(ADVERSARIAL_TEXT))
def test_text_patterns_take_time_in_proportion_to_the_text(junk: str) -> None:
    """Markdown clean-up, the e-mail and phone patterns and the tokenizer on 128 KB of each hostile shape,
    where the old patterns took minutes (test_single_file runs the same texts under the per-file time
    limit); asked 15 times (three checks, five roles), the contact patterns run once."""
    from atscheck.contact import contact_details, redact
    from atscheck.extract import Limits
    from atscheck.extract.plaintext import MarkdownReader
    from atscheck.match import tokenize

    data = (_PLAIN + "\n" + junk).encode()
    document = MarkdownReader().read(data, "hostile.md", Limits())
    contact_details.__wrapped__(document.text)  # the patterns themselves, past the cache
    asked = contact_details.cache_info()
    redact(document.text)
    for _ in range(15):
        contact_details(document.text)
    tokenize(document.text)
    assert contact_details.cache_info().misses - asked.misses <= 1
    assert "Kubernetes" in document.text


def test_the_character_cap_applies_before_any_pattern(tmp_path: Path) -> None:
    from atscheck.extract import Limits
    from atscheck.extract.plaintext import MarkdownReader

    document = MarkdownReader().read(("x" * 5000 + "<!-- " * 1000).encode(), "long.md", Limits(max_chars=2000))
    assert len(document.text) <= 2000 and "Only the first 2,000 characters were checked" in document.warnings[0]
    result = invoke(_text("long.txt", (_PLAIN + "\n" + "word " * 1000).encode())(tmp_path), "--max-chars", "1000")
    assert result.output.count("Only the first 1,000 characters") == 1
