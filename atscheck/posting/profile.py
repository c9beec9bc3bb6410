"""The profile a job posting describes (--jd), alone or merged into a bundled role."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace

from atscheck.model import PostingInfo, PostingTerm, Profile
from atscheck.posting.parts import read_posting
from atscheck.posting.terms import Bucket, read

# A posting-derived profile's pass mark. A posting asks for more, and more specific, terms than a bundled role,
# so the same resume scores lower against it: on ../shared, the resumes of people who work as a posting's role
# score a median of 40 against its postings (28% reached 50; 52% reach 40), and technical people who work as
# no bundled role 38.7 at most against the MLOps, DevOps and SRE postings (docs/postings.md, "The pass mark").
DEFAULT_PASS_SCORE = 40.0


def derive_profile(name: str, text: str) -> Profile:
    """The profile a posting describes. Deterministic: the same text always gives the same profile."""
    reading = read(name, text)
    info = PostingInfo(
        file=name,
        title=reading.title,
        terms=tuple(
            PostingTerm(e.term.name, e.heading, e.count, e.snippet, e.term.importance, e.term.weight)
            for e in reading.terms
        ),
        years=reading.years,
        dropped=reading.dropped,
        checklist=reading.checklist,
    )
    terms = tuple(e.term for e in reading.terms)
    digest = hashlib.sha256(repr((info, terms, reading.education)).encode()).hexdigest()[:12]
    return Profile(
        id=f"jd:{name}",
        title=info.title,
        pass_score=DEFAULT_PASS_SCORE,
        terms=terms,
        version=digest,
        source=name,
        education=reading.education,
        posting=info,
        titles=(info.title,),
    )


def merge(role: Profile, posting: Profile) -> Profile:
    """The role's terms plus the posting's; a term the posting names weighs its weight more, and is required
    if the posting requires it."""
    named = {t.name: t for t in posting.terms}
    terms = []
    for term in role.terms:
        extra = named.pop(term.name, None)
        if extra is None:
            terms.append(term)
        else:
            importance: Bucket = "required" if "required" in (term.importance, extra.importance) else "preferred"
            terms.append(replace(term, weight=term.weight + extra.weight, importance=importance))
    taken = {form.casefold() for t in terms for form in (t.name, *t.aliases)}
    for term in named.values():  # terms only the posting names
        aliases = tuple(a for a in term.aliases if a.casefold() not in taken)
        terms.append(replace(term, aliases=aliases))
    digest = hashlib.sha256(repr((role.version, posting.version)).encode()).hexdigest()[:12]
    return replace(
        role,
        id=f"{role.id}+{posting.id}",
        title=f"{role.title} + {posting.title}",
        terms=tuple(terms),
        version=digest,
        source=f"{role.source} + {posting.source}",
        education=posting.education or role.education,
        posting=posting.posting,
        titles=(*role.titles, posting.title),
    )


def postings_profiles(sources: Sequence[str], roles: Sequence[Profile]) -> list[Profile]:
    """One profile per posting, or per posting and role when roles are given too."""
    derived = [derive_profile(*read_posting(source)) for source in sources]
    if not roles:
        return derived
    return [merge(role, posting) for posting in derived for role in roles]
