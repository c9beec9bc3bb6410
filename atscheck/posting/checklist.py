"""The pre-flight checklist of a posting: what it asks that an ATS turns into knock-out screening questions
(work authorisation, visa sponsorship, security clearance, a licence, location or days on site, years of
experience, a degree, a language), each quoted from the posting with its line, beside what the resume
shows for it, and what to do.

These are read from the whole posting, its boilerplate too ("We are unable to sponsor visas" stands in the
small print), but not from equal-opportunity text ("regardless of citizenship"). A resume can answer few of
them: the advice says when only the screening question can."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from atscheck.contact import redact
from atscheck.model import (
    ChecklistAnswer,
    ChecklistItem,
    ChecklistKind,
    Document,
    EducationRequirement,
    EducationResult,
)
from atscheck.structure.education import LEVEL_NAMES, check_education
from atscheck.text import YEARS

_LANGUAGES = (
    "English|German|French|Spanish|Portuguese|Italian|Dutch|Flemish|Polish|Czech|Slovak|Hungarian|Romanian|"
    "Bulgarian|Croatian|Serbian|Slovenian|Greek|Turkish|Russian|Ukrainian|Swedish|Norwegian|Danish|Finnish|"
    "Icelandic|Estonian|Latvian|Lithuanian|Hebrew|Arabic|Persian|Farsi|Hindi|Urdu|Bengali|Punjabi|Tamil|"
    "Telugu|Marathi|Japanese|Korean|Mandarin|Cantonese|Chinese|Vietnamese|Thai|Indonesian|Malay|Tagalog|"
    "Filipino|Catalan|Basque|Swahili|Afrikaans"
)


# What the posting says, kind by kind. Each pattern finds a sentence that asks it of the hire.
_ASKS: dict[ChecklistKind, re.Pattern[str]] = {
    "work-authorization": re.compile(
        r"\b(?:legally\s+)?(?:authori[sz]ed|eligible|able|entitled|permitted)\s+to\s+(?:live\s+and\s+)?work\b"
        r"|\bwork(?:ing)?\s+(?:authori[sz]ation|permit|rights?)\b|\bright\s+to\s+work\b"
        r"|\b(?:employment|work)\s+eligibility\b|\beligib\w*\s+for\s+employment\b"
        r"|\b(?:U\.?S\.?|EU|UK|Canadian|Australian)\s+(?:citizens?(?:hip)?|persons?|nationals?)\b"
        r"|\bcitizenship\b|\bgreen\s+card\b|\bpermanent\s+resid\w+|\bE-Verify\b",
        re.IGNORECASE,
    ),
    "sponsorship": re.compile(
        r"\bsponsorship\b|\bsponsor\w*\b[^.]{0,40}\b(?:visas?|work\s+permits?|employment|immigration|H-?1B)\b"
        r"|\b(?:cannot|can't|can’t|can\s+not|unable\s+to|not\s+able\s+to|do\s+not|don't|don’t|will\s+not|won't|"
        r"won’t)\s+(?:currently\s+)?(?:offer\s+|provide\s+)?sponsor\b|\bsponsor\w*\s+now\s+or\s+in\s+the\s+future"
        r"|\b(?:visas?|H-?1B|immigration)\b[^.]{0,40}\bsponsor\w*|\bH-?1B\b|\bwork\s+visas?\b|\bvisa\s+support\b",
        re.IGNORECASE,
    ),
    "clearance": re.compile(
        r"\b(?:security|government|federal|DoD|secret|TS/SCI|SC|DV|NV[12]|baseline|active)\s+clearances?\b"
        r"|\bclearances?\s+(?:is\s+)?(?:required|eligib\w*|level)\b|\bTS/SCI\b|\bpolygraph\b|\bpublic\s+trust\b"
        r"|\bclearable\b|\b(?:obtain|hold|maintain|eligible\s+for)\s+(?:an?\s+)?(?:active\s+)?(?:\w+\s+){0,2}clearance\b",
        re.IGNORECASE,
    ),
    "licence": re.compile(
        r"\b(?:driver'?s|driver’s|driving|professional\s+engineer(?:ing)?|PE|state|valid|current|active|nursing|"
        r"medical|CPA|bar|pilot'?s|commercial)\s+licen[cs]es?\b|\blicen[cs]ed\s+(?:professional|engineer|in\b|to\b)"
        r"|\blicensure\b|\blicen[cs]e\s+(?:is\s+)?(?:required|to\s+practi[cs]e)\b",
        re.IGNORECASE,
    ),
    "location": re.compile(
        r"\bon-?site\b|\bin[- ]office\b|\bin\s+the\s+office\b|\bin[- ]person\b|\bhybrid\b|\brelocat\w+"
        r"|\bcommut(?:able|ing\s+distance)\b|\bwithin\s+commuting\b"
        r"|\b(?:\d|one|two|three|four|five)\s*(?:x|days?|times?)\s*(?:a|per|/|each|every)?\s*week\b"
        r"|\btime\s?zones?\b[^.]{0,40}\b(?:overlap|within|hours|operat\w+|requirement|available|align|UTC|GMT|"
        r"[ECMP][SD]?T|CET)\b|\b(?:overlap|within|hours|operat\w+|requirements?|available|align)\b[^.]{0,40}\btime\s?zones?"
        r"|\b(?:role|position|job|candidates?|applicants?|you)\b[^.]{0,30}\b(?:US|U\.S\.|USA|EU|UK)[- ]based\b"
        r"|\bbased\s+only\b|\b(?:you|candidates?|applicants?|must|should|need\s+to|required\s+to)\b[^.]{0,40}\b"
        r"(?:be\s+)?(?:located|based|reside|residing|live|living)\s+(?:in|within|near)\b"
        r"|\b(?:role|position|job)\s+is\s+(?:based|located)\s+in\b|\bremote\s+(?:only\s+)?(?:within|from|in)\s+[A-Z]",
        re.IGNORECASE,
    ),
    # The language names are matched as written (capitalised), the words around them in any case.
    "language": re.compile(
        rf"\b(?i:fluent|fluency|native|bilingual|proficien\w*|business[- ]level|professional[- ]level|working\s+"
        rf"(?:knowledge|proficiency)|written\s+and\s+(?:spoken|verbal)|spoken\s+and\s+written|command|speak\w*|"
        rf"level\s+[ABC][12]|[ABC][12]\s+level|(?:communicat\w+|skills)\s+in)\b[^.;]{{0,60}}\b(?:{_LANGUAGES})\b"
        rf"|\b(?:{_LANGUAGES})\b[^.;]{{0,30}}\b(?i:fluen\w+|native|required|is\s+a\s+must|mandatory|speaker|"
        rf"[ABC][12]|proficien\w*)\b",
    ),
}


_EXPERIENCE = re.compile(
    r"\bexperience\b|\b(?:years?|yrs?)\s+(?:in(?!\s+a\s+row)|as|with|building|working|writing|running|operating|"
    r"managing|developing|leading|designing|of)\b",
    re.IGNORECASE,
)
# Years that are no experience asked: the company's age, a benefit's wait, an award's run.
_NOT_EXPERIENCE = re.compile(
    r"\bfounded\b|\bsince\s+\d{4}|\bevery\b|\byears?\s+old\b|\bvest|\bper\s+year\b|\bannual|\bin\s+a\s+row\b|"
    r"\bsabbatical\b|\bleave\b|\bof\s+(?:employment|service|tenure)\b",
    re.IGNORECASE,
)
# Pay text names where candidates live to say what they are paid there.
_PAY = re.compile(r"\$\s?\d|\bsalary\b|\bcompensation\b|\bpay\s+(?:range|guidelines)\b|\bbenefits?\b", re.I)


# Equal-opportunity text names citizenship and national origin as what a decision may not rest on.
_EEO = re.compile(
    r"regardless\s+of|without\s+regard|discriminat|equal[\s-]+(?:opportunity|employment)|\bprotected\b|"
    r"affirmative\s+action|national\s+origin|decisions\s+based\s+on",
    re.IGNORECASE,
)


_HEADER_LOCATION = re.compile(r"^\s*(?:location|based in|office)\s*:\s*(.+)$", re.IGNORECASE)
_ANYWHERE = re.compile(r"^\s*(?:remote|anywhere|worldwide|global|fully remote)\s*$", re.IGNORECASE)


_FIELD = re.compile(r"\s+[-–|·]\s+")


MAX_QUOTE = 240
MAX_PER_KIND = 3
HEADER_LINES = 8


_ORDER: tuple[ChecklistKind, ...] = (
    "work-authorization",
    "sponsorship",
    "clearance",
    "licence",
    "location",
    "years",
    "degree",
    "language",
)


def _sentences(line: str) -> Iterator[str]:
    for piece in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", line):
        piece = re.sub(r"^\s*(?:[-•*–·]|\d{1,2}[.)])\s+", "", piece).strip()
        if piece:
            yield piece


def _quote(sentence: str, at: int) -> str:
    """The sentence, or the stretch of a long one around what was found."""
    if len(sentence) <= MAX_QUOTE:
        return sentence
    start = max(0, at - MAX_QUOTE // 2)
    piece = sentence[start : start + MAX_QUOTE]
    return ("…" if start else "") + piece.strip() + ("…" if start + MAX_QUOTE < len(sentence) else "")


def _kinds(sentence: str, degree_sentences: Sequence[str]) -> Iterator[tuple[ChecklistKind, int]]:
    eeo = bool(_EEO.search(sentence))
    for kind, pattern in _ASKS.items():
        match = pattern.search(sentence)
        if (
            match
            and not (eeo and kind in ("work-authorization", "sponsorship"))
            and not (kind == "location" and _PAY.search(sentence))
        ):
            yield kind, match.start()
    years = YEARS.search(sentence)
    if years and _EXPERIENCE.search(sentence) and not _NOT_EXPERIENCE.search(sentence):
        yield "years", years.start()
    if any(sentence in degree or degree in sentence for degree in degree_sentences):
        yield "degree", 0


def knockouts(text: str, degree_sentences: Sequence[str] = ()) -> tuple[ChecklistItem, ...]:
    """What the posting asks that an ATS screens on, in its own words, in checklist order and posting order
    within a kind; `degree_sentences` are the posting's degree lines (parts.split_clauses)."""
    found: dict[ChecklistKind, list[ChecklistItem]] = {kind: [] for kind in _ORDER}
    degrees = [" ".join(d.split()) for d in degree_sentences]
    for number, line in enumerate(text.split("\n"), start=1):
        header = _HEADER_LOCATION.match(line) if number <= HEADER_LINES else None
        if header and not _ANYWHERE.match(header.group(1)):
            found["location"].append(ChecklistItem("location", " ".join(line.split()), number))
            continue
        # A header line is a row of fields ("Data Engineer - Hybrid (New York, 3x/week) - $89K"): quoted whole,
        # each field read alone, so the pay beside the place does not make it pay text.
        header_row = number <= HEADER_LINES and bool(_FIELD.search(line))
        for sentence in [line.strip()] if header_row else _sentences(line):
            flat = " ".join(sentence.split())
            fields = _FIELD.split(flat) if header_row else [flat]
            kinds = {kind: flat.find(field) + at for field in fields for kind, at in _kinds(field, degrees)}
            for kind, at in kinds.items():
                items = found[kind]
                if len(items) < MAX_PER_KIND and all(item.quote != _quote(flat, at) for item in items):
                    items.append(ChecklistItem(kind, _quote(flat, at), number))
    return tuple(item for kind in _ORDER for item in found[kind])


# ---------------------------------------------------------------- what the resume shows


_SHOWS: dict[ChecklistKind, re.Pattern[str]] = {
    "work-authorization": re.compile(
        r"\bauthori[sz]ed\s+to\s+work\b|\bwork\s+authori[sz]ation\b|\bwork\s+permit\b|\bright\s+to\s+work\b|"
        r"\bcitizen(?:ship)?\b|\bgreen\s+card\b|\bpermanent\s+resident\b|\bH-?1B\b|\bvisa\b|\bsponsorship\b",
        re.IGNORECASE,
    ),
    "clearance": re.compile(
        r"\bclearance\b|\bTS/SCI\b|\btop\s+secret\b|\bpublic\s+trust\b|\bpolygraph\b|\b(?:SC|DV|NV[12])\s+"
        r"clear(?:ed|ance)\b|\bsecurity\s+cleared\b",
        re.IGNORECASE,
    ),
    "licence": re.compile(
        r"\b(?:driver'?s|driver’s|driving|professional|PE|state|nursing|medical|CPA|bar|pilot'?s|commercial)\s+"
        r"licen[cs]e\b|\blicen[cs]ed\s+(?:professional|engineer|in\b)|\blicensure\b",
        re.IGNORECASE,
    ),
}
_SHOWS["sponsorship"] = _SHOWS["work-authorization"]


_RELOCATE = re.compile(r"\b(?:open|willing)\s+to\s+relocat\w+|\brelocating\b|\bopen\s+to\s+relocation\b", re.I)


_ADVICE: dict[ChecklistKind, tuple[str, str]] = {  # (the resume shows something, it says nothing)
    "work-authorization": (
        "An ATS asks this as a yes/no question and filters on the answer: answer it in the application form "
        "as your resume states it.",
        "An ATS asks this as a yes/no question and filters on the answer: answer the screening question; the "
        "resume cannot.",
    ),
    "sponsorship": (
        "Answer the sponsorship question in the form as your resume states it; where the posting cannot "
        "sponsor, needing sponsorship rejects the application automatically.",
        "Answer the sponsorship question in the form; the resume cannot. Where the posting cannot sponsor, "
        "needing sponsorship rejects the application automatically.",
    ),
    "clearance": (
        "Keep the clearance level and its status on the resume, and give the same in the screening question.",
        "If you hold this clearance, add its level and status to the resume (e.g. 'Active Secret clearance') "
        "and answer the screening question; the resume says nothing about it now.",
    ),
    "licence": (
        "Keep the licence (its name, and the state or number) on the resume, and answer the screening "
        "question the same way.",
        "If you hold this licence, name it on the resume and answer the screening question; the resume says "
        "nothing about it now.",
    ),
    "location": (
        "Answer the location or on-site question in the form; recruiters compare it with where your resume "
        "says you are.",
        "Put your city and region in the resume's header, say if you will relocate, and answer the location "
        "or on-site question in the form.",
    ),
    "years": (
        "ATS ask for years as a number: give your years in this field, and check that your dated roles show as many.",
        "ATS ask for years as a number: answer it in the form, and date every role (month and year) so the "
        "resume shows the span.",
    ),
    "degree": (
        "Answer the degree question in the form as your Education section states it.",
        "Answer the degree question in the form; the resume names no degree. If you have one, list it with "
        "its level and field under Education.",
    ),
    "language": (
        "Answer the language question in the form at the level your resume states.",
        "Answer the language question in the form; the resume cannot. If you speak it, add a Languages line "
        "with your level (e.g. 'German: C1').",
    ),
}


def _line_with(text: str, pattern: re.Pattern[str]) -> str | None:
    for line in text.split("\n"):
        if pattern.search(line):
            return redact(" ".join(line.split()))[:MAX_QUOTE]
    return None


def _location(document: Document) -> str | None:
    """Where the resume says the candidate is (the place a parser reads from its top lines), and whether
    they will relocate."""
    place = document.resume.contacts.location if document.resume else ""
    relocate = _RELOCATE.search(document.text)
    shown = [part for part in (place, relocate.group() if relocate else None) if part]
    return "; ".join(shown) or None


def _languages(text: str, quote: str) -> str | None:
    asked = set(re.findall(rf"\b(?:{_LANGUAGES})\b", quote))
    return _line_with(text, re.compile(rf"\b(?:{'|'.join(sorted(asked))})\b")) if asked else None


def _shown(item: ChecklistItem, document: Document, years: int | None, education: EducationResult | None) -> str | None:
    text = document.text
    if item.kind in _SHOWS:
        return _line_with(text, _SHOWS[item.kind])
    if item.kind == "location":
        return _location(document)
    if item.kind == "years":
        return f"dated roles spanning about {years} year{'' if years == 1 else 's'}" if years is not None else None
    if item.kind == "degree":
        if education is None:
            education = check_education(document, EducationRequirement("bachelor", ()))
        if education.level_found is None:
            return None
        return education.evidence or LEVEL_NAMES[education.level_found]
    return _languages(text, item.quote)


def answer(
    items: Sequence[ChecklistItem], document: Document, years: int | None, education: EducationResult | None
) -> tuple[ChecklistAnswer, ...]:
    """Each screening question beside what the resume shows for it (its own words, contact details masked;
    `years`: the span of its dated roles; `education`: its degree against the posting's, when read)."""
    answers = []
    for item in items:
        shown = _shown(item, document, years, education)
        shows, silent = _ADVICE[item.kind]
        answers.append(ChecklistAnswer(item, shown, shows if shown else silent))
    return tuple(answers)
