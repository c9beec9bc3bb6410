"""Settings from a config file, so a resume repo needs no long command lines.

Looked up from the current folder upwards: `.atscheck.toml`, or a `pyproject.toml` with a
`[tool.atscheck]` table; `--config FILE` names one explicitly. A config is a set of changes to the
`Request` (the defaults live there); options given on the command line are applied after it, so they win.
The search stops at the repository root (the folder holding `.git`) or the home folder, whichever comes
first: a file above the repository, e.g. one planted in a shared folder, never applies. Outside both, only
the current folder is searched.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from atscheck.errors import UsageError
from atscheck.extract.files import read_settings_file
from atscheck.report import format_names
from atscheck.request import Request

FILE_NAME = ".atscheck.toml"

# Upper bounds shared by the command line and the config file: far above any real use, low enough that
# no value overflows a timer or an integer (--timeout 1e308) or starts an absurd number of workers.
MAX_JOBS = 256
MAX_TIMEOUT = 24 * 3600.0  # seconds
MAX_FILE_MB = 1_000_000.0  # a terabyte: files are read in pieces, so any limit is safe
MAX_PAGES = 10_000
MAX_CHARS = 50_000_000


# Settings that say how the report looks, not what the run checks: they are not Request fields.
REPORT_SETTINGS = frozenset({"format"})


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)  # Request field (or "format") -> value, as the file sets it

    def apply(self, request: Request) -> Request:
        """`request` with the file's settings of what to check."""
        return request.merged({k: v for k, v in self.values.items() if k not in REPORT_SETTINGS})


def _strings(value: Any, key: str, where: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise UsageError(f"{where}: '{key}' must be a name or a list of names, e.g. {key} = [\"mlops-engineer\"].")


def _number(value: Any, key: str, where: Path, low: float, high: float | None = None) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value < low
        or (high is not None and value > high)
    ):
        limit = f"between {low:g} and {high:g}" if high else f"at least {low:g}"
        raise UsageError(f"{where}: '{key}' must be a number {limit}, not {value!r}.")
    return float(value)


def _choice(value: Any, key: str, where: Path) -> str:
    if value not in format_names():
        raise UsageError(f"{where}: '{key}' must be one of {', '.join(format_names())}, not {value!r}.")
    return str(value)


def _flag(value: Any, key: str, where: Path) -> bool:
    if not isinstance(value, bool):
        raise UsageError(f"{where}: '{key}' must be true or false, not {value!r}.")
    return value


def _pattern(value: Any, key: str, where: Path) -> str:
    if not isinstance(value, str):
        raise UsageError(f"{where}: '{key}' must be a pattern in quotes, e.g. {key} = \"*resume*\".")
    return value


# Setting (as written in the file) -> (Request field, how to read and check its value).
_SETTINGS: dict[str, tuple[str, Callable[[Any, str, Path], Any]]] = {
    "role": ("roles", _strings),
    "profile": ("profiles", lambda v, k, w: tuple(w.parent / p for p in _strings(v, k, w))),
    "skip-checks": ("skip_checks", _strings),
    "skip-check": ("skip_checks", _strings),
    "min-score": ("min_score", lambda v, k, w: _number(v, k, w, 0, 100)),
    "format": ("format", _choice),
    "strict": ("strict", _flag),
    "jobs": ("jobs", lambda v, k, w: int(_number(v, k, w, 1, MAX_JOBS))),
    "timeout": ("timeout", lambda v, k, w: _number(v, k, w, 1, MAX_TIMEOUT)),
    "glob": ("glob", _pattern),
    "max-file-size": ("max_bytes", lambda v, k, w: int(_number(v, k, w, 0.1, MAX_FILE_MB) * 1024 * 1024)),
    "max-pages": ("max_pages", lambda v, k, w: int(_number(v, k, w, 1, MAX_PAGES))),
    "max-chars": ("max_chars", lambda v, k, w: int(_number(v, k, w, 1000, MAX_CHARS))),
}


def parse(table: dict[str, Any], where: Path) -> Config:
    """Validate a settings table; every problem is a usage error naming the file and the key."""
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in _SETTINGS:
            known = ", ".join(k for k in _SETTINGS if k != "skip-check")
            raise UsageError(f"{where}: unknown setting '{raw_key}'. Known settings: {known}.")
        name, read = _SETTINGS[key]
        values[name] = read(value, key, where)
    return Config(where, values)


def _read(path: Path) -> dict[str, Any]:
    text = read_settings_file(path, "The config file")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path} is not valid TOML: {error}.") from None
    except RecursionError:
        raise UsageError(f"{path} is not a usable settings file: its tables or lists are nested too deeply.") from None


def load(path: Path) -> Config:
    """An explicitly named config file: `.atscheck.toml` style (top-level keys) or a pyproject.toml."""
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("atscheck", {})
    return parse(data, path)


def search_folders(start: Path) -> tuple[Path, ...]:
    """The folders a config is looked for in: `start` and its parents up to the repository root or the home
    folder (included); only `start` when neither is above it."""
    try:
        home: Path | None = Path.home()
    except (RuntimeError, KeyError):  # no home folder known
        home = None
    folders = []
    for folder in (start, *start.parents):
        folders.append(folder)
        if (folder / ".git").exists() or (home is not None and folder == home):
            return tuple(folders)
    return (start,)


def discover(start: Path) -> Config:
    """The nearest config from `start` upwards (see search_folders); an empty Config when there is none."""
    for folder in search_folders(start):
        candidate = folder / FILE_NAME
        if candidate.is_file():
            return parse(_read(candidate), candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject).get("tool", {}).get("atscheck")
            if table is not None:
                return parse(table, pyproject)
    return Config()
