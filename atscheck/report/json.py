"""JSON output (schema_version 1): one document for every run, one file or many."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from atscheck import jsonresume
from atscheck.model import Career, Delta, EducationResult, PartScore, Result, Transition
from atscheck.outcome import Run
from atscheck.output import escape_json
from atscheck.report import ReportOptions, provenance, term_fix
from atscheck.score import CREDIT, PREFERRED_COUNTED, SHARES
from atscheck.structure.education import education_fix

SCHEMA_VERSION = 1
SCORING = {
    "formula": "100 * (0.6 * required + 0.2 * preferred + 0.2 * title), or 100 * (0.75 * required + 0.25 * "
    "preferred) for a profile with no job titles; each part is sum(credit * weight) / sum(weight), preferred "
    f"against the weight of its {PREFERRED_COUNTED} heaviest terms; terms of one group count once, with their "
    "best credit",
    "shares": SHARES,
    "credit": CREDIT,
}


def _part(part: PartScore) -> dict[str, Any]:
    return {
        "name": part.name,
        "percent": part.percent,
        "earned": part.earned,
        "possible": part.possible,
        "found": part.found,
        "total": part.total,
    }


def result_dict(result: Result) -> dict[str, Any]:
    profile = result.profile
    parts = result.parts
    return {
        "file": result.file,
        "role": profile.id if profile else None,
        "profile": {"id": profile.id, "title": profile.title, "version": profile.version} if profile else None,
        "score": result.score,
        "ranking_score": result.ranking_score,
        "passed": result.passed,
        "threshold": result.threshold,
        "score_parts": {
            "required": _part(parts.required),
            "preferred": _part(parts.preferred),
            "by_category": [_part(p) for p in parts.by_category],
            "by_kind": [_part(p) for p in parts.by_kind],
            "title": {"titles": list(parts.title.titles), "found": parts.title.found} if parts.title else None,
        }
        if parts
        else None,
        "terms": [
            {
                "name": t.term.name,
                "category": t.term.category,
                "kind": t.term.kind,
                "importance": t.term.importance,
                "weight": t.term.weight,
                "group": t.term.group,
                "status": t.status,
                "count": t.count,
                "uncredited": t.uncredited,
                "fix": term_fix(t),
                "matched": [
                    {
                        "text": o.text,
                        "form": o.form,
                        "page": o.page,
                        "source": o.source,
                        "section": o.section,
                        "snippet": o.snippet,
                    }
                    for o in t.occurrences
                ],
            }
            for t in result.terms
        ],
        "checks": [
            {"id": f.id, "severity": f.severity, "message": f.message, "fix": f.fix, "where": f.where}
            for f in result.checks
        ],
        "warnings": list(result.warnings),
        "education": _education(result.education) if result.education else None,
        "transition": _transition(result.transition) if result.transition else None,
        "posting": _posting(result) if result.posting else None,
        "baseline": _baseline(result.baseline) if result.baseline else None,
        "resume": jsonresume.to_document(result.resume, {}) if result.resume else None,
        "career": career_dict(result.career) if result.career else None,
        "error": {"code": result.error.code, "message": result.error.message} if result.error else None,
    }


def career_dict(career: Career) -> dict[str, Any]:
    """The ranker's view as data: months per role (in the order of resume.work), breaks, overlaps, and where
    each term found is shown (role indexes into resume.work)."""
    return {
        "role_months": list(career.role_months),
        "total_months": career.total_months,
        "breaks": [{"after": b.after.iso, "before": b.before.iso, "months": b.months} for b in career.breaks],
        "overlaps": [{"roles": [o.first, o.second], "months": o.months} for o in career.overlaps],
        "terms": [
            {
                "name": e.term,
                "importance": e.importance,
                "roles": list(e.roles),
                "months": e.months,
                "last_used": "present" if e.current else (e.last_used.iso if e.last_used else None),
                "listed": e.listed,
                "elsewhere": e.elsewhere,
            }
            for e in career.skills
        ],
    }


def _baseline(delta: Delta) -> dict[str, Any]:
    return {
        "source": delta.source,
        "score_before": delta.before,
        "score_after": delta.after,
        "change": delta.change,
        "dropped": delta.dropped,
        "found": list(delta.found),
        "lost": list(delta.lost),
        "lost_required": list(delta.lost_required),
        "respelled": [{"name": n, "before": b, "after": a} for n, b, a in delta.respelled],
        "new_findings": [{"id": f.id, "severity": f.severity, "message": f.message} for f in delta.new_findings],
        "fixed_findings": [{"id": f.id, "severity": f.severity, "message": f.message} for f in delta.fixed_findings],
        "error": {"code": delta.error.code, "message": delta.error.message} if delta.error else None,
    }


def _education(education: EducationResult) -> dict[str, Any]:
    requirement = education.requirement
    return {
        "status": education.status,
        "importance": requirement.importance,
        "level_required": requirement.level,
        "fields": list(requirement.fields),
        "level_found": education.level_found,
        "field_found": education.field_found,
        "evidence": education.evidence,
        "fix": education_fix(education),
    }


def _posting(result: Result) -> dict[str, Any]:
    posting = result.posting
    assert posting is not None
    provenance = {t.name: t for t in posting.posting.terms}
    return {
        "file": posting.posting.file,
        "title": posting.title,
        "title_in_resume": posting.title_found,
        "years_required": posting.years_required,
        "years_found": posting.years_found,
        "years_met": posting.years_met,
        "skill_years": [
            {"term": a.term, "years": a.years, "months_found": a.months, "roles": a.roles, "met": a.met}
            for a in posting.skill_years
        ],
        "dropped": list(posting.posting.dropped),
        "checklist": [
            {
                "kind": a.item.kind,
                "quote": a.item.quote,
                "line": a.item.line,
                "resume": a.resume,
                "advice": a.advice,
            }
            for a in posting.checklist
        ],
        "terms": [
            {
                "term": name,
                "importance": provenance[name].importance,
                "weight": provenance[name].weight,
                "section": provenance[name].section,
                "snippet": provenance[name].snippet,
                "in_posting": in_posting,
                "in_resume": in_resume,
            }
            for name, in_posting, in_resume in posting.frequency
        ],
    }


def _transition(transition: Transition) -> dict[str, Any]:
    return {
        "from": transition.source.id,
        "from_title": transition.source.title,
        "from_score": transition.source_score,
        "detected": transition.detected,
        "covered": [t.term.name for t in transition.covered],
        "to_learn": [
            {
                "skill_area": area.name,
                "importance": area.importance,
                "terms": [
                    {
                        "name": gap.label,
                        "any_of": [t.name for t in gap.terms],
                        "importance": gap.lead.importance,
                        "weight": gap.lead.weight,
                        "certification": gap.lead.kind == "certification",
                    }
                    for gap in area.gaps
                ],
            }
            for area in transition.to_learn
        ],
    }


@dataclass(frozen=True)
class JsonFormat:
    options: ReportOptions = field(default_factory=ReportOptions)

    def render(self, run: Run) -> str:
        return "".join(self.chunks(run))

    def chunks(self, run: Run) -> Iterator[str]:
        """The document in pieces, one result at a time (read back in full from a slim run), so that a
        folder of thousands of resumes is written without holding its whole report in memory."""
        document = {
            "schema_version": SCHEMA_VERSION,
            "scoring": SCORING,
            "results": _RESULTS,
            "summary": asdict(run.summary),
            "run": provenance.as_dict(run),
        }
        head, tail = _dumps(document).split(json.dumps(_RESULTS))
        yield head + "["
        first = True
        for result in run.full_results():
            lines = _dumps(result_dict(result)).split("\n")  # a JSON string holds no raw newline
            yield ("\n" if first else ",\n") + "\n".join("    " + line for line in lines)
            first = False
        yield ("]" if first else "\n  ]") + tail + "\n"


_RESULTS = "\0results\0"  # where the results go in the document


def _dumps(value: Any) -> str:
    return escape_json(json.dumps(value, indent=2, ensure_ascii=False))
