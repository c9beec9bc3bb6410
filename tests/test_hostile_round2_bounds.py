"""Issue 30, items 5 and 6: Word files that asked for unbounded work, and the bounds every file read alone now
has (a resume checked alone, a --jd posting, a library call), as a batch worker has them.

The work is asserted as what was done (cells visited, the text read, the limits hit), never as elapsed time.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, invoke, make_docx, make_pdf

import atscheck
import atscheck.core
from atscheck.extract import Limits, extract
from atscheck.extract import isolated as isolation
from atscheck.extract.docx import document as reader
from atscheck.profiles.patterns import parse_concept

forking = pytest.mark.skipif(not isolation.CAN_FORK, reason="files are read apart only where processes fork")


def _with_body(tmp_path: Path, name: str, body: str) -> Path:
    """A Word file (python-docx's template) whose body is `body`, written by hand."""
    template = make_docx(tmp_path / f"template-{name}")
    with zipfile.ZipFile(template) as archive:
        members = {member: archive.read(member) for member in archive.namelist()}
    document = members["word/document.xml"].decode()
    start, end = document.index("<w:body>") + len("<w:body>"), document.index("<w:sectPr")
    members["word/document.xml"] = (document[:start] + body + document[end:]).encode()
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def _nested(depth: int, inner: str) -> str:
    """`inner` in a cell of a table in a cell of a table ... `depth` tables deep."""
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl><w:p/>"
    return inner


def _count_paragraphs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many paragraphs the Word reader reads (in this process)."""
    visits = [0]
    original = reader._Reader.paragraph

    def counting(self: object, *args: object) -> None:
        visits[0] += 1
        original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(reader._Reader, "paragraph", counting)
    return visits


# --- Item 5: nested tables are read once --------------------------------------------------------------------


def test_a_skills_table_inside_a_two_column_layout_counts_each_skill_once(tmp_path: Path) -> None:
    """The common template: a two-column layout table whose right cell holds a skills table."""

    def build(document: object) -> None:
        layout = document.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
        layout.cell(0, 0).text = "EXPERIENCE\nSenior MLOps Engineer, Acme Corp | 2021 - Present"
        skills = layout.cell(0, 1).add_table(rows=5, cols=1)
        lines = [
            "Kubernetes cluster operations",
            "Kubernetes networking and ingress",
            "Helm charts for Kubernetes",
            "Kubernetes on Amazon EKS",
            "Kubernetes security with Terraform",
        ]
        for row, line in enumerate(lines):
            skills.cell(row, 0).text = line

    path = make_docx(tmp_path / "two-column.docx", build, MLOPS_TEXT[:3])
    document = extract(path)
    assert document.text.count("Kubernetes") == 5 and document.text.count("Helm charts") == 1  # was 10 and 2
    [result] = atscheck.check(path)
    assert next(t.count for t in result.terms if t.term.name == "Kubernetes") == 5
    assert "keyword-stuffing" not in {c.id for c in result.checks}  # the block read twice looked pasted twice


@pytest.mark.parametrize("depth", [2, 20, 30])
def test_tables_nested_deep_are_read_once(depth: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _with_body(tmp_path, f"nested{depth}.docx", _nested(depth, "<w:p><w:r><w:t>Kubernetes</w:t></w:r></w:p>"))
    visits = _count_paragraphs(monkeypatch)
    document = extract(path)
    assert document.text == "Kubernetes"
    assert visits[0] == depth + 1  # the word's paragraph and the empty one after each table: each read once


def test_text_boxes_inside_text_boxes_are_read_once(tmp_path: Path) -> None:
    box = "<w:p><w:r><w:t>Kubernetes</w:t></w:r></w:p>"
    for _ in range(12):
        box = (
            f"<w:p><w:r><w:drawing><wps:wsp><wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx>"
            "</wps:wsp></w:drawing></w:r></w:p>"
        )
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    body = box.replace("<w:p>", f'<w:p xmlns:wps="{wps}">', 1)
    assert extract(_with_body(tmp_path, "boxes.docx", body)).text == "Kubernetes"


def test_a_posting_and_a_library_call_with_tables_30_deep_return(tmp_path: Path) -> None:
    lines = [
        "Senior MLOps Engineer",
        "Acme Robotics builds warehouse robots and the platform that trains their models.",
        "Requirements",
        "- 5+ years of experience with Python and Kubernetes in production.",
        "- Infrastructure as Code with Terraform for every team we support.",
    ]
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    posting = _with_body(tmp_path, "posting.docx", _nested(30, paragraphs))
    resume = make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT])
    [result] = atscheck.check(resume, jd=str(posting))
    assert result.error is None and result.posting is not None
    assert {"Python", "Kubernetes", "Terraform"} <= {t.term.name for t in result.terms}
    cli = invoke(resume, "--jd", posting, "--format", "json")
    assert cli.exit_code in (0, 1) and json.loads(cli.stdout)["results"][0]["error"] is None


# --- Item 6, at the root: what a Word file may ask of the reader ---------------------------------------------

_ALTERNATING = "<w:r><w:rPr><w:b/></w:rPr><w:t>Kubernetes </w:t></w:r><w:r><w:t>Docker </w:t></w:r>"


def test_xml_that_unpacks_past_the_limit_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """42 MB of alternating runs from a 180 KB file (was 1.3 GB of memory, and 3.1 GB for a larger one)."""
    path = _with_body(tmp_path, "alternating.docx", "<w:p>" + _ALTERNATING * 500_000 + "</w:p>")
    assert path.stat().st_size < 300_000
    cli = invoke(path, "--format", "json")
    assert cli.exit_code == 3
    error = json.loads(cli.stdout)["results"][0]["error"]
    assert error["code"] == "too-large" and "word/document.xml unpacks to 40 MB of XML" in error["message"]


def test_a_million_empty_paragraphs_are_refused_by_their_count(tmp_path: Path) -> None:
    path = _with_body(tmp_path, "empty.docx", "<w:p/>" * 600_000)  # 3.6 MB of XML: under the size limit
    [result] = atscheck.check(path)
    assert result.error is not None and result.error.code == "too-large"
    assert re.search(r"made of 6\d\d,\d\d\d pieces", result.error.message)  # the paragraphs, and the styles


def test_runs_past_the_character_limit_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One paragraph of 60,000 alternating runs (a million characters): the reader stops at the character
    limit, and joins runs of one look in one pass (joining them two at a time took minutes)."""
    path = _with_body(tmp_path, "runs.docx", "<w:p>" + _ALTERNATING * 60_000 + "</w:p>")
    looks = [0]
    original = reader._Reader.look

    def counting(self: object, *args: object) -> object:
        looks[0] += 1
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(reader._Reader, "look", counting)
    limits = Limits(max_chars=20_000)
    document = extract(path, limits)
    assert len(document.text) == 20_000 and any("Only the first 20,000 characters" in w for w in document.warnings)
    assert looks[0] < 20_000 // len("Docker ")  # runs looked at: only those up to the limit


def test_runs_of_one_look_become_one_span(tmp_path: Path) -> None:
    path = _with_body(tmp_path, "same.docx", "<w:p>" + "<w:r><w:t>Kubernetes </w:t></w:r>" * 10_000 + "</w:p>")
    document = extract(path, Limits(max_chars=1_000_000))
    assert len(document.spans) == 1 and document.text.count("Kubernetes") == 10_000


# --- Item 6: one file read alone is bounded as a batch worker is ---------------------------------------------


def _allocating(*args: object) -> object:
    """A reader that allocates without end, as a parser fed a bomb does (in the forked child only)."""
    hoard = []
    while True:
        hoard.append(bytearray(64 << 20))


@forking
def test_a_single_file_that_exhausts_memory_is_one_error_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resume = make_docx(tmp_path / "resume.docx", paragraphs=MLOPS_TEXT)
    monkeypatch.setattr(atscheck.core, "read_document", _allocating)  # the forked child inherits it
    cli = invoke(resume, "--format", "json")
    assert cli.exit_code == 3
    [row] = json.loads(cli.stdout)["results"]
    assert row["error"]["code"] == "too-large" and "far more memory than any resume" in row["error"]["message"]
    console = invoke(resume, "--no-color")
    assert "far more memory" in console.stdout and "Traceback" not in console.output


@forking
def test_a_library_call_that_exhausts_memory_is_an_error_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    resume = make_docx(tmp_path / "resume.docx", paragraphs=MLOPS_TEXT)
    monkeypatch.setattr(atscheck.core, "read_document_bytes", _allocating)
    [result] = atscheck.check(resume.read_bytes(), name="resume.docx")
    assert result.error is not None and result.error.code == "too-large" and result.file == "resume.docx"


@forking
def test_a_library_call_that_hangs_ends_at_its_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    def hang(path: object, limits: object = None) -> object:
        threading.Event().wait()  # for ever: only killing the child ends it
        raise AssertionError("the child should have been killed")

    resume = make_docx(tmp_path / "resume.docx", paragraphs=MLOPS_TEXT)
    monkeypatch.setattr(atscheck.core, "read_document", hang)
    [result] = atscheck.check(resume, request=atscheck.Request(timeout=1.0))
    assert result.error is not None and result.error.code == "timeout"


@forking
def test_a_posting_that_exhausts_memory_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resume = make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT])
    posting = make_docx(tmp_path / "posting.docx", paragraphs=MLOPS_TEXT)
    monkeypatch.setattr(isolation, "extract", _allocating)
    cli = invoke(resume, "--jd", posting)
    assert cli.exit_code == 2 and "Traceback" not in cli.output
    assert "The job posting" in cli.output and "far more memory than any resume" in cli.output


@forking
def test_a_posting_whose_reader_hangs_ends_at_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    def hang(path: object, limits: object = None) -> object:
        threading.Event().wait()
        raise AssertionError("the child should have been killed")

    monkeypatch.setattr(isolation, "extract", hang)
    with pytest.raises(atscheck.InputError) as error:
        isolation.extract_isolated(make_docx(tmp_path / "posting.docx", paragraphs=MLOPS_TEXT), timeout=1.0)
    assert error.value.code == "timeout" and "longer than 1 second" in error.value.message


def test_a_posting_bomb_is_refused_with_what_it_is(tmp_path: Path) -> None:
    resume = make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT])
    posting = _with_body(tmp_path, "posting.docx", "<w:p>" + _ALTERNATING * 500_000 + "</w:p>")
    cli = invoke(resume, "--jd", posting)
    assert cli.exit_code == 2 and "Traceback" not in cli.output
    assert "The job posting" in cli.output and "unpacks to 40 MB of XML" in cli.output


@forking
@pytest.mark.parametrize(("mapped", "limit"), [(100 << 20, isolation.ADDRESS_SPACE), (5 << 30, (5 << 30) + (1 << 30))])
def test_a_child_may_map_2_gb_or_1_gb_more_than_its_parent(
    mapped: int, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library caller may map gigabytes already (models, data frames): its child keeps HEADROOM to work."""
    import resource

    monkeypatch.setattr(isolation, "_mapped", lambda: mapped)  # what the forked child finds it maps
    found = isolation.run_in_child(lambda: str(resource.getrlimit(resource.RLIMIT_AS)[0]).encode(), 30.0)
    assert int(found or b"0") == limit


@forking
def test_a_child_reading_one_file_does_not_fork_again() -> None:
    """A worker or a child is bounded already: it reads a posting or a file itself."""
    assert isolation.run_in_child(lambda: str(isolation.bounded()).encode(), 30.0) == b"True"
    assert not isolation.bounded()


# --- Item 8: concept patterns with many gaps -----------------------------------------------------------------


def _hostile_profile(tmp_path: Path, pattern: str) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(
        f'id = "hostile"\ntitle = "Hostile"\n[[terms]]\nname = "alpha"\ncategory = "Tools"\npatterns = ["{pattern}"]\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        (" ... ".join(["a"] * 11), "it has 10 gaps ('...'), at most 3 are allowed"),
        (" ".join(["a"] * 40), "it has 40 words, at most 6 are allowed"),
        ("|".join(["a"] * 50) + " ... model", "at most 20 alternatives"),
    ],
)
def test_a_profile_whose_patterns_ask_too_much_is_refused_by_name(pattern: str, says: str, tmp_path: Path) -> None:
    """Each gap multiplied the matcher's work by 9 (5 gaps over 300 words: 16 s; 10 never ended)."""
    profile = _hostile_profile(tmp_path, pattern)
    resume = tmp_path / "resume.txt"
    resume.write_text("\n".join(MLOPS_TEXT), encoding="utf-8")
    cli = invoke(resume, "--profile", profile)
    assert cli.exit_code == 2 and "Traceback" not in cli.output
    assert f"Profile {profile}" in cli.output and "term #1 ('alpha')" in cli.output and says in cli.output


def test_the_longest_patterns_allowed_cost_work_in_proportion_to_the_text() -> None:
    """Every word the same and every gap allowed: the places tried grow with the text times the pattern's
    steps, never with the ways to fill the gaps (the old matcher tried 9 per gap per place)."""
    from atscheck import match

    concept = tuple(frozenset({"a"}) if step else None for step in parse_concept("a ... a ... a ... a a a"))
    for words in (100, 1_000, 10_000):
        budget = match._Budget(10**9)
        spans = list(match._concept_spans(concept, ["a"] * words, [words] * words, budget))
        work = 10**9 - budget.left
        assert work <= words * len(concept) * (3 * (match._GAP + 1) + 1)  # places a start can reach, per step
        assert spans[0] == (0, 30) and len(spans) == words - 5  # the longest run from each start that fits


def test_a_hostile_profile_on_a_long_text_stops_at_the_work_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within the limits, a profile can still ask for work on every word of a 200,000-character text: all its
    patterns together stop at MAX_CONCEPT_WORK places (a real resume needs a few thousand)."""
    from atscheck import match
    from atscheck.profiles import load_profile

    budgets: list[match._Budget] = []

    class Recorded(match._Budget):
        def __init__(self, work: int) -> None:
            super().__init__(work)
            budgets.append(self)

    monkeypatch.setattr(match, "_Budget", Recorded)
    profile = _hostile_profile(tmp_path, "a ... a ... a ... a a a")
    resume = tmp_path / "resume.txt"
    resume.write_text("\n".join(MLOPS_TEXT) + "\n" + "a " * 99_000, encoding="utf-8")
    [result] = atscheck.check_file(resume, [load_profile(profile)])  # in this process, to see its budget
    assert result.error is None
    [budget] = budgets
    assert -64 <= budget.left <= 0  # the limit reached, passed by at most the places of one step


# --- Found on the way: one line pasted thousands of times -----------------------------------------------------


def test_one_line_repeated_thousands_of_times_is_one_pasted_copy(tmp_path: Path) -> None:
    """The pasted-block search followed every repeat to the end of the text and counted the terms of each by
    looking at every occurrence: 9,000 lines of 'Kubernetes Docker Helm' (207 KB) ran past the 60 s limit.
    Each copy is now followed once and its terms counted by bisection: the same warning, in one pass."""
    resume = tmp_path / "resume.txt"
    resume.write_text("\n".join(MLOPS_TEXT) + "\n" + "Kubernetes Docker Helm\n" * 3_000, encoding="utf-8")
    [result] = atscheck.check_file(resume, [atscheck.load_role("mlops-engineer")])
    [finding] = [c for c in result.checks if c.id == "keyword-stuffing"]
    assert "lines stand twice" in finding.message
