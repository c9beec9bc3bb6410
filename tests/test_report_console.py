"""The console report a job seeker reads: short by default, complete with --full, one line with --quiet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, REPO, make_docx, make_pdf
from docx.shared import RGBColor

from atscheck import runner
from atscheck.model import Result
from atscheck.outcome import Run
from atscheck.report import ReportOptions, number
from atscheck.report import console as console_report
from atscheck.report.console import ConsoleFormat
from atscheck.request import Request
from atscheck.score import to_do

WIDTH = 80
MAX_LINES = 40


def render(results: list[Result], width: int = WIDTH, **options: bool) -> str:
    run = Run(results=tuple(results))
    return ConsoleFormat(ReportOptions(width=width, **options)).render(run)


def check(path: Path, role: str = "mlops-engineer", transition: bool = False) -> Result:
    request = Request(paths=(path,), roles=(role,), auto_transition=transition)
    return runner.run(request).results[0]


def cases(tmp_path: Path) -> dict[str, Result]:
    """The bundled example and generated resumes of the kinds a job seeker brings."""

    def hidden(document) -> None:
        for line in MLOPS_TEXT:
            document.add_paragraph(line)
        run = document.add_paragraph().add_run("Kubeflow Databricks OpenTelemetry Pulumi Ray")
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    weak = [*MLOPS_TEXT[:3], "Backend developer writing Java services.", "EXPERIENCE", "Developer, Beta | 2019 - 2023"]
    weak += ["- Built REST APIs in Java and Spring for a shop with many customers every single day."] * 4
    return {
        "example": check(REPO / "examples" / "mlops-engineer-resume.pdf"),
        "generated, K8s for Kubernetes": check(
            make_pdf(tmp_path / "generated.pdf", [[line.replace("Kubernetes", "K8s") for line in MLOPS_TEXT]])
        ),
        "weak, with a transition": check(make_pdf(tmp_path / "weak.pdf", [weak]), transition=True),
        "hidden text": check(make_docx(tmp_path / "hidden.docx", hidden)),
        "image only": check(make_pdf(tmp_path / "empty.pdf", [["Jordan Example"]])),
    }


def test_typical_reports_fit_in_40_lines_at_80_columns(tmp_path: Path) -> None:
    for name, result in cases(tmp_path).items():
        text = render([result])
        lines = text.splitlines()
        assert len(lines) <= MAX_LINES, (name, len(lines), text)
        assert all(len(line.rstrip()) <= WIDTH for line in lines), name
        assert lines[-1].startswith("More: --full"), name


def test_verdict_and_reason_come_first_and_gaps_are_listed_once(tmp_path: Path) -> None:
    result = cases(tmp_path)["example"]
    assert result.parts is not None and result.score is not None and result.passed
    required, preferred = result.parts.required, result.parts.preferred
    lines = render([result]).splitlines()
    # The file's name may wrap over two lines in a temporary folder: the verdict follows its blank line.
    lines = lines[lines.index("") + 1 :]
    assert lines[0].startswith(f"PASS  Score {number(result.score)} / 100  (pass mark {number(result.threshold)})")
    assert lines[1] == (
        f"An ATS search finds {required.found} of {required.total} required terms "
        f"and {preferred.found} of {preferred.total} preferred ones."
    )
    # A percentage beside counts says it is credit; the counts agree with the score parts.
    assert f"Credit: required {number(required.percent)}% · preferred {number(preferred.percent)}%" in lines[2]
    gap_lines = [line for line in lines if re.match(r"  [✗~] ", line)]
    assert 0 < len(gap_lines) <= console_report.MAX_GAPS
    items = to_do(result.terms)
    # Required first, heaviest first: the lines follow the to-do order.
    for gap, line in zip(items, gap_lines, strict=False):
        assert gap.lead.importance in line and (gap.terms[0].name in line or "any one of" in line)
    # An alias-only term is a quick fix, listed with what was written.
    aliased = render([cases(tmp_path)["generated, K8s for Kubernetes"]]).splitlines()
    assert any(line.startswith("  ~ Kubernetes") and "you wrote 'K8s'" in line for line in aliased)
    # A long group is shortened in its line and written in full once below.
    weak = cases(tmp_path)["weak, with a transition"]
    text = render([weak])
    items = to_do(weak.terms)
    groups = [gap for gap in items[: console_report.MAX_GAPS] if len(gap.terms) > 1]
    long = [g for g in groups if len(console_report._gap_item(g)) > console_report.GAP_LABEL_WIDTH]
    assert long, "the example's top gaps hold a long group"
    full = console_report._gap_item(long[0])
    assert f"[1] {full}" in text and text.count(long[0].terms[-1].name) == 1


def test_one_number_format(tmp_path: Path) -> None:
    result = cases(tmp_path)["example"]
    text = render([result])
    numbers = re.findall(r"(?<![\w.])\d+\.\d+(?![\w.])", text)
    assert numbers and all(len(n.split(".")[1]) == 1 for n in numbers)
    assert f"(pass mark {number(result.threshold)})" in text and f"pass mark {result.threshold:g})" not in text


def test_blockers_come_before_terms_and_unreadable_text_skips_them(tmp_path: Path) -> None:
    empty = cases(tmp_path)["image only"]
    text = render([empty])
    assert "Blocks an ATS:" in text and "almost no text" in text
    assert "Term results are left out" in text
    assert "to fix (required first" not in text and "Credit earned" not in text
    hidden = render([cases(tmp_path)["hidden text"]])
    assert hidden.index("Blocks an ATS:") < hidden.index("to fix (required first")
    assert hidden.count("invisible") == 1  # the blocker is not listed again among the other findings


def test_full_prints_every_table(tmp_path: Path) -> None:
    result = cases(tmp_path)["example"]
    full = render([result], full=True)
    for heading in ("Coverage by skill area", "Missing terms (required first)", "Credit"):
        assert heading in full
    assert len(full.splitlines()) > len(render([result]).splitlines())


def test_quiet_is_one_line_per_result(tmp_path: Path) -> None:
    results = list(cases(tmp_path).values())
    lines = render(results, quiet=True).splitlines()
    assert len(lines) == len(results)
    example = results[0]
    assert example.score is not None
    assert lines[0].startswith(f"PASS {number(example.score)}/100 (pass mark {number(example.threshold)})  ")
    assert any(line.startswith("FAIL ") and line.endswith("[no text]") for line in lines)
    assert any("[hidden text]" in line for line in lines)


@pytest.mark.parametrize("width", [80, 120])
def test_ranking_tells_files_apart_and_flags_at_80_columns(tmp_path: Path, width: int) -> None:
    deep = tmp_path / "applicants" / "2026" / "engineering-candidates-with-a-long-folder-name"
    deep.mkdir(parents=True)
    same_start = "candidate-submitted-resume-for-the-mlops-engineer-role"
    results = [
        check(make_pdf(deep / f"{same_start}-alice.pdf", [MLOPS_TEXT])),
        check(make_pdf(deep / f"{same_start}-bob.pdf", [MLOPS_TEXT[:8]])),
        check(make_pdf(deep / f"{same_start}-carol.pdf", [["Carol"]])),
    ]
    lines = render(results, width=width).splitlines()
    assert all(len(line.rstrip()) <= width for line in lines)
    rows = [line for line in lines if re.match(r"\s*\d+ .*\.pdf", line)]
    assert len(rows) == 3
    assert [next(n for n in ("alice", "bob", "carol") if n in row) for row in rows] == ["alice", "bob", "carol"]
    header = next(line for line in lines if "File" in line)
    assert all(flag in header for flag in ("no text", "stuffing", "hidden"))
    assert "yes" in rows[2]  # carol's file has no text


def test_a_keyword_wall_does_not_outrank_an_honest_resume(tmp_path: Path) -> None:
    from atscheck.profiles import load_role

    wall = ", ".join(t.name for t in load_role("mlops-engineer").terms if t.kind != "certification")
    stuffed = [*MLOPS_TEXT[:3], "Engineer.", "SKILLS", *(wall[i : i + 90] for i in range(0, len(wall), 90))]
    honest = MLOPS_TEXT[:6] + MLOPS_TEXT[10:]  # a real resume with fewer of the role's terms than the wall
    results = [
        check(make_pdf(tmp_path / "honest.pdf", [honest])),
        check(make_pdf(tmp_path / "stuffed.pdf", [stuffed])),
    ]
    assert (results[1].score or 0) > (results[0].score or 0)  # the wall scores higher...
    lines = render(results).splitlines()
    rows = [line for line in lines if re.match(r"\s*\d+ .*\.pdf", line)]
    assert "honest.pdf" in rows[0] and "stuffed.pdf" in rows[1]  # ...but ranks below the honest resume
    assert "Ranked" in next(line for line in lines if "File" in line)
    assert rows[1].split()[-3:] == ["·", "yes", "·"]  # flags: no text, stuffing, hidden text


def test_icon_glyphs_of_a_real_template_are_reported_once() -> None:
    from conftest import shared_file

    result = check(shared_file("corpus", "moderncv-classic.pdf"))
    text = render([result])
    about_icons = [line for line in text.splitlines() if re.search(r"garbage|unknown characters|[Ii]cons", line)]
    assert len(about_icons) == 1, about_icons
    assert text.count("Lorem ipsum") == 1  # one placeholder, one finding
