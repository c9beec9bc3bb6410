"""A run: which files and profiles a Request means, which engine checks them, and the Run that comes back.

Which profiles a request means (the default role, `--role all`, job postings merged into the roles), where
its files are (folders searched for resumes), and the earlier versions to compare with are decided here,
so a Python caller gets exactly what the command line gets. The files themselves go through an engine
(atscheck/engines), each through the per-file core (atscheck/core.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path

from atscheck.baseline import with_baselines
from atscheck.core import validate_checking
from atscheck.engines import Progress, engine_names, get_engine
from atscheck.engines.collect import Collected
from atscheck.errors import UsageError
from atscheck.inputs import collect
from atscheck.interrupt import Interrupted
from atscheck.model import Profile, Result
from atscheck.outcome import FAIL_ON, Run
from atscheck.output import check_targets
from atscheck.posting import postings_profiles
from atscheck.profiles import bundled_ids, load_profile, load_role
from atscheck.request import ALL_ROLES, DEFAULT_ROLE, Request

# Given the number of files of a batch, a context that yields the function to call as each file finishes.
ProgressFactory = Callable[[int], AbstractContextManager[Progress | None]]


def profiles_for(request: Request) -> tuple[Profile, ...]:
    """The profiles a request scores against: its roles (`all` for every bundled role), its profile files,
    each job posting (merged into each role when roles are given too); the default role when none is named."""
    names = [r for role in request.roles for r in (bundled_ids() if role == ALL_ROLES else [role])]
    roles = list(dict.fromkeys(load_role(name) for name in names))
    files = [p if isinstance(p, Profile) else load_profile(Path(p)) for p in request.profiles]
    if request.postings:
        return (*postings_profiles(request.postings, roles), *files)
    return tuple(roles + files) or (load_role(DEFAULT_ROLE),)


def run(
    request: Request,
    profiles: Sequence[Profile] | None = None,
    progress: ProgressFactory | None = None,
    *,
    outputs: Sequence[tuple[str, Path]] = (),
) -> Run:
    """Check every file the request names (folders searched for resumes) against its profiles.

    One file named alone goes to the in-process engine unless workers, a time limit or another engine are
    asked for; a batch goes to the request's engine (worker processes by default), each file under the time
    limit. Inside `atscheck.interrupt.interruptible`, a stop signal raises Interrupted whose `partial` is the
    run of the files finished. `profiles` defaults to `profiles_for(request)`. `outputs` are the files the
    caller will write, as (option, path): each is refused before any work if it is one of the inputs or
    cannot be written (OutputError).
    Raises UsageError (a ValueError) for a request that cannot run: no paths, no resumes in the folders."""
    if not request.paths:
        raise UsageError("Name a resume file or folder to check, e.g. 'atscheck resume.pdf --role mlops-engineer'.")
    validate(request)
    request = replace(request, today=request.today or datetime.date.today())  # one day for the whole run
    chosen = tuple(profiles) if profiles is not None else profiles_for(request)
    inputs = collect(request.paths, request.glob)
    if outputs:
        check_targets(outputs, _inputs(request, inputs.files))
    single = len(inputs.files) == 1 and not inputs.from_folders
    kept: list[Collected] = []  # the checked files' results first, then (with a baseline) the earlier versions'

    def score(files: Sequence[Path], request: Request) -> list[Result]:
        # Only a batch's reports are rankings, which is all a slim result holds; one file's report is the full one.
        collected = Collected(chosen, slim=request.slim and len(set(files)) > 1)
        kept.append(collected)
        if single and request.in_process:
            collected.take(get_engine("in-process").check(files, chosen, request), files)
            return collected.results()
        engine = get_engine(request.engine)
        batch = replace(request, auto_transition=request.auto_transition and single)
        if progress is None or single:
            collected.take(engine.check(files, chosen, batch), files)
        else:
            with progress(len(files)) as advance:
                collected.take(engine.check(files, chosen, batch), files, advance)
        return collected.results()

    def outcome(results: Sequence[Result]) -> Run:
        full = kept[0].full if kept else None
        return Run(
            results=tuple(results),
            profiles=chosen,
            skipped=inputs.skipped,
            request=request,
            notes=inputs.notes(),
            full=full,
        )

    try:
        results = with_baselines(inputs.files, request, score) if request.compares else score(inputs.files, request)
    except Interrupted as interrupted:  # a stop signal: the files finished so far, as a run of their own
        interrupted.partial = outcome(interrupted.results)
        raise
    return outcome(results)


def _inputs(request: Request, files: Sequence[Path]) -> list[Path]:
    """Every file the run reads, which no output may overwrite: the resumes, profile files, postings, the
    earlier version (--baseline), the config file."""
    postings = [Path(p) for p in request.postings if p != "-"]
    profiles = [Path(p) for p in request.profiles if not isinstance(p, Profile)]
    others = [path for path in (request.baseline, request.config) if path is not None]
    return [*files, *profiles, *postings, *others]


def validate(request: Request) -> None:
    """Raise UsageError for what the request gets wrong: an unknown check id, --from role or engine, a
    --fail-on rule that cannot apply, a scheduler without the dask engine."""
    if request.fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on is one of {', '.join(FAIL_ON)}, not '{request.fail_on}'.")
    if request.fail_on == "drop" and not request.compares:
        raise UsageError("--fail-on drop needs an earlier version: add --baseline FILE or --baseline-ref REF.")
    validate_checking(request)
    if request.engine not in engine_names():
        raise UsageError(f"'{request.engine}' is not an engine; use one of {', '.join(engine_names())}.")
    if request.scheduler and request.engine != "dask":
        raise UsageError("--scheduler names a Dask scheduler: use it with --engine dask.")
