"""skills-in-context: the role's required skills shown in the work of a role, not only listed.

Passes: every required term the resume names stands in the lines of at least one dated role (or the resume
has no roles to read, which `dates` and `section-headings` report). Fails (warning): required terms named
only in a Skills section (or a summary), with their names. AI rankers (and recruiters) weigh a skill shown in
a role's work, with the months of that role, over one that is only listed; a keyword ATS finds both.
Tools and skills alike; certifications are listed by nature and soft skills shown by the work, so they are
left out. A requirement any one of a group meets (AWS, Google Cloud or Azure) is met when one of them is shown.
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks.context import Context
from atscheck.model import Finding

ID = "skills-in-context"
SHOWN = 5  # names in the message; the rest are counted


def check(context: Context) -> Iterator[Finding]:
    career = context.career
    if career is None or not any(months for months in career.role_months):
        return
    terms = {term.name: term for term in context.profile.terms}
    named = {m.term.name for m in context.matches if any(o.form != "member" for o in m.occurrences)}
    shown_groups = {terms[e.term].group for e in career.skills if e.roles and e.term in terms}
    listed: list[str] = []  # in a Skills list
    elsewhere: list[str] = []  # only in a summary or projects
    reported_groups: set[str] = set()
    for evidence in career.skills:
        term = terms.get(evidence.term)
        if (
            term is None
            or evidence.importance != "required"
            or evidence.roles
            or term.kind in ("soft-skill", "certification")
            or evidence.term not in named  # shown only through its tools: the tools are reported
            or (term.group is not None and (term.group in shown_groups or term.group in reported_groups))
        ):
            continue
        (listed if evidence.listed else elsewhere).append(evidence.term)
        if term.group is not None:
            reported_groups.add(term.group)  # any one of a group is enough: name the group once
    where = [
        f"only in your skills list: {_named(listed)}" if listed else "",
        f"only in your summary or projects: {_named(elsewhere)}" if elsewhere else "",
    ]
    if not listed and not elsewhere:
        return
    first = (listed or elsewhere)[0]
    yield Finding(
        id=ID,
        severity="warning",
        message=f"Required skills in no role's work, {'; '.join(w for w in where if w)}. Rankers weigh a skill "
        "shown in a role's work, with that role's months, over one that is only listed.",
        fix=f"Add a bullet to the role where you used each one, saying what you did with it (e.g. 'Used {first} "
        "to ...', with the result).",
        where="experience",
    )


def _named(terms: list[str]) -> str:
    return ", ".join(terms[:SHOWN]) + (f" and {len(terms) - SHOWN} more" if len(terms) > SHOWN else "")
