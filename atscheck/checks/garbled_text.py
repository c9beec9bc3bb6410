"""garbled-text: characters that an ATS reads as garbage.

Passes: the text is made of ordinary letters, in any script (Japanese and Chinese write words without
spaces between them, and dates like "2019年4月" between digits). Fails (error): glyphs that a PDF font cannot
map to Unicode (they come out as the replacement character U+FFFD) or private-use characters inside words,
when they are over 1% of the text (or 100 or more), or, in a PDF, when over 40% of the "words" hold no
letters at all. Warning: 5 or more such characters. A private-use symbol standing alone is an icon or a
symbol bullet: the images check reports it, so one cause gives one finding. Text a person typed (a Word,
text or Markdown file) cannot be scrambled by fonts: only its broken characters are reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from atscheck.checks.context import ICON_GLYPH, WHOLE_FILE, Context
from atscheck.model import Finding

ID = "garbled-text"
_BAD = re.compile("[\ufffd\ue000-\uf8ff]")
_LETTER = re.compile(r"[^\W\d_]")
_FIX_PDF = (
    "Export the PDF again with fonts embedded as Unicode (Word: File > Save As > PDF, 'ISO 19005-1 compliant'; "
    "LaTeX: use pdflatex with \\usepackage[T1]{fontenc} or XeLaTeX), or use another tool, then run atscheck again."
)
_FIX_TYPED = (
    "Replace the characters that show as boxes or question marks (symbols from a symbol font or pasted from "
    "elsewhere) with plain letters, save, and run atscheck again."
)


def check(context: Context) -> Iterator[Finding]:
    text = context.document.text
    bad = len(_BAD.findall(text)) - len(ICON_GLYPH.findall(text))
    tokens = text.split()
    if not tokens:
        return
    pdf = context.document.format == "pdf"
    fix = _FIX_PDF if pdf else _FIX_TYPED
    why = "fonts without a Unicode map" if pdf else "symbols an ATS cannot read"
    wordlike = sum(1 for token in tokens if _LETTER.search(token))
    share_bad_tokens = 1 - wordlike / len(tokens)
    if bad >= 100 or bad / max(len(text), 1) > 0.01:
        yield Finding(
            id=ID,
            severity="error",
            message=f"{bad} characters come out as garbage ({why}): an ATS reads broken words.",
            fix=fix,
            where=WHOLE_FILE,
        )
    elif bad >= 5:
        yield Finding(
            id=ID,
            severity="warning",
            message=f"{bad} characters inside words come out as garbage ({why}): an ATS reads those words broken.",
            fix=fix,
            where=WHOLE_FILE,
        )
    elif pdf and len(tokens) >= 50 and share_bad_tokens > 0.4:
        yield Finding(
            id=ID,
            severity="error",
            message=f"{share_bad_tokens:.0%} of the extracted 'words' are not words: the text is scrambled.",
            fix=fix,
            where=WHOLE_FILE,
        )
