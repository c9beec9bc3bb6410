"""Command line: parse options, call the pipeline, print the report, choose the exit code."""

from __future__ import annotations

import os
import sys
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

  atscheck --list-roles

Exit codes: 0 passed; 1 scored below the threshold (or --strict and an ATS-readability error);
2 usage error (unknown option or role, malformed profile); 3 a file could not be read.
"""


class OutputFormat(StrEnum):
    console = "console"
    json = "json"
    markdown = "markdown"


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
    "screening for a role, and what to fix. Runs offline: nothing leaves your machine.",
)
def run(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Resume file(s): .pdf, .docx, .txt or .md.", show_default=False)
    ] = None,  # type: ignore[assignment]
    role: Annotated[
        list[str] | None,
        typer.Option(
            "--role", "-r", help="Bundled role profile to check against (see --list-roles). Default: mlops-engineer."
        ),
    ] = None,  # type: ignore[assignment]
    profile: Annotated[
        list[Path] | None, typer.Option("--profile", "-p", help="Your own role profile (TOML file).", dir_okay=False)
    ] = None,  # type: ignore[assignment]
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.console,
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
        bool,
        typer.Option(
            "--strict", help="Fail (exit 1) on any error-severity readability finding, even when the score passes."
        ),
    ] = False,
    max_file_size: Annotated[float, typer.Option("--max-file-size", min=0.1, help="Largest file to read, in MB.")] = 20,
    max_pages: Annotated[int, typer.Option("--max-pages", min=1, help="Most pages of a PDF to read.")] = 30,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours (also when NO_COLOR is set).")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    list_roles: Annotated[
        bool, typer.Option("--list-roles", callback=_list_roles, is_eager=True, help="List the bundled roles and exit.")
    ] = False,
) -> None:
    try:
        code = _check(
            files,
            role,
            profile,
            output_format,
            output,
            min_score,
            show_text,
            skip_check,
            strict,
            max_file_size,
            max_pages,
            no_color,
        )
    except UsageError as error:
        Console(stderr=True, no_color="NO_COLOR" in os.environ).print(
            f"[bold red]atscheck: error:[/] {error}", highlight=False, soft_wrap=True
        )
        code = 2
    raise typer.Exit(code)


def _check(
    files: list[Path] | None,
    role: list[str] | None,
    profile: list[Path] | None,
    output_format: OutputFormat,
    output: Path | None,
    min_score: float | None,
    show_text: bool,
    skip_check: list[str] | None,
    strict: bool,
    max_file_size: float,
    max_pages: int,
    no_color: bool,
) -> int:
    from atscheck.checks import all_ids
    from atscheck.extract import Limits
    from atscheck.pipeline import Options, check_file, exit_code
    from atscheck.profiles import load_profile, load_role

    if not files:
        raise UsageError("Name a resume file to check, e.g. 'atscheck resume.pdf --role mlops-engineer'.")
    unknown = sorted(set(skip_check or ()) - set(all_ids()))
    if unknown:
        raise UsageError(f"Unknown check id(s) for --skip-check: {', '.join(unknown)}. Known: {', '.join(all_ids())}.")
    profiles = [load_role(r) for r in (role or [])] + [load_profile(p) for p in (profile or [])]
    if not profiles:
        profiles = [load_role("mlops-engineer")]
    options = Options(
        min_score=min_score,
        skip_checks=tuple(skip_check or ()),
        limits=Limits(max_bytes=int(max_file_size * 1024 * 1024), max_pages=max_pages),
    )
    results = [result for path in files for result in check_file(path, profiles, options)]

    color = not no_color and "NO_COLOR" not in os.environ
    handle = output.open("w", encoding="utf-8") if output else None
    try:
        console = Console(
            file=handle,
            no_color=not color,
            force_terminal=False if handle else None,
            soft_wrap=False,
            width=120 if handle else None,
        )
        if show_text:
            from atscheck.report import text

            for result in results:
                text.render(result, console)
        elif output_format == OutputFormat.json:
            from atscheck.report import json

            (handle or sys.stdout).write(json.render(results) + "\n")
        elif output_format == OutputFormat.markdown:
            from atscheck.report import markdown

            (handle or sys.stdout).write(markdown.render(results) + "\n")
        else:
            from atscheck.report import console as console_report

            console_report.render(results, console)
    finally:
        if handle:
            handle.close()
    return exit_code(results, strict=strict)


def main() -> None:
    app()
