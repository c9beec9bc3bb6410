"""Every profile knows what the skills taxonomy knows: a user's own profile of plain terms matches as carefully as
a bundled one, in a text file, a Word file and a PDF alike."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DEJAVU, REPO, invoke, make_docx, make_pdf

from atscheck.core import check_file
from atscheck.model import Profile
from atscheck.posting import derive_profile
from atscheck.profiles import bundled_ids, inherited_of, load_role, parse_profile, profile_toml

PLAIN_TERMS = [
    "Linux",
    "SQL",
    "Git",
    "Apache Spark",
    "Helm",
    "Machine Learning",
    "Model deployment",
    "Go",
    "R",
    "Kubernetes",
    "Google Cloud",
    "AWS",
    "GitHub Actions",
]


def plain_profile(**extra: object) -> Profile:
    """A profile as a job seeker writes one: names only, no spellings, no rules."""
    terms = [{"name": name, "importance": "required", **extra} for name in PLAIN_TERMS]
    return parse_profile({"id": "mine", "title": "My role", "terms": terms}, "mine.toml")


# (what the resume says, the plain terms it must credit, the plain terms it must not)
CASES = [
    ("Certified by The Linux Foundation in 2021.", set(), {"Linux"}),
    ("Worked with No-SQL stores such as MongoDB.", set(), {"SQL"}),
    ("Code on Git-Hub for every project.", set(), {"Git"}),
    ("Built filters in Spark AR Studio.", set(), {"Apache Spark"}),
    ("Took the helm of the platform team.", set(), {"Helm"}),
    ("Built our ML Ops platform from scratch.", set(), {"Machine Learning"}),
    ("Moved the team to Git-Ops workflows.", set(), {"Git"}),
    ("Deployed ML models to SageMaker endpoints.", {"Model deployment", "Machine Learning"}, set()),
    ("Twelve models deployed to production every quarter.", {"Model deployment"}, set()),
    ("Deployment of machine learning models on GPUs.", {"Model deployment", "Machine Learning"}, set()),
    ("Langages Go et R en production depuis 2019.", {"Go", "R"}, set()),
    ("Experiencia con Go y R en producción.", {"Go", "R"}, set()),
    ("Programmiersprachen: Go und R", {"Go", "R"}, set()),
    ("Built the billing services in Go-lang.", {"Go"}, set()),
    ("Built the billing services in Golang.", {"Go"}, set()),
    ("Led our go-to-market and R&D budget reviews.", set(), {"Go", "R"}),
    ("Wrote Kuber\u00adnetes operators for the data team.", {"Kubernetes"}, set()),
    ("Deployed on GoogleCloudPlatform and AmazonWebServices.", {"Google Cloud", "AWS"}, set()),
    ("A github action to manage the release notes.", {"GitHub Actions"}, set()),
    ("Wrote JavaScript dashboards.", set(), {"GitHub Actions", "Go", "R"}),
]
FILLER = [
    "Jordan Example",
    "Summary",
    "Engineer who builds platforms for product teams, with a record of shipping work that lasts.",
    "Experience",
]


def _resume(tmp_path: Path, fmt: str, line: str) -> Path:
    lines = [*FILLER, line]
    if fmt == "txt":
        path = tmp_path / "resume.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path
    if fmt == "docx":
        return make_docx(tmp_path / "resume.docx", paragraphs=lines)
    if not DEJAVU.exists():
        pytest.skip("no DejaVu font for accented text in a generated PDF")
    return make_pdf(tmp_path / "resume.pdf", [lines], font=str(DEJAVU))


def _found(path: Path, profile: Profile) -> set[str]:
    [result] = check_file(path, [profile])
    assert result.error is None, result.error
    return {term.term.name for term in result.terms if term.status != "missing"}


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize(("line", "credited", "not_credited"), CASES, ids=[case[0][:40] for case in CASES])
def test_a_plain_profile_matches_as_carefully_as_a_bundled_one(
    tmp_path: Path, fmt: str, line: str, credited: set[str], not_credited: set[str]
) -> None:
    found = _found(_resume(tmp_path, fmt, line), plain_profile())
    assert credited <= found, f"{line!r} in {fmt}: {sorted(credited - found)} not credited"
    assert not (not_credited & found), f"{line!r} in {fmt}: {sorted(not_credited & found)} credited"


def test_a_word_hyphenated_across_a_line_break_in_word_is_one_word(tmp_path: Path) -> None:
    def build(document: object) -> None:
        paragraph = document.add_paragraph()  # type: ignore[attr-defined]
        paragraph.add_run("Wrote Kuber-").add_break()
        paragraph.add_run("netes operators for the data team.")

    path = make_docx(tmp_path / "resume.docx", build, paragraphs=FILLER)
    assert "Kubernetes" in _found(path, plain_profile())


def test_a_markdown_front_matter_is_read_as_the_page_shows_it(tmp_path: Path) -> None:
    """Jekyll and Hugo themes show front matter values (titles, certificates); keys, layout names, dates and
    search-engine keywords are not on the page."""
    front = (
        "---\n"
        'title: "Jordan Example - Kubernetes Platform Engineer"\n'
        "layout: resume\n"
        "keywords: [Golang, AWS]\n"
        "certifications:\n"
        '  - "Certified Kubernetes Administrator (CKA)"\n'
        "  - name: Linux Foundation Certified System Administrator\n"
        "    year: 2022\n"
        "---\n"
    )
    path = tmp_path / "resume.md"
    path.write_text(front + "\n".join(FILLER) + "\n- Built platforms.\n", encoding="utf-8")
    found = _found(path, plain_profile())
    assert "Kubernetes" in found
    assert not {"Go", "AWS", "Linux"} & found  # keywords are not shown; the Linux Foundation is no Linux
    toml = tmp_path / "hugo.md"
    toml.write_text('+++\ntitle = "Uses Terraform and AWS"\ndraft = false\n+++\n' + "\n".join(FILLER) + "\n")
    assert "AWS" in _found(toml, plain_profile())


def test_inheritance_can_be_switched_off_per_term(tmp_path: Path) -> None:
    path = _resume(tmp_path, "txt", "Certified by The Linux Foundation in 2021.")
    assert "Linux" in _found(path, plain_profile(inherit=False, category="Tools"))


def test_a_profiles_own_values_add_to_what_it_inherits() -> None:
    raw = {"name": "Kubernetes", "aliases": ["kube"], "not_in": ["Kubernetes the Hard Way"], "importance": "required"}
    [term] = parse_profile({"id": "p", "title": "P", "terms": [raw]}, "p.toml").terms
    assert term.aliases[0] == "kube" and "K8s" in term.aliases
    assert term.not_in == ("Kubernetes the Hard Way",) and term.category == "Containers & orchestration"
    known = inherited_of(term)
    assert known is not None and known.aliases == ("K8s",) and known.source == "Kubernetes"


def test_a_term_the_taxonomy_does_not_know_needs_its_skill_area() -> None:
    from atscheck.errors import UsageError

    with pytest.raises(UsageError, match="category"):
        parse_profile({"id": "p", "title": "P", "terms": [{"name": "Acme Widget Studio"}]}, "p.toml")


def test_profile_check_shows_what_each_term_inherited(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from atscheck.cli.profile import app

    mine = tmp_path / "mine.toml"
    mine.write_text(
        'id = "mine"\ntitle = "Mine"\n[[terms]]\nname = "Linux"\n[[terms]]\nname = "K8s"\n'
        '[[terms]]\nname = "Acme Widgets"\ncategory = "Tools"\n[[terms]]\nname = "Helm"\ninherit = false\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(mine)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  Linux: by name; not inside: Linux Foundation" in lines
    assert "  K8s: as 'Kubernetes'; spellings: Kubernetes" in lines
    assert "  Acme Widgets: not in the taxonomy: matched by what the profile writes only" in lines
    assert "  Helm: nothing (inherit = false): matched by what the profile writes only" in lines


def test_the_bundled_profiles_repeat_nothing_the_taxonomy_knows() -> None:
    """One place holds the knowledge of a term: the bundled roles name terms, the taxonomy knows them."""
    for role in bundled_ids():
        data = tomllib.loads((REPO / "profiles" / f"{role}.toml").read_text(encoding="utf-8"))
        for term in data["terms"]:
            assert not {"aliases", "not_in", "needs_context", "patterns", "case_sensitive"} & set(term), (role, term)
        assert all(inherited_of(term) is not None for term in load_role(role).terms), role


def test_a_saved_profile_writes_only_what_is_its_own(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "Senior MLOps Engineer\n\nRequirements\n- 5+ years with Kubernetes, Helm and Linux.\n"
        "- Deploying machine learning models to production with MLflow and Apache Spark.\n",
        encoding="utf-8",
    )
    derived = derive_profile(posting.name, posting.read_text(encoding="utf-8"))
    helm = next(term for term in derived.terms if term.name == "Helm")
    assert "chart" in helm.needs_context  # a posting's terms know what the taxonomy knows
    written = profile_toml(derived)
    assert "needs_context" not in written and "not_in" not in written and "K8s" not in written
    again = parse_profile(tomllib.loads(written), "again.toml")
    assert [replace(t, weight=0) for t in again.terms] == [replace(t, weight=0) for t in derived.terms]
    saved = tmp_path / "saved.toml"
    result = invoke(REPO / "examples" / "mlops-engineer-resume.md", "--jd", posting, "--save-profile", saved)
    assert result.exit_code in (0, 1), result.output
    assert "needs_context" not in saved.read_text(encoding="utf-8")
