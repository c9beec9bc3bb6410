"""length: a resume of a length recruiters and ATS handle well.

Passes: 250 to 1,200 words on at most 2 pages (words as a reader counts them: Chinese and Japanese write no
spaces). Fails: fewer than 250 words (warning: too little to match on), more than 1,200 words or more than
2 pages (info: recruiters skim; some ATS stop reading). A file with no text gets the no-text finding only.
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks.context import Context
from atscheck.model import Finding

ID = "length"
MIN_WORDS = 250
MAX_WORDS = 1200
MAX_PAGES = 2


def check(context: Context) -> Iterator[Finding]:
    document = context.document
    words = document.word_count
    if document.has_text and words < MIN_WORDS:
        yield Finding(
            id=ID,
            severity="warning",
            message=f"Only {words} words: too little for an ATS to find the skills a role asks for.",
            fix="Describe each role with 3-5 bullets of what you built and with which tools (aim for 400-800 words).",
            where="document",
        )
    elif document.has_text and (words > MAX_WORDS or len(document.pages) > MAX_PAGES):
        pages = f" on {len(document.pages)} pages" if document.pages else ""
        yield Finding(
            id=ID,
            severity="info",
            message=f"{words} words{pages}: longer than recruiters read (1-2 pages).",
            fix="Cut older roles to one line each and keep the last 10 years in detail.",
            where="document",
        )
