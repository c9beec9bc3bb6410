"""The library call behind the command line: a Request in, a Run out.

extract -> match -> check -> score for each file and profile; the report stage formats the Run this
returns. Which profiles a request means (the default role, `--role all`, job postings merged into the
roles) and which results get a transition view are decided here, so a Python caller gets exactly what
the command line gets.
"""

from __future__ import annotations

import datetime
import logging
import os
import traceback
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path

from atscheck import match
from atscheck.checks import Context, run_checks
from atscheck.education import check_education
from atscheck.errors import InputError, UsageError
from atscheck.experience import Experience, read_experience
from atscheck.extract import Limits, detect_format, extract, extract_bytes
from atscheck.interrupt import Interrupted
from atscheck.model import Document, ErrorInfo, PostingMatch, Profile, Result, TermResult
from atscheck.outcome import FAIL_ON, Run
from atscheck.request import ALL_ROLES, DEFAULT_ROLE, Request
from atscheck.score import credit_matches, ranking_score, score
from atscheck.transition import build_transition

log = logging.getLogger(__name__)

# A resume to check: a path (str or os.PathLike), or the file's content as bytes (then `name` says what
# results call it).
Source = str | os.PathLike[str] | bytes
# Given the number of files of a batch, a context that yields the function to call as each file finishes.
ProgressFactory = Callable[[int], AbstractContextManager[Callable[[Path], None] | None]]


def profiles_for(request: Request) -> tuple[Profile, ...]:
    """The profiles a request scores against: its roles (`all` for every bundled role), its profile files,
    each job posting (merged into each role when roles are given too); the default role when none is named."""
    from atscheck.profiles import bundled_ids, load_profile, load_role

    names = [r for role in request.roles for r in (bundled_ids() if role == ALL_ROLES else [role])]
    roles = list(dict.fromkeys(load_role(name) for name in names))
    files = [p if isinstance(p, Profile) else load_profile(Path(p)) for p in request.profiles]
    if request.postings:
        from atscheck.posting import postings_profiles

        return (*postings_profiles(request.postings, roles), *files)
    return tuple(roles + files) or (load_role(DEFAULT_ROLE),)


def run(request: Request, profiles: Sequence[Profile] | None = None, progress: ProgressFactory | None = None) -> Run:
    """Check every file the request names (folders searched for resumes) against its profiles.

    One file named alone is checked in this process unless workers or a time limit are asked for, or it is a
    PDF and a worker is cheap to start (`read_apart`); a batch runs in worker processes, each file under the
    time limit. A single file in this process is under the default time limit all the same (a timer signal).
    Inside `atscheck.interrupt.interruptible`, a stop signal raises Interrupted whose `partial` is the run of
    the files finished. `profiles` defaults to `profiles_for(request)`.
    Raises UsageError (a ValueError) for a request that cannot run: no paths, no resumes in the folders."""
    from atscheck.inputs import collect

    if not request.paths:
        raise UsageError("Name a resume file or folder to check, e.g. 'atscheck resume.pdf --role mlops-engineer'.")
    validate(request)
    request = replace(request, today=request.today or datetime.date.today())  # one day for the whole run
    chosen = tuple(profiles) if profiles is not None else profiles_for(request)
    inputs = collect(request.paths, request.glob)
    check_outputs(request, inputs.files)
    single = len(inputs.files) == 1 and not inputs.from_folders
    from atscheck.batch import check_in_child, check_one

    if request.engine == "dask":
        from atscheck.dask import check_files
    else:
        from atscheck.batch import check_files

    def score(files: Sequence[Path], request: Request) -> list[Result]:
        if single and request.in_process:
            return (check_in_child if read_apart(files[0]) else check_one)(files[0], chosen, request)
        batch = replace(request, auto_transition=request.auto_transition and single)
        if progress is None or single:
            return check_files(files, chosen, batch)
        with progress(len(files)) as advance:
            return check_files(files, chosen, batch, progress=advance)

    try:
        if request.compares:
            from atscheck.baseline import with_baselines

            results = with_baselines(inputs.files, request, score)
        else:
            results = score(inputs.files, request)
    except Interrupted as interrupted:  # a stop signal: the files finished so far, as a run of their own
        interrupted.partial = Run(
            results=tuple(interrupted.results),
            profiles=chosen,
            skipped=inputs.skipped,
            request=request,
            notes=inputs.notes(),
        )
        raise
    return Run(results=tuple(results), profiles=chosen, skipped=inputs.skipped, request=request, notes=inputs.notes())


def read_apart(path: Path) -> bool:
    """A single PDF is read in a child process where starting one is cheap (forked, a few milliseconds): a crash
    in PDFium's native code, or a hang inside it that no timer signal interrupts, then ends as an error row
    with a message instead of a dead process. Where processes are spawned (macOS, Windows) one costs a new
    interpreter and its imports, about half a second: there the file is read in this process, after the
    pre-scan has refused what is built to exhaust a reader (docs/hostile-inputs.md)."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork" or not path.is_file():  # a FIFO would block the open
        return False
    try:
        with path.open("rb") as handle:
            return detect_format(handle.read(2048), path.name) == "pdf"
    except (OSError, InputError):
        return False  # reading it in this process reports why it cannot be read


def check_outputs(request: Request, files: Sequence[Path]) -> None:
    """Before any file is checked: the request's --output and --save-profile may not be one of its inputs
    (a resume, profile file, posting or the config) and must be writable. Raises OutputError."""
    from atscheck.output import check_targets

    outputs = [(name, p) for name, p in (("--output", request.output), ("--save-profile", request.save_profile)) if p]
    outputs += [("--report", path) for path in request.reports]
    if outputs:
        postings = [Path(p) for p in request.postings if p != "-"]
        profiles = [Path(p) for p in request.profiles if not isinstance(p, Profile)]
        check_targets(outputs, [*files, *profiles, *postings, *([request.config] if request.config else [])])


def check_file(
    source: Source, profiles: Sequence[Profile], request: Request | None = None, *, name: str | None = None
) -> list[Result]:
    """Score one resume against each profile, in this process. A file that cannot be read gives one error
    Result per profile. `source` is a path (str or os.PathLike) or the file's bytes, with `name`."""
    request = request or Request()
    validate(request)
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


def validate(request: Request) -> None:
    """Raise UsageError for what the request gets wrong: an unknown check id or --from role, a scheduler
    without the dask engine."""
    from atscheck.checks import all_ids
    from atscheck.profiles import load_role

    if request.fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on is one of {', '.join(FAIL_ON)}, not '{request.fail_on}'.")
    if request.fail_on == "drop" and not request.compares:
        raise UsageError("--fail-on drop needs an earlier version: add --baseline FILE or --baseline-ref REF.")
    unknown = sorted(set(request.skip_checks) - set(all_ids()))
    if unknown:
        raise UsageError(f"Unknown check id(s) for --skip-check: {', '.join(unknown)}. Known: {', '.join(all_ids())}.")
    if request.from_role is not None:
        load_role(request.from_role)
    if request.scheduler and request.engine != "dask":
        raise UsageError("--scheduler names a Dask scheduler: use it with --engine dask.")


def _reader(source: Source, name: str | None) -> tuple[str, Callable[[Limits], Document]]:
    """What results call the file, and how to read it; a wrong type is the caller's mistake and raises."""
    if isinstance(source, bytes | bytearray | memoryview):
        if not name:
            raise TypeError("checking bytes needs the file's name, e.g. check_file(data, profiles, name='cv.pdf')")
        data = bytes(source)
        return name, lambda limits: extract_bytes(data, name, limits)
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        return name or str(source), lambda limits: extract(path, limits)
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
    """A document with what every profile reads from it, made once: its tokens and its Experience section."""

    document: Document
    tokens: match.Tokens
    experience: Experience


def _prepare(document: Document, request: Request) -> Prepared:
    today = request.today or datetime.date.today()
    return Prepared(document, match.tokenize(document.text), read_experience(document, today))


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
    findings = run_checks(Context(document, profile, matches, prepared.experience), request.skip_checks)
    terms = credit_matches(matches, findings)
    value, parts = score(terms)
    ranked = ranking_score(terms, findings, value)
    if not document.has_text:
        value = ranked = 0.0  # never a score computed on (almost) empty text
    education = check_education(document, profile.education) if profile.education and document.has_text else None
    posting = posting_match(prepared, profile, terms) if profile.posting else None
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
    )


def posting_match(prepared: Prepared, profile: Profile, terms: Sequence[TermResult]) -> PostingMatch:
    """What the posting asks beyond keywords, against this resume."""
    from atscheck.posting import find_title

    assert profile.posting is not None
    in_resume = {t.term.name: t.count for t in terms}
    return PostingMatch(
        posting=profile.posting,
        title=profile.posting.title,
        title_found=find_title(prepared.document.text, profile.posting.title),
        years_required=profile.posting.years,
        years_found=prepared.experience.years,
        frequency=tuple((t.name, t.count, in_resume.get(t.name, 0)) for t in profile.posting.terms),
    )


def with_transition(
    prepared: Prepared, profile: Profile, result: Result, request: Request, scored: dict[str, Result]
) -> Result:
    """The result with a transition view: from the request's `from_role`, or, for a result below its threshold,
    from the best-fitting of the roles its profile names as paths into it. `scored` holds this document's
    results by profile id; a role already scored in this run (--role all) is not scored again, and one scored
    here is kept for the next result."""
    from atscheck.profiles import load_role

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
