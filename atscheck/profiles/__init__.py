"""Role profiles: TOML data files, read and validated in this one place.

The bundled profiles live in the repository's top-level profiles/ folder; the wheel carries them inside
the package (atscheck/profiles/bundled), so an installed atscheck finds them without the checkout.

The skills taxonomy (profiles/taxonomy/skills.toml) is the one place that knows a term: its other
spellings, the phrases it does not count inside, the context an ordinary-word name needs, the patterns that
say it across words. Every profile that names a term the taxonomy knows (by its name or another spelling)
inherits that knowledge, added to whatever the profile writes itself, unless the term says
`inherit = false`; a term the taxonomy knows may leave out its category and kind too.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from atscheck.errors import UsageError
from atscheck.extract.files import read_settings_file
from atscheck.model import DEGREE_LEVELS, EducationRequirement, Inherited, Profile, Term
from atscheck.profiles.patterns import parse_concept

DEFAULT_WEIGHTS = {"required": 3.0, "preferred": 1.0}
KINDS = ("skill", "tool", "certification", "soft-skill")
IMPORTANCES = ("required", "preferred")
_TERM_KEYS = {
    "inherit",
    "members",
    "name",
    "aliases",
    "category",
    "kind",
    "importance",
    "weight",
    "case_sensitive",
    "group",
    "not_in",
    "needs_context",
    "patterns",
}
# The matching rules a term may carry (docs/matching.md), each a list of strings, and what one looks like.
_RULE_KEYS = {
    "not_in": 'phrases inside which the term does not count, e.g. ["Azure Key Vault"]',
    "needs_context": 'words one of which must stand near an ordinary-word form, e.g. ["API", "service"]',
    "patterns": 'word patterns with "..." for a gap, e.g. ["deploy ... model"]',
    "members": 'the tools that show the concept, e.g. ["Docker", "Kubernetes"]',
}
_TOP_KEYS = {
    "id",
    "title",
    "titles",
    "pass_score",
    "terms",
    "description",
    "sources",
    "education",
    "transition_from",
}
_EDUCATION_KEYS = {"level", "fields", "importance"}


def bundled_dir() -> Path:
    installed = Path(__file__).parent / "bundled"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "profiles"  # running from a source checkout


def bundled_ids() -> list[str]:
    return sorted(path.stem for path in bundled_dir().glob("*.toml") if not path.stem.startswith("_"))


@lru_cache(maxsize=1)
def load_taxonomy() -> Profile:
    """The skills taxonomy (profiles/taxonomy/skills.toml): every term a posting may name, in canonical spelling,
    with what is known of it."""
    path = bundled_dir() / "taxonomy" / "skills.toml"
    return parse_profile(_read_toml(path), str(path), knowledge=None)


def inherited_of(term: Term) -> Inherited | None:
    """What the term has from the taxonomy: None when the taxonomy does not know it or it does not inherit."""
    source = taxonomy_knowledge().get(concept_key(term.name)) if term.inherit else None
    if source is None:
        return None
    forms = {concept_key(form) for form in (source.name, *source.aliases)}
    return Inherited(
        source.name,
        tuple(alias for alias in term.aliases if concept_key(alias) in forms),
        *(tuple(value for value in getattr(term, key) if value in getattr(source, key)) for key in _RULE_KEYS),
    )


@lru_cache(maxsize=1)
def taxonomy_knowledge() -> dict[str, Term]:
    """Every written form the taxonomy knows (concept_key of a name or alias) -> its term."""
    found: dict[str, Term] = {}
    for term in load_taxonomy().terms:
        for form in (term.name, *term.aliases):
            found.setdefault(concept_key(form), term)
    return found


def spelling_conflicts(profiles: Sequence[Profile]) -> list[str]:
    """Concepts spelled differently in different profiles: one written form ("k8s", "ci cd") that names two
    different terms. Profiles must share one canonical name per concept."""
    names: dict[str, dict[str, str]] = {}  # written form -> canonical name -> the profile that says so
    for profile in profiles:
        for term in profile.terms:
            for form in (term.name, *term.aliases):
                names.setdefault(concept_key(form), {}).setdefault(term.name, profile.id)
    return [
        f"'{form}' is " + " and ".join(f"'{name}' in {profile}" for name, profile in sorted(owners.items()))
        for form, owners in sorted(names.items())
        if len(owners) > 1
    ]


def concept_key(form: str) -> str:
    """A written form without case, spaces, hyphens, underscores, dots or slashes ("Vertex AI": "vertexai")."""
    return re.sub(r"[\s\-_/.]+", "", form.casefold())


@lru_cache(maxsize=64)
def load_role(role_id: str) -> Profile:
    """A bundled role profile (cached: a batch asks for the same roles again and again)."""
    ids = bundled_ids()
    if role_id not in ids:
        close = difflib.get_close_matches(role_id, ids, n=1, cutoff=0.5)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise UsageError(
            f"Unknown role '{role_id}'.{hint} Available roles: {', '.join(ids)} (see them with --list-roles)."
        )
    return load_profile(bundled_dir() / f"{role_id}.toml")


def load_profile(path: Path) -> Profile:
    return parse_profile(_read_toml(path), str(path))


def _read_toml(path: Path) -> dict[str, Any]:
    text = read_settings_file(path, "Profile")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"Profile {path} is not valid TOML: {error}") from None
    except RecursionError:
        raise UsageError(f"Profile {path} cannot be used: its tables or lists are nested too deeply.") from None


# parse_profile's default: the taxonomy's knowledge, looked up when a profile is parsed.
_TAXONOMY: Mapping[str, Term] = {}


def parse_profile(data: dict[str, Any], source: str, knowledge: Mapping[str, Term] | None = _TAXONOMY) -> Profile:
    """A profile from its TOML table. `knowledge` maps written forms (concept_key) to what the taxonomy knows
    of the term; by default the taxonomy's, None for none (the taxonomy itself)."""

    def fail(message: str) -> UsageError:
        return UsageError(f"Profile {source}: {message}")

    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}; expected {', '.join(sorted(_TOP_KEYS))}.")
    for key in ("id", "title"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise fail(f"'{key}' must be a non-empty string.")
    pass_score = data.get("pass_score", 70)
    if not isinstance(pass_score, (int, float)) or isinstance(pass_score, bool) or not 0 <= pass_score <= 100:
        raise fail("'pass_score' must be a number from 0 to 100.")
    raw_terms = data.get("terms")
    if not isinstance(raw_terms, list) or not raw_terms:
        raise fail("it has no [[terms]]; add at least one term.")
    known = taxonomy_knowledge() if knowledge is _TAXONOMY else (knowledge or {})
    terms = [_parse_term(raw, index, fail, known) for index, raw in enumerate(raw_terms, start=1)]
    _check_unique(terms, fail)
    terms = _inherit(terms, known)
    education = _parse_education(data.get("education"), fail)
    transition_from = data.get("transition_from", [])
    if not isinstance(transition_from, list) or not all(isinstance(r, str) and r.strip() for r in transition_from):
        raise fail("'transition_from' must be a list of role ids, e.g. [\"devops-engineer\"].")
    titles = data.get("titles", [])
    if not isinstance(titles, list) or not all(isinstance(t, str) and t.strip() for t in titles):
        raise fail('\'titles\' must be a list of job titles, e.g. ["MLOps Engineer", "ML Platform Engineer"].')
    content = (data["id"], data["title"], pass_score, terms, education, transition_from, titles)
    return Profile(
        id=data["id"],
        title=data["title"],
        pass_score=float(pass_score),
        terms=tuple(terms),
        version=hashlib.sha256(repr(content).encode()).hexdigest()[:12],
        source=source,
        education=education,
        transition_from=tuple(transition_from),
        titles=tuple(t.strip() for t in titles),
    )


def _parse_education(raw: Any, fail: Any) -> EducationRequirement | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise fail("'education' must be a table: [education] with level and fields.")
    unknown = set(raw) - _EDUCATION_KEYS
    if unknown:
        raise fail(f"education: unknown key(s) {', '.join(sorted(unknown))}; expected level, fields, importance.")
    level = raw.get("level")
    if level not in DEGREE_LEVELS:
        raise fail(f"education: 'level' is {level!r}; use one of {', '.join(DEGREE_LEVELS)}.")
    fields = raw.get("fields", [])
    if not isinstance(fields, list) or not all(isinstance(f, str) and f.strip() for f in fields):
        raise fail("education: 'fields' must be a list of fields of study, e.g. [\"computer science\"] ([] for any).")
    importance = raw.get("importance", "preferred")
    if importance not in IMPORTANCES:
        raise fail(f"education: 'importance' is {importance!r}; use required or preferred.")
    return EducationRequirement(level=level, fields=tuple(f.strip() for f in fields), importance=importance)


MAX_TERM_CHARS = 200  # the longest certification names are about 80


def _parse_term(raw: Any, index: int, fail: Any, known: Mapping[str, Term]) -> Term:
    if not isinstance(raw, dict):
        raise fail(f"term #{index} must be a table ([[terms]]).")
    name = raw.get("name")
    shown = name[:40] + "..." if isinstance(name, str) and len(name) > 40 else name
    label = f"term #{index} ({shown!r})" if "name" in raw else f"term #{index}"
    unknown = set(raw) - _TERM_KEYS
    if unknown:
        raise fail(f"{label}: unknown key(s) {', '.join(sorted(unknown))}.")
    if not isinstance(raw.get("name"), str) or not raw["name"].strip():
        raise fail(f"{label}: 'name' is missing or not a non-empty string.")
    inherit = raw.get("inherit", True)
    if not isinstance(inherit, bool):
        raise fail(f"{label}: 'inherit' must be true or false.")
    taxonomy = known.get(concept_key(raw["name"]))  # its skill area and kind, even where its rules are not wanted
    category = raw.get("category", taxonomy.category if taxonomy else None)
    if not isinstance(category, str) or not category.strip():
        raise fail(
            f"{label}: 'category' is missing or not a non-empty string (the skills taxonomy does not know this term, "
            "so the profile must say its skill area)."
        )
    kind = raw.get("kind", taxonomy.kind if taxonomy else "skill")
    if kind not in KINDS:
        raise fail(f"{label}: 'kind' is {kind!r}; use one of {', '.join(KINDS)}.")
    importance = raw.get("importance", "preferred")
    if importance not in IMPORTANCES:
        raise fail(f"{label}: 'importance' is {importance!r}; use required or preferred.")
    weight = raw.get("weight", DEFAULT_WEIGHTS[importance])
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not 0 < weight <= 100:
        raise fail(f"{label}: 'weight' must be a number above 0 (up to 100).")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise fail(f"{label}: 'aliases' must be a list of non-empty strings.")
    if any(len(text) > MAX_TERM_CHARS for text in [raw["name"], *aliases]):
        raise fail(f"{label}: a name or alias is over {MAX_TERM_CHARS} characters; a term is a word or a short phrase.")
    case_sensitive = raw.get("case_sensitive", taxonomy.case_sensitive if taxonomy and inherit else False)
    if not isinstance(case_sensitive, bool):
        raise fail(f"{label}: 'case_sensitive' must be true or false.")
    group = raw.get("group")
    if group is not None and (not isinstance(group, str) or not group.strip()):
        raise fail(f"{label}: 'group' must be a non-empty string.")
    rules: dict[str, tuple[str, ...]] = {}
    for key, example in _RULE_KEYS.items():
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"{label}: '{key}' must be a list of {example}.")
        rules[key] = tuple(v.strip() for v in value)
    for pattern in rules["patterns"]:
        try:
            parse_concept(pattern)
        except ValueError as error:
            shown = pattern if len(pattern) <= 60 else pattern[:57] + "..."
            raise fail(f"{label}: pattern {shown!r}: {error}.") from None
    return Term(
        name=raw["name"].strip(),
        category=category.strip(),
        kind=kind,
        importance=importance,
        weight=float(weight),
        aliases=tuple(a.strip() for a in aliases),
        case_sensitive=case_sensitive,
        group=group.strip() if group else None,
        not_in=rules["not_in"],
        needs_context=rules["needs_context"],
        patterns=rules["patterns"],
        inherit=inherit,
        members=rules["members"],
    )


def _inherit(terms: list[Term], known: Mapping[str, Term]) -> list[Term]:
    """Each term with what the taxonomy knows of it added to its own spellings and rules. A spelling the
    profile gives to another term stays that term's: the profile's own words decide."""
    claimed = {concept_key(form) for term in terms for form in (term.name, *term.aliases)}
    out = []
    for term in terms:
        source = known.get(concept_key(term.name)) if term.inherit else None
        if source is None:
            out.append(term)
            continue
        aliases = []
        for form in (source.name, *source.aliases):
            if concept_key(form) not in claimed:
                claimed.add(concept_key(form))
                aliases.append(form)
        rules = {key: tuple(v for v in getattr(source, key) if v not in getattr(term, key)) for key in _RULE_KEYS}
        out.append(
            replace(
                term,
                aliases=(*term.aliases, *aliases),
                not_in=(*term.not_in, *rules["not_in"]),
                needs_context=(*term.needs_context, *rules["needs_context"]),
                patterns=(*term.patterns, *rules["patterns"]),
                members=(*term.members, *rules["members"]),
            )
        )
    return out


def _check_unique(terms: list[Term], fail: Any) -> None:
    owner: dict[str, str] = {}
    for term in terms:
        key = term.name.casefold()
        if key in owner:
            raise fail(f"duplicate term {term.name!r}: each term may appear once.")
        owner[key] = term.name
    for term in terms:
        for alias in term.aliases:
            key = alias.casefold()
            if key in owner and owner[key] != term.name:
                raise fail(
                    f"alias {alias!r} of {term.name!r} is also {owner[key]!r}: an alias may belong to one term only."
                )
            owner[key] = term.name


def toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def profile_toml(profile: Profile) -> str:
    """The profile as a TOML file that --profile reads back. A profile derived from a job posting keeps each
    term's provenance (posting section, times named, snippet) as a comment above it."""
    provenance = {t.name: t for t in profile.posting.terms} if profile.posting else {}
    lines = [
        f"# Role profile written by atscheck from {profile.source}.",
        "# Review and edit it freely, then use it with --profile.",
    ]
    if profile.posting and profile.posting.dropped:
        lines.append("# Left out of the posting as boilerplate: " + "; ".join(profile.posting.dropped))
    lines += [
        "",
        f"id = {toml_string(profile.id.replace(':', '-'))}",
        f"title = {toml_string(profile.title)}",
        f"pass_score = {profile.pass_score:g}",
    ]
    if profile.transition_from:
        lines.append("transition_from = [" + ", ".join(map(toml_string, profile.transition_from)) + "]")
    if profile.titles:
        lines.append("titles = [" + ", ".join(map(toml_string, profile.titles)) + "]")
    if profile.education:
        education = profile.education
        lines += ["", "[education]", f"level = {toml_string(education.level)}"]
        lines.append(f"importance = {toml_string(education.importance)}")
        any_field = "" if education.fields else "  # any field"
        lines.append("fields = [" + ", ".join(map(toml_string, education.fields)) + "]" + any_field)
    for term in profile.terms:
        lines.append("")
        if term.name in provenance:
            source = provenance[term.name]
            lines.append(f"# {source.section}: named {source.count} time(s): {source.snippet}")
        lines += term_toml(term)
    return "\n".join(lines) + "\n"


def term_toml(term: Term) -> list[str]:
    """One [[terms]] table, every key the term sets itself: what it inherited from the taxonomy is not repeated
    (loading the profile inherits it again)."""
    inherited = inherited_of(term) or Inherited(term.name)
    lines = ["[[terms]]", f"name = {toml_string(term.name)}"]
    aliases = [alias for alias in term.aliases if alias not in inherited.aliases]
    if aliases:
        lines.append("aliases = [" + ", ".join(map(toml_string, aliases)) + "]")
    lines += [
        f"category = {toml_string(term.category)}",
        f"kind = {toml_string(term.kind)}",
        f"importance = {toml_string(term.importance)}",
        f"weight = {term.weight:g}",
    ]
    source = taxonomy_knowledge().get(concept_key(term.name)) if term.inherit else None
    if term.case_sensitive and not (source and source.case_sensitive):
        lines.append("case_sensitive = true")
    if term.group:
        lines.append(f"group = {toml_string(term.group)}")
    if not term.inherit:
        lines.append("inherit = false")
    for key in _RULE_KEYS:
        values = [value for value in getattr(term, key) if value not in getattr(inherited, key)]
        if values:
            lines.append(f"{key} = [" + ", ".join(map(toml_string, values)) + "]")
    return lines
