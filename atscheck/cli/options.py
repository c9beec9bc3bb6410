"""The command line's options, in one table, and what they ask for: an Invocation (a Request for the library,
and how to write the report).

Each option's parameter name is the field it sets (a Request field, or one of the Invocation's own), so one
dictionary of values becomes the Invocation: settings from a config file first, then the command line,
which wins. Values are checked as they are parsed, with the messages a person reads ("--jobs must be at
least 1."), not the parsing library's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import click

from atscheck.cli.config import MAX_CHARS, MAX_FILE_MB, MAX_JOBS, MAX_PAGES, MAX_TIMEOUT, Config
from atscheck.engines import DEFAULT_ENGINE, engine_names
from atscheck.extract import Limits
from atscheck.outcome import FAIL_ON
from atscheck.report import ReportOptions, format_for, format_names, needs_documents
from atscheck.request import DEFAULT_ROLE, DEFAULT_TIMEOUT, Request

DEFAULT_FORMAT = "console"
_LIMITS = Limits()


class Number(click.ParamType):  # type: ignore[type-arg]
    """A number within bounds; the message names what is wrong in plain words."""

    def __init__(self, kind: type[int] | type[float], low: float, high: float) -> None:
        self.kind = kind
        self.low = low
        self.high = high
        self.name = "integer" if kind is int else "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = value
        else:
            try:
                number = self.kind(str(value))
            except ValueError:
                self.fail("needs a whole number" if self.kind is int else "needs a number", param, ctx)
        if math.isnan(number) or number > self.high:
            self.fail(f"must be at most {_plain(self.high)}", param, ctx)
        if number < self.low:
            self.fail(f"must be at least {_plain(self.low)}", param, ctx)
        return number


def _plain(number: float) -> str:
    """1000000 rather than 1e+06; 0.1 as it is."""
    return str(int(number)) if number == int(number) else f"{number:g}"


class Choice(click.ParamType):  # type: ignore[type-arg]
    """One of a registry's names, read when the option is parsed (a format or engine a plug-in added counts)."""

    name = "choice"

    def __init__(self, what: str, names: Callable[[], tuple[str, ...]]) -> None:
        self.what = what
        self.names = names

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value not in self.names():
            self.fail(f"'{value}' is not {self.what}; use one of {', '.join(self.names())}", param, ctx)
        return value


class FilePath(click.ParamType):  # type: ignore[type-arg]
    """A path that must not be a folder (a report, profile or settings file to read or write)."""

    name = "file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = Path(value)
        if path.is_dir():
            self.fail(f"{value} is a folder: name a file", param, ctx)
        return path


def _option(flags: str, field: str, help: str, **settings: Any) -> click.Option:
    """An option whose value sets `field` (left None when not given, so the config file's value stays)."""
    default = () if settings.get("multiple") else None
    return click.Option([*flags.split(), field], help=help, default=default, show_default=False, **settings)


OPTIONS: list[click.Parameter] = [
    # Not checked here: a file that cannot be read is that file's error row, and the others are still checked.
    click.Argument(["paths"], nargs=-1, type=click.Path(path_type=Path, readable=False)),
    _option(
        "--role -r",
        "roles",
        "Bundled role profile to check against (see --list-roles; repeatable; 'all' for every role, with a "
        f"best-fit ranking). Default: {DEFAULT_ROLE}.",
        multiple=True,
    ),
    _option(
        "--from",
        "from_role",
        "The role you are moving from (e.g. devops-engineer): shows what you already cover and what to add, "
        "in order. Without it, a resume below the threshold gets this view from its best-fitting role.",
    ),
    _option("--profile -p", "profiles", "Your own role profile (TOML file).", multiple=True, type=FilePath()),
    _option(
        "--jd",
        "postings",
        "A job posting (.txt, .md, .pdf, .docx, or - to paste it on standard input) to score against; "
        "repeatable. With --role, the posting's terms are added to the role's and weigh more.",
        multiple=True,
    ),
    _option(
        "--save-profile",
        "save_profile",
        "Write the profile derived from --jd to this TOML file, to review and reuse.",
        type=FilePath(),
    ),
    _option(
        "--format -f",
        "format",
        f"Report format: {', '.join(format_names())}. Default: {DEFAULT_FORMAT}.",
        type=Choice("a report format", format_names),
    ),
    _option("--output -o", "output", "Write the report to this file instead of the screen.", type=FilePath()),
    _option(
        "--min-score",
        "min_score",
        "Passing score, 0-100. Default: the profile's pass_score.",
        type=Number(float, 0, 100),
    ),
    _option(
        "--show-text",
        "show_text",
        "Print the text as an ATS reads it (sections, sources and matched terms marked) instead of the report.",
        is_flag=True,
    ),
    _option("--skip-check", "skip_checks", "Turn off an ATS-readability check by its id (repeatable).", multiple=True),
    _option(
        "--strict/--no-strict",
        "strict",
        "Fail (exit 1) on any error-severity readability finding, even when the score passes.",
    ),
    _option("--glob", "glob", "In folders, check only files matching this pattern, e.g. '*cv*'."),
    _option(
        "--jobs -j", "jobs", "Files checked in parallel. Default: the number of CPUs.", type=Number(int, 1, MAX_JOBS)
    ),
    _option(
        "--timeout",
        "timeout",
        f"Seconds one file may take before it is stopped. Default: {DEFAULT_TIMEOUT:g}.",
        type=Number(float, 1, MAX_TIMEOUT),
    ),
    _option(
        "--engine",
        "engine",
        f"Where a batch runs: {', '.join(engine_names())} (dask: a Dask cluster; pip install 'dask[distributed]'). "
        f"Default: {DEFAULT_ENGINE}.",
        type=Choice("an engine", engine_names),
    ),
    _option(
        "--scheduler",
        "scheduler",
        "With --engine dask: the scheduler's address, e.g. tcp://10.0.0.5:8786. Default: a cluster of --jobs "
        "workers on this machine.",
    ),
    _option("--quiet -q", "quiet", "One line per file: pass or fail, score, flags (console report).", is_flag=True),
    _option(
        "--matrix",
        "matrix",
        "With --format csv: a candidates x requirements matrix (exact, alias, typo or missing per cell) instead "
        "of the ranking.",
        is_flag=True,
    ),
    _option(
        "--full -v",
        "full",
        "The complete console report: every term, table and fix (default: the short one); also over --format "
        "short (the pre-commit hook).",
        is_flag=True,
    ),
    _option(
        "--config",
        "config",
        "Settings file (.atscheck.toml or pyproject.toml). Default: the nearest one found.",
        type=FilePath(),
    ),
    _option(
        "--max-file-size",
        "max_file_size",
        f"Largest file to read, in MB. Default: {_LIMITS.max_bytes // 2**20}.",
        type=Number(float, 0.1, MAX_FILE_MB),
    ),
    _option(
        "--max-pages",
        "max_pages",
        f"Most pages of a PDF to read. Default: {_LIMITS.max_pages}.",
        type=Number(int, 1, MAX_PAGES),
    ),
    _option(
        "--max-chars",
        "max_chars",
        f"Most characters of text to check per file. Default: {_LIMITS.max_chars}.",
        type=Number(int, 1000, MAX_CHARS),
    ),
    _option(
        "--baseline",
        "baseline",
        "An earlier version of the resume: report the change (score before and after, terms found and lost, "
        "findings new and fixed).",
        type=FilePath(),
    ),
    _option(
        "--baseline-ref",
        "baseline_ref",
        "Compare each resume with the same file at this git branch, tag or commit (e.g. main).",
    ),
    _option(
        "--fail-on",
        "fail_on",
        "When to exit 1: below-threshold (default), drop (the score fell or a required term was lost since "
        "--baseline/--baseline-ref), never.",
        type=Choice("a known rule", lambda: tuple(FAIL_ON)),
    ),
    _option("--exit-zero", "exit_zero", "Exit 0 whenever the report was written, whatever it says.", is_flag=True),
    _option(
        "--report",
        "reports",
        "Also write the report to this file, in the format its name ends with (.json, .md, .csv, .html, .txt); "
        "repeatable. What --format and --output say is unchanged.",
        multiple=True,
        type=FilePath(),
    ),
    _option("--no-color", "no_color", "No colours (also when NO_COLOR is set).", is_flag=True),
]


@dataclass(frozen=True)
class Invocation:
    """What one command line asks for: the Request the library runs, and how to write the report."""

    request: Request
    format: str = DEFAULT_FORMAT
    output: Path | None = None
    reports: tuple[Path, ...] = ()  # more files to write the report to, each in the format its name ends with
    report: ReportOptions = field(default_factory=ReportOptions)  # full, quiet, matrix; width and colour: on writing
    show_text: bool = False
    save_profile: Path | None = None
    exit_zero: bool = False  # exit 0 whenever the report was written
    no_color: bool = False

    @property
    def outputs(self) -> tuple[tuple[str, Path], ...]:
        """The files this invocation writes, as (option, path): none of them may be an input."""
        named = (("--output", self.output), ("--save-profile", self.save_profile))
        return (*((option, path) for option, path in named if path), *(("--report", p) for p in self.reports))


_REQUEST_FIELDS = frozenset(f.name for f in fields(Request)) | frozenset(f.name for f in fields(Limits))
_REPORT_FIELDS = frozenset({"full", "quiet", "matrix"})


def invocation(given: Mapping[str, Any], config: Config) -> Invocation:
    """The Invocation of the command line's values (None or () where an option was not given) over the
    config file's settings."""
    values = {key: value for key, value in given.items() if value not in (None, ())}
    if "max_file_size" in values:
        values["max_bytes"] = int(values.pop("max_file_size") * 2**20)
    settings = {**config.values, **values}
    request = Request().merged({k: v for k, v in settings.items() if k in _REQUEST_FIELDS and k != "config"})
    if config.path:  # the report names the file, and which of its settings weaken the checks
        kept = frozenset(name for name in config.values if name not in values)
        request = request.merged({"config": config.path, "from_config": kept})
    own = {k: v for k, v in settings.items() if k not in _REQUEST_FIELDS and k not in _REPORT_FIELDS}
    report = ReportOptions(**{k: bool(v) for k, v in settings.items() if k in _REPORT_FIELDS})
    chosen = Invocation(request=request, report=report, **own)
    if report.full and chosen.format == "short":  # the pre-commit hook's --format short, and --full
        chosen = Invocation(**{**_shallow(chosen), "format": "console"})
    shown = {chosen.format, *(format_for(path) for path in chosen.reports)}
    # A report that shows the text keeps every document; the others keep in memory only what a batch's
    # ranking needs, and JSON reads the full results back one at a time (a folder of thousands fits).
    keep = chosen.show_text or any(name and needs_documents(name) for name in shown)
    change = {"keep_documents": True} if keep else {"slim": True}
    return Invocation(**{**_shallow(chosen), "request": chosen.request.merged(change)})


def _shallow(invocation: Invocation) -> dict[str, Any]:
    return {f.name: getattr(invocation, f.name) for f in fields(invocation)}
