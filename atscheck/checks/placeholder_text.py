"""placeholder-text: template leftovers that tell a recruiter the resume was not finished.

Passes: none found. Fails (error): "Lorem ipsum", "First Last", "Your Name", "Company Name",
"your.email@...", "123 Main Street" and similar template text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from atscheck.checks.context import Context
from atscheck.model import Finding

ID = "placeholder-text"
PLACEHOLDERS = re.compile(
    r"(\b(?:lorem ipsum|dolor sit amet|first last|your name( here)?|company name|job title here|"
    r"your\.?email@|email@example\.com|123 main st(reet)?|city, state|university name|"
    r"degree name|month year)|\[your [a-z ]+\])",
    re.IGNORECASE,
)


# Placeholders a space or two apart on one line are one piece of template text ("Lorem ipsum dolor sit amet").
JOIN_GAP = re.compile(r"[ \t]{0,2}")


def check(context: Context) -> Iterator[Finding]:
    text = context.document.text
    pieces: list[list[int]] = []
    for match in PLACEHOLDERS.finditer(text):
        if pieces and JOIN_GAP.fullmatch(text, pieces[-1][1], match.start()):
            pieces[-1][1] = match.end()
        else:
            pieces.append([match.start(), match.end()])
    found = sorted({" ".join(text[start:end].split()) for start, end in pieces}, key=str.lower)
    if found:
        yield Finding(
            id=ID,
            severity="error",
            message=f"Template text left in: {', '.join(repr(f) for f in found[:5])}.",
            fix="Replace every placeholder with your own details, or delete it.",
            where="document",
        )
