"""atscheck: tells a job seeker whether their resume gets past ATS keyword screening for a role.

The library in one call::

    import atscheck

    for result in atscheck.check("resume.pdf", roles=["mlops-engineer"]):
        print(result.file, result.score, result.passed)

Everything named in `__all__` is the public API (docs/library.md); the modules behind it are imported on
first use, so `import atscheck` stays fast.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atscheck.about import __version__

# A library logs, the application decides what to show: without this handler Python would print the
# internal errors atscheck logs (their tracebacks are in Result.error.debug) to standard error.
logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from atscheck.core import Source, check_file
    from atscheck.errors import InputError, UsageError
    from atscheck.model import Document, Profile, Result
    from atscheck.outcome import Run
    from atscheck.profiles import load_profile, load_role
    from atscheck.report import ReportOptions, get_format
    from atscheck.report.json import result_dict as to_dict
    from atscheck.request import Request
    from atscheck.runner import profiles_for, run

__all__ = [
    "Document",
    "InputError",
    "Profile",
    "ReportOptions",
    "Request",
    "Result",
    "Run",
    "UsageError",
    "__version__",
    "check",
    "check_file",
    "get_format",
    "load_profile",
    "load_role",
    "profiles_for",
    "run",
    "to_dict",
]

# Public name -> "module:name" that defines it.
_LAZY = {
    "Document": "atscheck.model:Document",
    "Profile": "atscheck.model:Profile",
    "Result": "atscheck.model:Result",
    "InputError": "atscheck.errors:InputError",
    "UsageError": "atscheck.errors:UsageError",
    "Request": "atscheck.request:Request",
    "Run": "atscheck.outcome:Run",
    "ReportOptions": "atscheck.report:ReportOptions",
    "get_format": "atscheck.report:get_format",
    "to_dict": "atscheck.report.json:result_dict",
    "check_file": "atscheck.core:check_file",
    "profiles_for": "atscheck.runner:profiles_for",
    "run": "atscheck.runner:run",
    "load_profile": "atscheck.profiles:load_profile",
    "load_role": "atscheck.profiles:load_role",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, _, attribute = _LAZY[name].partition(":")
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'atscheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def _names(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def check(
    source: Source,
    roles: str | Iterable[str] = (),
    profiles: Iterable[str | Path | Profile] = (),
    jd: str | Iterable[str] = (),
    request: Request | None = None,
    *,
    name: str | None = None,
) -> list[Result]:
    """Score one resume against roles (bundled role ids, or "all"), profile files or Profiles, and job postings
    (`jd`: posting files, merged into the roles); with none of them, the default role. One Result per profile.

    `source` is a path (str or os.PathLike) or the file's bytes with `name`. A file that cannot be read is an
    error Result (`result.error`); a wrong argument raises (TypeError, or ValueError for an unknown role).
    `request` sets everything else (min_score, skip_checks, limits, timeout, ...). Where processes fork, the
    file is read in a child process bounded as a batch worker is (memory, `request.timeout`, stop signals):
    a file built to exhaust a reader is an error Result, not a hung or swollen caller (docs/security.md)."""
    from atscheck.engines.inprocess import check_bounded  # here, not at the top: `import atscheck` stays fast
    from atscheck.request import Request
    from atscheck.runner import profiles_for

    if isinstance(profiles, str | Path):
        profiles = (profiles,)
    base = request or Request()
    given = base.merged(
        {
            "roles": _names(roles) or None,
            "profiles": tuple(p if not isinstance(p, str) else Path(p) for p in profiles) or None,
            "postings": _names(jd) or None,
        }
    )
    return check_bounded(source, profiles_for(given), given, name=name)
