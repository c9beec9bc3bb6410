"""The Python examples in docs/ run as written: each page's blocks in order, in one fresh interpreter, from
the repository's root folder (the examples' paths are relative to it)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import REPO

PAGES = ["docs/library.md"]


def python_blocks(page: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", (REPO / page).read_text(encoding="utf-8"), re.M | re.S)


@pytest.mark.parametrize("page", PAGES)
def test_the_examples_run(page: str) -> None:
    blocks = python_blocks(page)
    assert len(blocks) >= 5
    script = "\n".join(f"# block {number}\n{block}" for number, block in enumerate(blocks, start=1))
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "best fit: mlops-engineer" in done.stdout and "TypeError:" in done.stdout
