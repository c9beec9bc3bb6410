"""Output formats. Each module formats the same Result objects; none computes anything of its own."""

from __future__ import annotations

from atscheck.education import LEVEL_NAMES, expected_degree
from atscheck.model import EducationResult, Gap, PostingMatch, TermResult, Transition

FIX_ALIAS = "Write '{name}' too: an ATS search for '{name}' misses '{found}'."
FIX_FUZZY = "Correct '{found}' to '{name}': an ATS search for '{name}' does not find a misspelling."
FIX_MISSING = "If you have used {name}, name it in your Skills section and in the experience where you used it."


def term_fix(result: TermResult) -> str:
    """The concrete edit that turns this term into an exact match."""
    name = result.term.name
    if result.status == "alias":
        return FIX_ALIAS.format(name=name, found=_first(result, "alias"))
    if result.status == "fuzzy":
        return FIX_FUZZY.format(name=name, found=_first(result, "fuzzy"))
    if result.status == "missing":
        return FIX_MISSING.format(name=name)
    return ""


def _first(result: TermResult, form: str) -> str:
    return next(o.text.replace("\n", " ") for o in result.occurrences if o.form == form)


def education_summary(result: EducationResult) -> str:
    """One line: what the role expects and what the resume names."""
    requirement = result.requirement
    found = LEVEL_NAMES[result.level_found] if result.level_found else "no degree"
    if result.field_found:
        found += f" in {result.field_found}"
    return f"the role expects {expected_degree(requirement)} ({requirement.importance}); the resume names {found}"


def gap_label(gap: Gap) -> str:
    """The gap's terms, with '(certification)' when it is one: the transition view marks them."""
    return gap.label + (" (certification)" if gap.lead.kind == "certification" else "")


def transition_heading(transition: Transition) -> str:
    how = "your best fit among the roles that lead here" if transition.detected else "as you asked with --from"
    return f"Moving from {transition.source.title} ({how}; this resume scores {transition.source_score:g} for it)"


def title_line(posting: PostingMatch) -> str:
    if posting.title_found:
        return f"Job title: the posting's title '{posting.title}' is in the resume (as '{posting.title_found}')."
    return (
        f"Job title: the posting's title '{posting.title}' is not in the resume. ATS and recruiters search by title: "
        "if it fits, use it in your summary or as your current role's title."
    )


def years_line(posting: PostingMatch) -> str | None:
    if posting.years_required is None:
        return None
    if posting.years_found is None:
        return f"Experience: the posting asks for {posting.years_required}+ years; no dated roles were found to count."
    verdict = "meets" if posting.years_met else "is short of"
    return (
        f"Experience: the posting asks for {posting.years_required}+ years; your dated roles span about "
        f"{posting.years_found} year{'' if posting.years_found == 1 else 's'}, which {verdict} it."
    )
