"""The `atscheck` command: parse the options into one Invocation, call the library, write the report, choose
the exit code."""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from atscheck.about import __version__
from atscheck.cli import config as settings_file
from atscheck.cli.options import OPTIONS, Invocation, invocation
from atscheck.errors import OutputError, UsageError
from atscheck.interrupt import Interrupted, interruptible
from atscheck.model import NOT_AT_REF, Profile
from atscheck.outcome import Run
from atscheck.output import REPORT_TITLE, display_path, escape_controls, write_atomic
from atscheck.profiles import bundled_ids, load_role, profile_toml
from atscheck.report import Format, ReportOptions, format_for, get_format, pieces, suffixes
from atscheck.report.provenance import lines as provenance_lines

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


_OUT_OF_MEMORY = (
    "atscheck ran out of memory for this run, so no report was written. Check the folder in parts, or leave "
    "out --format html and --show-text, which keep every file's text; the other reports need a few KB a file."
)


def plain_usage_message(error: click.UsageError) -> str:
    """One line in plain words for a command-line mistake the option parser found, naming the option."""
    if isinstance(error, click.NoSuchOption):
        guess = f"; did you mean {' or '.join(sorted(error.possibilities))}?" if error.possibilities else "."
        return f"There is no option {error.option_name}{guess} 'atscheck --help' lists them."
    param = getattr(error, "param", None)
    message = error.message
    if param is None:
        return message
    name = max(param.opts or [param.name or ""], key=len)
    message += "" if message.endswith((".", "?", "!")) else "."
    return f"{name} {message}" if message.startswith(("needs ", "must ")) else f"{name}: {message}"


class _PlainUsage(click.UsageError):
    """A command-line mistake, shown as every usage error of atscheck is: one line on stderr, exit 2."""

    def show(self, file: Any = None) -> None:
        sys.stderr.write(f"atscheck: error: {self.message}\n")


class _Command(click.Command):
    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as error:
            raise _PlainUsage(plain_usage_message(error)) from None


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        click.echo(f"atscheck {__version__}")
        ctx.exit()


def _list_roles(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        for role_id in bundled_ids():
            profile = load_role(role_id)
            click.echo(
                f"{profile.id:28} {profile.title:32} {len(profile.terms)} terms, pass score {profile.pass_score:g}"
            )
        ctx.exit()


def _main(**values: Any) -> None:
    try:
        config = values.pop("config")
        found = settings_file.load(config) if config else settings_file.discover(Path.cwd())
        asked = invocation(values, found)
        with interruptible():
            code = _check(asked)
    except Interrupted as interrupted:  # before or after the files were checked: nothing to report
        _say("atscheck: interrupted.")
        code = interrupted.exit_code
    except MemoryError:  # this process's own memory (each file is bounded in its worker): one line, no traceback
        _say(f"atscheck: error: {_OUT_OF_MEMORY}")
        code = 2
    except UsageError as error:
        Console(stderr=True, no_color="NO_COLOR" in os.environ).print(
            f"[bold red]atscheck: error:[/] {escape(escape_controls(str(error), newlines=False))}",
            highlight=False,
            soft_wrap=True,
        )
        code = 2
    sys.exit(code)


app = _Command(
    "atscheck",
    callback=_main,
    params=[
        *OPTIONS,
        click.Option(
            ["--version"],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_version,
            help="Print the version and exit.",
        ),
        click.Option(
            ["--list-roles"],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_list_roles,
            help="List the bundled roles and exit.",
        ),
    ],
    help="Check whether a resume (PDF, DOCX, TXT or Markdown) gets past ATS keyword screening for a role, and "
    "what to fix. Give several files or folders to score and rank them all. Runs offline: nothing leaves your "
    "machine.",
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _check(asked: Invocation) -> int:
    unknown = [str(path) for path in asked.reports if format_for(path) is None]
    if unknown:
        raise UsageError(f"--report {unknown[0]}: the file name says the format; end it in {', '.join(suffixes())}.")
    from atscheck import runner  # here, not at the top: --version and --help start without the whole pipeline

    request = asked.request
    profiles = runner.profiles_for(request)
    if asked.save_profile:
        _derived(profiles)  # a wrong --save-profile is a usage error before any work
    if asked.output is None and sys.stdout is None:
        raise OutputError("Standard output is closed, so the report has nowhere to go. Use --output FILE.")
    quiet = asked.report.quiet
    try:  # the runner refuses an output that is an input, or unwritable, before scoring
        run = runner.run(
            request, profiles, progress=lambda total: _progress_bar(total, enabled=not quiet), outputs=asked.outputs
        )
    except Interrupted as interrupted:
        # What is finished is reported (written atomically: a reader of --output never sees half a report).
        _say(f"atscheck: interrupted after {interrupted.done} of {interrupted.total} files.")
        if interrupted.partial is not None and interrupted.done:
            _report(interrupted.partial, asked)
        return interrupted.exit_code
    if asked.save_profile:
        _save_profile(_derived(profiles), asked.save_profile)
    _report(run, asked)
    if asked.format != "console" or asked.output:
        _errors_to_stderr(run)
    return 0 if asked.exit_zero else run.exit_code()


def _errors_to_stderr(run: Run) -> None:
    """With a machine-readable report or --output, each file that could not be read is also one line on
    stderr, naming the file, so a CI log shows it. (A file new since --baseline-ref's ref is no error.)"""
    lines = [f"{r.file}: {r.error.message}" for r in run.results if r.error]
    deltas = [r.baseline for r in run.results if r.baseline and r.baseline.error]
    lines += [f"{d.source}: {d.error.message}" for d in deltas if d.error and d.error.code != NOT_AT_REF]
    for line in dict.fromkeys(lines):  # a name's ESC, BEL or newline is shown, never acted on
        sys.stderr.write(f"atscheck: {escape_controls(line, newlines=False)}\n")


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
    from rich.progress import (  # on a terminal only
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

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


def _report(run: Run, asked: Invocation) -> None:
    """Write the report: to the --output file (120 columns, no colour codes; written atomically, so a failure
    keeps the old file), or to standard output (its width; colour only on a terminal); then each --report file
    in the format its name ends with."""
    to_file = replace(asked.report, width=120, color=False)
    if asked.output:
        options = to_file
    else:
        screen = Console()
        color = not asked.no_color and "NO_COLOR" not in os.environ and screen.is_terminal
        options = replace(asked.report, width=screen.width, color=color)
    name = "text" if asked.show_text else asked.format
    text = _render(run, name, options, to_file=asked.output is not None)
    if asked.format == "csv" and not asked.show_text:  # a table has no room for them: said on stderr
        for line in provenance_lines(run):
            Console(stderr=True).print(escape_controls(line, False), highlight=False, markup=False, soft_wrap=True)
    if asked.output is None:
        _write_stdout(text)
    else:
        write_atomic(asked.output, text)
    for path in asked.reports:
        format_name = format_for(path)
        assert format_name is not None  # checked with the options
        write_atomic(path, _render(run, format_name, to_file, to_file=True))


def _render(run: Run, name: str, options: ReportOptions, to_file: bool) -> Iterator[str]:
    """The report in format `name` ("text" for --show-text), in pieces; a console report in a file says what
    it is."""
    if name == "text":
        from atscheck.report.text import TextFormat  # here: it loads the checks, which --help need not

        report: Format = TextFormat(options)
    else:
        report = get_format(name, options)
    if to_file and name in ("text", "console", "short"):
        yield f"{REPORT_TITLE}\n\n"
    yield from pieces(report, run)


def _write_stdout(text: Iterable[str]) -> None:
    try:
        for piece in text:
            sys.stdout.write(piece)
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
        from atscheck.cli.profile import app as profile_app  # only for this command: `atscheck FILE` starts faster

        profile_app(args=sys.argv[2:], prog_name="atscheck profile")
    app(prog_name="atscheck")
