"""Output formats. Each module formats the same Result objects; none computes anything of its own."""

from __future__ import annotations

from atscheck.model import TermResult

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
