"""The front matter of a Markdown resume (Jekyll and Hugo write YAML between "---" lines, Hugo also TOML
between "+++" lines): its string values are what the site's theme shows on the page (a job title, a
certificate, a summary), so they are read as lines of text; its keys, and values no page shows (layout,
permalink, dates, tags for the search engine), are not.

YAML is read by its common block form only (key: value, "- item" lists, [a, b] lists, quoted and | > block
strings), which is what front matter holds; anything stranger is skipped, never guessed at.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator

_FENCE = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# Keys whose values a theme uses but does not show as text of the resume.
_NOT_SHOWN = frozenset(
    {
        "layout", "permalink", "icon", "order", "weight", "date", "lastmod", "publishdate", "expirydate", "draft",
        "slug", "url", "aliases", "type", "template", "sitemap", "keywords", "tags", "categories", "published",
        "redirect_from", "toc", "comments", "math", "share", "image", "thumbnail", "css", "js", "lang",
        "language", "menu", "nav_order", "render_with_liquid", "sidebar", "header", "footer", "theme", "robots",
        "alt", "src", "href", "link", "logo", "avatar", "photo",
    }
)  # fmt: skip
_KEY = re.compile(r"^(\s*)(?:-\s+)?([\w .-]+?)\s*:(?:\s+(.*))?$")
_ITEM = re.compile(r"^(\s*)-\s+(.*)$")
_PLAIN_SCALAR = re.compile(r"^(?:true|false|yes|no|null|~|[-+]?\d[\d_.:\-T ]*Z?)$", re.IGNORECASE)


def split(text: str) -> tuple[list[str], str]:
    """(the front matter's lines of text, the rest of the document); no front matter: ([], text)."""
    fence = _FENCE.match(text)
    if fence is None:
        return [], text
    body = fence.group(2)
    values = list(_toml_values(body)) if fence.group(1) == "+++" else list(_yaml_values(body))
    return values, text[fence.end() :]


def _toml_values(body: str) -> Iterator[str]:
    try:
        data = tomllib.loads(body)
    except (tomllib.TOMLDecodeError, RecursionError):
        return
    yield from _walk(data, shown=True)


def _walk(value: object, shown: bool) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _walk(inner, shown and str(key).lower() not in _NOT_SHOWN)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(inner, shown)
    elif isinstance(value, str) and shown and value.strip():
        yield from (line.strip() for line in value.splitlines() if line.strip())


def _yaml_values(body: str) -> Iterator[str]:
    hidden_below: int | None = None  # indentation under which values belong to a key no page shows
    block: tuple[int, bool] | None = None  # a | or > block string: (its key's indentation, shown)
    for line in body.split("\n"):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if block is not None:
            if not stripped or indent > block[0]:
                if stripped and block[1]:
                    yield stripped
                continue
            block = None
        if not stripped or stripped.startswith("#"):
            continue
        if hidden_below is not None and indent <= hidden_below and not _ITEM.match(line):
            hidden_below = None
        shown = hidden_below is None
        key = _KEY.match(line)
        if key is not None and not key.group(2).startswith(("'", '"')):
            name, value = key.group(2).strip().lower(), (key.group(3) or "").strip()
            column = line.index(key.group(2))  # a key of a "- " item stands right of the dash
            if name in _NOT_SHOWN and shown:
                shown = False
                if not value or value in ("|", ">", "|-", ">-", "|+", ">+"):  # a nested block no page shows
                    hidden_below = column
            if value in ("|", ">", "|-", ">-", "|+", ">+"):
                block = (column, shown)
                continue
            if shown:
                yield from _scalars(value)
            continue
        item = _ITEM.match(line)
        if item is not None and shown:
            yield from _scalars(item.group(2).strip())


def _scalars(value: str) -> Iterator[str]:
    """The text of one YAML value: a quoted or plain string, or the strings of a [a, b] list; not numbers,
    booleans, dates or anchors."""
    value = re.sub(r"\s+#.*$", "", value) if not value.startswith(("'", '"')) else value
    if not value or value.startswith(("&", "*", "!", "{")):
        return
    if value.startswith("[") and value.endswith("]"):
        for piece in value[1:-1].split(","):
            yield from _scalars(piece.strip())
        return
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].replace('\\"', '"') if value[0] == '"' else value[1:-1].replace("''", "'")
    elif _PLAIN_SCALAR.match(value):
        return
    if value.strip():
        yield value.strip()
