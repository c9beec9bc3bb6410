"""atscheck as a library: one request object, the pipeline deciding what the command line used to, sources of
every kind, and output formats behind one registry."""

from __future__ import annotations

import datetime
import json
import logging
import pickle
import subprocess
import sys
import types
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, REPO, invoke, make_pdf, one_page_pdf, raw_pdf, stream

import atscheck
from atscheck import core, report, runner
from atscheck.cli import config
from atscheck.errors import UsageError
from atscheck.model import ErrorInfo, Result
from atscheck.outcome import Run
from atscheck.profiles import bundled_ids, load_role
from atscheck.request import Request

EXAMPLE = REPO / "examples" / "mlops-engineer-resume.pdf"


@pytest.fixture(scope="module")
def resume(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pdf(tmp_path_factory.mktemp("library") / "resume.pdf", [MLOPS_TEXT])


def test_a_plain_string_path_a_path_and_bytes_with_a_name_give_the_same_result(resume: Path) -> None:
    by_str = atscheck.check(str(resume), roles="mlops-engineer")
    by_path = atscheck.check(resume, roles=["mlops-engineer"])
    by_bytes = atscheck.check(resume.read_bytes(), roles="mlops-engineer", name=str(resume))
    assert by_str[0].error is None and by_str[0].score is not None and by_str[0].score > 45
    assert by_str == by_path == by_bytes


def test_check_file_takes_a_string_path(resume: Path) -> None:
    [result] = core.check_file(str(resume), [load_role("mlops-engineer")])
    assert result.error is None and result.file == str(resume)


def test_a_missing_file_is_an_error_result_not_an_exception(tmp_path: Path) -> None:
    [result] = atscheck.check(str(tmp_path / "nope.pdf"))
    assert result.error is not None and result.error.code == "missing" and result.score is None


@pytest.mark.parametrize("source", [42, None, ["resume.pdf"]])
def test_a_source_of_the_wrong_type_raises(source: object) -> None:
    with pytest.raises(TypeError, match=r"path .* or bytes"):
        atscheck.check(source)  # type: ignore[arg-type]


def test_bytes_without_a_name_raise(resume: Path) -> None:
    with pytest.raises(TypeError, match="name"):
        atscheck.check(resume.read_bytes())


@pytest.mark.parametrize(
    "request_", [Request(roles=("no-such-role",)), Request(from_role="nope"), Request(skip_checks=("nope",))]
)
def test_an_unknown_name_in_the_request_raises_a_value_error(resume: Path, request_: Request) -> None:
    with pytest.raises(ValueError):
        atscheck.check(resume, request=request_)


def test_the_pipeline_expands_all_roles_and_picks_the_default() -> None:
    assert [p.id for p in runner.profiles_for(Request(roles=("all",)))] == bundled_ids()
    assert [p.id for p in runner.profiles_for(Request())] == ["mlops-engineer"]
    both = runner.profiles_for(Request(roles=("all", "mlops-engineer")))
    assert len(both) == len(bundled_ids())  # each role once


def test_the_pipeline_merges_postings_into_the_roles(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "Senior Data Engineer\n\nAbout the role\nYou will build the data platform our analysts rely on every day.\n\n"
        "Requirements\n- 5+ years building pipelines with Apache Kafka, Apache Spark and dbt\n"
        "- Strong SQL and Python; experience with Snowflake or BigQuery\n"
    )
    alone = runner.profiles_for(Request(postings=(str(posting),)))
    assert [p.id for p in alone] == ["jd:posting.txt"]
    merged = runner.profiles_for(Request(roles=("data-engineer", "devops-engineer"), postings=(str(posting),)))
    assert [p.id for p in merged] == ["data-engineer+jd:posting.txt", "devops-engineer+jd:posting.txt"]
    assert all(p.posting is not None for p in merged)


def test_run_decides_transitions_one_file_gets_one_a_batch_does_not(tmp_path: Path) -> None:
    weak_text = [*MLOPS_TEXT[:2], "EXPERIENCE", "DevOps engineer running Docker, Jenkins and Ansible. " * 5]
    weak = make_pdf(tmp_path / "weak.pdf", [weak_text])
    single = runner.run(Request(paths=(weak,), roles=("mlops-engineer",)))
    assert single.results[0].transition is not None and single.results[0].transition.detected
    batch = runner.run(Request(paths=(weak, EXAMPLE), roles=("mlops-engineer",), jobs=1))
    assert all(r.transition is None for r in batch.results)


def test_request_merge_keeps_what_is_not_given_and_reaches_into_limits() -> None:
    base = Request(min_score=50, roles=("mlops-engineer",))
    merged = base.merged({"min_score": None, "roles": ("data-engineer",), "max_pages": 3})
    assert merged.min_score == 50 and merged.roles == ("data-engineer",)
    assert merged.limits.max_pages == 3 and merged.limits.max_chars == Request().limits.max_chars


def test_config_values_flow_into_the_request(tmp_path: Path) -> None:
    (tmp_path / ".atscheck.toml").write_text('min-score = 70\nmax-file-size = 2\nformat = "csv"\n')
    found = config.discover(tmp_path)
    request = found.apply(Request())
    assert request.min_score == 70 and found.values["format"] == "csv" and request.limits.max_bytes == 2 * 1024 * 1024


def test_the_format_choices_come_from_the_registry(
    resume: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert f"Report format: {', '.join(report.FORMATS)}." in " ".join(invoke("--help").stdout.split())
    monkeypatch.setitem(report.FORMATS, "plain", report.FormatEntry("atscheck.report.csv:CsvFormat"))
    plain = invoke(resume, "--format", "plain")
    assert plain.stdout == invoke(resume, "--format", "csv").stdout, plain.output
    (tmp_path / ".atscheck.toml").write_text('format = "plain"\n')
    assert config.discover(tmp_path).values["format"] == "plain"
    (tmp_path / ".atscheck.toml").write_text('format = "yaml"\n')
    with pytest.raises(UsageError, match="plain"):
        config.discover(tmp_path)
    assert f"use one of {', '.join(report.FORMATS)}." in invoke(resume, "--format", "yaml").output


@pytest.mark.parametrize("name", list(report.FORMATS))
def test_every_registered_format_renders_a_run_as_the_cli_prints_it(resume: Path, name: str) -> None:
    # A format that shows the extracted text needs the documents kept, as the CLI asks for it.
    run = runner.run(Request(paths=(resume,), keep_documents=report.needs_documents(name)))
    text = report.get_format(name).render(run)
    assert text == invoke(resume, "--format", name, "--no-color").stdout


def test_an_unknown_format_raises() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        report.get_format("yaml")


def _result(file: str, role: str, score: float | None) -> Result:
    profile = load_role(role)
    error = ErrorInfo("corrupt", "broken") if score is None else None
    return Result(file=file, profile=profile, threshold=50, score=score, error=error)


def test_the_run_ranks_once_per_role_and_lists_unreadable_files_last() -> None:
    run = Run(
        results=(
            _result("a.pdf", "mlops-engineer", 40),
            _result("b.pdf", "mlops-engineer", None),
            _result("c.pdf", "mlops-engineer", 80),
            _result("a.pdf", "data-engineer", 70),
        )
    )
    assert [(row.rank, row.result.file, row.result.profile.id) for row in run.ranking] == [  # type: ignore[union-attr]
        (1, "c.pdf", "mlops-engineer"),
        (2, "a.pdf", "mlops-engineer"),
        (None, "b.pdf", "mlops-engineer"),
        (1, "a.pdf", "data-engineer"),
    ]
    assert run.ranking is run.ranking  # computed once
    assert run.summary.errors == 1 and run.summary.passed == 2 and run.exit_code() == 3


def test_best_fit_orders_one_files_roles_by_score() -> None:
    run = Run(results=(_result("a.pdf", "mlops-engineer", 40), _result("a.pdf", "data-engineer", 70)))
    assert [r.profile.id for r in run.best_fit] == ["data-engineer", "mlops-engineer"]  # type: ignore[union-attr]


def test_json_output_is_one_document_for_a_run(resume: Path) -> None:
    document = json.loads(report.get_format("json").render(runner.run(Request(paths=(resume, EXAMPLE), jobs=1))))
    assert document["schema_version"] == 1 and len(document["results"]) == 2


def test_an_unexpected_failure_is_an_internal_error_result_with_the_traceback_kept(
    resume: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(path: Path, limits: object) -> None:
        raise KeyError("a parser bug")

    monkeypatch.setattr(core, "read_document", broken)
    with caplog.at_level(logging.ERROR, logger="atscheck"):
        [result] = atscheck.check(resume)
    assert result.error is not None and result.error.code == "internal" and "KeyError" in result.error.message
    assert result.error.debug is not None and "Traceback" in result.error.debug and "a parser bug" in result.error.debug
    assert "Traceback" not in result.error.message and "debug" not in json.dumps(atscheck.to_dict(result))
    # Logged with the traceback: as an exception in this process, or as text when a child process read the file.
    [record] = caplog.records
    assert str(resume) in record.getMessage()
    assert record.exc_info is not None or "a parser bug" in record.getMessage()
    cli_run = invoke(resume, "--format", "json")
    assert cli_run.exit_code == 3 and "Traceback" not in cli_run.output  # logged, never printed by default


def test_the_library_logger_prints_nothing_unless_the_application_configures_logging(resume: Path) -> None:
    code = (
        "import atscheck, atscheck.core as core\n"
        "core.read_document = lambda path, limits: 1 / 0\n"
        f"[r] = atscheck.check({str(resume)!r})\n"
        "print(r.error.code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.stdout.strip() == "internal" and done.stderr == ""


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"roles": "mlops-engineer"}, TypeError),
        ({"paths": ["resume.pdf"]}, TypeError),
        ({"limits": {"max_pages": 3}}, TypeError),
        ({"min_score": 101}, ValueError),
        ({"jobs": 0}, ValueError),
        ({"timeout": 0}, ValueError),
    ],
)
def test_a_request_built_wrongly_raises_at_once(changes: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        Request(**changes)  # type: ignore[arg-type]


def test_a_result_refers_to_its_profile_by_id_and_pickles_small() -> None:
    [result] = atscheck.check(EXAMPLE, roles="mlops-engineer")
    assert result.document is None and result.role == "mlops-engineer"
    assert result.profile == load_role("mlops-engineer").ref
    data = pickle.dumps(result)
    assert len(data) <= 12 * 1024, len(data)
    assert pickle.loads(data) == result
    [kept] = atscheck.check(EXAMPLE, request=Request(keep_documents=True))
    assert kept.document is not None and kept.document.text


def test_to_dict_is_one_result_of_the_json_report(resume: Path) -> None:
    [result] = atscheck.check(resume)
    cli = json.loads(invoke(resume, "--format", "json").stdout)
    assert atscheck.to_dict(result) == cli["results"][0]


def test_output_does_not_depend_on_the_day_the_run_is_made(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "MLOps Engineer\n\nRequirements\n- 3+ years deploying machine learning models with Kubernetes and MLflow\n"
        "- Python, Docker, Terraform and a cloud platform such as AWS\n"
    )
    [in_2024] = atscheck.check(EXAMPLE, jd=str(posting), request=Request(today=datetime.date(2024, 6, 1)))
    [in_2030] = atscheck.check(EXAMPLE, jd=str(posting), request=Request(today=datetime.date(2030, 6, 1)))
    assert in_2024.posting is not None and in_2030.posting is not None
    assert in_2030.posting.years_found == in_2024.posting.years_found + 6  # type: ignore[operator]
    again = atscheck.check(EXAMPLE, jd=str(posting), request=Request(today=datetime.date(2024, 6, 1)))
    assert again == [in_2024]


def test_import_and_version_stay_light() -> None:
    heavy = ("spacy", "pdfminer", "docx", "rapidfuzz", "rich", "typer", "spacy_lookups_data")
    code = f"import sys, atscheck; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
    code = (
        "import sys\nfrom atscheck.cli import app\ntry:\n    app(['--version'])\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {heavy[:4]!r} if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.stdout.strip().endswith("[]"), done.stdout + done.stderr


def test_lemma_tables_are_package_data() -> None:
    # atscheck ships the lemma tables it reads (atscheck/data/lemmas/): matching needs neither spaCy nor
    # spacy-lookups-data, even where they are installed (they are made unimportable here).
    code = (
        "import sys\nsys.modules['spacy'] = sys.modules['spacy_lookups_data'] = None\n"
        "from atscheck.match import english_words, is_english, lemmas\n"
        "print(len(lemmas()), len(english_words()), lemmas()['pipelines'], is_english('automating'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.stdout.split() == ["41582", "86980", "pipeline", "True"], done.stdout + done.stderr


def test_every_public_name_resolves() -> None:
    for name in atscheck.__all__:  # the modules are imported by now: no submodule shadows a public name
        assert not isinstance(getattr(atscheck, name), types.ModuleType), name
    with pytest.raises(AttributeError):
        atscheck.no_such_name  # noqa: B018


def _pdf_bomb(path: Path, megabytes: int) -> Path:
    packed = zlib.compress(b"\0" * (megabytes << 20), 9)
    path.write_bytes(raw_pdf(one_page_pdf(stream(packed, "/Filter /FlateDecode"))))
    return path


def test_eight_threads_reading_good_and_hostile_pdfs_each_get_their_own_answer(tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "good.pdf", [MLOPS_TEXT])
    bomb = _pdf_bomb(tmp_path / "bomb.pdf", 300)
    profiles = [load_role("mlops-engineer")]
    [expected] = core.check_file(good, profiles)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda path: core.check_file(path, profiles)[0], [good, bomb] * 16))
    assert all(r == expected for r in results[::2])  # no good file refused, every one scored alike
    assert all(r.error is not None and r.error.code == "too-large" for r in results[1::2])
