"""JSON Resume output (--format jsonresume): one JSON Resume document (jsonresume.org, schema v1) per resume,
the fields a parser reads, with atscheck's own facts under meta.atscheck: each role's score and verdict, and
where each term is evidenced. Several resumes give a JSON array of documents, in input order."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from atscheck import jsonresume
from atscheck.about import __version__
from atscheck.model import Result, Resume
from atscheck.outcome import Run
from atscheck.output import escape_json
from atscheck.report import ReportOptions
from atscheck.report.json import career_dict


def _scored(result: Result) -> dict[str, Any]:
    return {
        "role": result.role,
        "title": result.profile.title if result.profile else None,
        "score": result.score,
        "passed": result.passed,
        "threshold": result.threshold,
        "terms": [
            {"name": t.term.name, "importance": t.term.importance, "status": t.status, "count": t.count}
            for t in result.terms
        ],
        "career": career_dict(result.career) if result.career else None,
    }


def documents(run: Run) -> list[dict[str, Any]]:
    """One document per file, in input order; a file that could not be read is a document with only meta."""
    by_file: dict[str, list[Result]] = {}
    for result in run.full_results():  # a slim run's results hold neither the fields nor the term counts
        by_file.setdefault(result.file, []).append(result)
    out = []
    for file, results in by_file.items():
        read = next((r for r in results if r.resume is not None), None)
        meta: dict[str, Any] = {"file": file, "atscheck_version": __version__}
        errors = [r.error for r in results if r.error]
        if errors:
            meta["error"] = {"code": errors[0].code, "message": errors[0].message}
        meta["results"] = [_scored(r) for r in results if not r.error]
        resume = read.resume if read is not None and read.resume is not None else Resume()
        document = jsonresume.to_document(resume, meta)
        if read is None:
            document = {"$schema": jsonresume.SCHEMA, "meta": document["meta"]}
        out.append(document)
    return out


@dataclass(frozen=True)
class JsonResumeFormat:
    options: ReportOptions = field(default_factory=ReportOptions)

    def render(self, run: Run) -> str:
        found = documents(run)
        shown: object = found[0] if len(found) == 1 else found
        return escape_json(json.dumps(shown, indent=2, ensure_ascii=False)) + "\n"
