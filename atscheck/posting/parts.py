"""A posting cut into the parts a recruiter sees: headings (sentence headings and inline labels too) say what
each part holds, and each part is cut into clauses that may name terms. Company and team blurb, benefits,
pay and equal-opportunity text are left out; a sentence that names a degree goes to education."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from atscheck.errors import InputError, UsageError
from atscheck.extract.isolated import extract_isolated
from atscheck.extract.plaintext import decode
from atscheck.posting.headings import PartKind, kind_of
from atscheck.structure.education import names_degree

MAX_HEADING_WORDS = 10


MAX_TITLE_WORDS = 8


MAX_UNNAMED_WORDS = 6  # "Transition Into This Career From": a short line of capitalised words opens a part


NOT_TERMS: tuple[PartKind, ...] = ("blurb", "boilerplate")


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
OPTIONAL = re.compile(
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


BULLET = re.compile(r"^\s*(?:[-•*–·]|\d{1,2}[.)])\s+")


INLINE_LABEL = re.compile(r"^\s*(?:[-•*–·]\s+)?([A-Z][\w’' /&-]{1,40}?)\s*:\s+(?=\S)")


ROLE_NOUN = re.compile(
    r"\b(engineers?|developers?|scientists?|architects?|analysts?|administrators?|managers?|sre|specialists?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Clause:
    """A piece of the posting that holds one thought: a sentence, or the part of one before or after a ';'."""

    kind: PartKind
    heading: str
    start: int
    text: str
    optional: bool  # an optional marker stands outside the clause's parentheses


MAX_POSTING_BYTES = 2 * 1024 * 1024  # a long posting is 20 KB


def _read_stdin() -> str:
    """A posting pasted on standard input: at most 2 MB, in any encoding a text file may have."""
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
        path = Path(source)
        try:
            text = extract_isolated(path).text  # bounded as a resume is: memory, time, stop signals
        except InputError as error:
            raise UsageError(f"The job posting {source} could not be read: {error.message}") from None
        name = path.name
    if len(text.split()) < 20:
        raise UsageError(f"The job posting {source} holds almost no text; paste the whole posting into a file.")
    return name, text


def posting_title(text: str) -> str:
    """The job title: the first line that names a role ("Senior MLOps Engineer"), without company ("... at
    Acme"), pay or bracketed tags ("[8AI]")."""
    for line in text.split("\n")[:5]:
        for piece in re.split(r"\s+[-–|·]\s+|\s*\|\s*", line.strip()):
            piece = " ".join(without_parentheses(piece).split()).strip(" ,")
            piece = re.split(r"\s+(?:at|@)\s+(?=[A-Z])", piece)[0]  # "Data Engineer at Hexagon Labs"
            noun = ROLE_NOUN.search(piece)
            if noun and len(piece.split()) > MAX_TITLE_WORDS:  # a sentence: the words up to the role noun
                piece = piece[: noun.end()]
            if noun and len(piece.split()) <= MAX_TITLE_WORDS:
                return piece
    first = next((line for line in text.split("\n") if line.strip()), "Job posting")
    return " ".join(without_parentheses(first).split())[:60] or "Job posting"


# A line that says something is optional or required ("Kubernetes experience is a plus"), without a full
# stop: a sentence, not a heading; a question heading ("What is required?") is one.
_STATEMENT = re.compile(
    r"^(?!(?:what|who|how|why|where|when|which|it|this|that|you)\b).*\b(?:is|are|be)\s+(?:an?\s+)?(?:\w+\s+)?"
    r"(?:plus|asset|advantage|bonus|preferred|desired|desirable|welcome|required|mandatory|a must)$",
    re.IGNORECASE,
)


def heading_text(line: str) -> str:
    """A heading without its decoration: emoji, '#', '**', bullets, trailing ':', '?', '…'."""
    return re.sub(r"^[^\w(\[]+|[\s:?!.…*_–—-]+$", "", line.strip())


def _heading_kind(line: str, standalone: bool) -> PartKind | None:
    """The kind of part a line opens, or None when it is not a heading. A heading is short, is not a sentence
    (no full stop), and names its part; a bullet is a heading only when it ends with ':' ("- Preferred
    qualifications:"); a short line of capitalised words ("Education Path") opens an unnamed part."""
    raw = line.strip()
    text = heading_text(raw)
    if not text or len(text.split()) > MAX_HEADING_WORDS or (raw.endswith(".") and not raw.endswith("…")):
        return None
    if BULLET.match(line) and not raw.endswith(":"):
        return None
    if not raw.endswith(":") and _STATEMENT.search(text):
        return None
    kind = kind_of(text)
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


def without_parentheses(text: str) -> str:
    """Text without what parentheses or brackets hold: a note ("(Remote)"), a tag ("[8AI] MLOps Engineer")."""
    return re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text)


def _about_employer(employers: Sequence[str]) -> re.Pattern[str] | None:
    """A sentence that opens with the employer's name ("Cloudflare's network spans ...", "At Acme, ...")."""
    if not employers:
        return None
    names = "|".join(re.escape(name) for name in sorted(employers, key=len, reverse=True))
    return re.compile(rf"^(?:[^,]{{0,40}},\s*)?(?:at\s+)?(?:{names})(?:['’]s)?\b", re.IGNORECASE)


def _sentence_kind(kind: PartKind, sentence: str, employer: re.Pattern[str] | None) -> PartKind | None:
    """What one sentence counts as, given the part it stands in; None when it adds no terms."""
    if _BOILERPLATE_LINE.search(sentence) or kind in NOT_TERMS:
        return None
    body = BULLET.sub("", sentence).strip()
    about_company = _BLURB_SENTENCE.search(body) or (employer and employer.search(body))
    if kind in ("other", "duties") and about_company and not _ADDRESSED.search(body):
        return "stack" if _STACK_SENTENCE.search(body) else None
    if _STACK_SENTENCE.search(body) and kind != "preferred":
        return "stack"
    return kind


def split_clauses(text: str, employers: Sequence[str] = ()) -> tuple[list[Clause], list[str], list[str]]:
    """(clauses that may name terms, headings of the parts left out, sentences that name a degree). A sentence
    about the company (its `employers` names) adds no terms, as one that opens with "We" or "Our"."""
    employer = _about_employer(employers)
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
        if not line.strip() or (index == title_line and ROLE_NOUN.search(line)):  # the title is matched apart
            continue
        standalone = (index == 0 or not lines[index - 1].strip()) and (
            index + 1 >= len(lines) or not lines[index + 1].strip()
        )
        opened = _heading_kind(line, standalone)
        if opened is not None:
            kind, heading, list_part = opened, heading_text(line), None
            if kind in NOT_TERMS:
                dropped.append(heading)
            continue
        bullet = bool(BULLET.match(line))
        if not bullet:
            list_part = None
        line_kind, line_heading = list_part or (kind, heading)
        body_at = 0
        label = INLINE_LABEL.match(line)
        if label and (label_kind := kind_of(label.group(1))) is not None:
            line_kind, line_heading, body_at = label_kind, label.group(1), label.end()
            if label_kind in NOT_TERMS:
                dropped.append(line_heading)
        kinds = []
        for at, sentence in _sentences(line[body_at:]):
            sentence_kind = _sentence_kind(line_kind, sentence, employer)
            kinds.append(sentence_kind)
            if sentence_kind is None:
                continue
            if names_degree(sentence):
                degree_lines.append(sentence)
                continue
            for piece_at, piece in _clause_pieces(sentence):
                lead = re.match(
                    r"\s*[(\[]([^)\]]*)[)\]]", BULLET.sub("", piece)
                )  # "[Nice to have] Experience with ..."
                optional = bool(OPTIONAL.search(without_parentheses(piece)) or (lead and OPTIONAL.search(lead[1])))
                start = line_offset + body_at + at + piece_at
                clauses.append(Clause(sentence_kind, line_heading, start, piece, optional))
        following = next((later for later in lines[index + 1 :] if later.strip()), "")
        if not bullet and BULLET.match(following) and kinds and all(k is None for k in kinds):
            list_part = ("blurb", heading_text(line)[:60])
    return clauses, dropped, degree_lines
