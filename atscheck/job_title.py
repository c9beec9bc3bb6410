"""A job title in a resume: whether the resume names the posting's title, or a close variant of it."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

_SENIORITY = {"senior", "sr", "junior", "jr", "staff", "lead", "principal", "intermediate", "i", "ii", "iii", "iv"}
TITLE_MATCH_SCORE = 88


def find_title(text: str, title: str) -> str | None:
    """The posting's title as the resume writes it, or a close variant ("MLOps Engineer" in "Senior MLOps
    Engineer"; "Site Reliability Engineering" for "Site Reliability Engineer"). Seniority words and what
    follows a comma ("Software Engineer II, Data Engineering") are left out of the search."""
    words = [w for w in re.split(r"[^a-z0-9+#]+", title.split(",")[0].lower()) if w and w not in _SENIORITY]
    if not words:
        return None
    exact = re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", text, re.IGNORECASE)
    if exact:
        return exact.group()
    wanted = " ".join(words)
    flat = " ".join(re.split(r"[^a-z0-9+#]+", text.lower()))
    close = fuzz.partial_ratio_alignment(wanted, flat, score_cutoff=TITLE_MATCH_SCORE)
    return flat[close.dest_start : close.dest_end].strip() if close else None
