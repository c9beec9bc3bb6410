"""The command line: `atscheck FILE ...` (atscheck/cli/command.py) and `atscheck profile ...`
(atscheck/cli/profile.py), with their options (options.py) and settings files (config.py)."""

from __future__ import annotations

from atscheck.cli.command import app, main

__all__ = ["app", "main"]
