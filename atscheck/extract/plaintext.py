"""Plain-text and Markdown resumes (resume.txt, resume.md), read as a person reads them."""

from __future__ import annotations

import re
from pathlib import Path

from atscheck.extract import front_matter
from atscheck.extract.limits import Limits, chars_cut
from atscheck.extract.textbuild import Run, TextBuilder
from atscheck.model import Document

MARKDOWN_EXTENSIONS = (".md", ".markdown")


class TextReader:
    format: str = "text"
    label: str = "a plain-text file"
    extensions: tuple[str, ...] = (".txt", ".text")

    def recognises(self, head: bytes, name: str) -> bool:
        return looks_like_text(head)

    def read(self, data: bytes, name: str, limits: Limits) -> Document:
        return _read(data, name, limits, markdown=False)


class MarkdownReader:
    """Text named .md or .markdown: its headings, links and emphasis read as a rendered page shows them."""

    format: str = "markdown"
    label: str = "a Markdown file"
    extensions: tuple[str, ...] = MARKDOWN_EXTENSIONS

    def recognises(self, head: bytes, name: str) -> bool:
        return Path(name).suffix.lower() in MARKDOWN_EXTENSIONS and looks_like_text(head)

    def read(self, data: bytes, name: str, limits: Limits) -> Document:
        return _read(data, name, limits, markdown=True)


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32, by its byte-order mark or, without one, by where the zero bytes of mostly-Latin
    text fall (every other byte for UTF-16, three of four for UTF-32); None for other text."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    sample = head[: len(head) - len(head) % 4]
    if len(sample) < 8 or sample.count(0) < len(sample) // 3:
        return None
    lanes = [sample[lane::4].count(0) / (len(sample) // 4) for lane in range(4)]
    for pattern, encoding in (
        ((0, 1, 1, 1), "utf-32-le"),
        ((1, 1, 1, 0), "utf-32-be"),
        ((0, 1, 0, 1), "utf-16-le"),
        ((1, 0, 1, 0), "utf-16-be"),
    ):
        if all((share > 0.9) if zero else (share < 0.1) for share, zero in zip(lanes, pattern, strict=True)):
            return encoding
    return None


def looks_like_text(head: bytes) -> bool:
    if head.startswith(b"\xef\xbb\xbf") or wide_encoding(head):
        return True
    if b"\x00" in head:
        return False
    control = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return control <= len(head) * 0.02


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


# Every pattern below takes time in proportion to the line, however hostile (128 KB of "[", "<!--", "*a"
# or "<a "): a character class never spans the character that could start another match, quantifiers are
# possessive where giving back could only fail, and HTML comments are cut out by str.find, not a regex.
_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t](.*)$")
_SETEXT_RULE = re.compile(r"^[ \t]{0,3}(?:=++|-++)[ \t]*+$")
_RULE = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*+\1){2,}+[ \t]*+$")
_IMAGE = re.compile(r"!\[([^\[\]]*+)\]\([^()]*+\)")
_LINK = re.compile(r"\[([^\[\]]++)\]\([^()]*+\)")
_REF_LINK = re.compile(r"\[([^\[\]]++)\]\[[^\[\]]*+\]")
_LINK_DEF = re.compile(r"^[ \t]{0,3}\[[^\[\]]++\]:[ \t]++\S")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>]++)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*+>")
# **bold**, __bold__, ~~struck~~, *italic*, _italic_: the text inside never holds its own marker.
_EMPHASIS = re.compile(
    r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*|__(?=\S)([^_]+?)(?<=\S)__|~~(?=\S)([^~]+?)(?<=\S)~~"
    r"|\*(?=\S)([^*]+?)(?<=\S)\*|_(?=\S)([^_]+?)(?<=\S)_"
)
_CODE = re.compile(r"`++([^`]*+)`++")
_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?")
_TABLE_RULE = re.compile(r"^[ \t]*+\|?+[ \t]*+:?+-{3,}+:?+[ \t]*+(?:\|[ \t]*+:?+-{3,}+:?+[ \t]*+)*+\|?+[ \t]*+$")


def _emphasised(match: re.Match[str]) -> str:
    return next(group for group in match.groups() if group is not None)


def _inline(text: str) -> str:
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    for _ in range(3):  # nested emphasis: ***bold italic***
        text = _EMPHASIS.sub(_emphasised, text)
    text = text.replace("\\", "") if "\\" in text else text
    if "|" in text and text.strip().startswith("|"):
        text = "  ".join(cell.strip() for cell in text.strip().strip("|").split("|"))
    return text


def _without_comments(text: str) -> str:
    """The text without <!-- HTML comments --> (an unclosed one stays, as it is not a comment)."""
    pieces: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        pieces.append(text[position:start])
        position = end + 3
    return "".join([*pieces, text[position:]]) if pieces else text


def _heading_text(rest: str) -> str:
    """An ATX heading's text without its optional closing #s (which follow a space: "C#" keeps its #)."""
    text = rest.strip()
    without = text.rstrip("#")
    if without != text and (not without or without[-1] in " \t"):
        text = without.rstrip()
    return text


def _markdown_lines(text: str) -> list[tuple[str, int]]:
    """The lines a reader sees, each with its heading level (0 for body text)."""
    shown, text = front_matter.split(text)
    text = _without_comments(text)
    raw = text.split("\n")
    lines: list[tuple[str, int]] = [(value, 0) for value in shown] + ([("", 0)] if shown else [])
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
            lines.append((_inline(_heading_text(heading.group(2))), len(heading.group(1))))
            continue
        following = raw[index + 1] if index + 1 < len(raw) else ""
        if line.strip() and _SETEXT_RULE.match(following) and not _RULE.match(line):
            lines.append((_inline(line), 1 if following.strip().startswith("=") else 2))
            continue
        if (_SETEXT_RULE.match(line) and lines and lines[-1][1]) or _RULE.match(line):
            continue
        lines.append((_inline(_BLOCKQUOTE.sub("", line)), 0))
    return lines


def _read(data: bytes, path: str, limits: Limits, markdown: bool) -> Document:
    text, warnings = decode(data)
    if len(text) > limits.max_chars:  # cut before any pattern runs: no regex sees more than the limit
        text = text[: limits.max_chars]
        warnings.append(chars_cut(limits))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _markdown_lines(text) if markdown else [(line, 0) for line in text.split("\n")]
    builder = TextBuilder()
    for line, level in lines:
        if line.strip():
            builder.add_line([Run(line, {"heading_level": level})])
        else:
            builder.add_break()
    full_text, spans = builder.build()
    fmt = "markdown" if markdown else "text"
    return Document(path=path, format=fmt, text=full_text, spans=spans, warnings=tuple(warnings))
