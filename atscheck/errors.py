"""Errors that end a run or a file with a clear message for the user (never a traceback)."""

from __future__ import annotations

from atscheck.model import ErrorInfo


class InputError(Exception):
    """A resume file could not be read. Becomes an error row (exit code 3)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def info(self) -> ErrorInfo:
        return ErrorInfo(self.code, self.message)


class UsageError(ValueError):
    """The command or library call was used wrongly: unknown role, malformed profile, bad option (exit code 2).
    A ValueError, so a Python caller may catch it as one."""


class OutputError(UsageError):
    """A report or profile cannot be written where the user asked: missing or read-only folder, full disk,
    or the path is one of the inputs (exit code 2, like a usage error)."""
