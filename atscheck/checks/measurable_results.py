"""measurable-results: experience bullets that show results in numbers.

Passes: at least half of the bullets in the Experience section hold a number (a percentage, an amount,
a count, a time saved). Fails (info, with the count): fewer than half. Recruiters look for measured
results; an ATS does not score them, but the person reading next does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from atscheck.checks.context import Context
from atscheck.model import Finding
from atscheck.text import YEAR

ID = "measurable-results"
MIN_SHARE = 0.5
MIN_BULLETS = 3
_NUMBER = re.compile(
    r"\d|%|[$€£¥]|\b(?:doubled|tripled|halved|twice|dozens|hundreds|thousands|millions|billions)\b",
    re.IGNORECASE,
)


def has_number(line: str) -> bool:
    """A figure that is not just a year ("in 2021")."""
    return bool(_NUMBER.search(YEAR.sub("", line)))


def check(context: Context) -> Iterator[Finding]:
    roles = context.document.resume.roles if context.document.resume else ()
    # Two titles read off one line share their lines and bullets: count them once.
    by_lines = {(role.start, role.end): role.bullets for role in roles}
    bullets = [bullet for held in by_lines.values() for bullet in held]
    if len(bullets) < MIN_BULLETS:
        return
    measured = sum(1 for line in bullets if has_number(line))
    if measured >= MIN_SHARE * len(bullets):
        return
    yield Finding(
        id=ID,
        severity="info",
        message=f"{measured} of {len(bullets)} experience bullets hold a number. Recruiters look for measured results.",
        fix="Where you can, add the result in figures: how much faster, cheaper or larger, how many models, users "
        "or deployments (e.g. 'cut model deployment time from 2 days to 30 minutes').",
        where="experience",
    )
