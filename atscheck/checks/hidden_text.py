"""hidden-text: text a reader cannot see, and how it is hidden.

Passes: all text is visible. Fails (error): any hidden text that holds words: white or near-white on a
white page, tiny (under 4 pt), Word's Hidden font setting, or a technique the reader of the format names in
Span.hidden_how. In a PDF: invisible ink (text render mode 3 or 7), fully transparent, covered by shapes
drawn over it (one, or several together), clipped away, squeezed to almost no width, placed off the page,
the colour of the shape or picture behind it, masked out, or in a layer the document switches off (the
last ones found by drawing the page). In Word, the look Word shows, through its styles: hidden, white or
tiny through a style, squeezed by character scale or condensed spacing, or the colour of its shading. The
text layer that OCR lays over a scanned page is the text the picture shows, not hidden. Tools that add
invisible keywords exist; recruiters and some ATS penalise them, so terms found only there earn no credit
(the finding rules those ranges out before scoring).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from atscheck.checks.context import Context, pages_where
from atscheck.model import Finding, Span

ID = "hidden-text"
MIN_VISIBLE_SIZE = 4.0  # points
NEAR_WHITE = 0.92  # every RGB channel at least this light


def how_hidden(span: Span) -> str | None:
    """The technique that hides the span from a reader, or None when it can be seen."""
    if span.hidden:
        return span.hidden_how or "set as hidden text (Word's Hidden font setting)"
    if span.font_size is not None and span.font_size < MIN_VISIBLE_SIZE:
        return f"tiny (under {MIN_VISIBLE_SIZE:g} pt)"
    # White text on a dark sidebar or photo band is visible; white on the white page is not.
    if span.color is not None and min(span.color) >= NEAR_WHITE and not span.on_background:
        return "white on the white page"
    return None


def check(context: Context) -> Iterator[Finding]:
    hidden = [
        (span, how)
        for span in context.document.spans
        if (how := how_hidden(span)) is not None and any(c.isalnum() for c in span.text)
    ]
    if not hidden:
        return
    words: Counter[str] = Counter()
    for span, how in hidden:
        words[how] += len(span.text.split())
    ways = "; ".join(f"{count} {how}" for how, count in words.most_common())
    terms = sorted(
        {
            m.term.name
            for m in context.matches
            for o in m.occurrences
            if any(span.start <= o.start < span.end for span, _ in hidden)
        }
    )
    named = f" It holds these terms, which earn no credit there: {', '.join(terms[:8])}." if terms else ""
    yield Finding(
        id=ID,
        severity="error",
        message=f"{words.total()} word(s) are invisible to a reader: {ways}.{named} Recruiters see this as "
        "keyword stuffing, and some ATS reject it.",
        fix="Delete the hidden text. Put each skill you really have, visibly, in your Skills section and in the job "
        "where you used it.",
        where=pages_where(span.page for span, _ in hidden),
        uncredited=tuple((span.start, span.end) for span, _ in hidden),
    )
