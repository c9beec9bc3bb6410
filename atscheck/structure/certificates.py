"""The certificates of the Certifications sections: name, issuer and date, one per listed item.

An item is a bullet or a line; a line that only holds the issuer or the date of the item above it ("Coursera,
2020", "2023") belongs to it, and so does a line that goes on a name wrapped mid-phrase. The issuer follows
the name after a comma, a dash, "by" or "from", or stands in brackets ("(Coursera)"); a bracketed exam code
or short form ("(CKAD)", "(003)") is part of the name.
"""

from __future__ import annotations

import re

from atscheck.contact import has_contact_details
from atscheck.model import Certificate, Document
from atscheck.structure.dates import find_periods, without_periods
from atscheck.structure.sections import lines_under, section_lines
from atscheck.structure.words import reads_as_names, trimmed
from atscheck.text import is_bullet

_ISSUER_AFTER = re.compile(r"(?:,\s+|\s+[-–—|]\s+|\s+(?:by|from|issued by)\s+)(?P<issuer>[^,–—|]+)$", re.IGNORECASE)
_ISSUER_BRACKETS = re.compile(r"\s*\((?P<issuer>[^()]{4,})\)$")
_CODE = re.compile(r"^[A-Z0-9-]{2,10}$")  # "CKAD", "003", "SAA-C03": part of the name
_PART_OF_NAME = re.compile(
    r"\b(?:associate|professional|specialty|expert|foundational|practitioner|fundamentals|administrator|"
    r"developer|engineer|architect|analyst|certified)\b",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^(?:certified\s+(?:at|in)\s+|certificate\s*:\s*|certification\s*:\s*)", re.IGNORECASE)
MAX_WORDS = 20
_CONNECTORS = (",", " and", "&", "-", " of", " in", " for")
MAX_ISSUER_WORDS = 6
# Outside a Certifications section, a line that says it is one: "HashiCorp Certified: Terraform Associate",
# "Certified Kubernetes Administrator (CKA)", "Google Cloud Certification – Professional Data Engineer"; not
# "Certified 20 engineers" in a role (roles are not read here) nor a sentence.
_CALLS_ITSELF = re.compile(r"\bCertified\b|\bCertification\b|\bCertificate\b(?! (?:in|of) )")
_ELSEWHERE = ("summary", "education", "skills", None)
MAX_NAMED_WORDS = 12


def _split(item: str) -> Certificate:
    dates = list(find_periods(item))
    date = None
    if dates:
        start, end, period = dates[-1]
        date = period.end or period.start
        item = trimmed(item[:start] + item[end:])
    item = _LEAD.sub("", item).strip()
    issuer = ""
    bracket = _ISSUER_BRACKETS.search(item)
    if bracket and not _CODE.match(bracket["issuer"].strip()):
        issuer, item = bracket["issuer"].strip(), item[: bracket.start()].strip()
    else:
        after = _ISSUER_AFTER.search(item)
        if (
            after
            and len(after["issuer"].split()) <= MAX_ISSUER_WORDS
            and after.start() > 0
            and not _PART_OF_NAME.search(after["issuer"])  # "... Architect – Associate": the level, not the issuer
            and not item[: after.start()].rstrip().lower().endswith("certified")  # "Microsoft Certified – Azure ..."
        ):
            issuer, item = after["issuer"].strip(), item[: after.start()].strip()
    return Certificate(trimmed(item), trimmed(issuer), date)


def _continues(previous: str, line: str) -> bool:
    """A line that only adds the issuer or date of the item above, or a name wrapped mid-phrase."""
    if previous.rstrip().endswith(_CONNECTORS):
        return True
    rest = without_periods(line, find_periods(line), "").strip(" ,;-–—|()")
    return not rest or (bool(re.search(r"(?:19|20)\d{2}\s*$", line)) and len(rest.split()) <= MAX_ISSUER_WORDS)


def read_certificates(document: Document) -> tuple[Certificate, ...]:
    """The certificates listed in the document's Certifications sections, in the order written, then those
    named elsewhere by their own words ("AWS Certified Solutions Architect – Associate" under the name, or in
    the Education section), as a parser finds them wherever they are."""
    listed = _listed(document)
    known = {certificate.name.lower() for certificate in listed}
    named = [c for c in _named_elsewhere(document) if c.name.lower() not in known]
    return listed + tuple(named)


def _named_elsewhere(document: Document) -> list[Certificate]:
    found = []
    for _, text in lines_under(document, _ELSEWHERE):
        line = " ".join(text.split())
        line = line[1:].strip() if is_bullet(line) else line
        if _CALLS_ITSELF.search(line) and _names_one_certificate(line):
            found.append(_split(line))
    return [certificate for certificate in found if certificate.name]


def _names_one_certificate(line: str) -> bool:
    """A line that is one certificate's name: short, in the words of a name, not a sentence ("Certified
    Scrum Master with 8 years of experience"), not a list ("Python, SQL, Certification prep") and not the
    contact line ("Jane Doe, PMP | AWS Certified | jane@example.com")."""
    return (
        len(line.split()) <= MAX_NAMED_WORDS
        and not line.endswith((".", ":"))
        and line.count(",") < 2
        and "|" not in line
        and not has_contact_details(line)
        and reads_as_names(line)
    )


def _listed(document: Document) -> tuple[Certificate, ...]:
    items: list[str] = []
    bulleted = False
    for _, text in section_lines(document, "certifications"):
        line = " ".join(text.split())
        bullet = is_bullet(line)
        line = line[1:].strip() if bullet else line
        if not line or len(line.split()) > MAX_WORDS or line.endswith(":"):
            continue
        if items and not bullet and (bulleted or _continues(items[-1], line) or line[:1].islower()):
            adds_details = _continues(items[-1], line) and not items[-1].rstrip().endswith(_CONNECTORS)
            items[-1] += (", " if adds_details and not items[-1].endswith(",") else " ") + line
        else:
            items.append(line)
        bulleted = bulleted or bullet
    return tuple(c for c in (_split(item) for item in items) if c.name)
