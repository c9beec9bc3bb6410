"""multi-column: text laid out side by side in columns.

Passes: one column. Fails (warning): a PDF page with two columns of text, or a DOCX section set in
several columns. Many ATS read straight across the page and interleave the columns.
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks.context import Context, pages_where
from atscheck.model import Finding

ID = "multi-column"


def check(context: Context) -> Iterator[Finding]:
    document = context.document
    pages = [page.number for page in document.pages if page.columns > 1]
    if pages or (not document.pages and document.columns > 1):
        yield Finding(
            id=ID,
            severity="warning",
            message="The resume is laid out in columns. atscheck read them column by column, but many ATS read "
            "straight across the page and mix the columns' lines together.",
            fix="Use a single-column layout. Check what an ATS may see with --show-text.",
            where=pages_where(pages),
        )
