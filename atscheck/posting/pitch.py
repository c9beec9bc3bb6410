"""Names a posting mentions without asking the hire for them: the employer's own name, the company's
customers and partners, products it compares itself with ("'Databricks for industrial R&D'"), the names in
its pitch ("from NASA to Nvidia, Deepmind to Oracle") and the part of another tool ("Jenkins' Groovy DSL").

Each test reads one clause and where in it a name stands (offsets in the clause)."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Customers, partners and integrations: "customers like X", "integration of models with services like Zoom",
# "trusted by X and Y".
_PARTNERS = re.compile(
    r"\b(?:customers|clients|partners)\W+(?:like|such as|including)\b"
    r"|\bintegrat\w*\b[^.;]{0,40}?\bwith\s+(?:\w+\s+){0,2}?(?:services|partners|products|apps)\s+"
    r"(?:like|such as|including)\b"
    r"|\b(?:trusted|used|relied (?:up)?on|loved|chosen|backed|funded) by\b",
    re.IGNORECASE,
)


# A comparison that names another company's product: "we're the Stripe for logistics", "think of us as
# Datadog for ML", "an alternative to Splunk", "unlike Airflow".
_COMPARED_BEFORE = re.compile(
    r"(?:\b(?:is|are|'re|’re|be|become|becoming)\s+(?:an?|the)\s+['\"‘“]?"
    r"|(?<!such )(?<!well )\bas\s+(?:an?\s+|the\s+)?['\"‘“]?"
    r"|\b(?:call(?:ed)?|dubbed|nicknamed)\s+(?:us\s+)?(?:an?\s+|the\s+)?['\"‘“]?"
    r"|['\"‘“])$",
    re.IGNORECASE,
)
_COMPARED_AFTER = re.compile(r"^(?:['’]s)?\s+(?:for|of)\s+(?:the\s+)?[\w&-]", re.IGNORECASE)
_QUOTED_AFTER = re.compile(r"^[^'\"’”]{0,60}['\"’”]")
_ALTERNATIVE_BEFORE = re.compile(
    r"\b(?:unlike|compared (?:to|with)|alternatives? (?:to|for)|competitors?|rivals?|instead of|rather than|replac\w+)"
    r"\s+(?:the\s+)?(?:[\w.-]+(?:,\s*|\s+(?:and|or)\s+)){0,4}$",
    re.IGNORECASE,
)


# The range a pitch spans: "from NASA to Nvidia, Deepmind to Oracle".
_PROPER = r"(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,2}"
_FROM_TO = re.compile(rf"\bfrom\s+{_PROPER}\s+to\s+{_PROPER}(?:\s*(?:,|\band\b)\s*{_PROPER}\s+to\s+{_PROPER})*")
_PITCH_WORDS = re.compile(
    r"\b(?:customers?|clients?|users?|companies|organi[sz]ations|enterprises|brands|institutions|labs|startups|"
    r"governments?|agencies|partners|trusted|used by|investors|fortune|world's|leading|range|ranging|spanning)\b",
    re.IGNORECASE,
)
_ASKS = re.compile(
    r"\byou\b|\byour\b|\bcandidates?\b|\bexperience\b|\bknowledge\b|\bfamiliar|\bproficien|\bexpert|\bskills?\b",
    re.IGNORECASE,
)


# "Jenkins' Groovy DSL", "PyTorch's torchrun": what follows a tool's possessive is a part of that tool.
_POSSESSED = re.compile(r"[\w+#]['’]s?\s+$")


def after_partners(clause: str, at: int) -> bool:
    """True for a name after the clause names customers, partners or integrations ("integration of models
    with services like Zoom and Athena" is athenahealth, not Amazon Athena)."""
    lead = _PARTNERS.search(clause)
    return lead is not None and at >= lead.end()


def compared(clause: str, at: int, end: int) -> bool:
    """True for a product the posting compares the company with ("'Databricks for industrial R&D'", "the
    Stripe of payroll", "an alternative to Splunk")."""
    before, after = clause[:at], clause[end:]
    if _ALTERNATIVE_BEFORE.search(before):
        return True
    if not (_COMPARED_BEFORE.search(before) and _COMPARED_AFTER.match(after)):
        return False
    quoted = before.rstrip().endswith(("'", '"', "‘", "“"))
    return not quoted or bool(_QUOTED_AFTER.match(after))


def in_pitch(clause: str, at: int) -> bool:
    """True for a name in the range a company pitch spans ("customers from NASA to Nvidia, Deepmind to
    Oracle"), in a clause about the company or its customers rather than what the hire knows."""
    for match in _FROM_TO.finditer(clause):
        if match.start() <= at < match.end():
            return bool(_PITCH_WORDS.search(clause)) or not _ASKS.search(clause)
    return False


def possessed(clause: str, at: int) -> bool:
    """True for a name right after another name's possessive ("Jenkins' Groovy DSL")."""
    return bool(_POSSESSED.search(clause[:at]))


def employer_forms(names: Sequence[str]) -> frozenset[str]:
    """The ways a posting writes its employer, folded: "Lyra Health" and "Lyra", "Lambda Labs" and "Lambda"."""
    forms = set()
    for name in names:
        forms.add(name.casefold())
        short = re.sub(r"\s+(?:Labs?|Inc|HQ|AI|Health|Technologies|Technology|Systems|Software|Group)$", "", name)
        forms.add(short.casefold())
    return frozenset(forms)
