"""A job posting read as a recruiter means it (--jd, and `atscheck profile build`): the terms it asks for, in
the bucket it puts them, with alternatives as one requirement.

The posting is cut into parts by its headings (sentence headings and inline labels too), the parts into
clauses. Company and team blurb, benefits, pay, equal-opportunity text, the title and the degree line add
no terms (the degree goes to education). The rest is matched against the skills taxonomy (and the bundled
role profiles' other spellings); generic words count only where they name a skill, roles count only as
experience asked for, and capitalised product names listed beside known terms are kept with the posting's
spelling. A term named in a requirements part is required, one named only under "nice to have", among the
duties or in the team's stack is preferred; lists of alternatives ("A, B or C", "such as", "etc.") become
groups. Every term keeps where it came from, how often it appears and a snippet; the same posting always
gives the same reading. The rules, with examples, are in docs/postings.md.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from atscheck.errors import InputError, UsageError
from atscheck.model import Document, EducationRequirement, PostingInfo, PostingTerm, Profile, Span, Term, TermMatch
from atscheck.structure.education import degree_in, names_degree

PartKind = Literal["required", "preferred", "duties", "stack", "other", "blurb", "boilerplate"]
Bucket = Literal["required", "preferred"]
DEFAULT_PASS_SCORE = 50.0
MAX_HEADING_WORDS = 10
MAX_TITLE_WORDS = 8
MAX_UNNAMED_WORDS = 6  # "Transition Into This Career From": a short line of capitalised words opens a part
MAX_SNIPPET = 160
PRODUCT_CATEGORY = "Named in the posting"
_BASE_WEIGHT = {"required": 3.0, "duties": 2.0}  # preferred: 1

# Headings, by what the part under them holds. Checked in this order: "Preferred qualifications" is
# preferred before it is a qualification; "About the role" describes duties before "About ..." is a blurb.
# Headings may be sentences ("What you'll bring", "Is this you?", "Qualities you possess...").
_HEADINGS: tuple[tuple[PartKind, re.Pattern[str]], ...] = (
    (
        "preferred",
        re.compile(
            r"nice to have|nice-to-have|preferred|bonus|ideally|stand out|desired|desirable|good to have|pluses|"
            r"a plus|extra credit|not required"
        ),
    ),
    (
        "stack",
        re.compile(
            r"^(our |the |tech(nology)? )?stack$|tech(nology)? stack we|technologies (we use|you('|’)?ll|you will)|"
            r"tools we use|our (tech(nology)? )?stack|tools and technologies"
        ),
    ),
    (
        "duties",
        re.compile(
            r"what you('|’)?ll (do|be doing|work on)|what you will (be )?do|responsibilit|your focus|"
            r"about (the|this) (role|job|position)|^the (role|job|position|opportunity|challenge)$|your role|"
            r"the opportunity|make an impact|in this role|day[- ]to[- ]day|overview of (the|this) role|"
            r"how you('|’)?ll contribute|^challenge$|your mission|what the job involves|the work"
        ),
    ),
    (
        "required",
        re.compile(
            r"requirement|required|qualification|must[- ]have|you('|’)?ll (need|bring)|you need|looking for|"
            r"about you|you have|you should|skills|^experience|who you are|you bring|is for you if|minimum|basic|"
            r"what we need|you possess|expect from you|we expect|expectations|is this you|^you$|your profile|"
            r"your background|what it takes"
        ),
    ),
    (
        "boilerplate",
        re.compile(
            r"diversity|inclusion|equal|benefit|perks|what we offer|our offer|you('|’)?ll love|support you|"
            r"compensation|salary|\bpay\b|additional information|staying safe|fraud|location|travel|how to apply|"
            r"^why\b|life at|you can expect|privacy"
        ),
    ),
    (
        "blurb",
        re.compile(
            r"^about|who we are|company (description|overview)|the company|\bour (values|vision|mission|culture|"
            r"story)|more on|the team|our team"
        ),
    ),
)
_NOT_TERMS: tuple[PartKind, ...] = ("blurb", "boilerplate")
# Sentences that are never requirements, wherever they stand.
_BOILERPLATE_LINE = re.compile(
    r"\$\s?\d|\bsalary\b|\bcompensation\b|equal opportunity|equal employment|regardless of|\bveteran|disabilit|"
    r"sexual orientation|gender identity|national origin|\bvisa\b|sponsorship|401\(?k|health insurance|dental|"
    r"paid time off|\bPTO\b|parental leave|recruitment fraud|reasonable accommodation|background check|"
    r"apply here|is on a mission|was founded|we help|our mission|headquartered|backed by|raised \$|"
    r"fortune \d+|named by|offices in|https?://",
    re.IGNORECASE,
)
# A sentence about the company or team rather than the hire ("We are building ...", "Our platform ...").
_BLURB_SENTENCE = re.compile(
    r"^(?:[^,]{0,40},\s*)?(?:we|we're|we’re|our)\b(?!\s*(?:are|'re|’re)?\s*(?:looking|seeking|hiring|searching))"
    r"|^the [\w ()-]{1,60} team (?:is|are|owns|builds|works)\b",
    re.IGNORECASE,
)
_ADDRESSED = re.compile(r"\byou\b|\byour\b|\bcandidates?\b", re.IGNORECASE)
# A sentence naming the team's stack: what the hire will meet, preferred at most.
_STACK_SENTENCE = re.compile(
    r"\bwe use\b|\bour (?:tech(?:nology)? )?stack\b|\bwe work with\b|\bwe (?:rely|run|build) on\b", re.IGNORECASE
)
# A clause that calls what it names optional; inside parentheses it covers only the parentheses.
_OPTIONAL = re.compile(
    r"nice to have|nice-to-have|\bis a plus|\bare a plus|\ba plus\b|\bas (?:a )?plus\b|\bbonus\b|\bpreferred\b|"
    r"\bpreferably\b|\bideally\b|desirable|good to have|not required|not mandatory|\bwelcome\b|\boptional",
    re.IGNORECASE,
)
# Clauses end at ';', before "preferably"/"ideally", and where a new requirement starts (", experience with").
_CLAUSE_BREAK = re.compile(
    r";\s*|,?\s+(?:and\s+|or\s+)?(?=(?:preferably|ideally|optionally)\b)"
    r"|,\s+(?=(?:experience|familiarity|knowledge|exposure) (?:with|of|in)\b)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_BULLET = re.compile(r"^\s*(?:[-•*–·]|\d{1,2}[.)])\s+")
_INLINE_LABEL = re.compile(r"^\s*(?:[-•*–·]\s+)?([A-Z][\w’' /&-]{1,40}?)\s*:\s+(?=\S)")
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

# Words that name a skill only in some company: the bare word elsewhere is ordinary prose ("monitor our
# costs", "a small, agile team", "security initiatives"). A term listed here counts only where its
# pattern matches the clause; None: the bare word never counts (its compounds are terms of their own).
_NEEDS_CONTEXT: dict[str, re.Pattern[str] | None] = {
    "monitoring": re.compile(
        r"monitoring\s*(?:(?:,|and|&|/)\s*)*(?:alerting|logging|observability|tracing|tools?|systems?|stack|"
        r"solutions?|platforms?|practices)|(?:alerting|logging|observability|tracing)\s*(?:,|and|&|/)\s*monitoring",
        re.IGNORECASE,
    ),
    "Agile": re.compile(
        r"agile\W+(?:\w+\W+){0,3}?(?:process|methodolog|development|practices|delivery|framework|scrum|kanban|"
        r"principles|ceremonies)|scrum|kanban",
        re.IGNORECASE,
    ),
    "security": None,
    "automation": None,
}
_NEVER_FROM_POSTINGS = {"experimentation"}  # an alias of A/B testing that postings use for any trying-out
_TEAMWORK = {"collaboration", "communication"}  # "collaborate with data scientists" is how the work is done
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")  # "Hugging Face's Accelerate" names Hugging Face
_PEOPLE_AFTER = re.compile(
    r"^\s*(?:\([\w ]+\)\s*)?(?:engineers?|developers?|scientists?|architects?|analysts?|administrators?|"
    r"managers?|specialists?|teams?|leads?|organi[sz]ations?)\b",
    re.IGNORECASE,
)
_EXPERIENCE_BEFORE = re.compile(r"\b(?:experience|years?|background)\b.*\b(?:as|on|in|with)\b", re.IGNORECASE)
_PARTNERS = re.compile(
    r"\b(?:customers|clients|partners)\W+(?:like|such as|including)\b"
    r"|\bintegrat\w*\b[^.;]{0,40}?\bwith\s+(?:\w+\s+){0,2}?(?:services|partners|products|apps)\s+"
    r"(?:like|such as|including)\b",
    re.IGNORECASE,
)

# Lists of alternatives: "A, B, or C"; "such as A, B"; "(e.g. A, B)"; "A, B, etc."; "any of A, B".
_SEPARATOR = re.compile(r"[\s()]*(?:,|/|&|\band/or\b|\bor\b|\band\b)(?:[\s,()]*(?:and/or|or|and)\b)?[\s()]*")
_ALTERNATIVE = re.compile(r"\bor\b|/", re.IGNORECASE)
_LEAD_MARKER = re.compile(
    r"(?:such as|e\.\s?g\.?|\beg\.|for example|\blike|one or more of|\bone of|\bany of|at least one of|"
    r"some or many of|some of|\beither)(?: the following)?\W*$",
    re.IGNORECASE,
)
_TRAIL_MARKER = re.compile(
    r"^[\s,]*(?:etc\b|or similar|or equivalent|or other|or any other|and similar)", re.IGNORECASE
)
_ALL_OF = re.compile(r"\b(?:entire|all|both|including|each)\b", re.IGNORECASE)
_BACKGROUND = re.compile(r"^[\s)]*(?:teams?|roles?|backgrounds?|positions?|organi[sz]ations?)\b", re.IGNORECASE)

# A capitalised name in a list beside known terms is a product the taxonomy lacks ("VictoriaMetrics").
_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-Z][\w+#.-]*[\w+#](?:(?:\s+|/)[A-Z0-9][\w+#.-]*[\w+#])*")
_TRAILING_GENERIC = re.compile(
    r"(?:\s+(?:APIs?|UI|libs?|librar(?:y|ies)|SDKs?|tools?|platforms?|frameworks?))+$", re.IGNORECASE
)
_NOT_PRODUCTS = {
    "etc",
    "and",
    "or",
    "the",
    "experience",
    "familiarity",
    "knowledge",
    "strong",
    "excellent",
    "proficiency",
    "understanding",
    "expertise",
    "ability",
    "bachelor",
    "master",
    "english",
    "nice",
    "bonus",
    "required",
    "preferred",
    "frontend",
    "backend",
    "cloud",
    "ml",
    "ai",
    "mostly",
    "plus",
    "senior",
    "staff",
    "lead",
    "artificial intelligence",
}


@dataclass(frozen=True)
class Clause:
    """A piece of the posting that holds one thought: a sentence, or the part of one before or after a ';'."""

    kind: PartKind
    heading: str
    start: int
    text: str
    optional: bool  # an optional marker stands outside the clause's parentheses


@dataclass(frozen=True)
class _Hit:
    term: Term
    start: int
    end: int
    clause: Clause


@dataclass(frozen=True)
class ReadTerm:
    """A term as one posting names it: its strongest bucket, its group of alternatives, where and how often."""

    term: Term  # importance, weight and group set from the posting
    heading: str
    count: int
    snippet: str


@dataclass(frozen=True)
class Reading:
    """What a recruiter reads a posting to ask for."""

    name: str
    title: str
    terms: tuple[ReadTerm, ...]
    years: int | None
    education: EducationRequirement | None
    dropped: tuple[str, ...]


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


def _heading_text(line: str) -> str:
    """A heading without its decoration: emoji, '#', '**', bullets, trailing ':', '?', '…'."""
    return re.sub(r"^[^\w(\[]+|[\s:?!.…*_–—-]+$", "", line.strip())


def _kind_of(text: str) -> PartKind | None:
    lower = text.lower()
    return next((kind for kind, pattern in _HEADINGS if pattern.search(lower)), None)


def _heading_kind(line: str, standalone: bool) -> PartKind | None:
    """The kind of part a line opens, or None when it is not a heading. A heading is short, is not a sentence
    (no full stop), and names its part; a bullet is a heading only when it ends with ':' ("- Preferred
    qualifications:"); a short line of capitalised words ("Education Path") opens an unnamed part."""
    raw = line.strip()
    text = _heading_text(raw)
    if not text or len(text.split()) > MAX_HEADING_WORDS or (raw.endswith(".") and not raw.endswith("…")):
        return None
    if _BULLET.match(line) and not raw.endswith(":"):
        return None
    kind = _kind_of(text)
    if kind is not None:
        return kind
    words = text.split()
    title_case = len(words) <= MAX_UNNAMED_WORDS and all(w[:1].isupper() for w in words) and not re.search(r"\d", text)
    unnamed = raw.endswith(":") or (title_case and (standalone or len(words) >= 2))
    return "other" if unnamed and not re.search(r"[,;]\s", text) else None


def _sentences(line: str) -> Iterator[tuple[int, str]]:
    start = 0
    for piece in _SENTENCE_END.split(line):
        at = line.index(piece, start)
        start = at + len(piece)
        if piece.strip():
            yield at, piece


def _clause_pieces(sentence: str) -> Iterator[tuple[int, str]]:
    at = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.start() > at:
            yield at, sentence[at : match.start()]
        at = match.end()
    if sentence[at:].strip():
        yield at, sentence[at:]


def _without_parentheses(text: str) -> str:
    return re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text)


def _sentence_kind(kind: PartKind, sentence: str) -> PartKind | None:
    """What one sentence counts as, given the part it stands in; None when it adds no terms."""
    if _BOILERPLATE_LINE.search(sentence) or kind in _NOT_TERMS:
        return None
    body = _BULLET.sub("", sentence).strip()
    if kind in ("other", "duties") and _BLURB_SENTENCE.search(body) and not _ADDRESSED.search(body):
        return "stack" if _STACK_SENTENCE.search(body) else None
    if _STACK_SENTENCE.search(body) and kind != "preferred":
        return "stack"
    return kind


def split_clauses(text: str) -> tuple[list[Clause], list[str], list[str]]:
    """(clauses that may name terms, headings of the parts left out, sentences that name a degree)."""
    lines = text.split("\n")
    clauses: list[Clause] = []
    dropped: list[str] = []
    degree_lines: list[str] = []
    kind: PartKind = "other"
    heading = "(top of the posting)"
    list_part: tuple[PartKind, str] | None = None  # a list introduced by a blurb sentence is blurb too
    offset = 0
    title_line = next((i for i, line in enumerate(lines) if line.strip()), -1)
    for index, line in enumerate(lines):
        line_offset, offset = offset, offset + len(line) + 1
        if not line.strip() or (index == title_line and _ROLE_NOUN.search(line)):  # the title is matched apart
            continue
        standalone = (index == 0 or not lines[index - 1].strip()) and (
            index + 1 >= len(lines) or not lines[index + 1].strip()
        )
        opened = _heading_kind(line, standalone)
        if opened is not None:
            kind, heading, list_part = opened, _heading_text(line), None
            if kind in _NOT_TERMS:
                dropped.append(heading)
            continue
        bullet = bool(_BULLET.match(line))
        if not bullet:
            list_part = None
        line_kind, line_heading = list_part or (kind, heading)
        body_at = 0
        label = _INLINE_LABEL.match(line)
        if label and (label_kind := _kind_of(label.group(1))) is not None:
            line_kind, line_heading, body_at = label_kind, label.group(1), label.end()
            if label_kind in _NOT_TERMS:
                dropped.append(line_heading)
        kinds = []
        for at, sentence in _sentences(line[body_at:]):
            sentence_kind = _sentence_kind(line_kind, sentence)
            kinds.append(sentence_kind)
            if sentence_kind is None:
                continue
            if names_degree(sentence):
                degree_lines.append(sentence)
                continue
            for piece_at, piece in _clause_pieces(sentence):
                lead = re.match(
                    r"\s*[(\[]([^)\]]*)[)\]]", _BULLET.sub("", piece)
                )  # "[Nice to have] Experience with ..."
                optional = bool(_OPTIONAL.search(_without_parentheses(piece)) or (lead and _OPTIONAL.search(lead[1])))
                start = line_offset + body_at + at + piece_at
                clauses.append(Clause(sentence_kind, line_heading, start, piece, optional))
        following = next((later for later in lines[index + 1 :] if later.strip()), "")
        if not bullet and _BULLET.match(following) and kinds and all(k is None for k in kinds):
            list_part = ("blurb", _heading_text(line)[:60])
    return clauses, dropped, degree_lines


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


def _clause_at(clauses: list[Clause], starts: list[int], offset: int) -> Clause:
    return clauses[bisect.bisect_right(starts, offset) - 1]


def _in_context(hit: _Hit, text: str, has_requirements: bool) -> bool:
    """False where a term is not asked of the hire: a generic word that is not a skill where it stands; a
    role or team named as people ("work with DevOps Engineers", "as a Platform engineer, you will"), unless
    as the experience asked for ("experience as a DevOps Engineer"); a soft skill among the duties
    ("collaborate with data scientists") when the posting says what it requires elsewhere."""
    written = text[hit.start : hit.end]
    if written.casefold() in _NEVER_FROM_POSTINGS:
        return False
    if hit.term.name in _NEEDS_CONTEXT:
        pattern = _NEEDS_CONTEXT[hit.term.name]
        return pattern is not None and bool(pattern.search(hit.clause.text))
    at = hit.start - hit.clause.start
    before, after = hit.clause.text[:at], hit.clause.text[at + len(written) :]
    if (_PEOPLE_AFTER.match(written.split()[-1]) or _PEOPLE_AFTER.match(after)) and not _EXPERIENCE_BEFORE.search(
        before
    ):
        return False
    return not (hit.term.name in _TEAMWORK and has_requirements and hit.clause.kind not in ("required", "preferred"))


def _after_partners(hit: _Hit) -> bool:
    """True for a name in a list of the company's customers, partners or integrations ("integration of
    models with services like Zoom and Athena" is athenahealth, not Amazon Athena)."""
    lead = _PARTNERS.search(hit.clause.text)
    return lead is not None and hit.start >= hit.clause.start + lead.end()


def _products(clause: Clause, known: list[_Hit]) -> list[_Hit]:
    """Names listed beside known terms in one clause that the taxonomy lacks ("VictoriaMetrics"), kept with
    the posting's spelling and matched case-sensitively; a name the taxonomy knows in another spelling
    ("GoLang", "VertexAI", "GitLabCI") is that term."""
    inside = [h for h in known if h.clause is clause]
    if not inside or clause.kind in _NOT_TERMS:
        return []
    label = _INLINE_LABEL.match(clause.text)
    body_at = label.end() if label else len(clause.text) - len(_BULLET.sub("", clause.text).lstrip())
    short_item = len(clause.text.split()) <= 3
    candidates: list[tuple[int, int, str | None]] = []
    for match in _CAPITALISED.finditer(clause.text):
        start, end = clause.start + match.start(), clause.start + match.end()
        if any(h.start < end and start < h.end for h in inside) or match.start() < body_at:
            continue
        name = _TRAILING_GENERIC.sub("", match.group())
        if (match.start() == body_at and not short_item) or not _looks_like_a_product(name):
            continue
        candidates.append((start, start + len(name), name))
    if not candidates:
        return []
    # A candidate counts when list separators link it to a known term, or when it stands in a list of
    # examples ("tools (e.g., ER/Studio, ERwin)", "(SWC, Turborepo, etc.)") in a clause that names known terms.
    known_items: list[tuple[int, int, str | None]] = [(h.start, h.end, None) for h in inside]
    items = sorted(known_items + candidates, key=lambda item: (item[0], item[1], item[2] or ""))
    linked = [name is None for _, _, name in items]
    for i, (at, _, candidate) in enumerate(items):
        before = clause.text[: at - clause.start]
        if candidate is not None and (_LEAD_MARKER.search(before) or before.rstrip().endswith("(")):
            linked[i] = True
    for _ in range(2):  # along the chain, both ways
        for i in range(1, len(items)):
            gap = clause.text[items[i - 1][1] - clause.start : items[i][0] - clause.start]
            if _SEPARATOR.fullmatch(gap) and (linked[i] or linked[i - 1]):
                linked[i] = linked[i - 1] = True
    products = []
    for (at, end, candidate), keep in zip(items, linked, strict=True):
        if candidate is not None and keep:
            product = Term(candidate, PRODUCT_CATEGORY, "tool", "preferred", 1.0, case_sensitive=True)
            products.append(_Hit(_known_spelling(candidate) or product, at, end, clause))
    return products


def _looks_like_a_product(name: str) -> bool:
    """A product name, not a capitalised English word or an abbreviation of a few letters ("AI", "SGs")."""
    words = name.split()
    if (
        name.casefold() in _NOT_PRODUCTS
        or re.fullmatch(r"[A-Z]{1,3}s?|[A-Z]+s", name)
        or _PEOPLE_AFTER.match(words[-1])
    ):
        return False
    if _known_spelling(name):
        return True
    english = _ordinary_words()

    def ordinary(word: str) -> bool:
        lower = word.lower()
        return not re.search(r"[A-Z].*[A-Z]|\d", word[1:]) and (lower in english or lower.rstrip("s") in english)

    return not all(ordinary(word) for word in re.split(r"[\s/]+", name))


@lru_cache(maxsize=1)
def _ordinary_words() -> frozenset[str]:
    """Common English words (the lemmas of spaCy's lookup table): not the wider dictionary the matcher uses,
    which knows proper nouns such as "Atlantis" or "Sumo" that are product names in a posting."""
    from atscheck.match import lemmas

    return frozenset(lemmas().values())


@lru_cache(maxsize=1)
def _spellings() -> dict[str, Term]:
    from atscheck.profiles import concept_key

    return {concept_key(form): t for t in _universe().terms for form in (t.name, *t.aliases)}


def _known_spelling(name: str) -> Term | None:
    from atscheck.profiles import concept_key

    return _spellings().get(concept_key(name))


def _groups(clause: Clause, hits: list[_Hit]) -> dict[int, str]:
    """Group names by hit start for the lists of alternatives in one clause."""
    inside = sorted((h for h in hits if h.clause is clause), key=lambda h: h.start)
    chains: list[list[_Hit]] = []
    for hit in inside:
        if chains:
            last = chains[-1][-1]
            gap = clause.text[last.end - clause.start : hit.start - clause.start]
            restated = hit.term.name == last.term.name and re.fullmatch(r"\s*\(\s*", gap)  # "Site ... (SRE)"
            if (_SEPARATOR.fullmatch(gap) or restated) and hit.start >= last.end:
                chains[-1].append(hit)
                continue
        chains.append([hit])
    grouped: dict[int, str] = {}
    for chain in chains:
        names = list(dict.fromkeys(h.term.name for h in chain))
        if len(names) < 2:
            continue
        begin, finish = chain[0].start - clause.start, chain[-1].end - clause.start
        before, after = clause.text[:begin], clause.text[finish:]
        gaps = [clause.text[a.end - clause.start : b.start - clause.start] for a, b in itertools.pairwise(chain)]
        in_parentheses = before.rstrip(" ,:").endswith(("(", "e.g.", "e.g", "eg.", "i.e.")) and (
            after.lstrip().startswith(")") or _TRAIL_MARKER.match(after)
        )
        if (
            any(_ALTERNATIVE.search(gap) for gap in gaps)
            or _LEAD_MARKER.search(before)
            or _TRAIL_MARKER.match(after)
            or (in_parentheses and not _ALL_OF.search(before))
        ):
            prefix = "background" if _BACKGROUND.match(after) else "any of"
            name = f"{prefix}: {', '.join(names)}"
            grouped.update({h.start: name for h in chain})
    return grouped


def _bucket(hit: _Hit, has_requirements: bool) -> Bucket:
    clause = hit.clause
    parenthesis = next(
        (
            m
            for m in re.finditer(r"\([^()]*\)", clause.text)
            if clause.start + m.start() <= hit.start < clause.start + m.end()
        ),
        None,
    )
    if (
        clause.kind in ("preferred", "stack")
        or clause.optional
        or (parenthesis and _OPTIONAL.search(parenthesis.group()))
    ):
        return "preferred"
    if clause.kind == "required" or not has_requirements:  # a posting without sections: what it names, it asks for
        return "required"
    return "preferred"


def read(name: str, text: str) -> Reading:
    """What a posting asks for. Deterministic: the same text always gives the same reading."""
    from atscheck.match import matcher_for

    text = text.replace("\r\n", "\n")
    clauses, dropped, degree_lines = split_clauses(text)
    has_requirements = any(c.kind == "required" for c in clauses)
    # Matched on the posting with everything but the clauses blanked out (same length: offsets still hold).
    clean_chars = [c if c == "\n" else " " for c in text]
    for clause in clauses:
        clean_chars[clause.start : clause.start + len(clause.text)] = _POSSESSIVE.sub("  ", clause.text)
    clean = "".join(clean_chars)
    starts = [c.start for c in clauses]
    document = Document(path=name, format="text", text=clean, spans=(Span(clean, 0),))
    hits = [
        hit
        for match in _outermost(matcher_for(_universe()).match(document))
        for o in match.occurrences
        for hit in [_Hit(match.term, o.start, o.end, _clause_at(clauses, starts, o.start))]
        if _in_context(hit, clean, has_requirements)
    ]
    for clause in clauses:
        hits += _products(clause, hits)
    hits = [hit for hit in hits if not _after_partners(hit)]
    hits.sort(key=lambda h: h.start)
    groups: dict[int, str] = {}
    for clause in clauses:
        groups.update(_groups(clause, hits))
    terms = _read_terms(hits, groups, has_requirements)
    if not terms:
        raise UsageError(
            f"No skills, tools or certifications were found in the job posting {name}. Check that it is the "
            "whole posting, or use --role instead."
        )
    requirement_text = "\n".join(c.text for c in clauses if c.kind == "required") or clean
    years = [n for m in _YEARS.finditer(requirement_text) if 0 < (n := _number(m.group(1))) <= 30]
    return Reading(
        name=name,
        title=posting_title(text),
        terms=tuple(terms),
        years=max(years) if years else None,
        education=degree_in("\n".join(degree_lines)),
        dropped=tuple(dict.fromkeys(dropped)),
    )


def _read_terms(hits: list[_Hit], groups: dict[int, str], has_requirements: bool) -> list[ReadTerm]:
    """One entry per term, in the order the posting first names them. A term takes its strongest bucket;
    it joins a group only when every mention in that bucket lists it among alternatives (a term required on
    its own somewhere is required on its own)."""
    by_name: dict[str, list[_Hit]] = {}
    for hit in hits:
        by_name.setdefault(hit.term.name, []).append(hit)
    read_terms = []
    for mentions in by_name.values():
        buckets = [_bucket(h, has_requirements) for h in mentions]
        bucket: Bucket = "required" if "required" in buckets else "preferred"
        strongest = [h for h, b in zip(mentions, buckets, strict=True) if b == bucket]
        names = [groups.get(h.start) for h in strongest]
        group = names[0] if all(names) else None
        best = strongest[0]
        kind = "required" if bucket == "required" else ("duties" if best.clause.kind == "duties" else "preferred")
        weight = _BASE_WEIGHT.get(kind, 1.0) + min(len(mentions) - 1, 2)  # named more often, weighs more
        term = replace(best.term, importance=bucket, weight=weight, group=group)
        snippet = " ".join(_BULLET.sub("", best.clause.text).split())[:MAX_SNIPPET]
        read_terms.append(ReadTerm(term, best.clause.heading, len(mentions), snippet))
    # A group keeps only the members that stayed in it; a group of one is no group.
    sizes: dict[str, int] = {}
    for entry in read_terms:
        if entry.term.group:
            sizes[entry.term.group] = sizes.get(entry.term.group, 0) + 1
    return [
        replace(entry, term=replace(entry.term, group=None))
        if entry.term.group and sizes[entry.term.group] < 2
        else entry
        for entry in read_terms
    ]


def derive_profile(name: str, text: str) -> Profile:
    """The profile a posting describes. Deterministic: the same text always gives the same profile."""
    reading = read(name, text)
    info = PostingInfo(
        file=name,
        title=reading.title,
        terms=tuple(
            PostingTerm(e.term.name, e.heading, e.count, e.snippet, e.term.importance, e.term.weight)
            for e in reading.terms
        ),
        years=reading.years,
        dropped=reading.dropped,
    )
    terms = tuple(e.term for e in reading.terms)
    digest = hashlib.sha256(repr((info, terms, reading.education)).encode()).hexdigest()[:12]
    return Profile(
        id=f"jd:{name}",
        title=info.title,
        pass_score=DEFAULT_PASS_SCORE,
        terms=terms,
        version=digest,
        source=name,
        education=reading.education,
        posting=info,
    )


def _outermost(matches: Sequence[TermMatch]) -> list[TermMatch]:
    """Each term with its exact and alias occurrences that are not inside a longer term's ("GitHub" in
    "GitHub Actions", "Ruby" in "Ruby on Rails"): the posting names the longer one."""
    # An alias that is a phrase around another term's name ("deploying machine learning models" for model
    # deployment, "Linux system internals" for operating systems) names both terms.
    spans = [(o.start, o.end, o.form == "alias") for m in matches for o in m.occurrences if o.form != "fuzzy"]
    kept = []
    for match in matches:
        own = [
            o
            for o in match.occurrences
            if o.form != "fuzzy"  # a posting is edited text: a near-miss there is another word, not a typo
            and not any(
                s <= o.start and o.end <= e and (e - s) > (o.end - o.start) and not (phrase and o.form == "name")
                for s, e, phrase in spans
            )
        ]
        if own:
            kept.append(replace(match, occurrences=tuple(own)))
    return kept


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text.lower()]


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
            importance: Bucket = "required" if "required" in (term.importance, extra.importance) else "preferred"
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
