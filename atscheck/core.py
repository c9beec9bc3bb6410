"""One file through every stage: extract -> structure -> match -> check -> score, against each profile.

This is the per-file core that every engine runs (in this process, in a worker, on a cluster node): a file
that cannot be read becomes an error Result here, never an exception. Which results get a transition view
is decided here too, so a Python caller gets exactly what the command line gets.
"""

from __future__ import annotations

import datetime
import logging
import os
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from atscheck import match
from atscheck.checks import Context, all_ids, run_checks
from atscheck.errors import InputError, UsageError
from atscheck.evidence import read_career, skill_years
from atscheck.extract import Limits
from atscheck.job_title import find_title, title_match
from atscheck.model import Career, Document, EducationResult, ErrorInfo, PostingMatch, Profile, Result, TermResult
from atscheck.posting.checklist import answer
from atscheck.profiles import load_role
from atscheck.request import Request
from atscheck.score import credit_matches, ranking_score, score
from atscheck.structure import read_document, read_document_bytes
from atscheck.structure.education import check_education
from atscheck.transition import build_transition

log = logging.getLogger(__name__)

# A resume to check: a path (str or os.PathLike), or the file's content as bytes (then `name` says what
# results call it).
Source = str | os.PathLike[str] | bytes


def check_file(
    source: Source, profiles: Sequence[Profile], request: Request | None = None, *, name: str | None = None
) -> list[Result]:
    """Score one resume against each profile, in this process. A file that cannot be read gives one error
    Result per profile. `source` is a path (str or os.PathLike) or the file's bytes, with `name`."""
    request = request or Request()
    validate_checking(request)
    file, read = _reader(source, name)
    try:
        read_once = _prepare(read(request.limits), request)  # once, whatever the number of profiles
        scored = {profile.id: score_document(read_once, profile, request) for profile in profiles}
        results = [with_transition(read_once, p, scored[p.id], request, scored) for p in profiles]
    except InputError as error:
        return [error_result(file, profile, request, error) for profile in profiles]
    except MemoryError:  # a worker's address-space limit, or this machine's memory
        too_big = InputError("too-large", _OUT_OF_MEMORY)
        return [error_result(file, profile, request, too_big) for profile in profiles]
    except Exception as error:  # a parser or atscheck itself failed: an error row for the user, the bug logged
        log.error("internal error while checking %s", file, exc_info=error)
        internal = InputError("internal", _INTERNAL.format(kind=type(error).__name__))
        debug = "".join(traceback.format_exception(error))
        return [error_result(file, profile, request, internal, debug) for profile in profiles]
    if request.keep_documents:
        return results
    return [replace(result, document=None) for result in results]


def validate_checking(request: Request) -> None:
    """Raise UsageError for what the request gets wrong about checking a file: an unknown check id or --from
    role."""
    unknown = sorted(set(request.skip_checks) - set(all_ids()))
    if unknown:
        raise UsageError(f"Unknown check id(s) for --skip-check: {', '.join(unknown)}. Known: {', '.join(all_ids())}.")
    if request.from_role is not None:
        load_role(request.from_role)


def file_name(source: Source, name: str | None = None) -> str:
    """What results call the file; raises TypeError for a source that is neither a path nor bytes with a name."""
    return _reader(source, name)[0]


def _reader(source: Source, name: str | None) -> tuple[str, Callable[[Limits], Document]]:
    """What results call the file, and how to read it; a wrong type is the caller's mistake and raises."""
    if isinstance(source, bytes | bytearray | memoryview):
        if not name:
            raise TypeError("checking bytes needs the file's name, e.g. check_file(data, profiles, name='cv.pdf')")
        data = bytes(source)
        return name, lambda limits: read_document_bytes(data, name, limits)
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        return name or str(source), lambda limits: read_document(path, limits)
    raise TypeError(f"a resume is a path (str or os.PathLike) or bytes, not {type(source).__name__}")


_OUT_OF_MEMORY = (
    "Reading this file needed far more memory than any resume, so it was stopped; the file is probably damaged "
    "or built to exhaust a reader. Export it again from your editor and check the new file."
)
_INTERNAL = (
    "atscheck could not finish this file ({kind}). The file may be damaged: export it again from your editor. "
    "If it still fails, please report it (with the file, if you can share it) so we can fix atscheck."
)


@dataclass(frozen=True)
class Prepared:
    """A document with what every profile reads from it, made once: its tokens, and the day "Present" is."""

    document: Document
    tokens: match.Tokens
    today: datetime.date


def _prepare(document: Document, request: Request) -> Prepared:
    return Prepared(document, match.tokenize(document.text), request.today or datetime.date.today())


def threshold(profile: Profile, request: Request) -> float:
    return profile.pass_score if request.min_score is None else request.min_score


def error_result(
    file: str, profile: Profile | None, request: Request, error: InputError, debug: str | None = None
) -> Result:
    return Result(
        file=file,
        profile=profile.ref if profile else None,
        threshold=threshold(profile, request) if profile else 0.0,
        error=ErrorInfo(error.code, error.message, debug),
    )


def score_document(prepared: Prepared, profile: Profile, request: Request) -> Result:
    document = prepared.document
    matches = match.matcher_for(profile).match(document, prepared.tokens)
    career = read_career(document, matches, prepared.today)
    findings = run_checks(Context(document, profile, matches, career), request.skip_checks)
    terms = credit_matches(matches, findings)
    title = title_match(document.text, profile)
    value, parts = score(terms, title)
    ranked = ranking_score(terms, findings, value, title)
    if not document.has_text:
        value = ranked = 0.0  # never a score computed on (almost) empty text
    education = check_education(document, profile.education) if profile.education and document.has_text else None
    posting = posting_match(prepared, profile, terms, career, education) if profile.posting else None
    return Result(
        file=document.path,
        profile=profile.ref,
        threshold=threshold(profile, request),
        score=value,
        terms=terms,
        parts=parts,
        checks=findings,
        warnings=document.warnings,
        education=education,
        posting=posting,
        document=document,
        ranking_score=ranked,
        resume=document.resume,
        career=career,
    )


def posting_match(
    prepared: Prepared,
    profile: Profile,
    terms: Sequence[TermResult],
    career: Career | None,
    education: EducationResult | None = None,
) -> PostingMatch:
    """What the posting asks beyond keywords, against this resume: its title, years, how often each term is
    named, and its screening questions beside what the resume shows."""
    assert profile.posting is not None
    in_resume = {t.term.name: t.count for t in terms}
    years = career.total_months // 12 if career and career.total_months else None
    checklist = answer(profile.posting.checklist, prepared.document, years, education)
    return PostingMatch(
        posting=profile.posting,
        title=profile.posting.title,
        title_found=find_title(prepared.document.text, profile.posting.title),
        years_required=profile.posting.years,
        years_found=years,
        frequency=tuple((t.name, t.count, in_resume.get(t.name, 0)) for t in profile.posting.terms),
        skill_years=skill_years(profile.posting.terms, career),
        checklist=checklist,
    )


def with_transition(
    prepared: Prepared, profile: Profile, result: Result, request: Request, scored: dict[str, Result]
) -> Result:
    """The result with a transition view: from the request's `from_role`, or, for a result below its threshold,
    from the best-fitting of the roles its profile names as paths into it. `scored` holds this document's
    results by profile id; a role already scored in this run (--role all) is not scored again, and one scored
    here is kept for the next result."""

    def scored_for(source: Profile) -> Result:
        if source.id not in scored:
            scored[source.id] = score_document(prepared, source, request)
        return scored[source.id]

    if request.from_role is not None and request.from_role != profile.id:
        source = load_role(request.from_role)
        return replace(result, transition=build_transition(result, source, scored_for(source), detected=False))
    if not request.auto_transition or result.passed or not profile.transition_from or not prepared.document.has_text:
        return result
    candidates = [load_role(role) for role in profile.transition_from]
    best = max(candidates, key=lambda role: scored_for(role).score or 0.0)
    return replace(result, transition=build_transition(result, best, scored_for(best), detected=True))
