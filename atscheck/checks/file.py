"""file: the file itself, before its text: size, name and format.

Passes: a PDF or DOCX under 2.5 MB whose extension matches its content. Fails (warning): over 2.5 MB
(Greenhouse does not parse larger files); an extension that does not match the content; a plain-text or
Markdown file (most ATS upload forms want PDF or DOCX).
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks.context import Context
from atscheck.model import Finding

ID = "file"
MAX_BYTES = int(2.5 * 1024 * 1024)


def check(context: Context) -> Iterator[Finding]:
    document = context.document
    if document.size_bytes > MAX_BYTES:
        yield Finding(
            id=ID,
            severity="warning",
            message=f"The file is {document.size_bytes / 1024 / 1024:.1f} MB; some ATS (Greenhouse) do not parse "
            "files over 2.5 MB.",
            fix="Remove or compress pictures and export again (PDF: 'reduce file size' / 'minimum size').",
            where="file",
        )
    if any("is really" in warning for warning in document.warnings):
        yield Finding(
            id=ID,
            severity="warning",
            message="The file's extension does not match its content.",
            fix="Rename the file with the right extension (.pdf or .docx) before you upload it.",
            where="file name",
        )
    if document.format in ("text", "markdown"):
        yield Finding(
            id=ID,
            severity="info",
            message="This is a plain-text/Markdown file; most ATS upload forms ask for PDF or DOCX.",
            fix="Keep this file as your source, and upload a PDF or DOCX made from it (e.g. with pandoc).",
            where="file",
        )
