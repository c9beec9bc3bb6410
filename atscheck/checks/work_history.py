"""work-history: each role names its employer, as a parser's work-history fields need.

Passes: every role read from the Experience section has a title and an employer. Fails (warning): a title
with no employer beside it (a parser leaves the company field empty, and a recruiter cannot tell where the
work was done), or an employer with no title (the title is what recruiters search for). Missing dates are
the `dates` check's.
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks.context import Context
from atscheck.model import Finding

ID = "work-history"
SHOWN = 3


def _listed(names: list[str]) -> str:
    return "; ".join(names[:SHOWN]) + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")


def check(context: Context) -> Iterator[Finding]:
    roles = context.document.resume.roles if context.document.resume else ()
    no_employer = [role.title for role in roles if role.title and not role.employer]
    no_title = [role.employer for role in roles if role.employer and not role.title]
    if no_employer:
        yield Finding(
            id=ID,
            severity="warning",
            message=f"{len(no_employer)} role(s) name no employer: {_listed(no_employer)}. A parser leaves the "
            "company empty, and a recruiter cannot tell where the work was done.",
            fix="Write each role as 'Title, Company | Jan 2021 - Present', or the company on the line above "
            "its titles.",
            where="experience",
        )
    if no_title:
        yield Finding(
            id=ID,
            severity="warning",
            message=f"{len(no_title)} role(s) name no job title: {_listed(no_title)}. Recruiters search by "
            "title, and a parser leaves the field empty.",
            fix="Put your job title beside each employer: 'Title, Company | Jan 2021 - Present'.",
            where="experience",
        )
