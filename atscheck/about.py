"""The installed version of atscheck, for `--version` and for what the reports say made them."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("atscheck")  # set at build time from the git tag (hatch-vcs)
except PackageNotFoundError:  # run from a checkout that is not installed
    __version__ = "0.0.0+unknown"
