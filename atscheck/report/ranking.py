"""What the console ranking shows beyond the Run's ranking: file names short enough for a table."""

from __future__ import annotations

import os
from collections.abc import Sequence

from atscheck.model import Result


def short_names(results: Sequence[Result]) -> dict[str, str]:
    """File names relative to the folder all files share, so a ranking table stays narrow."""
    files = sorted({result.file for result in results})
    try:
        common = os.path.commonpath([os.path.dirname(f) or "." for f in files])
    except ValueError:  # absolute and relative paths mixed
        return {f: f for f in files}
    return {f: os.path.relpath(f, common) if common else f for f in files}
