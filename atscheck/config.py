"""Settings from a config file, so a resume repo needs no long command lines.

Looked up from the current folder upwards: `.atscheck.toml`, or a `pyproject.toml` with a
`[tool.atscheck]` table; `--config FILE` names one explicitly. Options given on the command line win.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from atscheck.errors import UsageError

FILE_NAME = ".atscheck.toml"


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    role: tuple[str, ...] = ()
    profile: tuple[Path, ...] = ()  # relative paths are read from the config file's folder
    min_score: float | None = None
    skip_checks: tuple[str, ...] = ()
    format: str | None = None
    strict: bool | None = None
    jobs: int | None = None
    timeout: float | None = None
    glob: str | None = None
    max_file_size: float | None = None
    max_pages: int | None = None
    max_chars: int | None = None


_KNOWN = (
    "role, profile, min-score, skip-checks, format, strict, jobs, timeout, glob, max-file-size, max-pages, max-chars"
)


def _strings(value: Any, key: str, where: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise UsageError(f"{where}: '{key}' must be a name or a list of names, e.g. {key} = [\"mlops-engineer\"].")


def _number(value: Any, key: str, where: Path, low: float, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low or (high and value > high):
        limit = f"between {low:g} and {high:g}" if high else f"at least {low:g}"
        raise UsageError(f"{where}: '{key}' must be a number {limit}, not {value!r}.")
    return float(value)


def parse(table: dict[str, Any], where: Path) -> Config:
    """Validate a settings table; every problem is a usage error naming the file and the key."""
    values: dict[str, Any] = {"path": where}
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key == "role":
            values["role"] = _strings(value, key, where)
        elif key == "profile":
            values["profile"] = tuple(where.parent / p for p in _strings(value, key, where))
        elif key in ("skip-check", "skip-checks"):
            values["skip_checks"] = _strings(value, key, where)
        elif key == "min-score":
            values["min_score"] = _number(value, key, where, 0, 100)
        elif key == "format":
            if value not in ("console", "json", "markdown", "csv"):
                raise UsageError(f"{where}: 'format' must be one of console, json, markdown, csv, not {value!r}.")
            values["format"] = value
        elif key == "strict":
            if not isinstance(value, bool):
                raise UsageError(f"{where}: 'strict' must be true or false, not {value!r}.")
            values["strict"] = value
        elif key == "jobs":
            values["jobs"] = int(_number(value, key, where, 1))
        elif key == "timeout":
            values["timeout"] = _number(value, key, where, 1)
        elif key == "glob":
            if not isinstance(value, str):
                raise UsageError(f"{where}: 'glob' must be a pattern in quotes, e.g. glob = \"*resume*\".")
            values["glob"] = value
        elif key == "max-file-size":
            values["max_file_size"] = _number(value, key, where, 0.1)
        elif key == "max-pages":
            values["max_pages"] = int(_number(value, key, where, 1))
        elif key == "max-chars":
            values["max_chars"] = int(_number(value, key, where, 1000))
        else:
            raise UsageError(f"{where}: unknown setting '{raw_key}'. Known settings: {_KNOWN}.")
    return Config(**values)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"Cannot read the config file {path}: {error.strerror or error}.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsageError(f"{path} is not valid TOML: {error}.") from None


def load(path: Path) -> Config:
    """An explicitly named config file: `.atscheck.toml` style (top-level keys) or a pyproject.toml."""
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("atscheck", {})
    return parse(data, path)


def discover(start: Path) -> Config:
    """The nearest config from `start` upwards; an empty Config when there is none."""
    for folder in (start, *start.parents):
        candidate = folder / FILE_NAME
        if candidate.is_file():
            return parse(_read(candidate), candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject).get("tool", {}).get("atscheck")
            if table is not None:
                return parse(table, pyproject)
    return Config()
