"""Command line: parse options, call the pipeline, print the report, choose the exit code."""

from __future__ import annotations

import errno
import io
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from atscheck import __version__
from atscheck.config import MAX_CHARS, MAX_FILE_MB, MAX_JOBS, MAX_PAGES, MAX_TIMEOUT
from atscheck.errors import OutputError, UsageError
from atscheck.interrupt import Interrupted, interruptible
from atscheck.outcome import FAIL_ON
from atscheck.report import NEEDS_DOCUMENTS, format_for, format_names
from atscheck.request import DEFAULT_FORMAT, DEFAULT_ROLE, DEFAULT_TIMEOUT, ENGINES, Request

if TYPE_CHECKING:
    from atscheck.model import Profile
    from atscheck.outcome import Run
    from atscheck.report import Page

_LIMITS = Request().limits

EPILOG = """\
Examples:

  atscheck resume.pdf --role mlops-engineer

  atscheck resume.docx --role mlops-engineer --format json --output report.json

  atscheck resume.md --role mlops-engineer --format markdown >> "$GITHUB_STEP_SUMMARY"

  atscheck resume.pdf --show-text          (see the text exactly as an ATS reads it)

  atscheck resume.pdf --profile my-role.toml --min-score 75

  atscheck resume.pdf --role all                      (which role does this resume fit best?)

  atscheck resume.pdf --jd posting.txt --save-profile posting.toml   (score against a real job posting)

  atscheck resume.pdf --role mlops-engineer --from devops-engineer   (what to add to move into MLOps)

  atscheck resumes/ --jobs 4 --format csv --output ranking.csv   (score and rank a folder)

  atscheck resume.pdf --format html --output report.html   (your resume, marked up, in a browser)

  atscheck resumes/ --format csv --matrix --output matrix.csv   (candidates x requirements)
  atscheck resume.pdf --baseline-ref main   (what changed since main: 62 -> 71, terms found and lost)

  atscheck --role mlops-engineer -- "$FILE"   (after --, every argument is a file, even one named like an option)

  atscheck --list-roles

  atscheck profile build postings/ --id my-role --title "My Role" -o my-role.toml   (see: atscheck profile -h)

Settings can also live in .atscheck.toml or in [tool.atscheck] of a pyproject.toml (role, profile,
min-score, skip-checks, format, strict, jobs, timeout, glob, max-file-size, max-pages, max-chars); options win.

Exit codes: 0 passed; 1 scored below the threshold (or --strict and an ATS-readability error; with
--fail-on drop: the score fell or a required term was lost); 2 usage error (unknown option or role,
malformed profile or config, no resumes in the folders), or the report cannot be written (missing or
read-only folder, full disk, the path is an input: never overwritten); 3 a file could not be read (in a
batch: any file); 130, 143, 129 stopped by Ctrl-C, SIGTERM, SIGHUP (the files finished so far are
reported). --exit-zero: 0 whenever a report was written.
"""


def _format_name(value: str | None) -> str | None:
    """--format's value, one of the report registry's formats (read when the option is parsed, so a format
    registered by a plug-in is accepted); checked here so the message is ours, not the parsing library's."""
    if value is not None and value not in format_names():
        raise typer.BadParameter(f"'{value}' is not a report format; use one of {', '.join(format_names())}.")
    return value


def _fail_on_name(value: str | None) -> str | None:
    """--fail-on's value, one of the run's exit rules; checked here so the message is ours."""
    if value is not None and value not in FAIL_ON:
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(repr(rule) for rule in FAIL_ON)}.")
    return value


# The option parser's own wording ("Input should be less than or equal to 100", "Value error, ...") -> ours.
_PLAIN = (
    (re.compile(r"^Value error, "), ""),
    (re.compile(r"^Input should be a valid number.*"), "needs a number"),
    (re.compile(r"^Input should be a valid integer.*"), "needs a whole number"),
    (re.compile(r"^Input should be less than or equal to (\S+)$"), r"must be at most \1"),
    (re.compile(r"^Input should be greater than or equal to (\S+)$"), r"must be at least \1"),
    (re.compile(r"^Input should be greater than (\S+)$"), r"must be more than \1"),
    (re.compile(r"^Input should be less than (\S+)$"), r"must be less than \1"),
    (re.compile(r"^file '(.*)' is a directory\.$"), r"\1 is a folder: name a file"),
    (re.compile(r"^(?:File|Path) '(.*)' does not exist\.$"), r"there is no file \1"),
)
_ClickUsageError: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def plain_usage_message(error: Exception) -> str:
    """One line in plain words for a command-line mistake the option parser found, naming the option."""
    possibilities = getattr(error, "possibilities", None)
    option_name = getattr(error, "option_name", None)
    if option_name and type(error).__name__ == "NoSuchOption":
        guess = f"; did you mean {' or '.join(sorted(possibilities))}?" if possibilities else "."
        return f"There is no option {option_name}{guess} 'atscheck --help' lists them."
    param = getattr(error, "param", None)
    message = str(getattr(error, "message", error))
    if param is None:
        return message
    plain = message
    for pattern, replacement in _PLAIN:
        plain = pattern.sub(replacement, plain)
    name = max(getattr(param, "opts", None) or [param.name or ""], key=len)
    plain += "" if plain.endswith((".", "?", "!")) else "."
    return f"{name} {plain}" if plain.startswith(("needs ", "must ")) else f"{name}: {plain}"


class _PlainUsage(_ClickUsageError):  # type: ignore[misc, valid-type]
    """A command-line mistake, shown as every usage error of atscheck is: one line on stderr, exit 2."""

    def show(self, file: object = None) -> None:
        sys.stderr.write(f"atscheck: error: {self.message}\n")


class _Command(typer.core.TyperCommand):
    def make_context(self, info_name: str | None, args: list[str], parent: object = None, **extra: object) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[arg-type]
        except _ClickUsageError as error:
            if type(error).__name__ == "NoArgsIsHelpError":
                raise
            raise _PlainUsage(plain_usage_message(error)) from None


def _engine_name(value: str | None) -> str | None:
    if value is not None and value not in ENGINES:
        raise typer.BadParameter(f"'{value}' is not an engine; use one of {', '.join(ENGINES)}.")
    return value


app = typer.Typer(add_completion=False, rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})


def _version(value: bool) -> None:
    if value:
        typer.echo(f"atscheck {__version__}")
        raise typer.Exit()


def _list_roles(value: bool) -> None:
    if value:
        from atscheck.profiles import bundled_ids, load_role

        for role_id in bundled_ids():
            profile = load_role(role_id)
            typer.echo(
                f"{profile.id:28} {profile.title:32} {len(profile.terms)} terms, pass score {profile.pass_score:g}"
            )
        raise typer.Exit()


@app.command(
    cls=_Command,
    epilog=EPILOG,
    help="Check whether a resume (PDF, DOCX, TXT or Markdown) gets past ATS keyword "
    "screening for a role, and what to fix. Give several files or folders to score and rank them all. "
    "Runs offline: nothing leaves your machine.",
)
def run(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Resume files (.pdf, .docx, .txt, .md) and/or folders to search for them.", show_default=False
        ),
    ] = None,
    role: Annotated[
        list[str] | None,
        typer.Option(
            "--role",
            "-r",
            help="Bundled role profile to check against (see --list-roles; repeatable; 'all' for every role, with "
            f"a best-fit ranking). Default: {DEFAULT_ROLE}.",
        ),
    ] = None,
    from_role: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="The role you are moving from (e.g. devops-engineer): shows what you already cover and what to "
            "add, in order. Without it, a resume below the threshold gets this view from its best-fitting role.",
        ),
    ] = None,
    profile: Annotated[
        list[Path] | None, typer.Option("--profile", "-p", help="Your own role profile (TOML file).", dir_okay=False)
    ] = None,
    jd: Annotated[
        list[str] | None,
        typer.Option(
            "--jd",
            help="A job posting (.txt, .md, .pdf, .docx, or - to paste it on standard input) to score against; "
            "repeatable. With --role, the posting's terms are added to the role's and weigh more.",
        ),
    ] = None,
    save_profile: Annotated[
        Path | None,
        typer.Option(
            "--save-profile",
            help="Write the profile derived from --jd to this TOML file, to review and reuse.",
            dir_okay=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            callback=_format_name,
            help=f"Report format: {', '.join(format_names())}. Default: {DEFAULT_FORMAT}.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file instead of the screen.", dir_okay=False),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option("--min-score", min=0, max=100, help="Passing score, 0-100. Default: the profile's pass_score."),
    ] = None,
    show_text: Annotated[
        bool,
        typer.Option(
            "--show-text",
            help="Print the text as an ATS reads it (sections, "
            "sources and matched terms marked) instead of the report.",
        ),
    ] = False,
    skip_check: Annotated[
        list[str] | None, typer.Option("--skip-check", help="Turn off an ATS-readability check by its id (repeatable).")
    ] = None,
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict",
            help="Fail (exit 1) on any error-severity readability finding, even when the score passes.",
            show_default=False,
        ),
    ] = None,
    glob: Annotated[
        str | None, typer.Option("--glob", help="In folders, check only files matching this pattern, e.g. '*cv*'.")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, max=MAX_JOBS, help="Files checked in parallel. Default: the number of CPUs."
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            min=1,
            max=MAX_TIMEOUT,
            help=f"Seconds one file may take before it is stopped. Default: {DEFAULT_TIMEOUT:g}.",
        ),
    ] = None,
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            callback=_engine_name,
            help=f"Where a batch runs: {', '.join(ENGINES)} (a Dask cluster; pip install 'atscheck[dask]'). "
            "Default: local.",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="With --engine dask: the scheduler's address, e.g. tcp://10.0.0.5:8786. Default: a cluster of "
            "--jobs workers on this machine.",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="One line per file: pass or fail, score, flags (console report).")
    ] = False,
    matrix: Annotated[
        bool,
        typer.Option(
            "--matrix",
            help="With --format csv: a candidates x requirements matrix (exact, alias, typo or missing per "
            "cell) instead of the ranking.",
        ),
    ] = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            "-v",
            help="The complete console report: every term, table and fix (default: the short one); also "
            "over --format short (the pre-commit hook).",
        ),
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Settings file (.atscheck.toml or pyproject.toml). Default: the nearest one found.",
            dir_okay=False,
        ),
    ] = None,
    max_file_size: Annotated[
        float | None,
        typer.Option(
            "--max-file-size",
            min=0.1,
            max=MAX_FILE_MB,
            help=f"Largest file to read, in MB. Default: {_LIMITS.max_bytes // 2**20}.",
        ),
    ] = None,
    max_pages: Annotated[
        int | None,
        typer.Option(
            "--max-pages", min=1, max=MAX_PAGES, help=f"Most pages of a PDF to read. Default: {_LIMITS.max_pages}."
        ),
    ] = None,
    max_chars: Annotated[
        int | None,
        typer.Option(
            "--max-chars",
            min=1000,
            max=MAX_CHARS,
            help=f"Most characters of text to check per file. Default: {_LIMITS.max_chars}.",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="An earlier version of the resume: report the change (score before and after, terms found "
            "and lost, findings new and fixed).",
            dir_okay=False,
        ),
    ] = None,
    baseline_ref: Annotated[
        str | None,
        typer.Option(
            "--baseline-ref",
            help="Compare each resume with the same file at this git branch, tag or commit (e.g. main).",
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            callback=_fail_on_name,
            help="When to exit 1: below-threshold (default), drop (the score fell or a required term was "
            "lost since --baseline/--baseline-ref), never.",
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 whenever the report was written, whatever it says.")
    ] = False,
    report: Annotated[
        list[Path] | None,
        typer.Option(
            "--report",
            help="Also write the report to this file, in the format its name ends with (.json, .md, .csv, .html, "
            ".txt); "
            "repeatable. What --format and --output say is unchanged.",
            dir_okay=False,
        ),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours (also when NO_COLOR is set).")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    list_roles: Annotated[
        bool, typer.Option("--list-roles", callback=_list_roles, is_eager=True, help="List the bundled roles and exit.")
    ] = False,
) -> None:
    try:
        from atscheck import config as settings_file

        found = settings_file.load(config) if config else settings_file.discover(Path.cwd())
        given = {
            "paths": tuple(paths or ()) or None,
            "roles": tuple(role or ()) or None,
            "from_role": from_role,
            "profiles": tuple(profile or ()) or None,
            "postings": tuple(jd or ()) or None,
            "save_profile": save_profile,
            "format": output_format,
            "output": output,
            "min_score": min_score,
            "show_text": show_text,
            "keep_documents": show_text or None,
            "skip_checks": tuple(skip_check or ()) or None,
            "strict": strict,
            "glob": glob,
            "jobs": jobs,
            "timeout": timeout,
            "engine": engine,
            "scheduler": scheduler,
            "quiet": quiet,
            "full": full,
            "matrix": matrix,
            "max_bytes": int(max_file_size * 2**20) if max_file_size else None,
            "max_pages": max_pages,
            "max_chars": max_chars,
            "baseline": baseline,
            "baseline_ref": baseline_ref,
            "fail_on": fail_on,
            "exit_zero": exit_zero,
            "reports": tuple(report or ()) or None,
        }
        request = found.apply(Request()).merged(given)
        if found.path:  # the report names the file, and what of it weakens the checks
            kept = frozenset(name for name in found.values if given.get(name) is None)
            request = request.merged({"config": found.path, "from_config": kept})
        if {request.format, *(format_for(path) for path in request.reports)} & NEEDS_DOCUMENTS:
            request = request.merged({"keep_documents": True})
        if request.full and request.format == "short":  # the pre-commit hook's --format short, and --full
            request = request.merged({"format": "console"})
        with interruptible():
            code = _check(request, color=not no_color and "NO_COLOR" not in os.environ)
    except Interrupted as interrupted:  # before or after the files were checked: nothing to report
        _say("atscheck: interrupted.")
        code = interrupted.exit_code
    except UsageError as error:
        from rich.markup import escape

        from atscheck.output import escape_controls

        Console(stderr=True, no_color="NO_COLOR" in os.environ).print(
            f"[bold red]atscheck: error:[/] {escape(escape_controls(str(error)))}", highlight=False, soft_wrap=True
        )
        code = 2
    raise typer.Exit(code)


def _check(request: Request, color: bool) -> int:
    from atscheck import pipeline
    from atscheck.report import SUFFIXES

    unknown = [str(path) for path in request.reports if format_for(path) is None]
    if unknown:
        raise UsageError(f"--report {unknown[0]}: the file name says the format; end it in {', '.join(SUFFIXES)}.")
    profiles = pipeline.profiles_for(request)
    if request.save_profile:
        _derived(profiles)  # a wrong --save-profile is a usage error before any work
    if request.output is None and sys.stdout is None:
        raise OutputError("Standard output is closed, so the report has nowhere to go. Use --output FILE.")
    # pipeline.run refuses an --output or --save-profile that is an input, or unwritable, before scoring.
    try:
        run = pipeline.run(request, profiles, progress=lambda total: _progress_bar(total, enabled=not request.quiet))
    except Interrupted as interrupted:
        # What is finished is reported (written atomically: a reader of --output never sees half a report).
        _say(f"atscheck: interrupted after {interrupted.done} of {interrupted.total} files.")
        if interrupted.partial is not None and interrupted.done:
            _report(interrupted.partial, request, color)
        return interrupted.exit_code
    if request.save_profile:
        _save_profile(_derived(profiles), request.save_profile)
    _report(run, request, color)
    if request.format != "console" or request.output:
        _errors_to_stderr(run)
    return 0 if request.exit_zero else run.exit_code()


def _errors_to_stderr(run: Run) -> None:
    """With a machine-readable report or --output, each file that could not be read is also one line on
    stderr, naming the file, so a CI log shows it. (A file new since --baseline-ref's ref is no error.)"""
    from atscheck.model import NOT_AT_REF

    lines = [f"{r.file}: {r.error.message}" for r in run.results if r.error]
    deltas = [r.baseline for r in run.results if r.baseline and r.baseline.error]
    lines += [f"{d.source}: {d.error.message}" for d in deltas if d.error and d.error.code != NOT_AT_REF]
    for line in dict.fromkeys(lines):
        sys.stderr.write(f"atscheck: {line}\n")


def _say(line: str) -> None:
    """One line on stderr, plain (no colour codes in CI logs)."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _derived(profiles: Sequence[Profile]) -> Profile:
    derived = [p for p in profiles if p.posting is not None]
    if len(derived) != 1:
        raise UsageError(
            "--save-profile writes the profile of one job posting: give exactly one --jd (and one --role)."
        )
    return derived[0]


def _save_profile(profile: Profile, target: Path) -> None:
    from atscheck.output import display_path, write_atomic
    from atscheck.profiles import profile_toml

    write_atomic(target, profile_toml(profile))
    Console(stderr=True).print(
        f"Profile written to {display_path(target)}; use it with --profile.", highlight=False, markup=False
    )


@contextmanager
def _progress_bar(total: int, enabled: bool) -> Iterator[Callable[[Path], None] | None]:
    """A progress bar on stderr, only on a terminal: nothing in CI logs or when output is piped."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    # auto_refresh=False: no refresh thread, so worker processes can be forked safely.
    with Progress(
        TextColumn("Scoring"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,
    ) as progress:
        task = progress.add_task("files", total=total)

        def advance(_: Path) -> None:
            progress.update(task, advance=1)
            progress.refresh()

        progress.refresh()
        yield advance


def _report(run: Run, request: Request, color: bool) -> None:
    """Write the report: to the --output file (120 columns, no colour codes; written atomically, so a failure
    keeps the old file), or to standard output (its width; colour only on a terminal); then each --report file
    in the format its name ends with."""
    from atscheck.output import write_atomic
    from atscheck.report import Page

    if request.output:
        page = Page(width=120, color=False)
    else:
        screen = Console()
        page = Page(width=screen.width, color=color and screen.is_terminal)
    text = _render(run, "text" if request.show_text else request.format, page, to_file=request.output is not None)
    if request.format == "csv" and not request.show_text:  # a table has no room for them: said on stderr
        from atscheck.output import escape_all
        from atscheck.report.provenance import lines

        for line in lines(run):
            Console(stderr=True).print(escape_all(line), highlight=False, markup=False, soft_wrap=True)
    if request.output is None:
        _write_stdout(text)
    else:
        write_atomic(request.output, text)
    for path in request.reports:
        name = format_for(path)
        assert name is not None  # checked with the options
        write_atomic(path, _render(run, name, Page(width=120, color=False), to_file=True))


def _render(run: Run, name: str, page: Page, to_file: bool) -> str:
    """The report in format `name` ("text" for --show-text); a console report in a file says what it is."""
    from atscheck.output import REPORT_TITLE, escape_all
    from atscheck.report import Format, get_format

    report: Format
    if name == "text":
        from atscheck.report.text import TextFormat

        report = TextFormat(page)
    else:
        report = get_format(name, page)
    text = report.render(run if name == "json" else escape_all(run))  # JSON escapes control characters itself
    return f"{REPORT_TITLE}\n\n{text}" if to_file and name in ("text", "console", "short") else text


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except (OSError, ValueError) as error:  # /dev/full, a closed pipe, a closed stream
        _drop_stdout()
        why = "the disk is full" if getattr(error, "errno", None) == errno.ENOSPC else "it is closed or failing"
        raise OutputError(f"The report could not be written to standard output: {why}. Use --output FILE.") from None


def _drop_stdout() -> None:
    """Point standard output at the null device, so Python's own flush at exit cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def main() -> None:
    if sys.argv[1:2] == ["profile"]:  # the `profile` command group; `atscheck FILE` stays the default command
        from atscheck.cli_profile import app as profile_app

        profile_app(args=sys.argv[2:], prog_name="atscheck profile")
    app()
