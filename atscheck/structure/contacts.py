"""Who the resume is from, as a parser fills the contact fields: the name at the top, the person's own
place, whether an email address and a phone number are written (never what they are), and profile links.

The name is the first line of the top of the resume that reads as a person's name (two to five words, each
capitalised, no digits or symbols, not a section heading or a job title); the place is the first top line,
or piece of a line, that reads as a place.
"""

from __future__ import annotations

import re

from atscheck.contact import contact_details
from atscheck.model import Contacts, Document
from atscheck.structure.sections import standard_name
from atscheck.structure.words import has_title_word, is_place

TOP_LINES = 12
CJK_NAME_LINES = 6
# A link as written on a resume: a known profile host, or a bare domain with a path ("copyninja.info").
_LINK = re.compile(
    r"(?<![@\w.-])(?:https?://)?(?:www\.)?"  # not inside a run of dashes: each run is tried once
    r"(?P<link>(?:[a-z0-9-]+\.)+(?:com|org|net|io|info|me|dev|ai|co|in|de|uk|app|page|site|xyz|tech)"
    r"(?:/[\w@%.~+-]+)*)(?![\w.-]*@)",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$|^[A-ZÀ-ÖØ-Þ]{2,}$")
_PIECES = re.compile(r"[|•·;]|\s{2,}")  # pieces are stripped after: a run of spaces is tried once
# Where contact details start on a name's line: a label, a link, a number (tested one word at a time).
_CONTACT_WORD = re.compile(r"(?:e-?mail|phone|mobile|tel|cell)\b|ph\.?:|ph\.$|https?:|\+?\d", re.IGNORECASE)
_CREDENTIAL = re.compile(r"^(?:Ph\.?\s?D\.?|MBA|M\.?S\.?c?|M\.?D\.?|CPA|P\.?E\.?|PMP|CFA|Jr\.?|Sr\.?|II|III)$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
# Words of Chinese and Japanese headings ("专业领域", "基本情報", "職務要約"): a heading, not a name.
_CJK_HEADING = re.compile("[领域情报報要約经历歷技能教育项目項目简介概要]")
_NAME_LABEL = re.compile(
    r"^[ \t•·*-]*+(?:full[ \t]+)?name[ \t]*:[ \t]*(?P<name>[^\n@\d]{3,60})$", re.IGNORECASE | re.MULTILINE
)
_NOT_PERSONAL = re.compile(r"\.(?:png|jpe?g|pdf|html?)$", re.IGNORECASE)


def _is_profile(link: str) -> bool:
    """A person's page: a site's root, a one-part path ("github.com/jane"), or a profile path
    ("linkedin.com/in/jane"); a repository or an article is not."""
    parts = link.split("/")
    return len(parts) <= 2 or (len(parts) == 3 and parts[1] in _PROFILE_PATHS)


_PROFILE_PATHS = {"in", "pub", "user", "u", "c", "profile", "people", "citations"}


def _links(text: str, top: str) -> tuple[str, ...]:
    """Profile links anywhere, and any link written at the top of the resume."""
    found: list[str] = []
    for source, everything in ((top, True), (text, False)):
        for match in _LINK.finditer(source):
            link = match["link"].lower().rstrip("/.")
            if _NOT_PERSONAL.search(link) or link in found or not (everything or _is_profile(link)):
                continue
            found.append(link)
    return tuple(found)


def _is_name(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 5
        and all(_NAME_WORD.match(word) for word in words)
        and not any(c.isdigit() for c in line)
        and standard_name(line) is None
        and not has_title_word(line)
    )


def _name_in(line: str) -> str:
    """The person's name a top line holds: "Jane Doe", "Kyle Sykes, Ph.D.", "Mohit Sharma Email : ...",
    "JANE DOE | Engineer", "刘立超"; "" if none."""
    words = line.split()
    cut = next((i for i, word in enumerate(words) if _CONTACT_WORD.match(word) or "@" in word), len(words))
    line = " ".join(words[:cut]).strip(" |•·,-–—:")
    if _CJK_NAME.match(line):
        return line if standard_name(line) is None and not _CJK_HEADING.search(line) else ""
    name, _, credential = line.partition(", ")
    if _is_name(name) and (not credential or _CREDENTIAL.match(credential)):
        return line
    return next((piece.strip() for piece in _PIECES.split(line) if _is_name(piece.strip())), "")


def read_contacts(document: Document) -> Contacts:
    text = document.text
    top = [" ".join(line.split()).lstrip("•·-* ") for line in text.split("\n") if line.strip()][:TOP_LINES]
    labelled = _NAME_LABEL.search(text)  # "Name : Rama Krishna Raju" in a personal-details block
    # a name stands at the very top: further down, a short line of Chinese is more likely a heading
    candidates = [line for index, line in enumerate(top) if index < CJK_NAME_LINES or line.isascii()]
    name = (
        labelled["name"].strip() if labelled else next((found for line in candidates if (found := _name_in(line))), "")
    )
    pieces = [piece.strip() for line in top for piece in _PIECES.split(line)]
    place = next((piece for piece in pieces if is_place(piece) and piece != name), "")
    if not place:
        place = next((line for line in top if is_place(line)), "")
    details = contact_details(text)
    return Contacts(
        name=name,
        location=place,
        has_email=bool(details["email address"]),
        has_phone=bool(details["phone number"]),
        links=_links(text, "\n".join(top)),
    )
