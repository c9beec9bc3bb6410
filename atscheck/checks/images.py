"""images: pictures, icons and graphics, which an ATS ignores.

Passes: no pictures. Fails: pictures, icons or icon-font symbols (info: whatever they show, such as a photo,
a logo, a skill chart or text in an image, is lost to the ATS); a warning when icons stand where labels
should be (a phone or envelope symbol instead of "Phone:" / "Email:"), so the ATS cannot tell what the
number or address is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from atscheck.checks.context import ICON_GLYPH, Context, pages_where
from atscheck.contact import contact_details
from atscheck.model import Finding
from atscheck.text import BULLETS

ID = "images"
_LABELS = re.compile(r"\b(e-?mail|mail|phone|tel|telephone|mobile|cell)\b", re.IGNORECASE)
_ICON_GLYPH = re.compile(r"[\ue000-\uf8ff\ufffd]\s*$")  # an icon font's symbol (private use) just before
CONTACT_WINDOW = 40  # characters before an email or phone number that may hold its label


def _icon_for_label(text: str, icons: int) -> bool:
    """Contact details without a label, where icons (pictures or icon-font symbols) take the label's place."""
    starts = [start for found in contact_details(text).values() for start in found]
    if not starts:
        return False
    before = [text[max(0, start - CONTACT_WINDOW) : start] for start in starts]
    if any(_LABELS.search(b) for b in before):
        return False
    return icons > 0 or any(_ICON_GLYPH.search(b) for b in before)


def check(context: Context) -> Iterator[Finding]:
    document = context.document
    labels_lost = _icon_for_label(document.text, document.icons)
    if labels_lost:
        yield Finding(
            id=ID,
            severity="warning",
            message="Icons stand in for the labels of your contact details; an ATS drops the icons and may not "
            "recognise what the email or phone number is.",
            fix="Write the labels in words: 'Email: ...', 'Phone: ...', 'LinkedIn: ...'.",
            where="contact details",
        )
    # Icon-font symbols, once: in the warning above when they stand for labels; symbol bullets are harmless.
    symbols = 0 if labels_lost else sum(1 for glyph in ICON_GLYPH.findall(document.text) if glyph not in BULLETS)
    if document.images or symbols:
        found = []
        if document.images:
            found.append(f"{document.images} picture(s) or graphic(s), {document.icons} of them icon-sized")
        if symbols:
            found.append(f"{symbols} symbol(s) or icon(s) in the text that an ATS reads as unknown characters")
        yield Finding(
            id=ID,
            severity="info",
            message=f"{'; '.join(found)}. An ATS ignores pictures and icons: a photo, a logo, a skill chart or "
            "text inside an image is lost.",
            fix="Make sure nothing important is only in a picture: write skills, names and ratings as text. Leave "
            "out a photo unless the country you apply in expects one.",
            where=pages_where(page.number for page in document.pages if page.images) if document.images else "",
        )
