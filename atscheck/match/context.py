"""The context of a short name or an ordinary word: whether it stands as an item of a list (after a bullet,
between commas, on a labelled line, in an "and"/"or" pair), begins an "-Ops" compound, or has the context
words it needs nearby."""

from __future__ import annotations

from collections.abc import Iterable

from atscheck.match.tokens import Tokens

# ---------------------------------------------------------------- context of a short name or ordinary word


def wraps(tokens: Tokens, index: int) -> bool:
    """The line break after token `index` only wraps a sentence: the next line goes on in lower case, with no
    bullet (a PDF's lines, a wrapped bullet)."""
    following = index + 1
    return following < len(tokens.texts) and tokens.texts[following][:1].islower() and not tokens.bullet[following]


def ops_compound(tokens: Tokens, start: int, end: int) -> bool:
    """A short word that begins an "-Ops" compound ("ML Ops", "Git-Ops", "AIOps" as "AI Ops") names the
    practice, not the word: "ML Ops" is no machine learning, "Git Ops" no Git."""
    return (
        end - start == 1
        and len(tokens.texts[start]) <= 3
        and end < len(tokens.texts)
        and tokens.lower[end] == "ops"
        and tokens.gap[end] in ("", " ", "-")
    )


# "and" and "or" in the languages resumes are written in: "Go and R", "Go et R", "Go y R", "Go und R".
_CONJUNCTIONS = frozenset(
    {"and", "or", "und", "oder", "et", "ou", "y", "o", "e", "u", "en", "of", "og", "och", "eller", "i", "lub"}
    | {"oraz", "ja", "tai", "ve", "veya", "és", "vagy", "и", "или", "та", "або"}
)

_LIST_MARKS = frozenset({",", "|", ";", "+", "&", "、", "·", "•", "/"})
_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_NONE, _WEAK, _STRONG = 0, 1, 2


def _conjunction(text: str) -> bool:
    """ "and" or "or" in a language resumes are written in: a list of two names ("Go y R")."""
    return text in _CONJUNCTIONS


def _paired(tokens: Tokens, start: int, end: int, named: frozenset[int]) -> bool:
    """The words are one of two names joined by "and" or "or", in any language: "Go und R", "Go et R en
    production" (a list of two, as in "Go and R in production")."""
    left = (
        start >= 2 and not tokens.line_end[start - 2] and _conjunction(tokens.lower[start - 1]) and start - 2 in named
    )
    right = (
        end + 1 < len(tokens.texts)
        and not tokens.line_end[end - 1]
        and not tokens.line_end[end]
        and _conjunction(tokens.lower[end])
        and end + 1 in named
    )
    return left or right


def _item_ends(tokens: Tokens, index: int) -> bool:
    """Token `index` ends an item: a line break, list punctuation or a full stop follows."""
    return (
        tokens.line_end[index]
        or "/" in tokens.gap[index + 1]
        or tokens.texts[index + 1] in _LIST_MARKS
        or tokens.texts[index + 1] in (".", ")")
    )


def _left(tokens: Tokens, start: int, named: frozenset[int]) -> int:
    gap = tokens.gap[start]
    if start == 0 or tokens.line_start[start]:  # after a bullet of any kind, or none
        return _WEAK
    before = tokens.texts[start - 1]
    if "/" in gap or before in _LIST_MARKS:
        return _STRONG
    if ":" in gap:  # a labelled line, "Languages: Go", "编程语言: C"; not prose after a label, "Note: Go to the"
        label = 0 < _words_before(tokens, start) <= _LABEL_WORDS
        prose = not tokens.line_end[start] and tokens.texts[start + 1][:1].islower()
        return _STRONG if label and not prose else _WEAK
    if before in _OPEN:
        return _WEAK
    if _conjunction(tokens.lower[start - 1]) and start >= 2 and not tokens.line_end[start - 2]:
        return _STRONG if start - 2 in named else _NONE  # "Go und R"; not "All the rest"
    return _NONE


def _right(tokens: Tokens, end: int, named: frozenset[int]) -> int:
    last = end - 1
    if tokens.line_end[last]:
        return _WEAK
    after = tokens.texts[end]
    if "/" in tokens.gap[end] or after in _LIST_MARKS:
        return _STRONG
    if after in _CLOSE or after in _OPEN:  # "(Go)", "- spring(101)"
        return _WEAK
    if after == ".":
        return _WEAK if tokens.line_end[end] else _NONE  # "- Go." yes; "John R. Smith" no
    if _conjunction(tokens.lower[end]) and not tokens.line_end[end] and end + 1 in named:
        return _STRONG if _item_ends(tokens, end + 1) else _NONE  # "Go und R"; not "Go to Market Strategy"
    return _NONE


def listed(tokens: Tokens, start: int, end: int, named: frozenset[int]) -> bool:
    """The words stand as an item of a list: list punctuation on one side, a label before them, a line (nearly)
    to themselves, or the end of a bulleted line ("- Some Go.")."""
    if _paired(tokens, start, end, named):
        return True
    left, right = _left(tokens, start, named), _right(tokens, end, named)
    following = None if tokens.line_end[end - 1] else tokens.texts[end]
    # A short line of a one-per-line list: "C Programming", "● R Programming"; not "Spring 2022".
    if left == _WEAK and tokens.line_start[start] and _words_after(tokens, end) <= 1:
        return following is None or following.isalpha() or not following[:1].isalnum()
    if right == _NONE and following is not None and following[:1].isalnum():
        return False  # the item goes on: "| Spring 2022", "(R: 28"
    if tokens.texts[start].islower() and _NONE in (left, right):
        return False  # an ordinary word in prose: "all the rest & some more"; lists say "- spring(101)"
    return _STRONG in (left, right) or (right == _WEAK and (left == _WEAK or tokens.bullet[start]))


_LABEL_WORDS = 3  # a label before a colon: "Languages:", "Programming languages:", "Cloud & DevOps:"


def _words_before(tokens: Tokens, index: int) -> int:
    """Words on the token's line before it, counted up to _LABEL_WORDS + 1."""
    count, k = 0, index - 1
    while k >= 0 and not tokens.line_end[k] and count <= _LABEL_WORDS:
        count += tokens.texts[k][:1].isalnum()
        k -= 1
    return count


def _words_after(tokens: Tokens, end: int) -> int:
    """Words on the line after the match, counted up to 2."""
    count, k = 0, end - 1
    while not tokens.line_end[k] and count < 2:
        k += 1
        count += tokens.texts[k][:1].isalnum()
    return count


_CONTEXT_WINDOW = 4


def near(tokens: Tokens, start: int, end: int, context: Iterable[str]) -> bool:
    """One of the context words stands within a few words on the same line, the match's own words included
    ("REST API", "Helm charts")."""
    wanted = frozenset(context)
    if not wanted:
        return False
    low = start
    while low > 0 and start - low < _CONTEXT_WINDOW and (not tokens.line_end[low - 1] or wraps(tokens, low - 1)):
        low -= 1
    high = end
    while (
        high < len(tokens.texts)
        and high - end < _CONTEXT_WINDOW
        and (not tokens.line_end[high - 1] or wraps(tokens, high - 1))
    ):
        high += 1
    return any(word in wanted for word in tokens.lower[low:high])
