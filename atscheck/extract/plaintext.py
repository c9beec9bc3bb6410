"""Plain-text and Markdown resumes (resume.txt, resume.md), read as a person reads them."""

from __future__ import annotations

import re

from atscheck.extract import Limits, wide_encoding
from atscheck.extract.textbuild import Run, TextBuilder
from atscheck.model import Document, Format, Span


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 or UTF-32 (by BOM or zero-byte pattern); otherwise Windows-1252 /
    Latin-1, which never fail."""
    wide = wide_encoding(data[:4096])
    if wide:
        return data.decode(wide, errors="replace").lstrip("\ufeff"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    latin = (
        "The file is not UTF-8; it was read as Windows-1252 (Latin-1). "
        "Save it as UTF-8 so accented letters come through an ATS unchanged."
    )
    try:
        return data.decode("cp1252"), [latin]
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined; Latin-1 maps every byte
        return data.decode("latin-1"), [latin]


_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`+([^`]*)`+")
_BLOCKQUOTE = re.compile(r"^\s{0,3}>\s?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _inline(text: str) -> str:
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    for _ in range(3):  # nested emphasis: ***bold italic***
        text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("\\", "") if "\\" in text else text
    if "|" in text and text.strip().startswith("|"):
        text = "  ".join(cell.strip() for cell in text.strip().strip("|").split("|"))
    return text


def _markdown_lines(text: str) -> list[tuple[str, int]]:
    """The lines a reader sees, each with its heading level (0 for body text)."""
    text = _FRONT_MATTER.sub("", text, count=1)
    text = _HTML_COMMENT.sub("", text)
    raw = text.split("\n")
    lines: list[tuple[str, int]] = []
    in_fence = False
    for index, line in enumerate(raw):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            lines.append((line, 0))  # code blocks keep their content as written
            continue
        if _LINK_DEF.match(line) or (_TABLE_RULE.match(line) and "|" in line):
            continue
        heading = _ATX_HEADING.match(line)
        if heading:
            level = len(line.lstrip()) - len(line.lstrip().lstrip("#"))
            lines.append((_inline(heading.group(1)), level))
            continue
        following = raw[index + 1] if index + 1 < len(raw) else ""
        if line.strip() and _SETEXT_RULE.match(following) and not _RULE.match(line):
            lines.append((_inline(line), 1 if following.strip().startswith("=") else 2))
            continue
        if (_SETEXT_RULE.match(line) and lines and lines[-1][1]) or _RULE.match(line):
            continue
        lines.append((_inline(_BLOCKQUOTE.sub("", line)), 0))
    return lines


def read(data: bytes, path: str, fmt: Format, limits: Limits) -> Document:
    text, warnings = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _markdown_lines(text) if fmt == "markdown" else [(line, 0) for line in text.split("\n")]
    builder = TextBuilder()
    for line, level in lines:
        if line.strip():
            builder.add_line([Run(line, Span(text="", start=0, heading_level=level))])
        else:
            builder.add_break()
    full_text, spans = builder.build()
    return Document(path=path, format=fmt, text=full_text, spans=spans, warnings=tuple(warnings))
