"""Lists in a posting's clause, read as a recruiter reads them: which terms are alternatives (one requirement
that any of them meets) and which are each asked for.

A list is a run of items between separators (",", "/", "&", "and", "or", "and/or"). An item may be a term, a
term with a generic noun after it ("MLOps pipelines or CI/CD implementations"), a few words the taxonomy
does not know ("ArgoCD, Atlantis, Varnish, Memcached, and/or Chef"), or a parenthesised list of examples
("Python, Typescript, interactive notebooks (Jupyter/Databricks), and AWS"). What joins the list says what
it is, as in English: "A, B, or C" and a list after "such as", "one of", "e.g." or before "etc." are
alternatives; "A, B and C" and a plain list ("Stack: Python, PyTorch, Ray") ask for each. A slash binds
tighter than a comma: in "Python, PyTorch, Ray, Rust/C++" only Rust and C++ are alternatives. Examples in
parentheses after what they exemplify ("cloud providers (Google Cloud, AWS)") are alternatives unless the
clause asks for all of them ("entire", "all", "both", "including")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

Span = tuple[int, int, str]  # where a term stands in the posting (start, end) and its name


LEAD_MARKER = re.compile(
    r"(?:such as|e\.\s?g\.?|\beg\.|for example|\blike|one or more of|\bone of|\bany of|at least one of|"
    r"some or many of|some of|\beither)(?: the following)?\W*$",
    re.IGNORECASE,
)


_TRAIL_MARKER = re.compile(
    r"^[\s,]*(?:etc\b|or similar|or equivalent|or other|or any other|and similar)", re.IGNORECASE
)


_ALL_OF = re.compile(r"\b(?:entire|all|both|including|each)\b", re.IGNORECASE)


_BACKGROUND = re.compile(r"^[\s)]*(?:teams?|roles?|backgrounds?|positions?|organi[sz]ations?)\b", re.IGNORECASE)


# What may stand between two items of one list.
_SEP = r"\s*(?:,|/|&|\band/or\b|\bor\b|\band\b)(?:[\s,]*(?:and/or|or|and)\b)?\s*"
# Generic nouns after a term that keep it one item: "MLOps pipelines or CI/CD implementations".
_TAIL = (
    r"(?:\s+(?:pipelines?|implementations?|tools?|tooling|platforms?|frameworks?|librar(?:y|ies)|services?|"
    r"systems?|stacks?|ecosystems?|architectures?|environments?|technologies|solutions?|engines?|databases?|"
    r"languages?|clusters?|workflows?|APIs?|SDKs?|ETL|based)){0,2}"
)
_ASIDE = r"(?:\s*\([^()]*\))?"  # "Spark (PySpark), Kafka": a note without terms
# A part of the term before: "Hugging Face's Accelerate and PyTorch's torchrun", "Jenkins' Groovy DSL".
_PART = r"(?:['’]s?\s+[\w.+#-]+(?:\s+(?:DSL|APIs?|SDKs?|CLI|library|plugins?))?)?"
# A few words no term names, listed among terms ("Varnish", "LB weighting", "interactive notebooks").
_STOP = (
    r"with|for|to|in|of|on|at|by|from|the|a|an|our|your|their|we|you|is|are|be|been|have|has|using|use|used|"
    r"including|experience|knowledge|understanding|familiarity|proficiency|ability|strong|such|like|as|that|"
    r"which|who|will|can|must|should|etc|e\.g|i\.e|plus|preferred|required|years?|not|but"
)
_WORD = rf"(?!(?:{_STOP})\b)[\w.+#'’-]+"
_ITEM = rf"{_WORD}(?:\s+{_WORD}){{0,2}}"
_OR_OTHER = r"\s*,?\s*\bor\s+(?:any\s+)?(?:other|similar)\s+(?:[\w-]+\s+){0,3}?(?:like|such as|e\.g\.,?|including)\s+"
_GAP = re.compile(rf"{_PART}{_TAIL}{_ASIDE}(?:(?:{_SEP}{_ITEM}{_ASIDE})*{_SEP}|{_OR_OTHER})", re.IGNORECASE)
_GAP_TO_LIST = re.compile(rf"{_PART}{_TAIL}{_ASIDE}(?:{_SEP}{_ITEM}{_ASIDE})*{_SEP}(?:{_ITEM}\s*)?", re.IGNORECASE)
# A category and its examples: "Apache Hadoop ecosystem (Oozie, Pig, Hive)", "cloud computing - AWS, GCE, Azure".
_TO_EXAMPLES = re.compile(rf"{_TAIL}\s*", re.IGNORECASE)
_TO_LISTED_EXAMPLES = re.compile(rf"{_TAIL}\s+[-–—]\s+|{_TAIL}:\s+", re.IGNORECASE)
_MENTION = re.compile(
    r"\bor\s+(?:any\s+)?(?:other|similar)\s+(?:[\w-]+\s+){0,3}?(?:like|such as|e\.g\.|including)\b", re.IGNORECASE
)
_TIGHT = re.compile(r"\s*/\s*")
_ALTERNATIVE = re.compile(r"\bor\b|\beither\b", re.IGNORECASE)
# The list goes on with "or" after its last term: "data engineering, full-stack and/or infrastructure".
_OR_AFTER = re.compile(rf"^{_TAIL}\s*,?\s*(?:and/)?or\s+[\w-]", re.IGNORECASE)


@dataclass
class _Item:
    """One item of a list: a term, or a parenthesised list of them."""

    begin: int  # offsets in the clause
    end: int
    spans: list[Span]
    parenthesised: bool = False

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(name for _, _, name in self.spans))


def _parentheses(text: str) -> list[tuple[int, int]]:
    """The outermost parenthesised stretches of a clause (open, close + 1)."""
    pairs, depth, opened = [], 0, 0
    for at, char in enumerate(text):
        if char == "(":
            opened = at if depth == 0 else opened
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                pairs.append((opened, at + 1))
    return pairs


def _items(text: str, at: int, spans: Sequence[Span]) -> list[_Item]:
    """The clause's terms as list items, each parenthesised list one item; a parenthesis that only restates
    the term before it ("Site Reliability Engineering (SRE)", "Oracle Cloud (OCI)") belongs to that term, and
    a term named as the kind of the alternatives ("or other MLOps tools like MLflow") is no item."""
    items: list[_Item] = []
    pairs = _parentheses(text)
    mentions = [(m.start(), m.end()) for m in _MENTION.finditer(text)]
    for span in sorted(spans, key=lambda span: (span[0], -span[1])):
        begin, end = span[0] - at, span[1] - at
        if any(s < begin and end < e for s, e in mentions):
            continue
        if items and begin < items[-1].end and not items[-1].parenthesised:
            continue  # inside or across the term before it: that term is the item
        pair = next(((o, c) for o, c in pairs if o < begin and end < c), None)
        if pair and items and items[-1].parenthesised and items[-1].begin == pair[0]:
            items[-1].spans.append(span)
        elif pair:
            items.append(_Item(pair[0], pair[1], [span], parenthesised=True))
        else:
            items.append(_Item(begin, end, [span]))
    merged: list[_Item] = []
    for item in items:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and item.parenthesised
            and not text[previous.end : item.begin].strip()
            and set(item.names) <= set(previous.names)
        ):
            previous.end = item.end
            previous.spans += item.spans
            continue
        merged.append(item)
    return merged


def _examples(text: str, item: _Item) -> bool:
    """A parenthesised list of examples: two or more terms, listed, where the words just before do not ask
    for all of them ("both (A and B)") unless the list ends in "etc."."""
    inside = text[item.begin + 1 : item.end - 1]
    lead = " ".join(text[: item.begin].split()[-4:])
    return (
        item.parenthesised
        and len(item.names) > 1
        and bool(re.search(_SEP, inside, re.IGNORECASE))
        and (not _ALL_OF.search(lead) or bool(re.search(r"\betc\b", inside, re.IGNORECASE)))
    )


@dataclass
class _Chain:
    items: list[_Item]
    examples: bool = False  # a category and its examples: any one of them meets it
    alternatives: bool = False  # joined by "or" somewhere
    closed: bool = False  # "deep learning frameworks (e.g., TensorFlow, PyTorch)": what follows is another list


def _chains(text: str, items: list[_Item]) -> list[_Chain]:
    chains: list[_Chain] = []
    for item in items:
        if chains:
            chain = chains[-1]
            previous = chain.items[-1]
            gap = text[previous.end : item.begin]
            in_parentheses = _examples(text, item) and _TO_EXAMPLES.fullmatch(gap)
            if not previous.parenthesised and (
                in_parentheses or (not item.parenthesised and _TO_LISTED_EXAMPLES.fullmatch(gap))
            ):
                chain.items.pop()
                if not chain.items:
                    chains.pop()
                chains.append(_Chain([previous, item], examples=True, closed=bool(in_parentheses)))
                continue
            ends_a_choice = chain.alternatives and re.search(r"\band\b(?!/)", gap) and not _ALTERNATIVE.search(gap)
            listed = (_GAP_TO_LIST if item.parenthesised else _GAP).fullmatch(gap)
            if listed and not ends_a_choice and not chain.closed:
                chain.items.append(item)
                chain.alternatives = chain.alternatives or bool(_ALTERNATIVE.search(gap))
                continue
        chains.append(_Chain([item]))
    return chains


def _name(prefix: str, spans: Sequence[Span]) -> str:
    return f"{prefix}: {', '.join(dict.fromkeys(name for _, _, name in spans))}"


def list_groups(text: str, at: int, spans: Sequence[Span]) -> dict[tuple[int, int], str]:
    """Group names by span (start, end) for the lists of alternatives in one clause (`text`, at offset `at` of the
    posting); `spans` are the terms the clause names."""
    grouped: dict[tuple[int, int], str] = {}
    for chain in _chains(text, _items(text, at, spans)):
        items = chain.items
        everything = [span for item in items for span in item.spans]
        if len(dict.fromkeys(name for _, _, name in everything)) < 2:
            continue
        before, after = text[: items[0].begin], text[items[-1].end :]
        prefix = "background" if _BACKGROUND.match(after) else "any of"
        if (
            chain.examples
            or chain.alternatives
            or LEAD_MARKER.search(before)
            or _TRAIL_MARKER.match(re.sub(rf"^{_TAIL}", "", after, flags=re.IGNORECASE))
            or _OR_AFTER.match(after)
            or (len(items) == 1 and _examples(text, items[0]))
        ):
            grouped.update({span[:2]: _name(prefix, everything) for span in everything})
            continue
        # Asked for each: only what a slash joins, and each list of examples in parentheses, is a group.
        segments: list[list[_Item]] = [[items[0]]]
        for previous, item in itertools.pairwise(items):
            if _TIGHT.fullmatch(text[previous.end : item.begin]):
                segments[-1].append(item)
            else:
                segments.append([item])
        for segment in segments:
            spans_of = [span for item in segment for span in item.spans]
            if len(segment) > 1:
                grouped.update({span[:2]: _name(prefix, spans_of) for span in spans_of})
            elif _examples(text, segment[0]):
                grouped.update({span[:2]: _name("any of", spans_of) for span in spans_of})
    return grouped
