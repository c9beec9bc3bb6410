"""garbled-text: characters that an ATS reads as garbage.

Passes: the text is made of ordinary letters. Fails (error): "(cid:NN)" glyphs that a PDF font cannot map
to Unicode, replacement characters (U+FFFD) or private-use characters inside words, when they are over 1%
of the text (or 100 or more), or when over 40% of the "words" are not words. Warning: 5 or more such
characters. A private-use symbol standing alone is an icon or a symbol bullet: the images check reports
it, so one cause gives one finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from atscheck.checks.context import ICON_GLYPH, WHOLE_FILE, Context
from atscheck.model import Finding

ID = "garbled-text"
_BAD = re.compile("[\ufffd\ue000-\uf8ff]")
_WORD = re.compile(r"[^\W\d_]{2,}")
_FIX = (
    "Export the PDF again with fonts embedded as Unicode (Word: File > Save As > PDF, 'ISO 19005-1 compliant'; "
    "LaTeX: use pdflatex with \\usepackage[T1]{fontenc} or XeLaTeX), or use another tool, then run atscheck again."
)


def check(context: Context) -> Iterator[Finding]:
    text = context.document.text
    bad = len(_BAD.findall(text)) - len(ICON_GLYPH.findall(text))
    tokens = text.split()
    if not tokens:
        return
    wordlike = sum(1 for token in tokens if _WORD.search(token))
    share_bad_tokens = 1 - wordlike / len(tokens)
    if bad >= 100 or bad / max(len(text), 1) > 0.01:
        yield Finding(
            id=ID,
            severity="error",
            message=f"{bad} characters come out as garbage (fonts without a Unicode map): an ATS reads broken words.",
            fix=_FIX,
            where=WHOLE_FILE,
        )
    elif bad >= 5:
        yield Finding(
            id=ID,
            severity="warning",
            message=f"{bad} characters inside words come out as garbage (fonts without a Unicode map): an ATS "
            "reads those words broken.",
            fix=_FIX,
            where=WHOLE_FILE,
        )
    elif len(tokens) >= 50 and share_bad_tokens > 0.4:
        yield Finding(
            id=ID,
            severity="error",
            message=f"{share_bad_tokens:.0%} of the extracted 'words' are not words: the text is scrambled.",
            fix=_FIX,
            where=WHOLE_FILE,
        )
