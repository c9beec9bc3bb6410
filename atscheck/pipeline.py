"""The library call behind the command line: one file, one or more profiles, one Result per profile.

extract -> match -> check -> score; the report stage formats the Results this returns.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from atscheck.checks import Context, experience_years, run_checks
from atscheck.education import check_education
from atscheck.errors import InputError
from atscheck.extract import Limits, extract
from atscheck.match import matcher_for
from atscheck.model import Document, ErrorInfo, PostingMatch, Profile, Result, TermResult
from atscheck.score import credit_matches, score
from atscheck.transition import build_transition


@dataclass(frozen=True)
class Options:
    min_score: float | None = None  # None: each profile's own pass_score
    skip_checks: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)
    from_role: Profile | None = None  # --from: the role the person is moving from
    # Without --from: when a result is below its threshold, find the best-fitting role among the profile's
    # transition_from roles and show the transition from it.
    auto_transition: bool = False


def threshold(profile: Profile, options: Options) -> float:
    return profile.pass_score if options.min_score is None else options.min_score


def check_file(path: Path, profiles: Sequence[Profile], options: Options | None = None) -> list[Result]:
    """Score `path` against each profile. A file that cannot be read gives one error Result per profile."""
    options = options or Options()
    try:
        document = extract(path, options.limits)  # once, whatever the number of profiles
        scored = {profile.id: score_document(document, profile, options) for profile in profiles}
        return [with_transition(document, scored[profile.id], options, scored) for profile in profiles]
    except InputError as error:
        return [error_result(str(path), profile, options, error) for profile in profiles]
    except Exception as error:  # a parser or atscheck itself failed: one error row, never a traceback
        internal = InputError("internal", _INTERNAL.format(kind=type(error).__name__))
        return [error_result(str(path), profile, options, internal) for profile in profiles]


_INTERNAL = (
    "atscheck could not finish this file ({kind}). The file may be damaged: export it again from your editor. "
    "If it still fails, please report it (with the file, if you can share it) so we can fix atscheck."
)


def error_result(file: str, profile: Profile | None, options: Options, error: InputError) -> Result:
    return Result(
        file=file,
        profile=profile,
        threshold=threshold(profile, options) if profile else 0.0,
        error=ErrorInfo(error.code, error.message),
    )


def score_document(document: Document, profile: Profile, options: Options) -> Result:
    matches = matcher_for(profile).match(document)
    findings = run_checks(Context(document, profile, matches), options.skip_checks)
    terms = credit_matches(matches, findings)
    value, parts = score(terms)
    if not document.has_text:
        value = 0.0  # never a score computed on (almost) empty text
    education = check_education(document, profile.education) if profile.education and document.has_text else None
    posting = posting_match(document, profile, terms) if profile.posting else None
    return Result(
        file=document.path,
        profile=profile,
        threshold=threshold(profile, options),
        score=value,
        terms=terms,
        parts=parts,
        checks=findings,
        warnings=document.warnings,
        education=education,
        posting=posting,
        document=document,
    )


def posting_match(document: Document, profile: Profile, terms: Sequence[TermResult]) -> PostingMatch:
    """What the posting asks beyond keywords, against this resume."""
    from atscheck.posting import find_title

    assert profile.posting is not None
    in_resume = {t.term.name: t.count for t in terms}
    return PostingMatch(
        title=profile.posting.title,
        title_found=find_title(document.text, profile.posting.title),
        years_required=profile.posting.years,
        years_found=experience_years(document, datetime.date.today().year),
        frequency=tuple((t.name, t.count, in_resume.get(t.name, 0)) for t in profile.posting.terms),
    )


def with_transition(document: Document, result: Result, options: Options, scored: dict[str, Result]) -> Result:
    """The result with a transition view: from --from's role, or, for a result below its threshold, from the
    best-fitting of the roles its profile names as paths into it. `scored` holds this document's results by
    profile id; a role already scored in this run (--role all) is not scored again, and one scored here is
    kept for the next result."""

    def scored_for(source: Profile) -> Result:
        if source.id not in scored:
            scored[source.id] = score_document(document, source, options)
        return scored[source.id]

    profile = result.profile
    assert profile is not None
    if options.from_role is not None and options.from_role.id != profile.id:
        return replace(result, transition=build_transition(result, scored_for(options.from_role), detected=False))
    if not options.auto_transition or result.passed or not profile.transition_from or not document.has_text:
        return result
    from atscheck.profiles import load_role

    candidates = [scored_for(load_role(role)) for role in profile.transition_from]
    best = max(candidates, key=lambda r: r.score or 0.0)
    return replace(result, transition=build_transition(result, best, detected=True))


def exit_code(results: Iterable[Result], strict: bool = False) -> int:
    """3 if any input could not be read, else 1 if any result failed, else 0."""
    results = list(results)
    if any(r.error for r in results):
        return 3
    if any(not r.passed for r in results):
        return 1
    if strict and any(f.severity == "error" for r in results for f in r.checks):
        return 1
    return 0
