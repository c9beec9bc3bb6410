"""`atscheck profile build` and `atscheck profile check`: role profiles from many job postings.

A command group of its own: `atscheck FILE ...` stays the default command, and atscheck.cli.command.main hands
`atscheck profile ...` to this app (a resume file named "profile" is checked as `atscheck ./profile`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from atscheck import rolebuild
from atscheck.errors import UsageError
from atscheck.model import Profile
from atscheck.output import display_path, escape_controls
from atscheck.profiles import inherited_of, load_profile

app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Build a role profile from real job postings, or see how well a profile covers them.",
)
POSTINGS_HELP = "Job postings (.txt, .md, .pdf, .docx) and/or folders of them."


def _warn(message: str) -> None:
    Console(stderr=True).print(f"atscheck: {escape(escape_controls(message, False))}", highlight=False, soft_wrap=True)


@app.command(
    help="Write a role profile from job postings: a term is required when at least --required-share of the "
    "postings require it, preferred when at least --preferred-share name it (two postings at least), dropped "
    "below; alternatives become groups; each term carries its evidence as a comment.",
    epilog="Example: atscheck profile build postings/ --id mlops-engineer --title 'MLOps Engineer' -o mlops.toml",
)
def build(
    postings: Annotated[list[Path], typer.Argument(help=POSTINGS_HELP, show_default=False)],
    role_id: Annotated[str, typer.Option("--id", help="The profile's id, e.g. mlops-engineer.", show_default=False)],
    title: Annotated[str, typer.Option("--title", help="The role's title, e.g. 'MLOps Engineer'.", show_default=False)],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The TOML file to write.", dir_okay=False, show_default=False)
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")] = False,
    required_share: Annotated[
        float, typer.Option("--required-share", min=0.0, max=1.0, help="Share of postings that must require a term.")
    ] = 0.25,
    preferred_share: Annotated[
        float, typer.Option("--preferred-share", min=0.0, max=1.0, help="Share of postings that must name a term.")
    ] = 0.1,
) -> None:
    def work() -> None:
        readings, skipped = rolebuild.read_all(postings, _warn)
        built = rolebuild.build(
            readings,
            role_id,
            title,
            required_share=required_share,
            preferred_share=preferred_share,
            skipped=skipped,
        )
        rolebuild.write_new(output, rolebuild.built_toml(built), force, rolebuild.posting_files(postings))
        required = sum(t.importance == "required" for t in built.profile.terms)
        Console(stderr=True).print(
            f"Profile written to {escape(display_path(output))}: {len(built.profile.terms)} terms "
            f"({required} required) from {len(readings)} postings; use it with --profile.",
            highlight=False,
        )

    _run(work)


@app.command(
    help="Show what each term of a profile knows from the skills taxonomy (other spellings, phrases it does not "
    "count inside, context it needs, patterns), and, given postings, how much of each posting's required terms "
    "(a group of alternatives counts once) the profile names. Exit 1 when the coverage is below --min-coverage.",
    epilog="Examples: atscheck profile check my-role.toml   |   "
    "atscheck profile check profiles/mlops-engineer.toml postings/ --min-coverage 0.9",
)
def check(
    profile: Annotated[Path, typer.Argument(help="The role profile (TOML).", dir_okay=False, show_default=False)],
    postings: Annotated[list[Path] | None, typer.Argument(help=POSTINGS_HELP, show_default=False)] = None,
    min_coverage: Annotated[
        float, typer.Option("--min-coverage", min=0.0, max=1.0, help="Fail (exit 1) below this total coverage.")
    ] = 0.0,
) -> None:
    def work() -> None:
        role = load_profile(profile)
        for line in knowledge_lines(role):
            typer.echo(escape_controls(line, newlines=False))
        if not postings:
            return
        typer.echo("")
        readings, _ = rolebuild.read_all(postings, _warn)
        rows = rolebuild.coverage(role, readings)
        for row in rows:
            share = row.covered / row.required if row.required else 1.0
            missing = f"  missing: {', '.join(row.missing)}" if row.missing else ""
            line = f"{row.posting}: {row.covered} of {row.required} required ({share:.2f}){missing}"
            typer.echo(escape_controls(line, newlines=False))  # a posting's name is shown, never acted on
        covered, required = sum(r.covered for r in rows), sum(r.required for r in rows)
        total = covered / required if required else 1.0
        summary = f"Coverage of the postings' required terms: {covered} of {required} = {total:.3f} ({role.id})"
        typer.echo(escape_controls(summary, newlines=False))
        if total < min_coverage:
            raise typer.Exit(1)

    _run(work)


def knowledge_lines(profile: Profile) -> list[str]:
    """One line per term: what it has from the skills taxonomy, or why it has nothing from there."""
    lines = [f"{profile.id}: what each term knows from the skills taxonomy"]
    for term in profile.terms:
        known = inherited_of(term)
        if not term.inherit:
            lines.append(f"  {term.name}: nothing (inherit = false): matched by what the profile writes only")
        elif known is None:
            lines.append(f"  {term.name}: not in the taxonomy: matched by what the profile writes only")
        else:
            parts = [f"as '{known.source}'" if known.source != term.name else "by name"]
            for label, values in (
                ("spellings", known.aliases),
                ("not inside", known.not_in),
                ("needs nearby", known.needs_context),
                ("patterns", known.patterns),
            ):
                if values:
                    parts.append(f"{label}: {', '.join(values)}")
            lines.append(f"  {term.name}: {'; '.join(parts)}")
    return lines


def _run(work: Callable[[], None]) -> None:
    try:
        work()
    except UsageError as error:
        _warn(f"error: {error}")
        raise typer.Exit(2) from None
