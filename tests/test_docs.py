"""The Python examples in docs/ run as written: each page's blocks in order, in one fresh interpreter, from
the repository's root folder (the examples' paths are relative to it)."""

from __future__ import annotations

import importlib
import re
import shlex
import subprocess
import sys
from typing import Any

import click
import pytest
from conftest import REPO

from atscheck.engines import ENGINES
from atscheck.report import FORMATS

PAGES = ["docs/library.md"]


def python_blocks(page: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", (REPO / page).read_text(encoding="utf-8"), re.M | re.S)


@pytest.mark.parametrize("page", PAGES)
def test_the_examples_run(page: str) -> None:
    blocks = python_blocks(page)
    assert len(blocks) >= 5
    script = "\n".join(f"# block {number}\n{block}" for number, block in enumerate(blocks, start=1))
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "best fit: mlops-engineer" in done.stdout and "TypeError:" in done.stdout


# ---------------------------------------------------------------------------------------------------------
# What the docs name exists: module paths, dotted module names, scripts and folders, and command-line options.
# ---------------------------------------------------------------------------------------------------------

DOCS = ["README.md", *sorted(path.relative_to(REPO).as_posix() for path in (REPO / "docs").glob("*.md"))]

_FENCE = re.compile(r"^[ \t]*```([\w-]*)[^\n]*\n(.*?)^[ \t]*```[ \t]*$", re.M | re.S)
_SHELL_FENCES = {"", "sh", "bash", "shell", "console", "yaml", "yml"}
_SPAN = re.compile(r"`([^`]+)`")
_MODULE_PATH = re.compile(r"(?<![\w./-])atscheck/[\w./*-]*")
_REPO_PATH = re.compile(r"(?<![\w./-])(?:bench|docs|tools|examples|tests|profiles)/[\w./*-]*(?![\w<])")
_SCRIPT = re.compile(r"\bpython3?\s+([\w./-]+\.py)\b")
_SOURCE_FOLDERS = ("atscheck", "bench", "tests", "tools", "examples")
_FILE_NAME = re.compile(r"(?<![\w./-])[A-Za-z_][\w-]*\.py\b")  # cli.py, core.py: a file somewhere in the repository
_DOTTED = re.compile(r"(?<![\w./-])atscheck(?:\.[A-Za-z_]\w*)+")
_BARE_OPTION = re.compile(r"(?<![\w-])--[a-z][\w-]*")


def _split(text: str) -> tuple[list[tuple[str, str]], str]:
    """The fenced blocks of a page as (language, body), and its prose with the blocks taken out."""
    blocks = [(m.group(1).lower(), m.group(2)) for m in _FENCE.finditer(text)]
    return blocks, _FENCE.sub("", text)


def missing_paths(text: str) -> list[str]:
    """The repository paths a page names (atscheck/..., bench/, docs/, tools/, examples/, tests/, profiles/,
    every script run with `python`, and a module named by its file name alone, `core.py`) that do not exist."""
    named = {m.group(0) for pattern in (_MODULE_PATH, _REPO_PATH) for m in pattern.finditer(text)}
    named |= {m.group(1) for m in _SCRIPT.finditer(text)}
    # The project's own folders only: a virtual environment inside the clone (CI makes one) has a cli.py too.
    sources = [p.relative_to(REPO).as_posix() for top in _SOURCE_FOLDERS for p in (REPO / top).rglob("*.py")]
    for name in {m.group(0) for m in _FILE_NAME.finditer(text)}:
        if not any(source == name or source.endswith(f"/{name}") for source in sources):
            named.add(name)
    missing = []
    for path in sorted(p.rstrip(".,:;)") for p in named):
        found = any(REPO.glob(path)) if "*" in path else (REPO / path).exists()
        if not found:
            missing.append(f"{path} does not exist")
    return missing


def _resolves(dotted: str) -> bool:
    """Whether `atscheck.a.b.c` names a module of the repository, or an attribute of one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        base = REPO.joinpath(*parts[:cut])
        if base.with_suffix(".py").is_file() or (base / "__init__.py").is_file():
            break
    else:
        return False
    try:
        value: object = importlib.import_module(".".join(parts[:cut]))
        for name in parts[cut:]:
            value = getattr(value, name)
    except (ImportError, AttributeError):
        return False
    return True


def missing_names(text: str) -> list[str]:
    """The `atscheck.x.y` names a page uses that are neither a module nor an attribute of one."""
    named = sorted({m.group(0) for m in _DOTTED.finditer(text)})
    return [f"{name} is neither a module nor a name in one" for name in named if not _resolves(name)]


def _option_names(command: Any, parent: Any = None) -> tuple[set[str], Any]:
    """The options a click command knows, its help option included, and its context. (Typer, which the
    `profile` commands are built with, brings its own copy of click: only the interface is shared.)"""
    context = command.context_class(command, parent=parent, **command.context_settings)
    help_option = command.get_help_option(context)
    params = [*command.params, *([help_option] if help_option else [])]
    names = {name for p in params if p.param_type_name == "option" for name in (*p.opts, *p.secondary_opts)}
    return names, context


def cli_options() -> dict[str, set[str]]:
    """The options each command knows: "" for `atscheck FILE`, "profile", "profile build", "profile check"."""
    import typer

    from atscheck.cli.command import app
    from atscheck.cli.profile import app as profile_app

    group = typer.main.get_command(profile_app)
    known = {"": _option_names(app)[0]}
    known["profile"], context = _option_names(group)
    for name, command in group.commands.items():
        known[f"profile {name}"] = _option_names(command, context)[0]
    return known


def _choices() -> dict[str, tuple[str, ...]]:
    """The values of options that take one of a registry's names (--format, --engine, --fail-on)."""
    from atscheck.cli.command import app

    return {
        opt: p.type.names()
        for p in app.params
        if isinstance(p, click.Option) and hasattr(p.type, "names")
        for opt in p.opts
    }


def _tokens(command: str) -> list[str]:
    try:
        return shlex.split(command)
    except ValueError:  # an unbalanced quote in prose
        return command.split()


def _arguments(segment: str) -> tuple[str, list[str]] | None:
    """(subcommand, arguments) when the shell segment runs atscheck, else None."""
    tokens = _tokens(segment)
    starts = [i for i, token in enumerate(tokens) if token == "atscheck" or token.endswith("/atscheck")]
    if not starts:
        return None
    arguments = tokens[starts[0] + 1 :]
    if arguments[:1] == ["profile"]:
        if arguments[1:2] and arguments[1] in ("build", "check"):
            return f"profile {arguments[1]}", arguments[2:]
        return "profile", arguments[1:]
    return "", arguments


def _check_arguments(arguments: list[str], known: set[str], choices: dict[str, tuple[str, ...]]) -> list[str]:
    problems = []
    for index, token in enumerate(arguments):
        if token == "--":  # the rest are files, even when named like an option
            break
        if not re.fullmatch(r"--[a-z][\w-]*(=.*)?|-[a-zA-Z]", token):
            continue
        option = token.split("=", 1)[0]
        if option not in known:
            problems.append(f"atscheck has no option {option}")
            continue
        value = arguments[index + 1] if index + 1 < len(arguments) else ""
        if option in choices and re.fullmatch(r"[a-z][\w|-]*", value):
            problems += [
                f"{option} {word}: not one of {', '.join(choices[option])}"
                for word in value.split("|")
                if word not in choices[option]
            ]
    return problems


def unknown_options(text: str) -> list[str]:
    """The atscheck options a page names that the command line does not know: in atscheck command lines (in
    shell and YAML blocks, and inline), the pre-commit hook's `args: [...]`, inline code that starts with an
    option, and options named in the prose."""
    known = cli_options()
    every = set().union(*known.values())
    choices = _choices()
    blocks, prose = _split(text)
    commands = []
    for language, body in blocks:
        if language not in _SHELL_FENCES:
            continue
        commands += body.replace("\\\n", " ").splitlines()
        for listed in re.findall(r"\bargs:\s*\[(.*?)\]", body):
            arguments = [item.strip().strip("\"'") for item in listed.split(",")]
            commands.append("atscheck " + " ".join(shlex.quote(a) for a in arguments if a))
    problems = []
    for span in _SPAN.findall(prose):
        if span.startswith("-"):
            problems += _check_arguments(_tokens(span), every, choices)
        else:
            commands.append(span)
    for command in commands:
        command = re.sub(r"\$\([^)]*\)", "", re.sub(r"\s#.*", "", command))
        for segment in re.split(r" \| |&&|;", command):
            found = _arguments(segment)
            if found:
                subcommand, arguments = found
                problems += _check_arguments(arguments, known[subcommand], choices)
    plain = _SPAN.sub("", prose)
    bare = {m.group(0) for m in _BARE_OPTION.finditer(plain)}
    problems += [f"atscheck has no option {option}" for option in bare - every]
    return sorted(set(problems))


@pytest.mark.parametrize("page", DOCS)
def test_every_path_module_script_and_option_the_docs_name_exists(page: str) -> None:
    text = (REPO / page).read_text(encoding="utf-8")
    problems = missing_paths(text) + missing_names(text) + unknown_options(text)
    assert not problems, f"{page} names what is not there:\n  " + "\n  ".join(problems)


def test_the_docs_check_finds_what_is_wrong() -> None:
    page = """
See `atscheck/pipeline.py`, atscheck/extract/pdf/, `atscheck.dask.score`, `atscheck.run`, `core.py`, `cli.py`.
Run `python bench/nothing.py` and `docs/architecture.md`; `atscheck --show-text cv.pdf | grep '\\[\\[Go'`.

```sh
atscheck resume.pdf --role mlops-engineer --colour --format xml   # no such option, no such format
atscheck profile build postings/ --id x --min-coverage 0.9 -o x.toml
atscheck -- --not-an-option.pdf
```

```yaml
        args: [--role, mlops-engineer, --min-scor, "60", --]
```

Use `--engine local|dask|spark`, `--jobs 2`, and --nothing in prose.
"""
    assert missing_paths(page) == [
        "atscheck/pipeline.py does not exist",
        "bench/nothing.py does not exist",
        "cli.py does not exist",
    ]
    assert missing_names(page) == ["atscheck.dask.score is neither a module nor a name in one"]
    assert unknown_options(page) == [
        f"--engine spark: not one of {', '.join(ENGINES)}",
        f"--format xml: not one of {', '.join(FORMATS)}",
        "atscheck has no option --colour",
        "atscheck has no option --min-coverage",
        "atscheck has no option --min-scor",
        "atscheck has no option --nothing",
    ]
