"""A job posting read as a recruiter means it (--jd, and `atscheck profile build`): the terms it asks for, in
the bucket it puts them, with alternatives as one requirement.

The posting is cut into parts by its headings (sentence headings and inline labels too), the parts into
clauses (parts.py). Company and team blurb, benefits, pay, equal-opportunity text, the title and the degree
line add no terms (the degree goes to education). The rest is matched against the skills taxonomy (and the
bundled role profiles' other spellings); generic words count only where they name a skill, roles count only
as experience asked for, and capitalised product names listed beside known terms are kept with the
posting's spelling (terms.py). A term named in a requirements part is required, one named only under "nice
to have", among the duties or in the team's stack is preferred; lists of alternatives ("A, B or C", "such
as", "etc.") become groups. Every term keeps where it came from, how often it appears and a snippet; the
same posting always gives the same reading, and the same profile (profile.py). The rules, with examples,
are in docs/postings.md.

The pre-flight checklist (checklist.py) quotes what the posting asks that an ATS screens on with a question
(work authorisation, sponsorship, clearance, licence, location, years, degree, language), and answers each
with what a resume shows.
"""

from __future__ import annotations

from atscheck.posting.checklist import answer, knockouts
from atscheck.posting.parts import Clause, posting_title, read_posting, split_clauses
from atscheck.posting.profile import derive_profile, merge, postings_profiles
from atscheck.posting.terms import Reading, ReadTerm, read

__all__ = [
    "Clause",
    "ReadTerm",
    "Reading",
    "answer",
    "derive_profile",
    "knockouts",
    "merge",
    "posting_title",
    "postings_profiles",
    "read",
    "read_posting",
    "split_clauses",
]
