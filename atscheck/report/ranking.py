"""What the console ranking shows beyond the Run's ranking: file names short enough for a table."""

from __future__ import annotations

import os
from collections.abc import Sequence

from atscheck.model import Result


def short_names(results: Sequence[Result], width: int | None = None) -> dict[str, str]:
    """File names relative to the folder all files share, so a ranking table stays narrow; with `width`, a
    longer name keeps its start and its end (where names differ: '-resume.pdf' vs '-resume.docx')."""
    files = sorted({result.file for result in results})
    try:
        common = os.path.commonpath([os.path.dirname(f) or "." for f in files])
    except ValueError:  # absolute and relative paths mixed
        common = ""
    names = {f: os.path.relpath(f, common) if common else f for f in files}
    return {f: shorten_middle(name, width) for f, name in names.items()} if width else names


def shorten_middle(text: str, width: int) -> str:
    """'venkatesh-sre-devops-word-13p.pdf' -> 'venkatesh-sr…word-13p.pdf' when it is longer than `width`."""
    if len(text) <= width:
        return text
    tail = (width - 1) // 2
    return text[: width - 1 - tail] + "…" + text[len(text) - tail :]
