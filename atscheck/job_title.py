"""A job title in a resume: whether the resume names a role's or a posting's title, or a close variant of it."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from atscheck.model import Profile, TitleMatch

_SENIORITY = {"senior", "sr", "junior", "jr", "staff", "lead", "principal", "intermediate", "i", "ii", "iii", "iv"}
TITLE_MATCH_SCORE = 88


def _words(title: str) -> list[str]:
    """The title's words without seniority ("Senior", "II"), bracketed tags ("[8AI]", "(Remote)") and what
    follows a comma ("Software Engineer II, Data Engineering")."""
    unbracketed = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", title)  # "[8AI] MLOps Engineer": a tag, not the role
    return [w for w in re.split(r"[^a-z0-9+#]+", unbracketed.split(",")[0].lower()) if w and w not in _SENIORITY]


def _named(text: str, words: list[str]) -> str | None:
    exact = re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", text, re.IGNORECASE)
    return exact.group() if exact else None


def find_title(text: str, title: str) -> str | None:
    """The posting's title as the resume writes it, or a close variant ("MLOps Engineer" in "Senior MLOps
    Engineer"; "Site Reliability Engineering" for "Site Reliability Engineer")."""
    words = _words(title)
    if not words:
        return None
    exact = _named(text, words)
    if exact:
        return exact
    wanted = " ".join(words)
    flat = " ".join(re.split(r"[^a-z0-9+#]+", text.lower()))
    close = fuzz.partial_ratio_alignment(wanted, flat, score_cutoff=TITLE_MATCH_SCORE)
    return flat[close.dest_start : close.dest_end].strip() if close else None


def title_match(text: str, profile: Profile) -> TitleMatch | None:
    """Which of the profile's job titles the resume names (the first, as written); None for a profile that
    names no title."""
    titles = profile.titles
    if not titles:
        return None
    # As written, word for word: a score may not rest on a near miss ("AI Engineer" is no "AI Engineering").
    return TitleMatch(
        titles, next((found for t in titles if (words := _words(t)) and (found := _named(text, words))), None)
    )
