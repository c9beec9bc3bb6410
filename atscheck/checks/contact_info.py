"""contact-info: an ATS fills the candidate's email and phone from the body text.

Passes: an email address and a phone number in the body. Fails (warning): either one missing, or present
only in a text box, which many ATS drop (only in a header or footer is the header-footer check's finding).
LinkedIn and GitHub URLs are reported as info. Contact details are never printed: only found / not found.
"""

from __future__ import annotations

from collections.abc import Iterator

from atscheck.checks.context import Context
from atscheck.contact import contact_details
from atscheck.model import Finding
from atscheck.structure.sections import source_at

ID = "contact-info"
_DROPPED = {"header", "footer", "textbox"}


def check(context: Context) -> Iterator[Finding]:
    if not context.document.has_text:
        return  # no-text already says the file is empty
    text = context.document.text
    for label, starts in contact_details(text).items():
        sources = {source_at(context.document, start) for start in starts}
        if not sources:
            yield Finding(
                id=ID,
                severity="warning",
                message=f"No {label} found: an ATS cannot fill in how to reach you.",
                fix=f"Put your {label} as plain text near your name at the top of the page (not in a header, "
                "footer, picture or text box).",
                where="top of the resume",
            )
        elif sources <= _DROPPED and "textbox" in sources:
            yield Finding(
                id=ID,
                severity="warning",
                message=f"Your {label} appears only in a text box"
                + (" and the header or footer" if len(sources) > 1 else "")
                + ", which many ATS do not read.",
                fix=f"Move your {label} into the body of the document, under your name.",
                where=", ".join(sorted(sources)),
            )
    lowered = text.lower()
    found = [name for name, key in (("LinkedIn", "linkedin.com/"), ("GitHub", "github.com/")) if key in lowered]
    missing = [name for name in ("LinkedIn", "GitHub") if name not in found]
    if missing:
        yield Finding(
            id=ID,
            severity="info",
            message=f"No {' or '.join(missing)} profile URL found"
            + (f" ({', '.join(found)} found)." if found else "."),
            fix="Recruiters for technical roles look for them: add the full URL (e.g. linkedin.com/in/your-name).",
            where="top of the resume",
        )
