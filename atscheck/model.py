"""The plain, frozen data that flows between the stages: extract -> match -> check -> score -> report.

Each stage takes the objects of the stage before it and returns new ones; nothing is mutated, so any
stage can be tested or replaced on its own.
"""

from __future__ import annotations

import bisect
import pickle
import re
import zlib
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, Literal

# Where a piece of text came from. In a PDF, text alone in the top or bottom margin band of a page, or
# repeated there on several pages, is "header" or "footer"; the rest is "body".
Source = Literal["body", "table", "header", "footer", "textbox"]
Format = str  # the name of the reader that read the file ("pdf", "docx", "text", "markdown"): atscheck.extract
Severity = Literal["error", "warning", "info"]
Status = Literal["exact", "alias", "implied", "fuzzy", "missing"]
# How an occurrence names its term: its name, another spelling, a tool that shows the concept ("Docker" for
# containerization), or a misspelling.
Form = Literal["name", "alias", "member", "fuzzy"]
Importance = Literal["required", "preferred"]

# Han, Kana and Hangul: scripts written without spaces between words.
_CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def count_words(text: str) -> int:
    """Words as a reader counts them: Chinese and Japanese write no spaces, so there every two characters of
    a run of Han, Kana or Hangul count as a word."""
    words = text.split()
    if text.isascii():
        return len(words)
    cjk = sum(len(run) for run in _CJK_RUN.findall(text))
    # An ASCII word holds no Han, Kana or Hangul: only the others are matched.
    return len([w for w in words if w.isascii() or not _CJK_RUN.fullmatch(w)]) + (cjk + 1) // 2


RGB = tuple[float, float, float]
MIN_READABLE_WORDS = 25
ICON_MAX_POINTS = 24.0
BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in points, measured from the page's top


# ---------------------------------------------------------------- extraction


@dataclass(frozen=True)
class Span:
    """A run of text with one set of layout facts, at offsets [start, end) of Document.text."""

    text: str
    start: int
    page: int | None = None
    source: Source = "body"
    bbox: BBox | None = None
    font_size: float | None = None
    color: RGB | None = None
    hidden: bool = False  # a reader cannot see it: Word's Hidden setting, or a technique named in hidden_how
    hidden_how: str = ""  # how the text is hidden ("drawn in invisible ink (text render mode 3 or 7)", ...)
    on_background: bool = False  # drawn over a dark shape, picture or shading (white text there is visible)
    bold: bool = False
    heading_level: int = 0  # 1-6 when the format marks it as a heading (Markdown #, DOCX Heading style)
    # A PDF word drawn with wide gaps between its letters, as a parser that breaks words at such gaps reads it
    # ("D ocker" for "Docker"); empty for every other span.
    split_as: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Section:
    """A resume section. `name` is the standard name ("experience"), None for an unrecognised heading."""

    name: str | None
    heading: str
    start: int  # offset of the heading in Document.text
    end: int  # offset where the next section starts (or the end of the text)


@dataclass(frozen=True)
class PageInfo:
    number: int  # 1-based
    width: float
    height: float
    chars: int  # characters of extracted text on the page
    images: int
    columns: int  # 1, or 2 when text stands side by side in two columns
    icons: int = 0


@dataclass(frozen=True)
class Document:
    """What an extractor read out of a file: the text in reading order and facts about its layout."""

    path: str
    format: Format
    text: str
    spans: tuple[Span, ...]
    sections: tuple[Section, ...] = ()
    pages: tuple[PageInfo, ...] = ()  # empty for formats without pages
    images: int = 0
    icons: int = 0  # small pictures (both sides under ICON_MAX_POINTS), e.g. a phone or mail symbol
    columns: int = 1  # the most columns any part of the document is laid out in
    unmapped_glyphs: int = 0  # "(cid:NN)" glyphs a PDF font could not map to Unicode
    size_bytes: int = 0
    warnings: tuple[str, ...] = ()
    # The parsed fields: set by the structure stage, or by a reader whose format declares them (JSON Resume).
    resume: Resume | None = None

    @cached_property
    def _span_starts(self) -> list[int]:
        return [span.start for span in self.spans]

    def span_at(self, offset: int) -> Span | None:
        """The span holding the character at `offset` (None between spans, on a separator)."""
        index = bisect.bisect_right(self._span_starts, offset) - 1
        if index < 0:
            return None
        span = self.spans[index]
        return span if offset < span.end else None

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None

    @cached_property  # asked by several checks per role, of text that never changes
    def word_count(self) -> int:
        """Words as a reader counts them: Chinese and Japanese write no spaces, so there every two
        characters of a run of Han, Kana or Hangul count as a word."""
        return count_words(self.text)

    @property
    def has_text(self) -> bool:
        """Enough words to be a resume at all; below this it is an image or a scan to an ATS."""
        return self.word_count >= MIN_READABLE_WORDS


# ---------------------------------------------------------------- profiles


@dataclass(frozen=True)
class Inherited:
    """What a profile's term has from the skills taxonomy (merged into the Term's own fields): the name the
    taxonomy knows it by, and the spellings and matching rules that came from there."""

    source: str
    aliases: tuple[str, ...] = ()
    not_in: tuple[str, ...] = ()
    needs_context: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    members: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.aliases or self.not_in or self.needs_context or self.patterns or self.members)


@dataclass(frozen=True)
class Term:
    name: str
    category: str
    kind: Literal["skill", "tool", "certification", "soft-skill"]
    importance: Importance
    weight: float
    aliases: tuple[str, ...] = ()
    case_sensitive: bool = False
    group: str | None = None  # terms of one group are one requirement that any member satisfies
    # Matching rules a profile may give a term (docs/matching.md): phrases inside which a form does not count
    # ("Azure Key Vault" for Vault), words one of which must stand near a form that is an ordinary word
    # ("API" near "REST"), and word patterns that say the concept across words ("deploy ... model").
    not_in: tuple[str, ...] = ()
    needs_context: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    inherit: bool = True  # the skills taxonomy's knowledge of the term applies (a profile may say `inherit = false`)
    # Terms whose use shows this concept (Docker and Kubernetes show containerization): partial credit.
    members: tuple[str, ...] = ()


DegreeLevel = Literal["associate", "bachelor", "master", "doctorate"]
DEGREE_LEVELS: tuple[DegreeLevel, ...] = ("associate", "bachelor", "master", "doctorate")


# ---------------------------------------------------------------- parsed fields (what a parser reads)


@dataclass(frozen=True)
class Month:
    """A date as a resume writes it, at its precision: a year ("2019") or a month ("Sep 2021"). Dates order by
    `index`: a year alone stands for its January."""

    year: int
    month: int | None = None  # 1-12; None when only the year is written

    @property
    def iso(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    @property
    def index(self) -> int:
        """Months since year 0: a year alone counts from its January (as parsers read "2019 - 2021")."""
        return self.year * 12 + (self.month or 1) - 1

    def __lt__(self, other: Month) -> bool:
        return self.index < other.index


@dataclass(frozen=True)
class Period:
    """A date range as written: "Sep 2021 - Present" is a start and `current`; a lone year is a start."""

    start: Month | None
    end: Month | None = None
    current: bool = False  # "Present", "heute", "aujourd'hui", "至今", or an open "2024-"
    text: str = ""  # the words as the resume writes them


@dataclass(frozen=True)
class Role:
    """One position of the work history: what a parser fills in for each job."""

    title: str
    employer: str
    location: str = ""
    period: Period | None = None
    bullets: tuple[str, ...] = ()  # what the role says it did, each bullet with its wrapped lines
    start: int = 0  # where the role's lines start and end in Document.text (its bullets included)
    end: int = 0


@dataclass(frozen=True)
class School:
    """One entry of the education history."""

    institution: str
    degree: str = ""  # as written: "B.S.", "Master of Science"
    level: DegreeLevel | None = None
    field: str = ""  # the field of study as written
    period: Period | None = None


@dataclass(frozen=True)
class Certificate:
    name: str
    issuer: str = ""
    date: Month | None = None


@dataclass(frozen=True)
class Contacts:
    """Who the resume is from. The email address and phone number are only said to be there: reports never
    print them."""

    name: str = ""
    location: str = ""
    has_email: bool = False
    has_phone: bool = False
    links: tuple[str, ...] = ()  # profile links as host/path, lower case: "linkedin.com/in/jane"


@dataclass(frozen=True)
class Resume:
    """The fields a parser reads out of a resume, which rankers then weigh."""

    contacts: Contacts = Contacts()
    roles: tuple[Role, ...] = ()
    schools: tuple[School, ...] = ()
    certificates: tuple[Certificate, ...] = ()
    skills: tuple[str, ...] = ()  # the items of the Skills section, as listed
    summary: str = ""


@dataclass(frozen=True)
class CareerBreak:
    """Time between two roles with no role dated in it."""

    after: Month  # the last month of the role before
    before: Month  # the first month of the role after
    months: int


@dataclass(frozen=True)
class Overlap:
    """Two roles whose dates run at the same time (indexes into Resume.roles)."""

    first: int
    second: int
    months: int


@dataclass(frozen=True)
class SkillEvidence:
    """Where a ranker sees a term: in which roles' lines (and so for how many months, and how recently), or
    only in a list of skills."""

    term: str
    importance: Importance
    roles: tuple[int, ...]  # indexes into Resume.roles of the roles whose lines name it
    months: int  # months covered by those roles' dates (overlaps counted once)
    last_used: Month | None  # the latest month of those roles; None when undated or current
    current: bool  # named in a current role
    listed: bool  # named in a Skills section
    elsewhere: bool  # named outside roles and skills (summary, projects)


@dataclass(frozen=True)
class Career:
    """The work history as a ranker reads it from the roles' dates."""

    role_months: tuple[int | None, ...]  # per role; None for a role without dates
    total_months: int  # months covered by any role (overlaps counted once)
    breaks: tuple[CareerBreak, ...]  # over BREAK_MONTHS with no role
    overlaps: tuple[Overlap, ...]
    skills: tuple[SkillEvidence, ...] = ()  # the profile's terms found, required first


@dataclass(frozen=True)
class EducationRequirement:
    """The degree a role expects: at least `level`, in one of `fields` (or a related field)."""

    level: DegreeLevel
    fields: tuple[str, ...]
    importance: Importance = "preferred"


@dataclass(frozen=True)
class PostingTerm:
    """A term a job posting names, and where: the provenance its importance and weight come from."""

    name: str
    section: str  # the posting's heading the term was found under
    count: int  # times the posting names it
    snippet: str
    importance: Importance
    weight: float


# The requirements an ATS turns into knock-out screening questions (the pre-flight checklist of --jd).
ChecklistKind = Literal[
    "work-authorization", "sponsorship", "clearance", "licence", "location", "years", "degree", "language"
]


@dataclass(frozen=True)
class ChecklistItem:
    """A requirement of a posting that an ATS asks as a screening question, in the posting's own words."""

    kind: ChecklistKind
    quote: str  # the posting's sentence that states it
    line: int  # 1-based line of the posting it stands on


@dataclass(frozen=True)
class PostingInfo:
    """What a profile derived from a job posting (--jd) knows about the posting."""

    file: str
    title: str
    terms: tuple[PostingTerm, ...]
    years: int | None = None  # years of experience the requirements name ("5+ years")
    dropped: tuple[str, ...] = ()  # headings of the parts left out as boilerplate (blurb, benefits, EEO)
    checklist: tuple[ChecklistItem, ...] = ()  # what the posting asks that a screening question checks


@dataclass(frozen=True)
class ProfileRef:
    """Which profile a result was scored against: all a report needs, without the profile's terms."""

    id: str
    title: str
    version: str


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    pass_score: float
    terms: tuple[Term, ...]
    version: str  # a short hash of the profile's content
    source: str  # the file it was read from
    education: EducationRequirement | None = None
    transition_from: tuple[str, ...] = ()  # roles the role description names as paths into this one
    titles: tuple[str, ...] = ()  # the job titles a recruiter searches for this role ("MLOps Engineer", ...)
    posting: PostingInfo | None = None  # set when the profile was derived from a job posting

    @property
    def ref(self) -> ProfileRef:
        return ProfileRef(self.id, self.title, self.version)


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class Occurrence:
    """One place a term was found."""

    text: str  # the words as written in the resume
    start: int
    end: int
    form: Form
    page: int | None
    source: Source
    section: str | None  # the heading of the section it stands in
    snippet: str


@dataclass(frozen=True)
class TermMatch:
    term: Term
    occurrences: tuple[Occurrence, ...]


# ---------------------------------------------------------------- checks


@dataclass(frozen=True)
class Finding:
    id: str
    severity: Severity
    message: str
    fix: str
    where: str = ""
    # Text ranges whose term matches earn no credit (hidden text, letters spaced apart).
    uncredited: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    # Text ranges that still count in the score but not in a ranking of several resumes (a bare wall of
    # keywords): a stuffed resume must not outrank an honest one.
    unranked: tuple[tuple[int, int], ...] = field(default=(), repr=False)


# ---------------------------------------------------------------- education and career transition


@dataclass(frozen=True)
class EducationResult:
    """The degree the resume names, against the role's requirement. Reported apart from keyword coverage."""

    requirement: EducationRequirement
    level_found: DegreeLevel | None  # the highest degree named
    field_found: str | None  # the first expected field named
    evidence: str = ""  # the line it was found on, contact details masked

    @property
    def level_met(self) -> bool:
        return self.level_found is not None and DEGREE_LEVELS.index(self.level_found) >= DEGREE_LEVELS.index(
            self.requirement.level
        )

    @property
    def field_met(self) -> bool:
        return not self.requirement.fields or self.field_found is not None

    @property
    def status(self) -> Literal["met", "partly", "missing"]:
        if self.level_met and self.field_met:
            return "met"
        return "partly" if self.level_met or self.field_met else "missing"


# ---------------------------------------------------------------- scoring and results


@dataclass(frozen=True)
class TermResult:
    term: Term
    status: Status
    occurrences: tuple[Occurrence, ...]  # credited occurrences only
    uncredited: int = 0  # occurrences that a check ruled out

    @property
    def count(self) -> int:
        return len(self.occurrences)


@dataclass(frozen=True)
class PartScore:
    """Coverage of one slice of the profile: earned and possible weight, and how many terms were found."""

    name: str
    earned: float
    possible: float
    found: int
    total: int

    @property
    def percent(self) -> float:
        return round(100 * self.earned / self.possible, 1) if self.possible else 100.0


@dataclass(frozen=True)
class TitleMatch:
    """Whether the resume names the role's job title or a variant of it: recruiters search by title, and
    rankers weigh the titles a resume holds."""

    titles: tuple[str, ...]  # what was looked for
    found: str | None  # the title as the resume writes it; None when it names none of them


@dataclass(frozen=True)
class ScoreParts:
    required: PartScore
    preferred: PartScore  # earned and possible capped at the heaviest PREFERRED_COUNTED preferred terms
    by_category: tuple[PartScore, ...]
    by_kind: tuple[PartScore, ...]
    title: TitleMatch | None = None  # None for a profile that names no job title


@dataclass(frozen=True)
class Gap:
    """A requirement the resume does not meet: one term, or a group any of whose terms would do. With
    `partial`, the requirement is met only by an alias or a misspelling: the fix is to write the name."""

    terms: tuple[Term, ...]
    partial: TermResult | None = None

    @property
    def label(self) -> str:
        """'Kubeflow', or 'any one of: AWS, Google Cloud, Azure' for a group."""
        names = [t.name for t in self.terms]
        return names[0] if len(names) == 1 else "any one of: " + ", ".join(names)

    @property
    def lead(self) -> Term:
        """The member that decides the gap's importance: required before preferred, then the heaviest."""
        return max(self.terms, key=lambda t: (t.importance == "required", t.weight))


@dataclass(frozen=True)
class SkillArea:
    """Missing terms of one skill area and one importance, heaviest first."""

    name: str
    importance: Importance
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class Transition:
    """Moving from the role a resume fits now (`source`) into the role it is scored for."""

    source: ProfileRef
    source_score: float
    detected: bool  # chosen as the best-fitting other role, not named with --from
    covered: tuple[TermResult, ...]  # terms of the target found in the resume that the current role also lists
    to_learn: tuple[SkillArea, ...]  # missing terms by skill area: the required areas first, then the preferred


@dataclass(frozen=True)
class ChecklistAnswer:
    """One screening question the posting implies, beside what the resume shows for it."""

    item: ChecklistItem
    resume: str | None  # the resume's own words for it (contact details masked); None when it says nothing
    advice: str  # what to do, in plain words


@dataclass(frozen=True)
class SkillYears:
    """A posting's "5+ years of Python" against the months the resume's roles show Python."""

    term: str
    years: int  # what the posting asks
    months: int  # what the roles that name the term cover (0: no dated role names it)
    roles: int  # how many roles name it

    @property
    def met(self) -> bool:
        return self.months >= self.years * 12


@dataclass(frozen=True)
class PostingMatch:
    """The resume against what a job posting asks beyond keywords: its title and years of experience, and how
    often each term appears in the posting and in the resume."""

    posting: PostingInfo  # the posting's terms with where they were found, and what was left out
    title: str
    title_found: str | None  # the title, or a close variant, as the resume writes it
    years_required: int | None
    years_found: int | None  # span of the dated roles in the Experience section
    frequency: tuple[tuple[str, int, int], ...]  # (term, times in the posting, times in the resume)
    skill_years: tuple[SkillYears, ...] = ()  # the terms the posting asks years of
    checklist: tuple[ChecklistAnswer, ...] = ()  # the pre-flight checklist: screening questions, posting order

    @property
    def years_met(self) -> bool | None:
        if self.years_required is None or self.years_found is None:
            return None
        return self.years_found >= self.years_required


@dataclass(frozen=True)
class ErrorInfo:
    code: str  # missing | permission | corrupt | encrypted | unsupported | empty | too-large | timeout | ...
    message: str
    # For an "internal" error: the exception's type and traceback, to report the bug (never in a report).
    debug: str | None = field(default=None, repr=False, compare=False)


# The code of a Delta's error when the file did not exist at the git ref: a resume added since.
NOT_AT_REF = "not-at-ref"


@dataclass(frozen=True)
class Delta:
    """What changed from an earlier version of the same resume (--baseline, --baseline-ref), for one role."""

    source: str  # the earlier version: "old.pdf", or "main:resume.pdf" for a git ref
    before: float | None  # None when the earlier version could not be read or did not exist
    after: float
    found: tuple[str, ...] = ()  # terms missing before, found now
    lost: tuple[str, ...] = ()  # terms found before, missing now
    lost_required: tuple[str, ...] = ()  # required terms (or groups) met before and unmet now
    respelled: tuple[tuple[str, Status, Status], ...] = ()  # found both times, as a different form
    new_findings: tuple[Finding, ...] = ()
    fixed_findings: tuple[Finding, ...] = ()
    error: ErrorInfo | None = None  # why there is nothing to compare with

    @property
    def change(self) -> float | None:
        return None if self.before is None else round(self.after - self.before, 1)

    @property
    def dropped(self) -> bool:
        """The score fell, or a required term was lost: what --fail-on drop fails on."""
        return (self.change is not None and self.change < 0) or bool(self.lost_required)


@dataclass(frozen=True)
class Result:
    """One file scored against one profile, or an error row when the file could not be read."""

    file: str
    profile: ProfileRef | None
    threshold: float
    score: float | None = None
    terms: tuple[TermResult, ...] = ()
    parts: ScoreParts | None = None
    checks: tuple[Finding, ...] = ()
    warnings: tuple[str, ...] = ()
    error: ErrorInfo | None = None
    education: EducationResult | None = None
    transition: Transition | None = None
    posting: PostingMatch | None = None
    baseline: Delta | None = None  # the change from an earlier version of the file
    document: Document | None = field(default=None, repr=False, compare=False)  # with Request.keep_documents
    # The score without credit from stuffed or hidden text: what a ranking of several resumes sorts by.
    ranking_score: float | None = None
    resume: Resume | None = None  # the fields a parser reads (roles, education, certificates, contacts)
    career: Career | None = None  # the work history and where each term is shown, as a ranker reads it

    @property
    def role(self) -> str | None:
        """The id of the profile scored against."""
        return self.profile.id if self.profile else None

    def __reduce__(self) -> tuple[Any, ...]:
        # Results travel between processes and cluster workers, and get stored: their text (terms, snippets)
        # repeats a lot, so the pickle is compressed, a fourth of its size for a typical resume.
        state = pickle.dumps(self.reduce_uncompressed()[1], pickle.HIGHEST_PROTOCOL)
        return (_unpickle_result, (zlib.compress(state),))

    def reduce_uncompressed(self) -> tuple[Any, ...]:
        """This result's pickle reduction without the compression: its fields, for a pickler that must see
        them itself (one that sends a profile's terms as references)."""
        return Result, tuple(getattr(self, f.name) for f in fields(self))

    @property
    def passed(self) -> bool:
        return self.error is None and self.score is not None and self.score >= self.threshold

    @property
    def missing(self) -> tuple[TermResult, ...]:
        return tuple(t for t in self.terms if t.status == "missing")


def _unpickle_result(data: bytes) -> Result:
    return Result(*pickle.loads(zlib.decompress(data)))
