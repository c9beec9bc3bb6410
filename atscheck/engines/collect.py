"""A run's results as its engine finishes them, put back in input order, keeping in memory only what the run
needs of them.

A batch of thousands of files cannot keep every full result in memory (each holds every occurrence of every
term with its snippet: about 100 KB as Python objects). With `Request.slim`, a batch keeps a slim copy of
each result (`slim`: what a ranking, CSV, Markdown or console report reads) and writes the full result,
compressed, to an anonymous temporary file (no name in any folder; gone when the run is), from which
`Run.full_results()` reads them back one at a time for a report that lists every occurrence (JSON).
"""

from __future__ import annotations

import os
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from atscheck.engines import Finished, Progress
from atscheck.engines.isolation import SharedPickler
from atscheck.interrupt import Interrupted
from atscheck.model import Profile, Result, ScoreParts, TermResult

_T = TypeVar("_T")


class Spill:
    """Full results, compressed, in an anonymous temporary file: written as they come, read back in input
    order (`Run.full`)."""

    def __init__(self, profiles: Sequence[Profile]) -> None:
        self._pickler = SharedPickler(profiles)
        # Unlinked at once (never seen in TMPDIR), freed when closed: it lives as long as the run.
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._end = 0
        self._where: dict[int, tuple[int, int]] = {}

    def put(self, index: int, results: list[Result]) -> None:
        data = zlib.compress(self._pickler.dumps(results), 1)
        os.pwrite(self._file.fileno(), data, self._end)
        self._where[index] = (self._end, len(data))
        self._end += len(data)

    def read(self, index: int) -> list[Result]:
        offset, size = self._where[index]
        return self._pickler.loads(zlib.decompress(os.pread(self._file.fileno(), size, offset)))  # type: ignore[return-value]

    def __iter__(self) -> Iterator[Result]:
        for index in sorted(self._where):
            yield from self.read(index)

    def close(self) -> None:
        self._file.close()


def slim(result: Result, shared: dict[Any, Any]) -> Result:
    """What a ranking, CSV, Markdown, short or console report of a batch reads from a result: every term's
    status, the findings, the scores and the change since a baseline, without the occurrences, the document
    and the parsed fields (the JSON formats read those from the full result). Equal parts of different results
    (a term's status, a finding, a coverage figure) become one object through `shared`, so a slim result costs
    a few KB."""

    def one(value: _T) -> _T:
        return shared.setdefault(value, value)  # type: ignore[no-any-return]

    parts = result.parts
    if parts is not None:
        parts = ScoreParts(
            one(parts.required),
            one(parts.preferred),
            tuple(one(part) for part in parts.by_category),
            tuple(one(part) for part in parts.by_kind),
            one(parts.title),
        )
    education = result.education
    if education is not None:
        education = replace(education, requirement=one(education.requirement))
    return replace(
        result,
        profile=one(result.profile),
        terms=tuple(one(TermResult(t.term, t.status, (), t.uncredited)) for t in result.terms),
        parts=parts,
        checks=tuple(one(finding) for finding in result.checks),
        warnings=tuple(one(warning) for warning in result.warnings),
        education=education,
        document=None,
        resume=None,
        career=None,
    )


class Collected:
    """The results of the files finished so far, by their index in the run; with `slim`, slim copies in memory
    and the full results in a Spill."""

    def __init__(self, profiles: Sequence[Profile], slim: bool = False) -> None:
        self.full = Spill(profiles) if slim else None
        self._results: dict[int, list[Result]] = {}
        self._shared: dict[Any, Any] = {}

    def add(self, index: int, results: list[Result]) -> None:
        if self.full is not None:
            self.full.put(index, results)
            results = [slim(result, self._shared) for result in results]
        self._results[index] = results

    def take(self, finished: Iterator[Finished], files: Sequence[Path], progress: Progress | None = None) -> None:
        """Every file's results from an engine's `check`, as they finish. A stop signal's Interrupted carries
        the finished files' results, in input order."""
        try:
            for index, results in finished:
                self.add(index, results)
                if progress:
                    progress(files[index])
        except Interrupted as interrupted:
            interrupted.results = self.results()
            interrupted.done, interrupted.total = len(self._results), len(files)
            raise
        finally:
            close = getattr(finished, "close", None)
            if close is not None:  # a generator stopped early: its engine stops its workers now
                close()

    def results(self) -> list[Result]:
        """The finished files' results (slim copies with `slim`), in input order."""
        return [result for index in sorted(self._results) for result in self._results[index]]
