"""Text helpers every layer shares: how characters are cleaned and folded, and how a line of a resume is
recognised as a bullet. Extraction, structure, matching and the checks must read text the same way, so the
rules live here, below all of them."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u00ad": None,  # soft hyphen: only a hint where a line may break
        "\u200b": None,  # zero-width space and joiners
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\u2010": "-",  # typographic hyphens, so "CI‐CD" reads like "CI-CD"
        "\u2011": "-",
    }
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    """Ligatures become letters; invisible and control characters go; tabs become spaces; full-width and other
    compatibility forms read as their plain characters (NFKC)."""
    return fold(CONTROL.sub(" ", text.translate(_LIGATURES).replace("\t", " ")))


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1:  # "™" -> "TM" would shift every offset after it: left as it is
        return char
    return "-" if folded in "\u2010\u2011" else folded


def fold(text: str) -> str:
    """NFKC, one character for one, so every offset stays: "Ｐｙｔｈｏｎ" is "Python", "，" is ","."""
    if text.isascii():
        return text
    table = {ord(c): f for c in set(text) if not c.isascii() and (f := _fold_char(c)) != c}
    return text.translate(table) if table else text


# Bullet glyphs of every kind ("-", "*", "+" count too before a space).
BULLETS = "•·▪‣◦●○■□◆◇➢➤⮚►▶✓✔★☆✦❖–\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def is_bullet(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and (stripped[0] in BULLETS or stripped[:2] in ("- ", "* ", "+ "))


_ITEM_SEPARATOR = re.compile(r"[,;|•·]")


def split_items(line: str) -> list[str]:
    """The items of a list line ("Python, Go | Docker; Helm"), each stripped; empty items left out. Split on
    the separator alone and strip after, so a run of spaces costs time in proportion to its length."""
    return [item for part in _ITEM_SEPARATOR.split(line) if (item := part.strip())]


NUMBER_WORDS = {
    word: number
    for number, word in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 1)
}
# Years of experience as postings write them: "5+ years", "3-5 yrs", "five (5) years", "2 or more years". The
# first group is the lowest number named, which is what is asked.
YEARS = re.compile(
    r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s*\+?\s*(?:(?:-|–|to|or)\s*(?:\d{1,2}|more)\s*)?\+?\s*"
    r"(?:\(\d+\)\s*)?(?:years?|yrs?)\b",
    re.IGNORECASE,
)


def number_of(text: str) -> int:
    """ "5" or "five" as a number."""
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]
