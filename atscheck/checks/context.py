"""What every check reads (the Context of one document and profile) and the helpers several checks share."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from atscheck.model import Career, Document, Finding, Profile, TermMatch

# A symbol standing on its own, not inside a word: an icon-font symbol (private use area) or a glyph the font
# could not map (U+FFFD) is then an icon or a symbol bullet, which the images check reports; inside words,
# such characters are garbled text.
_SYMBOL = "\ufffd\ue000-\uf8ff"
ICON_GLYPH = re.compile(f"(?<![\\w{_SYMBOL}])[{_SYMBOL}](?![\\w{_SYMBOL}])")


@dataclass(frozen=True)
class Context:
    document: Document
    profile: Profile
    matches: tuple[TermMatch, ...]
    career: Career | None  # the work history from the parsed roles, and where each term is shown


CheckFunction = Callable[[Context], Iterator[Finding]]


def pages_where(pages: Iterable[int | None]) -> str:
    """'page 1, 3' for a finding's where, or 'document' for formats without pages."""
    numbers = sorted({page for page in pages if page})
    return f"page {', '.join(map(str, numbers))}" if numbers else "document"


def terms_only_in(context: Context, sources: set[str]) -> list[str]:
    """The profile terms found, but only in text from these sources (tables, headers, ...)."""
    return sorted(
        match.term.name
        for match in context.matches
        if match.occurrences and all(o.source in sources for o in match.occurrences)
    )


WHOLE_FILE = "whole file"  # the `where` of a finding about the whole file, not one page of it
