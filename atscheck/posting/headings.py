"""What a posting's heading says the part under it holds, read by the meaning of its words rather than a list
of whole headings: "Bonus points", "What makes you standout", "Great if you", "Prefered qualifcations" and
wordings never seen before are read by the words they use. A word misspelt by one letter (two in a long
word) is read as the heading word it is closest to."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import OSA

PartKind = Literal["required", "preferred", "duties", "stack", "other", "blurb", "boilerplate"]


# Pay and perks that use a word of the nice-to-have vocabulary: "Annual bonus", "Bonus & benefits".
_PAY = re.compile(
    r"\bbenefits?\b|\bperks?\b|\bsalary\b|\bcompensation\b|\bequity\b|\bpay\b|\bwe offer\b|\bour offer\b|"
    r"\b(?:annual|signing|sign-on|cash|performance|target|referral|yearly|quarterly) bonus",
)


# Headings, by what the part under them holds, matched on the heading in lower case with its misspelt words
# corrected. Checked in this order: "Preferred qualifications" is preferred before it is a qualification;
# "About the role" describes duties before "About ..." is a blurb. Each pattern names words and short
# phrases that carry the meaning wherever they stand in the heading ("Skills that make you stand out",
# "It would be great if you have"), not whole headings.
_HEADINGS: tuple[tuple[PartKind, re.Pattern[str]], ...] = (
    (
        "preferred",
        re.compile(
            # Words that say "optional" or "a plus" on their own.
            r"\bprefer(?:red|able|ably|ence|ences)?\b|\bbonus(?:es)?\b|\bplus(?:s?es)?\b|\bideally\b|\bdesir(?:ed|able)\b|"
            r"\boptional\b|\badvantag(?:e|es|eous)\b|\bbeneficial\b|\bhelpful\b|\bextras?\b|\bwish ?list\b|"
            r"\bdifferentiat\w*|\bstand ?outs?\b|\bstands? (?:you )?out\b|\bsets? you apart\b|\bnot (?:required|"
            r"mandatory|essential|necessary|needed|a must)\b|"
            # Praise words that say it only beside "if", "to have" or "would be": "Great if you", "Nice to haves".
            r"\b(?:nice|good|great|cool|lovely|awesome|amazing)(?: things)? (?:if|to (?:have|see|know)|haves?)\b|"
            r"\bnice[- ]?to[- ]?haves?\b|\bwould be (?:great|nice|good|awesome|cool|ideal|helpful|a plus)\b|"
            r"\beven better\b|\b(?:also|really) great\b|\bicing\b|\bcherry on\b|\bgo the extra\b|\bgold stars?\b"
        ),
    ),
    (
        "stack",
        re.compile(
            r"^(?:our |the |tech(?:nology)? )?stack$|tech(?:nology)? stack we|technologies (?:we use|you'?ll|you will)|"
            r"tools we use|our (?:tech(?:nology)? )?stack|tools and technologies"
        ),
    ),
    (
        "duties",
        re.compile(
            r"what you'?ll (?:do|be doing|work on)|what you will (?:be )?do|responsibilit|your focus|"
            r"about (?:the|this) (?:role|job|position)|^the (?:role|job|position|opportunity|challenge)$|your role|"
            r"the opportunity|make an impact|in this role|day[- ]to[- ]day|overview of (?:the|this) role|"
            r"how you'?ll contribute|^challenge$|your mission|what the job involves|the work|\bduties\b"
        ),
    ),
    (
        "required",
        re.compile(
            r"requirement|required|qualification|must[- ]haves?|you'?ll (?:need|bring)|you need|looking for|"
            r"about you|you have|you should|skills|^experience|who you are|you bring|is for you if|minimum|basic|"
            r"what we need|you possess|expect from you|we expect|expectations|is this you|^you$|your profile|"
            r"your background|what it takes"
        ),
    ),
    (
        "boilerplate",
        re.compile(
            r"diversity|inclusion|equal|benefit|perks|what we offer|our offer|you'?ll love|support you|"
            r"compensation|salary|\bpay\b|additional information|staying safe|fraud|location|travel|how to apply|"
            r"^why\b|life at|you can expect|privacy"
        ),
    ),
    (
        "blurb",
        re.compile(
            r"^about|who we are|company (?:description|overview)|the company|\bour (?:values|vision|mission|culture|"
            r"story)|more on|the team|our team"
        ),
    ),
)


# The words the heading patterns above are written with: a heading word one edit away from one of them (two
# for a long word) is read as it. Short words are never corrected ("pay" is no "say").
_VOCABULARY = (
    "preferred",
    "preferable",
    "preferably",
    "preference",
    "bonus",
    "bonuses",
    "pluses",
    "plusses",
    "ideally",
    "desired",
    "desirable",
    "optional",
    "advantage",
    "advantages",
    "advantageous",
    "beneficial",
    "helpful",
    "extras",
    "standout",
    "standouts",
    "differentiators",
    "requirements",
    "requirement",
    "required",
    "qualifications",
    "qualification",
    "responsibilities",
    "responsibility",
    "experience",
    "skills",
    "minimum",
    "expectations",
    "background",
    "profile",
    "technologies",
    "technology",
    "diversity",
    "inclusion",
    "benefits",
    "compensation",
    "salary",
    "additional",
    "information",
    "location",
    "privacy",
    "duties",
    "mandatory",
    "essential",
    "necessary",
)


MIN_CORRECTED = 5  # letters: a shorter word is taken as written


@lru_cache(maxsize=4096)
def _corrected(word: str) -> str:
    if len(word) < MIN_CORRECTED or word in _VOCABULARY:
        return word
    allowed = 1 if len(word) < 9 else 2
    best = min(_VOCABULARY, key=lambda known: (OSA.distance(word, known), known))
    return best if OSA.distance(word, best) <= allowed and best[0] == word[0] else word


def normalised(text: str) -> str:
    """The heading in lower case, apostrophes straightened, words misspelt by a letter corrected."""
    lower = text.lower().replace("’", "'").replace("‘", "'")
    return re.sub(r"[a-z]+", lambda m: _corrected(m.group()), lower)


def kind_of(text: str) -> PartKind | None:
    """The kind of part a heading (or an inline label: "Stack", "Looking for") opens, or None when its words
    name none. A nice-to-have word beside pay words ("Annual bonus", "Bonus & benefits") is pay."""
    lower = normalised(text)
    for kind, pattern in _HEADINGS:
        if pattern.search(lower):
            if kind == "preferred" and _PAY.search(lower):
                return "boilerplate"
            return kind
    return None
