"""keyword-stuffing: repetition that no honest resume needs: one term written over and over in one list, the
same block of lines pasted twice, or a bare wall of keywords.

Passes: a term named as often as the resume's length and its work explain (an ML engineer may write "machine
learning" fifteen times in two pages: once per role and project is not stuffing), skills in labelled groups,
each line written once. Fails (warning):
- a term written MAX_IN_ONE_LINE + 1 or more times on one line ("AWS Fargate, AWS EKS, AWS Lambda, AWS
  DynamoDB, AWS IAM, AWS VPC, ..."): honest lists name the product once and its parts after it;
- a block of DUPLICATE_LINES or more lines that stands twice in the text: pasted to repeat its keywords;
- a block of MIN_BLOCK_ITEMS or more comma-separated keywords with no labels or sentences around them, or as
  many under one label ("Tools: " before every term of a role): an honest labelled group names a handful
  (the most in 47 real resumes: 13), so a label does not make a wall a group;
- MIN_RUN_ITEMS or more keywords in one run of list lines, however many labels split them: the longest
  honest skills section of the corpus lists 62.
Recruiters read stuffing as gaming the ATS, and ATS that rank by keyword frequency do not reward it: one use
in context counts as much as ten. The terms of a keyword wall or a pasted copy keep their credit in the score,
but a ranking of several resumes leaves them out.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from atscheck.checks.context import Context
from atscheck.model import Finding

ID = "keyword-stuffing"
MAX_IN_ONE_LINE = 5  # the most times one term stands on one line of an honest resume is 4 (47 real resumes)
DUPLICATE_LINES = 3
MIN_LINE_WORDS = 3  # a line of a pasted block: shorter ones ("Python", "2019 - 2021") repeat honestly
MIN_PASTED_TERMS = 3  # a pasted block repeats keywords: a template's repeated placeholder lines hold none
MIN_BLOCK_ITEMS = 40
MIN_RUN_ITEMS = 100
_SEPARATORS = re.compile(r"\s*[,;|•·]\s*")
_LABEL = re.compile(r"^[^,:]{2,40}:")  # "Languages: Python, Go" is a labelled group, not a bare list
_NOT_WORD = re.compile(r"[^\w+#/ ]+")


def _list_items(line: str) -> tuple[int, bool]:
    """How many keywords a list line holds (0 for a sentence or a short list), and whether a label starts it
    ("Languages: Python, Go, Rust, Java")."""
    label = _LABEL.match(line.strip())
    items = [item for item in _SEPARATORS.split(line.strip()[label.end() if label else 0 :]) if item]
    if len(items) < 4 or sum(len(item.split()) for item in items) > 4 * len(items):
        return 0, label is not None
    return len(items), label is not None


@dataclass(frozen=True)
class _Lists:
    """The largest block of list lines (bare, or one label and the bare lines that continue it), and the
    largest run of list lines whatever their labels: how many keywords each holds, and where."""

    block: int
    block_where: tuple[int, int]
    labelled: bool  # a label heads the block
    run: int
    run_where: tuple[int, int]


def _largest_lists(text: str) -> _Lists:
    """A label starts a block of its own, so the groups of an honest skills section are never added up as a
    block; a run adds them up, for a wall split under many labels."""
    block, block_where, labelled, run, run_where = 0, (0, 0), False, 0, (0, 0)
    current, start, under_label, in_block = 0, 0, False, False
    total, run_start, in_run, offset = 0, 0, False, 0
    for line in text.split("\n"):
        items, label = _list_items(line)
        end = offset + len(line)
        if label:  # its items may stand on the lines below it ("Tools:" alone, then the list)
            in_block, current, start, under_label = True, items, offset, True
        elif items:
            if not in_block:
                in_block, current, start, under_label = True, 0, offset, False
            current += items
        else:
            in_block, current = False, 0
        if current > block:
            block, block_where, labelled = current, (start, end), under_label
        if label or items:
            if not in_run:
                in_run, total, run_start = True, 0, offset
            total += items
            if total > run:
                run, run_where = total, (run_start, end)
        else:
            in_run, total = False, 0
        offset = end + 1
    return _Lists(block, block_where, labelled, run, run_where)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of the text."""
    spans, offset = [], 0
    for line in text.split("\n"):
        spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _crowded_lines(context: Context) -> list[tuple[str, int, str]]:
    """(term, times, line) for each term written more than MAX_IN_ONE_LINE times on one line, most first."""
    text = context.document.text
    starts = [start for start, _ in _lines(text)]
    crowded = []
    for match in context.matches:
        per_line = Counter(
            bisect.bisect_right(starts, o.start) - 1 for o in match.occurrences if o.form in ("name", "alias")
        )  # the term as written: a tool that only shows a concept is that tool, not the concept repeated
        if not per_line:
            continue
        index, times = per_line.most_common(1)[0]
        if times > MAX_IN_ONE_LINE:
            end = text.find("\n", starts[index])
            crowded.append((match.term.name, times, text[starts[index] : end if end >= 0 else len(text)]))
    return sorted(crowded, key=lambda item: -item[1])


def _pasted_block(context: Context) -> tuple[int, tuple[int, int]] | None:
    """The longest run of DUPLICATE_LINES or more lines (of MIN_LINE_WORDS words or more) holding
    MIN_PASTED_TERMS or more of the profile's terms that stands twice, as (lines, the range of its second copy);
    page headers and footers, which repeat on every page, aside."""
    text = context.document.text
    keys: list[str | None] = []
    for start, end in (spans := _lines(text)):
        span = context.document.span_at(start + len(text[start:end]) - len(text[start:end].lstrip()))
        words = _NOT_WORD.sub(" ", text[start:end].lower()).split()
        margin = span is not None and span.source in ("header", "footer")
        keys.append(" ".join(words) if len(words) >= MIN_LINE_WORDS and not margin else None)
    first: dict[tuple[str, ...], int] = {}
    best: tuple[int, tuple[int, int]] | None = None
    # Where the profile's terms stand, to count those inside a copy by bisection.
    term_starts = sorted(o.start for match in context.matches for o in match.occurrences if o.form in ("name", "alias"))
    # A copy is followed to its end once: the windows inside it, one line further on the same two copies, give
    # the same copy shorter. Lines compared in all are bounded, for text of one line repeated thousands of times.
    diagonal, covered, compared = -1, -1, 0
    for index in range(len(keys) - DUPLICATE_LINES + 1):
        if best is not None and len(keys) - index <= best[0]:
            break  # no copy starting here can be longer than the one found
        window = keys[index : index + DUPLICATE_LINES]
        if any(key is None for key in window):
            continue
        seen = first.setdefault(tuple(window), index)  # type: ignore[arg-type]
        if seen + DUPLICATE_LINES > index:  # the first copy, or one that overlaps it
            continue
        if index - seen == diagonal and index < covered:
            continue
        length = DUPLICATE_LINES
        while (
            index + length < len(keys)
            and keys[index + length] is not None
            and keys[index + length] == keys[seen + length]
        ):
            length += 1
        diagonal, covered, compared = index - seen, index + length, compared + length
        where = (spans[index][0], spans[index + length - 1][1])
        terms = bisect.bisect_left(term_starts, where[1]) - bisect.bisect_left(term_starts, where[0])
        if terms >= MIN_PASTED_TERMS and (best is None or length > best[0]):
            best = (length, where)
        if compared > _MAX_COMPARED_PER_LINE * len(keys):
            break
    return best


_MAX_COMPARED_PER_LINE = 4  # lines compared while following copies, per line of the text


def check(context: Context) -> Iterator[Finding]:
    crowded = _crowded_lines(context)
    if crowded:
        name, times, line = crowded[0]
        others = ", ".join(f"{other} ({count} times)" for other, count, _ in crowded[1:4])
        also = f" So is {others}." if others else ""
        shown = " ".join(line.split())
        shown = shown if len(shown) <= 90 else shown[:87] + "..."
        yield Finding(
            id=ID,
            severity="warning",
            message=f"'{name}' is written {times} times on one line ('{shown}'): recruiters read that as keyword "
            f"stuffing, and an ATS counts it once.{also}",
            fix=f"Name {name} once and what you used of it after it, e.g. '{name} (...)', and show it in the "
            "experience bullets where you used it.",
            where="skills list",
        )
    pasted = _pasted_block(context)
    if pasted is not None:
        length, where = pasted
        yield Finding(
            id=ID,
            severity="warning",
            message=f"The same {length} lines stand twice in the resume: a pasted copy reads as keyword "
            "stuffing to a recruiter, and an ATS counts each term once.",
            fix="Keep one copy, where it belongs; if two roles had the same work, say what differed.",
            where="whole resume",
            unranked=(where,),
        )
    lists = _largest_lists(context.document.text)
    if lists.block >= MIN_BLOCK_ITEMS or lists.run >= MIN_RUN_ITEMS:
        if lists.block >= MIN_BLOCK_ITEMS:
            kind = "under one label" if lists.labelled else "in a row, with no labels or sentences,"
            what = f"A block of {lists.block} keywords {kind}"
        else:
            what = f"A run of {lists.run} keywords in lists, split under labels,"
        # The terms of the whole run lose their ranking credit when it is a wall, else the block's.
        where = lists.run_where if lists.run >= MIN_RUN_ITEMS else lists.block_where
        yield Finding(
            id=ID,
            severity="warning",
            message=f"{what} looks like keyword stuffing to a recruiter: an honest group of skills names a handful.",
            fix="Keep the skills you really use, grouped under short labels (Languages: ..., Cloud: ...), and "
            "show the important ones in your experience bullets.",
            where="skills list",
            unranked=(where,),
        )
