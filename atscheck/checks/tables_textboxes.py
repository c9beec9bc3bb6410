"""tables-textboxes: content inside DOCX tables or text boxes.

Passes: no text in tables or text boxes. Fails (warning): text in either, with the profile terms that
appear only there. Many ATS (Taleo, Workday, iCIMS are reported) skip text boxes and scramble tables, so
what is written only there may never reach the recruiter's search.
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks.context import Context, terms_only_in
from atscheck.model import Finding

ID = "tables-textboxes"
_NAMES = {"table": "tables", "textbox": "text boxes"}


def check(context: Context) -> Iterator[Finding]:
    words = {source: 0 for source in _NAMES}
    for span in context.document.spans:
        if span.source in words:
            words[span.source] += sum(1 for word in span.text.split() if any(c.isalnum() for c in word))
    used = [source for source, count in words.items() if count]
    if not used:
        return
    places = " and ".join(_NAMES[source] for source in used)
    counts = ", ".join(f"{words[source]} words in {_NAMES[source]}" for source in used)
    only_there = terms_only_in(context, set(used))
    named = (
        f" {len(only_there)} of the role's terms {'appears' if len(only_there) == 1 else 'appear'} only there: "
        f"{', '.join(only_there[:8])}" + ("..." if len(only_there) > 8 else ".")
        if only_there
        else ""
    )
    yield Finding(
        id=ID,
        severity="warning",
        message=f"Part of the resume is inside {places} ({counts}). Many ATS skip text boxes and "
        f"scramble tables.{named}",
        fix="Move that content into ordinary paragraphs and bullet lists; use tab stops, not tables or text "
        "boxes, to line things up.",
        where=places,
    )
