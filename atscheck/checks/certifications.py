"""certifications: certifications belong under their own heading, on the first page.

Passes: every certification of the profile that the resume names stands in a Certifications section (on
page 1 of a PDF). Fails (info): a certification named only elsewhere (in the summary, an experience
bullet), or only after page 1. The role description says to list them prominently: ATS fill a
certifications field from that section, and recruiters scan the first page.
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks.context import Context
from atscheck.model import Finding

ID = "certifications"


def check(context: Context) -> Iterator[Finding]:
    document = context.document
    elsewhere: list[str] = []
    late: list[str] = []
    for match in context.matches:
        if match.term.kind != "certification" or not match.occurrences:
            continue
        listed = [o for o in match.occurrences if (s := document.section_at(o.start)) and s.name == "certifications"]
        if not listed:
            elsewhere.append(match.term.name)
        elif all(o.page and o.page > 1 for o in listed):
            late.append(match.term.name)
    if elsewhere:
        yield Finding(
            id=ID,
            severity="info",
            message=f"Certification(s) named outside a Certifications section: {', '.join(sorted(elsewhere))}.",
            fix="Add a section headed 'Certifications' near the top and list each one there with its full "
            "name and year (e.g. 'AWS Certified Machine Learning - Specialty, 2024').",
            where="certifications",
        )
    if late:
        yield Finding(
            id=ID,
            severity="info",
            message=f"Your Certifications section is after page 1: {', '.join(sorted(late))}.",
            fix="Move the Certifications section onto the first page, after your summary or skills.",
            where="certifications",
        )
