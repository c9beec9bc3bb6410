"""header-footer: contact details or keywords that stand only in a page header or footer.

Passes: the email, the phone number and every term found also stand in the body. Fails (warning): any of
them only in a DOCX header/footer, or only in a PDF page's top or bottom margin band (set apart from the
body, or repeated on every page). Many ATS drop headers and footers entirely.
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks.context import Context, terms_only_in
from atscheck.contact import contact_details
from atscheck.model import Finding
from atscheck.structure.sections import source_at

ID = "header-footer"
_MARGINS = {"header", "footer"}


def check(context: Context) -> Iterator[Finding]:
    document = context.document
    contact = []
    places: set[str] = set()  # the margins that hold what would be lost
    for label, starts in contact_details(document.text).items():
        sources = {source_at(document, start) for start in starts}
        if sources and sources <= _MARGINS:
            contact.append(label)
            places |= sources
    terms = terms_only_in(context, _MARGINS)
    places |= {o.source for match in context.matches if match.term.name in terms for o in match.occurrences}
    if not contact and not terms:
        return
    what = []
    if contact:
        what.append(f"your {' and '.join(contact)}")
    if terms:
        what.append(f"{len(terms)} of the role's terms ({', '.join(terms[:8])})")
    where = sorted(places)
    subject = " and ".join(what)
    verb = "appear" if len(contact) + len(terms) > 1 else "appears"
    yield Finding(
        id=ID,
        severity="warning",
        message=f"{subject[0].upper()}{subject[1:]} {verb} only in the page {' and '.join(where)}. Many ATS "
        "drop headers and footers, so that information would be lost.",
        fix="Put your contact details and skills in the body of the page, under your name and in your sections; "
        "keep the header and footer for nothing but page numbers.",
        where=" and ".join(where),
    )
