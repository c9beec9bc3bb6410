"""not-english: the resume is mostly in another language, and the role profiles are English.

Passes: English text, or too little text to tell (under MIN_WORDS words). Fails (info): most letters are
not Latin (Chinese, Cyrillic, Arabic, ...), or the text's common short words are those of Spanish,
French, German or Portuguese far more than English ones. The resume is scored as it is; the finding says
why an English keyword search finds little, and reports show it first, as it explains the whole result.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from atscheck.checks.context import WHOLE_FILE, Context
from atscheck.model import Finding

ID = "not-english"
MIN_WORDS = 50
MIN_LATIN_SHARE = 0.5  # of all letters
MIN_FOREIGN_WORDS = 15
FOREIGN_RATIO = 2.0  # foreign function words per English one
_SHORT_WORD = re.compile(r"\b[^\W\d_]{1,4}\b")
_BEYOND_LATIN = re.compile("[\u0250-\U0010ffff]+")  # past Latin Extended-B
# Short, frequent words of each language (the foreign ones are not English words too).
ENGLISH = frozenset(
    {
        *("the", "and", "of", "to", "in", "for", "with", "on", "at", "by", "from", "as", "is", "was", "are"),
        *("my", "our", "we", "an", "over", "into", "using", "were", "has", "have", "this"),
    }
)
OTHER = frozenset(
    {
        *("de", "la", "el", "en", "y", "los", "las", "del", "con", "para", "por", "una", "es"),  # Spanish
        *("le", "les", "des", "et", "du", "une", "au", "aux", "avec", "pour", "sur", "est"),  # French
        *("und", "der", "das", "mit", "für", "von", "zu", "im", "ist", "auf", "dem", "bei"),  # German
        *("em", "da", "dos", "com", "uma", "ao", "nos", "na"),  # Portuguese
    }
)


def check(context: Context) -> Iterator[Finding]:
    text = context.document.text
    if context.document.word_count < MIN_WORDS:
        return
    letters = sum(map(str.isalpha, text))  # counted in C: this runs over every character of the resume
    latin = letters - sum(map(str.isalpha, "".join(_BEYOND_LATIN.findall(text))))
    words = Counter(map(str.lower, _SHORT_WORD.findall(text)))
    english = sum(words[w] for w in ENGLISH)
    other = sum(words[w] for w in OTHER)
    if letters and latin / letters < MIN_LATIN_SHARE:
        why = f"{1 - latin / letters:.0%} of its letters are not Latin letters"
    elif other >= MIN_FOREIGN_WORDS and other > FOREIGN_RATIO * english:
        why = "its common words are not English ones"
    else:
        return
    yield Finding(
        id=ID,
        severity="info",
        message=f"The resume is mostly not in English ({why}), and the role's terms are English: an English "
        "keyword search finds little in it. It was scored as it is.",
        fix="Applying in English? Send an English version, with the role's terms spelled as the posting spells "
        "them. Applying in another language? Score it against a posting in that language with --jd.",
        where=WHOLE_FILE,
    )
