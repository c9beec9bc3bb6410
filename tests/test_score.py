from atscheck.model import Finding, Occurrence, Term, TermMatch
from atscheck.score import credit_matches, gaps, score


def _term(
    name: str,
    importance: str = "required",
    weight: float = 3,
    group: str | None = None,
    kind: str = "skill",
    category: str = "Area",
) -> Term:
    return Term(name=name, category=category, kind=kind, importance=importance, weight=weight, group=group)  # type: ignore[arg-type]


def _occ(form: str, start: int = 0) -> Occurrence:
    return Occurrence(
        text="x", start=start, end=start + 1, form=form, page=None, source="body", section=None, snippet="x"
    )  # type: ignore[arg-type]


def test_formula_exact_alias_fuzzy_missing() -> None:
    matches = [
        TermMatch(_term("A"), (_occ("name"),)),
        TermMatch(_term("B"), (_occ("alias"),)),
        TermMatch(_term("C"), (_occ("fuzzy"),)),
        TermMatch(_term("D"), ()),
    ]
    terms = credit_matches(matches, [])
    assert [t.status for t in terms] == ["exact", "alias", "fuzzy", "missing"]
    value, parts = score(terms)
    assert value == round(100 * (1 + 0.75 + 0.5 + 0) / 4, 1)
    assert parts.required.found == 3 and parts.required.total == 4


def test_a_group_is_one_requirement_any_member_satisfies() -> None:
    matches = [
        TermMatch(_term("AWS", group="cloud"), (_occ("name"),)),
        TermMatch(_term("GCP", group="cloud"), ()),
        TermMatch(_term("Azure", group="cloud"), ()),
        TermMatch(_term("Docker"), ()),
    ]
    terms = credit_matches(matches, [])
    value, _parts = score(terms)
    assert value == 50.0
    assert [g.label for g in gaps(terms)] == ["Docker"]


def test_required_and_preferred_parts_and_weights() -> None:
    matches = [
        TermMatch(_term("A", weight=3), (_occ("name"),)),
        TermMatch(_term("B", importance="preferred", weight=1, kind="tool", category="Other"), ()),
    ]
    value, parts = score(credit_matches(matches, []))
    assert value == 75.0
    assert parts.required.percent == 100.0 and parts.preferred.percent == 0.0
    assert {p.name for p in parts.by_kind} == {"skill", "tool"}
    assert {p.name: p.percent for p in parts.by_category} == {"Area": 100.0, "Other": 0.0}


def test_ruled_out_matches_earn_nothing() -> None:
    matches = [TermMatch(_term("A"), (_occ("name", start=10),))]
    hidden = Finding(id="hidden-text", severity="error", message="m", fix="f", uncredited=((5, 20),))
    terms = credit_matches(matches, [hidden])
    assert terms[0].status == "missing" and terms[0].uncredited == 1
    assert score(terms)[0] == 0.0


def test_gaps_list_required_first_then_by_weight() -> None:
    matches = [
        TermMatch(_term("P", importance="preferred", weight=2), ()),
        TermMatch(_term("R1", weight=2), ()),
        TermMatch(_term("R2", weight=3), ()),
    ]
    assert [g.label for g in gaps(credit_matches(matches, []))] == ["R2", "R1", "P"]
