"""Word (DOCX) resumes: the reader the registry knows, cheap to import; python-docx loads only when a DOCX is
read (atscheck/extract/docx/document.py)."""

from __future__ import annotations

from atscheck.extract.limits import Limits
from atscheck.model import Document


class DocxReader:
    format: str = "docx"
    label: str = "a Word (DOCX) file"
    extensions: tuple[str, ...] = (".docx",)

    def recognises(self, head: bytes, name: str) -> bool:
        return head.startswith(b"PK\x03\x04")  # a zip; the reader says so when it is not a Word document

    def read(self, data: bytes, name: str, limits: Limits) -> Document:
        from atscheck.extract.docx.document import read  # here: python-docx loads only when a DOCX is read

        return read(data, name, limits)
