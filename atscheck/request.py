"""One request: everything a run is asked to check and how, with each default set here and nowhere else.

The command line and the config file both produce changes to a `Request` (`Request.merged`); the library
takes the request as it is. A field left at its default means "not asked for": the runner decides
(`roles` empty and no profile or posting: the default role; `jobs` None: in-process for one file, one
worker per CPU for a batch). How a report looks is not part of it: see atscheck.report.ReportOptions.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from atscheck.extract import Limits
from atscheck.model import Profile

DEFAULT_ROLE = "mlops-engineer"
ALL_ROLES = "all"  # --role all: every bundled role, with a best-fit ranking
DEFAULT_TIMEOUT = 60.0  # seconds one file may take in a batch worker

_LIMIT_FIELDS = frozenset(f.name for f in fields(Limits))


@dataclass(frozen=True)
class Request:
    # What to check.
    paths: tuple[Path, ...] = ()
    glob: str | None = None  # in folders, only files whose name (or path inside the folder) matches
    # What to score against.
    roles: tuple[str, ...] = ()  # bundled role ids, or ALL_ROLES
    profiles: tuple[Path | Profile, ...] = ()  # profile files (or Profiles already loaded)
    postings: tuple[str, ...] = ()  # job postings (files, or "-" for standard input); merged into the roles
    from_role: str | None = None  # the role the person is moving from: every result gets the transition view
    # A single file scored below its threshold gets the transition view from the best-fitting of the roles
    # its profile names as paths into it (in a batch the ranking is the view, so never there).
    auto_transition: bool = True
    # How to score.
    min_score: float | None = None  # None: each profile's own pass_score
    skip_checks: tuple[str, ...] = ()
    strict: bool = False  # an error-severity readability finding fails the run (exit 1)
    limits: Limits = field(default_factory=Limits)
    keep_documents: bool = False  # results carry the extracted Document (--show-text needs it)
    # A batch keeps in memory only what its rankings need (Run.results hold slim results, without occurrences
    # or documents); Run.full_results() reads the full ones back one at a time (atscheck/engines/collect.py).
    slim: bool = False
    today: datetime.date | None = None  # the day "Present" in a resume means; None: the day the run starts
    # How to run a batch.
    jobs: int | None = None  # worker processes; None: one file in-process, a batch one per CPU
    timeout: float | None = None  # seconds per file in a worker; None: one file in-process, DEFAULT_TIMEOUT
    engine: str = "local"  # one of atscheck.engines.ENGINES
    scheduler: str | None = None  # the Dask scheduler's address; None: a local cluster of `jobs` workers
    # Where the settings came from: reports name the config file, and each setting that weakens the checks.
    config: Path | None = None
    from_config: frozenset[str] = frozenset()  # fields whose value the config file set (the command line did not)
    # Compare each file with an earlier version of it (atscheck/baseline.py): an earlier file (one resume
    # only), or each file as it was at a git ref. `fail_on` says what fails the run: a result below its
    # threshold, a result whose score fell or that lost a required term since its baseline, or nothing.
    baseline: Path | None = None
    baseline_ref: str | None = None
    fail_on: str = "below-threshold"

    @property
    def compares(self) -> bool:
        return self.baseline is not None or self.baseline_ref is not None

    def __post_init__(self) -> None:
        """A request built wrongly is the caller's mistake: TypeError for a wrong type, ValueError for a value
        out of range, at once rather than as a confusing failure later."""
        for name in ("paths", "roles", "profiles", "postings", "skip_checks"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                raise TypeError(f"Request.{name} must be a tuple, not {type(value).__name__}: e.g. {name}=(...,)")
        for name in ("roles", "postings", "skip_checks"):
            if not all(isinstance(item, str) for item in getattr(self, name)):
                raise TypeError(f"Request.{name} must hold strings")
        if not all(isinstance(p, str | os.PathLike) for p in self.paths):
            raise TypeError("Request.paths must hold paths (str or os.PathLike)")
        # A path given as a string is a Path from here on (the fields are frozen, hence object.__setattr__).
        object.__setattr__(self, "paths", tuple(Path(p) for p in self.paths))
        object.__setattr__(self, "profiles", tuple(p if isinstance(p, Profile) else Path(p) for p in self.profiles))
        if not isinstance(self.limits, Limits):
            raise TypeError(f"Request.limits must be a Limits, not {type(self.limits).__name__}")
        if self.min_score is not None and not 0 <= self.min_score <= 100:
            raise ValueError(f"Request.min_score must be between 0 and 100, not {self.min_score}")
        if self.jobs is not None and self.jobs < 1:
            raise ValueError(f"Request.jobs must be at least 1, not {self.jobs}")
        if self.timeout is not None and self.timeout <= 0:
            raise ValueError(f"Request.timeout must be positive, not {self.timeout}")

    def merged(self, changes: Mapping[str, Any]) -> Request:
        """This request with `changes` applied; a None value means "not given" and keeps what is there. The
        fields of `limits` (max_bytes, max_pages, max_chars, ...) may be named directly."""
        given = {key: value for key, value in changes.items() if value is not None}
        limits = {key: given.pop(key) for key in list(given) if key in _LIMIT_FIELDS}
        if limits:
            given["limits"] = replace(given.get("limits", self.limits), **limits)
        return replace(self, **given)

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1

    @property
    def file_timeout(self) -> float:
        return self.timeout or DEFAULT_TIMEOUT

    @property
    def in_process(self) -> bool:
        """Neither workers nor a time limit asked for: a single file is checked in this process, protected by
        the limits (the fastest start)."""
        return self.jobs is None and self.timeout is None and self.engine == "local"
