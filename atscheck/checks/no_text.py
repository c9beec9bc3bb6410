"""no-text: the file, or a page of it, holds (almost) no text an ATS can read.

Passes: every page has text (a short last line, "References on request", is text). Fails (error): an
image-only or scanned resume, where an ATS sees an empty page; or a page of a PDF that shows a picture and
under 30 characters of text while others have plenty: a scanned page. Notes (info): a page with nothing on
it at all, often the last page of a Google Docs export: an ATS skips it, a recruiter sees an empty page.
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks.context import WHOLE_FILE, Context
from atscheck.model import Finding

ID = "no-text"
MIN_PAGE_CHARS = 30
_FIX_EXPORT = (
    "Export the resume from the program you wrote it in (Word, Google Docs, LaTeX) as PDF or DOCX with real "
    "text, not as a scan, photo or flattened image. Test: if you cannot select the words, an ATS cannot read them."
)


def check(context: Context) -> Iterator[Finding]:
    document = context.document
    if not document.has_text:
        pictures = (
            f" It holds {document.images} picture(s): the resume is probably an image." if document.images else ""
        )
        yield Finding(
            id=ID,
            severity="error",
            message=f"An ATS finds almost no text in this file ({document.word_count} words).{pictures}",
            fix=_FIX_EXPORT,
            where=WHOLE_FILE,
        )
        return
    scanned = [page.number for page in document.pages if page.chars < MIN_PAGE_CHARS and page.images]
    if scanned:
        pages = ", ".join(str(n) for n in scanned)
        yield Finding(
            id=ID,
            severity="error",
            message=f"Page(s) {pages} show a picture but no readable text: an ATS sees them as empty.",
            fix="If those pages are images or scans, replace them with real text. " + _FIX_EXPORT,
            where=f"page {pages}",
        )
    blank = [page.number for page in document.pages if page.chars == 0 and not page.images and not page.icons]
    if blank:
        pages = ", ".join(str(n) for n in blank)
        yield Finding(
            id=ID,
            severity="info",
            message=f"Page(s) {pages} are blank: an ATS skips them, but a recruiter sees an empty page.",
            fix="Delete the blank page before you export (in Google Docs: remove the empty lines or the page break "
            "at the end of the document).",
            where=f"page {pages}",
        )
