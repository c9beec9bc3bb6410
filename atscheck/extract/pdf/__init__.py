"""PDF resumes, read with PDFium: the reader the registry knows, cheap to import; PDFium's bindings load only
when a PDF is read (atscheck/extract/pdf/document.py, which says how the parts fit)."""

from __future__ import annotations

from atscheck.extract.limits import Limits
from atscheck.model import Document


class PdfReader:
    format: str = "pdf"
    label: str = "a PDF"
    extensions: tuple[str, ...] = (".pdf",)

    def recognises(self, head: bytes, name: str) -> bool:
        return b"%PDF-" in head[:1024]

    def read(self, data: bytes, name: str, limits: Limits) -> Document:
        from atscheck.extract.pdf.document import read  # here: PDFium loads only when a PDF is read

        return read(data, name, limits)
