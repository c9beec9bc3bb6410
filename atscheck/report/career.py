"""The ranker's view in words, shared by the console, HTML and Markdown reports: each role with its dates and
months, the work history's length, breaks and overlaps, and where each required term is shown. Plain text;
each format escapes it."""

from __future__ import annotations

from dataclasses import dataclass

from atscheck.jsonresume import month_text
from atscheck.model import Career, Period, Result, Role, SkillEvidence
from atscheck.report import months_text


def period_text(period: Period | None) -> str:
    if period is None or period.start is None:
        return "no dates"
    start = month_text(period.start)
    if period.current:
        return f"{start} - present"
    if period.end is None or period.end == period.start:
        return start
    return f"{start} - {month_text(period.end)}"


def role_name(role: Role) -> str:
    return " at ".join(part for part in (role.title or "(no title)", role.employer) if part)


@dataclass(frozen=True)
class RoleRow:
    title: str
    employer: str
    dates: str
    months: str


@dataclass(frozen=True)
class SkillRow:
    term: str
    shown: str  # "in 2 roles: ..." or "only in your skills list"
    months: str
    last_used: str


def role_rows(result: Result) -> list[RoleRow]:
    if result.resume is None or result.career is None:
        return []
    return [
        RoleRow(
            role.title or "(no title)",
            role.employer or "(no employer)",
            period_text(role.period),
            months_text(m) if m else "-",
        )
        for role, m in zip(result.resume.roles, result.career.role_months, strict=True)
    ]


def history_lines(career: Career, roles: tuple[Role, ...]) -> list[str]:
    """The work history's total, its breaks and its overlaps, each a sentence."""
    if not career.total_months:
        return ["No role has dates a ranker can read, so it counts no experience: give each role its dates."]
    lines = [f"{months_text(career.total_months)} in dated roles (overlaps counted once)."]
    for gap in career.breaks:
        lines.append(
            f"A break of {months_text(gap.months)} between {month_text(gap.after)} and {month_text(gap.before)}: "
            "rankers and recruiters notice gaps over 6 months; a line saying what you did then answers the question."
        )
    for overlap in career.overlaps:
        lines.append(
            f"{role_name(roles[overlap.first])} and {role_name(roles[overlap.second])} overlap by "
            f"{months_text(overlap.months)}: fine if true (a side role), but check the dates."
        )
    return lines


def _shown(evidence: SkillEvidence, roles: tuple[Role, ...]) -> str:
    if evidence.roles:
        # the role that ran latest, whatever order the resume lists them in
        latest = max(evidence.roles, key=lambda i: _ends(roles[i]))
        count = len(evidence.roles)
        return f"{count} role{'s' if count > 1 else ''}, latest: {roles[latest].title or roles[latest].employer}"
    if evidence.listed:
        return "only in your skills list"
    return "only outside your roles (summary, projects)"


def _ends(role: Role) -> tuple[int, int]:
    """How late a role runs: a current one last of all."""
    period = role.period
    if period is None or period.start is None:
        return (0, -1)
    return (1, 0) if period.current else (0, (period.end or period.start).index)


def skill_rows(result: Result, importance: str = "required") -> list[SkillRow]:
    if result.resume is None or result.career is None:
        return []
    roles = result.resume.roles
    rows = []
    for evidence in result.career.skills:
        if evidence.importance != importance:
            continue
        last = "present" if evidence.current else (month_text(evidence.last_used) if evidence.last_used else "-")
        months = months_text(evidence.months) if evidence.months else "-"
        rows.append(SkillRow(evidence.term, _shown(evidence, roles), months, last))
    return rows


INTRO = (
    "What a parser and an AI ranker read: your roles and dates, and where each required skill is shown. "
    "A skill shown in a role's work counts for that role's months; one only listed counts for none."
)
NONE_FOUND = "None of the role's required terms is in your resume, so a ranker finds none of them in your roles."
