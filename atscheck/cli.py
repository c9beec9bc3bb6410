"""Command line: parse options, call the pipeline, print the report, choose the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from atscheck import __version__
from atscheck.errors import UsageError

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

  atscheck --list-roles

Settings can also live in .atscheck.toml or in [tool.atscheck] of a pyproject.toml (role, profile,
min-score, skip-checks, format, strict, jobs, timeout, glob, max-file-size, max-pages, max-chars); options win.

Exit codes: 0 passed; 1 scored below the threshold (or --strict and an ATS-readability error);
2 usage error (unknown option or role, malformed profile or config, no resumes in the folders);
3 a file could not be read (in a batch: any file).
"""


class OutputFormat(StrEnum):
    console = "console"
    json = "json"
    markdown = "markdown"
    csv = "csv"


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
    ] = None,  # type: ignore[assignment]
    role: Annotated[
        list[str] | None,
        typer.Option(
            "--role",
            "-r",
            help="Bundled role profile to check against (see --list-roles; repeatable; 'all' for every role, with "
            "a best-fit ranking). Default: mlops-engineer.",
        ),
    ] = None,  # type: ignore[assignment]
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
    ] = None,  # type: ignore[assignment]
    jd: Annotated[
        list[str] | None,
        typer.Option(
            "--jd",
            help="A job posting (.txt, .md, .pdf, .docx, or - to paste it on standard input) to score against; "
            "repeatable. With --role, the posting's terms are added to the role's and weigh more.",
        ),
    ] = None,  # type: ignore[assignment]
    save_profile: Annotated[
        Path | None,
        typer.Option(
            "--save-profile",
            help="Write the profile derived from --jd to this TOML file, to review and reuse.",
            dir_okay=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="Report format. Default: console.")
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
    ] = None,  # type: ignore[assignment]
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
        int | None, typer.Option("--jobs", "-j", min=1, help="Files checked in parallel. Default: the number of CPUs.")
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", min=1, help="Seconds one file may take before it is stopped. Default: 60."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only what failed (console report).")] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Settings file (.atscheck.toml or pyproject.toml). Default: the nearest one found.",
            dir_okay=False,
        ),
    ] = None,
    max_file_size: Annotated[
        float | None, typer.Option("--max-file-size", min=0.1, help="Largest file to read, in MB. Default: 20.")
    ] = None,
    max_pages: Annotated[
        int | None, typer.Option("--max-pages", min=1, help="Most pages of a PDF to read. Default: 30.")
    ] = None,
    max_chars: Annotated[
        int | None,
        typer.Option("--max-chars", min=1000, help="Most characters of text to check per file. Default: 200000."),
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
        settings = Settings(
            paths=tuple(paths or ()),
            roles=tuple(role or found.role),
            from_role=from_role,
            profiles=tuple(profile or found.profile),
            postings=tuple(jd or ()),
            save_profile=save_profile,
            output_format=OutputFormat(output_format or found.format or "console"),
            output=output,
            min_score=min_score if min_score is not None else found.min_score,
            show_text=show_text,
            skip_checks=tuple(skip_check or found.skip_checks),
            strict=strict if strict is not None else bool(found.strict),
            glob=glob or found.glob,
            jobs=jobs or found.jobs,
            timeout=timeout or found.timeout,
            quiet=quiet,
            max_file_size=max_file_size or found.max_file_size or 20,
            max_pages=max_pages or found.max_pages or 30,
            max_chars=max_chars or found.max_chars or 200_000,
            color=not no_color and "NO_COLOR" not in os.environ,
        )
        code = _check(settings)
    except UsageError as error:
        from rich.markup import escape

        Console(stderr=True, no_color="NO_COLOR" in os.environ).print(
            f"[bold red]atscheck: error:[/] {escape(str(error))}", highlight=False, soft_wrap=True
        )
        code = 2
    raise typer.Exit(code)


@dataclass(frozen=True)
class Settings:
    """The options of one run, after the config file and the command line are merged."""

    paths: tuple[Path, ...]
    roles: tuple[str, ...]
    from_role: str | None
    profiles: tuple[Path, ...]
    postings: tuple[str, ...]
    save_profile: Path | None
    output_format: OutputFormat
    output: Path | None
    min_score: float | None
    show_text: bool
    skip_checks: tuple[str, ...]
    strict: bool
    glob: str | None
    jobs: int | None  # None: in-process for one file, else the number of CPUs
    timeout: float | None
    quiet: bool
    max_file_size: float
    max_pages: int
    max_chars: int
    color: bool


DEFAULT_TIMEOUT = 60.0


def _check(settings: Settings) -> int:
    from atscheck.checks import all_ids
    from atscheck.extract import Limits
    from atscheck.inputs import collect
    from atscheck.pipeline import Options, check_file, exit_code
    from atscheck.profiles import bundled_ids, load_profile, load_role

    if not settings.paths:
        raise UsageError("Name a resume file or folder to check, e.g. 'atscheck resume.pdf --role mlops-engineer'.")
    unknown = sorted(set(settings.skip_checks) - set(all_ids()))
    if unknown:
        raise UsageError(f"Unknown check id(s) for --skip-check: {', '.join(unknown)}. Known: {', '.join(all_ids())}.")
    roles = [load_role(r) for role in settings.roles for r in (bundled_ids() if role == "all" else [role])]
    roles = list(dict.fromkeys(roles))
    if settings.postings:
        from atscheck.posting import postings_profiles

        profiles = postings_profiles(settings.postings, roles) + [load_profile(p) for p in settings.profiles]
    else:
        profiles = roles + [load_profile(p) for p in settings.profiles] or [load_role("mlops-engineer")]
    if settings.save_profile:
        _save_profile(profiles, settings)
    inputs = collect(settings.paths, settings.glob)
    single = len(inputs.files) == 1 and not inputs.from_folders
    options = Options(
        min_score=settings.min_score,
        skip_checks=settings.skip_checks,
        from_role=load_role(settings.from_role) if settings.from_role else None,
        auto_transition=single,  # in a batch the ranking is the view; --from still applies
        limits=Limits(
            max_bytes=int(settings.max_file_size * 1024 * 1024),
            max_pages=settings.max_pages,
            max_chars=settings.max_chars,
        ),
    )
    if single and settings.jobs is None and settings.timeout is None:
        # One file runs in-process (fastest start), protected by the size, page and character limits.
        results = check_file(inputs.files[0], profiles, options)
    else:
        from atscheck.batch import check_files

        with _progress_bar(len(inputs.files), enabled=not settings.quiet and not single) as advance:
            results = check_files(
                inputs.files,
                profiles,
                options,
                jobs=settings.jobs or os.cpu_count() or 1,
                timeout=settings.timeout or DEFAULT_TIMEOUT,
                progress=advance,
                keep_documents=settings.show_text,
            )
    _report(results, settings, inputs.skipped, best_only=settings.roles == ("all",))
    return exit_code(results, strict=settings.strict)


def _save_profile(profiles: list, settings: Settings) -> None:
    from atscheck.profiles import profile_toml

    derived = [p for p in profiles if p.posting is not None]
    if len(derived) != 1:
        raise UsageError(
            "--save-profile writes the profile of one job posting: give exactly one --jd (and one --role)."
        )
    try:
        settings.save_profile.write_text(profile_toml(derived[0]), encoding="utf-8")  # type: ignore[union-attr]
    except OSError as error:
        raise UsageError(f"Cannot write {settings.save_profile}: {error.strerror or error}.") from None
    Console(stderr=True).print(f"Profile written to {settings.save_profile}; use it with --profile.", highlight=False)


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


def _report(results: list, settings: Settings, skipped: int, best_only: bool) -> None:
    handle = settings.output.open("w", encoding="utf-8") if settings.output else None
    try:
        console = Console(
            file=handle,
            no_color=not settings.color,
            force_terminal=False if handle else None,
            soft_wrap=False,
            width=120 if handle else None,
        )
        stream = handle or sys.stdout
        if settings.show_text:
            from atscheck.report import text

            for result in results:
                text.render(result, console)
        elif settings.output_format == OutputFormat.json:
            from atscheck.report import json

            stream.write(json.render(results, skipped) + "\n")
        elif settings.output_format == OutputFormat.markdown:
            from atscheck.report import markdown

            stream.write(markdown.render(results, skipped) + "\n")
        elif settings.output_format == OutputFormat.csv:
            from atscheck.report import csv

            stream.write(csv.render(results))
        else:
            from atscheck.report import console as console_report

            console_report.render(results, console, skipped, quiet=settings.quiet, best_only=best_only)
    finally:
        if handle:
            handle.close()


def main() -> None:
    app()
