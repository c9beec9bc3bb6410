"""Who is hiring: the employer's own name, read from where postings put it (the title line, the lines under
it, an "About <Company>" heading, the company's sentences and its sign-off). A posting names its employer
everywhere ("At Cloudflare, we ...", "Cloudflare's network"), and that name is never a skill asked of the
hire, even when it is also a product ("GitLab", "Databricks")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from atscheck.posting.headings import kind_of

# A company name: one to three capitalised words ("Omada Health", "DoubleVerify", "prokube.ai" after a URL
# is read apart).
_NAME = r"[A-Z][\w.&'’-]*[\w&](?:[ \t]+(?:[A-Z][\w.&'’-]*[\w&]|of|&|and)){0,3}?(?:,?[ \t]+(?:Inc|LLC|Ltd|GmbH)\b\.?)?"


# What only a company writes about itself, naming itself: "At Cloudflare, we ...", "Join Tala", "Why Vimeo?",
# "Cint is an equal opportunity employer".
_SELF = (
    re.compile(
        rf"\b(?:At|Join|Joining|Why|Life at|Working at|Careers at|Work at)\s+({_NAME})"
        r"(?=\s*[,?!:]|\s+(?:we|we're|our|you)\b)"
    ),
    re.compile(rf"\b({_NAME})\s+(?:is|are)\s+(?:an|proud to be an)\s+equal (?:opportunity|employment)"),
)


# What a company writes about itself and a tool's description may say too ("X is a platform"): the name
# counts only when the first lines name it as well.
_ABOUT_ITSELF = re.compile(
    rf"(?:^|[.!?]\s+)({_NAME})\s+(?:was founded|is on a mission|is headquartered|is backed|is hiring|"
    r"(?:is|was) (?:an?|the) (?:[\w-]+\s+){0,6}?(?:company|platform|leader|startup|provider|marketplace|"
    r"organi[sz]ation|business|firm|agency|employer|pioneer|arm|service)\b)",
    re.MULTILINE,
)


# Words that start a line or heading but are no company: "About the role", "Why join us", "At least ...".
_NOT_NAMES = {
    "the",
    "this",
    "us",
    "you",
    "our",
    "we",
    "a",
    "an",
    "it",
    "least",
    "location",
    "salary",
    "remote",
    "hybrid",
    "description",
    "overview",
    "summary",
    "company",
    "job",
    "role",
    "position",
    "team",
    "apply",
    "compensation",
    "benefits",
    "full-time",
    "part-time",
    "contract",
}


_JOB_BOARDS = re.compile(
    r"greenhouse|lever|workday|ashby|smartrecruiters|linkedin|indeed|ycombinator|github|google|bamboohr|"
    r"recruitee|workable|jobvite|icims|teamtailor|personio|breezy|wellfound|angel|remotewlb|weworkremotely",
    re.IGNORECASE,
)


_DOMAIN = re.compile(
    r"(?:https?://)?(?:www\.|careers\.|jobs\.)?([a-z0-9-]{3,})\.(?:com|io|ai|co|pe|dev|tech|net|org)\b"
)


def _clean(name: str) -> str | None:
    """The name without a legal suffix and trailing punctuation, or None when it is no company name."""
    name = re.sub(r"[\s,.]+(?:Inc|LLC|Ltd|GmbH|Corp|Corporation|Co|S\.?A|AG|BV|plc)\.?$", "", name.strip(" ,.:;!?"))
    words = name.split()
    if not words or words[0].lower() in _NOT_NAMES or len(words) > 4 or kind_of(name) is not None:
        return None
    return name


def _title_line(lines: list[str], title: str) -> Iterator[str]:
    """The company beside the title: "Chronograph (chronograph.pe) - DevOps Engineer - ...", "Senior Engineer
    at Cloudflare", or the short line under the title ("Cint") when the posting names it again."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return
    line = lines[first].strip()
    at = re.search(rf"\s(?:at|@)\s+({_NAME})", line)
    if at:
        yield at.group(1)
    pieces = re.split(r"\s+[-–|·]\s+|\s*\|\s*", line)
    if len(pieces) > 1 and title not in pieces[0]:
        head = pieces[0]
        yield re.sub(r"\s*\([^)]*\)", "", head)
        yield from re.findall(r"\(([^)]*)\)", head)  # "DoubleVerify (DV Scibids)"
    rest = "\n".join(lines[first + 4 :])
    for later in lines[first + 1 : first + 4]:
        later = later.strip()
        if later and ":" not in later and len(later.split()) <= 4 and not re.search(r"[\d$.,!?]", later):
            if re.search(rf"(?<!\w){re.escape(later)}(?!\w)", rest):
                yield later
            break


def employer_names(text: str, title: str) -> tuple[str, ...]:
    """The employer's names as the posting writes them ("DoubleVerify", "DV Scibids"), with the stem of its
    web address ("prokube" for prokube.ai); empty when the posting does not say."""
    lines = text.split("\n")
    found: list[str] = list(_title_line(lines, title))
    for pattern in _SELF:
        found += [m.group(1) for m in pattern.finditer(text)]
    for line in lines:  # "About Writer", "✍🏽 About Writer"
        heading = re.match(rf"^\W*(?:About|Why|Life at|Working at|Join)\s+({_NAME})\W*$", line.strip())
        if heading:
            found.append(heading.group(1))
    opening = "\n".join(line for line in lines if line.strip())[:600]
    found += [m.group(1) for m in _ABOUT_ITSELF.finditer(text) if m.group(1) in opening or m.group(1) in found]
    names: list[str] = []
    for candidate in found:
        name = _clean(candidate)
        if name and name not in names:
            names.append(name)
    stems = {m.group(1) for m in _DOMAIN.finditer(text.lower()) if not _JOB_BOARDS.search(m.group(1))}
    names += sorted(s for s in stems if s not in names and any(s in n.lower().replace(" ", "") for n in names))
    return tuple(names)
