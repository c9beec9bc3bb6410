"""A role profile built from a real job posting (--jd): the terms it names, in the bucket it names them.

The posting is cut into parts by its headings. Company blurb, benefits, pay, equal-opportunity and visa
text are dropped first, so they cannot add terms. The rest is matched against the skills taxonomy (and
the bundled role profiles' other spellings). A term named in a requirements part is required, one named
only under "nice to have" is preferred, and a term named more often weighs more. Every term keeps where
it came from, how often it appears and a snippet; the same posting always gives the same profile.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from atscheck.education import degree_in
from atscheck.errors import InputError, UsageError
from atscheck.model import Document, PostingInfo, PostingTerm, Profile, Span, Term, TermMatch

PartKind = Literal["required", "preferred", "duties", "other", "boilerplate"]
DEFAULT_PASS_SCORE = 50.0
MAX_HEADING_WORDS = 10
MAX_TITLE_WORDS = 8

# Headings, by what the part under them holds. Checked in this order: "Preferred qualifications" is
# preferred before it is a qualification; "About the role" describes duties before "About ..." is a blurb.
_HEADINGS: tuple[tuple[PartKind, re.Pattern[str]], ...] = (
    (
        "preferred",
        re.compile(
            r"nice to have|nice-to-have|preferred|bonus|ideally|stand out|desired|good to have|pluses|a plus|"
            r"extra credit"
        ),
    ),
    (
        "duties",
        re.compile(
            r"what you('|’)?ll do|what you will (be )?do|responsibilit|your focus|about (the|this) role|^the role|"
            r"your role|the opportunity|make an impact|in this role|day[- ]to[- ]day|overview of (the|this) role"
        ),
    ),
    (
        "required",
        re.compile(
            r"requirement|required|qualification|must[- ]have|what you('|’)?ll (need|bring)|looking for|about you|"
            r"you have|you should|skills|^experience|who you are|you bring|is for you if|minimum|basic|what we need"
        ),
    ),
    (
        "boilerplate",
        re.compile(
            r"^about|who we are|company description|the company|our (values|vision|mission|culture|story)|more on|"
            r"why (work|join)|life at|diversity|inclusion|equal|benefit|perks|what we offer|you('|’)?ll love|"
            r"support you|compensation|salary|"
            r"\bpay\b|additional information|staying safe|fraud|location|travel|how to apply|the team|our team"
        ),
    ),
)
# Lines that are never requirements, wherever they stand.
_BOILERPLATE_LINE = re.compile(
    r"\$\s?\d|\bsalary\b|\bcompensation\b|equal opportunity|equal employment|regardless of|\bveteran|disabilit|"
    r"sexual orientation|gender identity|national origin|\bvisa\b|sponsorship|401\(?k|health insurance|dental|"
    r"paid time off|\bPTO\b|parental leave|recruitment fraud|reasonable accommodation|background check|"
    r"apply here|is on a mission|was founded|we help|our mission|headquartered|backed by|raised \$|"
    r"fortune \d+|named by|offices in",
    re.IGNORECASE,
)
# Within a requirements part, a line that calls its skill optional.
_OPTIONAL_LINE = re.compile(
    r"nice to have|is a plus|are a plus|a big plus|\bbonus\b|\bpreferred\b|desirable|good to have|not required",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=1
    )
}
_YEARS = re.compile(
    r"\b(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*(?:\(\d+\)\s*)?years?\b",
    re.IGNORECASE,
)
_ROLE_NOUN = re.compile(
    r"\b(engineers?|developers?|scientists?|architects?|analysts?|administrators?|managers?|sre|specialists?)\b",
    re.IGNORECASE,
)
_BASE_WEIGHT = {"required": 3.0, "duties": 2.0, "preferred": 1.0, "other": 1.0}


@dataclass(frozen=True)
class _Part:
    kind: PartKind
    heading: str
    start: int
    end: int


MAX_POSTING_BYTES = 2 * 1024 * 1024  # a long posting is 20 KB


def _read_stdin() -> str:
    """A posting pasted on standard input: at most 2 MB, in any encoding a text file may have."""
    from atscheck.extract.plaintext import decode

    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None:
        raise UsageError("--jd -: standard input is closed; give the posting as a file instead.")
    data = stream.read(MAX_POSTING_BYTES + 1)
    if len(data) > MAX_POSTING_BYTES:
        raise UsageError(
            "--jd -: the text on standard input is over 2 MB, far more than a job posting. Paste only the posting."
        )
    return decode(data)[0]


def read_posting(source: str) -> tuple[str, str]:
    """(name, text) of a posting given as a file (.txt, .md, .pdf, .docx) or '-' for standard input."""
    if source == "-":
        text = _read_stdin()
        name = "stdin"
    else:
        from atscheck.extract import extract

        path = Path(source)
        try:
            text = extract(path).text
        except InputError as error:
            raise UsageError(f"The job posting {source} could not be read: {error.message}") from None
        name = path.name
    if len(text.split()) < 20:
        raise UsageError(f"The job posting {source} holds almost no text; paste the whole posting into a file.")
    return name, text


def posting_title(text: str) -> str:
    """The job title: the first line that names a role ("Senior MLOps Engineer"), without company or pay."""
    for line in text.split("\n")[:5]:
        for piece in re.split(r"\s+[-–|·]\s+|\s*\|\s*", line.strip()):
            piece = " ".join(re.sub(r"\([^)]*\)", "", piece).split()).strip(" ,")
            noun = _ROLE_NOUN.search(piece)
            if noun and len(piece.split()) > MAX_TITLE_WORDS:  # a sentence: the words up to the role noun
                piece = piece[: noun.end()]
            if noun and len(piece.split()) <= MAX_TITLE_WORDS:
                return piece
    return next((line.strip() for line in text.split("\n") if line.strip()), "Job posting")[:60]


def _heading_kind(line: str) -> PartKind | None:
    text = line.strip().strip("#*_ ").rstrip(":").strip().lower()
    if not text or len(text.split()) > MAX_HEADING_WORDS or text[-1] in ".,;!?" or text[0] in "-•*":
        return None
    for kind, pattern in _HEADINGS:
        if pattern.search(text):
            return kind
    return "other" if line.strip().endswith(":") else None


def split_parts(text: str) -> list[_Part]:
    parts: list[_Part] = []
    kind: PartKind = "other"
    heading = "(top of the posting)"
    start = offset = 0
    for line in text.split("\n"):
        new_kind = _heading_kind(line)
        if new_kind is not None:
            parts.append(_Part(kind, heading, start, offset))
            kind, heading, start = new_kind, line.strip().rstrip(":"), offset
        offset += len(line) + 1
    parts.append(_Part(kind, heading, start, len(text)))
    return [part for part in parts if part.end > part.start]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def _kept_sentences(text: str, parts: list[_Part]) -> Iterator[tuple[_Part, int, str]]:
    """(part, offset, sentence) for every sentence that is not boilerplate. Sentences, not lines: in prose a
    line may hold a requirement and the pay, or a requirement and "X is a plus"."""
    for part in parts:
        if part.kind == "boilerplate":
            continue
        offset = part.start
        for line in text[part.start : part.end].split("\n"):
            start = 0
            for piece in _SENTENCE_END.split(line):
                at = line.index(piece, start)
                start = at + len(piece)
                if piece.strip() and not _BOILERPLATE_LINE.search(piece):
                    yield part, offset + at, piece
            offset += len(line) + 1


@lru_cache(maxsize=1)
def _universe() -> Profile:
    """The taxonomy, each term with every other spelling the bundled role profiles give it."""
    from atscheck.profiles import bundled_ids, load_role, load_taxonomy

    taxonomy = load_taxonomy()
    spellings: dict[str, list[str]] = {t.name: list(t.aliases) for t in taxonomy.terms}
    for role in bundled_ids():
        for term in load_role(role).terms:
            known = spellings.setdefault(term.name, [])
            known += [a for a in term.aliases if a not in known and a != term.name]
    taken: set[str] = set()
    terms = []
    for term in taxonomy.terms:
        aliases = [a for a in spellings[term.name] if a.casefold() not in taken]
        taken |= {term.name.casefold(), *(a.casefold() for a in aliases)}
        terms.append(replace(term, aliases=tuple(aliases)))
    return replace(taxonomy, terms=tuple(terms))


def derive_profile(name: str, text: str) -> Profile:
    """The profile a posting describes. Deterministic: the same text always gives the same profile."""
    from atscheck.match import matcher_for

    text = text.replace("\r\n", "\n")
    parts = split_parts(text)
    kept = list(_kept_sentences(text, parts))
    has_requirements = any(part.kind == "required" for part, _, _ in kept)
    # Matched on the posting with boilerplate blanked out (same length, so offsets still point into `text`).
    clean_chars = [c if c == "\n" else " " for c in text]
    for _, offset, sentence in kept:
        clean_chars[offset : offset + len(sentence)] = sentence
    clean = "".join(clean_chars)
    starts = [offset for _, offset, _ in kept]
    document = Document(path=name, format="text", text=clean, spans=(Span(clean, 0),))
    found: list[PostingTerm] = []
    terms: list[Term] = []
    for match in _outermost(matcher_for(_universe()).match(document)):
        best: tuple[str, _Part, str] | None = None  # (bucket, part, line)
        for occurrence in match.occurrences:
            part, _, line = kept[bisect.bisect_right(starts, occurrence.start) - 1]
            bucket = _bucket(part.kind, line, has_requirements)
            if best is None or _BASE_WEIGHT[bucket] > _BASE_WEIGHT[best[0]]:
                best = (bucket, part, line)
        assert best is not None
        bucket, part, line = best
        count = len(match.occurrences)
        importance = "required" if bucket == "required" else "preferred"
        weight = _BASE_WEIGHT[bucket] + min(count - 1, 2)  # named more often, weighs more
        snippet = " ".join(line.split())[:160]
        found.append(PostingTerm(match.term.name, part.heading, count, snippet, importance, weight))
        terms.append(replace(match.term, importance=importance, weight=weight, group=None))
    if not found:
        raise UsageError(
            f"No skills, tools or certifications were found in the job posting {name}. Check that it is the "
            "whole posting, or use --role instead."
        )
    requirement_text = "\n".join(line for part, _, line in kept if part.kind == "required") or clean
    years = [n for m in _YEARS.finditer(requirement_text) if 0 < (n := _number(m.group(1))) <= 30]
    degree = degree_in(requirement_text)
    info = PostingInfo(
        file=name,
        title=posting_title(text),
        terms=tuple(found),
        years=max(years) if years else None,
        dropped=tuple(part.heading for part in parts if part.kind == "boilerplate"),
    )
    digest = hashlib.sha256(repr((info, tuple(terms), degree)).encode()).hexdigest()[:12]
    return Profile(
        id=f"jd:{name}",
        title=info.title,
        pass_score=DEFAULT_PASS_SCORE,
        terms=tuple(terms),
        version=digest,
        source=name,
        education=degree,
        posting=info,
    )


def _outermost(matches: Sequence[TermMatch]) -> list[TermMatch]:
    """Each term with its exact and alias occurrences that are not inside a longer term's ("GitHub" in
    "GitHub Actions", "Ruby" in "Ruby on Rails"): the posting names the longer one."""
    spans = [(o.start, o.end) for m in matches for o in m.occurrences]
    kept = []
    for match in matches:
        own = [
            o
            for o in match.occurrences
            if o.form != "fuzzy"  # a posting is edited text: a near-miss there is another word, not a typo
            and not any(s <= o.start and o.end <= e and (e - s) > (o.end - o.start) for s, e in spans)
        ]
        if own:
            kept.append(replace(match, occurrences=tuple(own)))
    return kept


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text.lower()]


def _bucket(kind: PartKind, line: str, has_requirements: bool) -> str:
    if kind == "preferred" or _OPTIONAL_LINE.search(line):
        return "preferred"
    if kind == "required" or not has_requirements:  # a posting without sections: what it names, it asks for
        return "required"
    return kind


def merge(role: Profile, posting: Profile) -> Profile:
    """The role's terms plus the posting's; a term the posting names weighs its weight more, and is required
    if the posting requires it."""
    named = {t.name: t for t in posting.terms}
    terms = []
    for term in role.terms:
        extra = named.pop(term.name, None)
        if extra is None:
            terms.append(term)
        else:
            importance = "required" if "required" in (term.importance, extra.importance) else "preferred"
            terms.append(replace(term, weight=term.weight + extra.weight, importance=importance))
    taken = {form.casefold() for t in terms for form in (t.name, *t.aliases)}
    for term in named.values():  # terms only the posting names
        aliases = tuple(a for a in term.aliases if a.casefold() not in taken)
        terms.append(replace(term, aliases=aliases))
    digest = hashlib.sha256(repr((role.version, posting.version)).encode()).hexdigest()[:12]
    return replace(
        role,
        id=f"{role.id}+{posting.id}",
        title=f"{role.title} + {posting.title}",
        terms=tuple(terms),
        version=digest,
        source=f"{role.source} + {posting.source}",
        education=posting.education or role.education,
        posting=posting.posting,
    )


def postings_profiles(sources: Sequence[str], roles: Sequence[Profile]) -> list[Profile]:
    """One profile per posting, or per posting and role when roles are given too."""
    derived = [derive_profile(*read_posting(source)) for source in sources]
    if not roles:
        return derived
    return [merge(role, posting) for posting in derived for role in roles]


_SENIORITY = {"senior", "sr", "junior", "jr", "staff", "lead", "principal", "intermediate", "i", "ii", "iii", "iv"}
TITLE_MATCH_SCORE = 88


def find_title(text: str, title: str) -> str | None:
    """The posting's title as the resume writes it, or a close variant ("MLOps Engineer" in "Senior MLOps
    Engineer"; "Site Reliability Engineering" for "Site Reliability Engineer"). Seniority words and what
    follows a comma ("Software Engineer II, Data Engineering") are left out of the search."""
    from rapidfuzz import fuzz

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
