"""What every report says about the run itself: the settings file used, each setting that weakens the
checks (and where it came from), and what the folder search left out. A config in a repository can lower
the bar; the report always says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

from atscheck.output import display_path

if TYPE_CHECKING:
    from atscheck.outcome import Run


def config_line(run: Run) -> str | None:
    config = run.request.config
    return f"Settings from {display_path(config)}." if config else None


def _source(run: Run, field: str) -> str:
    request = run.request
    return display_path(request.config) if request.config and field in request.from_config else "the command line"


def weakened(run: Run) -> tuple[str, ...]:
    """Sentences naming each setting that makes the checks weaker: checks turned off, a passing score
    below a profile's own."""
    request = run.request
    lines = []
    if request.skip_checks:
        lines.append(f"Checks turned off by {_source(run, 'skip_checks')}: {', '.join(request.skip_checks)}.")
    if request.min_score is not None:
        lower = [p for p in run.profiles if request.min_score < p.pass_score]
        if lower:
            own = ", ".join(f"{p.title} {p.pass_score:g}" for p in lower)
            lines.append(
                f"The passing score is lowered to {request.min_score:g} by {_source(run, 'min_score')} "
                f"(the profile's own: {own})."
            )
    return tuple(lines)


def lines(run: Run) -> list[str]:
    """Everything to say, in order: the settings file, what weakens the checks, what the search skipped."""
    config = config_line(run)
    return [*([config] if config else []), *weakened(run), *run.notes]


def as_dict(run: Run) -> dict[str, object]:
    config = run.request.config
    return {"config": str(config) if config else None, "weakened": list(weakened(run)), "notes": list(run.notes)}
