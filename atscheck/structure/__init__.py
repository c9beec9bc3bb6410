"""The structure a reader sees in a resume: its sections (and, read from them, its roles, education and
certificates). Every input format feeds this one stage, so a heading, a role or a degree is read the same
way whatever file it came from."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from atscheck.extract import Limits, extract, extract_bytes
from atscheck.model import Document
from atscheck.structure.resume import masked, read_resume
from atscheck.structure.sections import find_sections


def structured(document: Document) -> Document:
    """The extracted document with its sections found and its fields read (a format that declares its fields,
    as JSON Resume does, keeps them)."""
    with_sections = replace(document, sections=find_sections(document.text, document.spans))
    fields = document.resume if document.resume is not None else read_resume(with_sections)
    return replace(with_sections, resume=masked(fields))


def read_document(path: Path, limits: Limits | None = None) -> Document:
    """Read and structure the file at `path`; raises InputError saying what is wrong and what to do."""
    return structured(extract(path, limits))


def read_document_bytes(data: bytes, name: str, limits: Limits | None = None) -> Document:
    """Read and structure a file's content; `name` is what results call the file."""
    return structured(extract_bytes(data, name, limits))
