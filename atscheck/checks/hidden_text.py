"""hidden-text: text a reader cannot see (white or near-white, tiny, or hidden by Word's "vanish").

Passes: all text is visible. Fails (error): any hidden text that holds words. Tools that add invisible
keywords exist; recruiters and some ATS penalise them, so terms found only there earn no credit (the
finding rules those ranges out before scoring).
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks import Context, pages_where
from atscheck.model import Finding, Span

ID = "hidden-text"
MIN_VISIBLE_SIZE = 4.0  # points
NEAR_WHITE = 0.92  # every RGB channel at least this light


def is_hidden(span: Span) -> bool:
    if span.hidden:
        return True
    if span.font_size is not None and span.font_size < MIN_VISIBLE_SIZE:
        return True
    # White text on a dark sidebar or photo band is visible; white on the white page is not.
    return span.color is not None and min(span.color) >= NEAR_WHITE and not span.on_background


def check(context: Context) -> Iterator[Finding]:
    hidden = [span for span in context.document.spans if is_hidden(span) and any(c.isalnum() for c in span.text)]
    if not hidden:
        return
    words = sum(len(span.text.split()) for span in hidden)
    terms = sorted(
        {
            m.term.name
            for m in context.matches
            for o in m.occurrences
            if any(span.start <= o.start < span.end for span in hidden)
        }
    )
    named = f" It holds these terms, which earn no credit there: {', '.join(terms[:8])}." if terms else ""
    yield Finding(
        id=ID,
        severity="error",
        message=f"{words} word(s) are invisible (white, tiny or hidden text).{named} Recruiters see this as "
        "keyword stuffing, and some ATS reject it.",
        fix="Delete the hidden text. Put each skill you really have, visibly, in your Skills section and in the job "
        "where you used it.",
        where=pages_where(span.page for span in hidden),
        uncredited=tuple((span.start, span.end) for span in hidden),
    )
