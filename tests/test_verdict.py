"""The verdict a person acts on (issue 27), on resumes built here as plain text, Word and generated PDF: a
practitioner passes, a tool shows its concept for half credit, a sibling certificate is neither credited nor
claimed, a blank page or a note never blocks, `--role all` passes on the best fit, and the short report puts
what blocks an ATS first."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import REPO, invoke, make_docx, make_pdf, png_bytes, write_resume

import atscheck
from atscheck.model import Result, TermResult
from atscheck.outcome import Run
from atscheck.report import term_fix
from atscheck.request import Request
from atscheck.score import CREDIT

FORMATS = ("txt", "docx", "pdf")

# The working ML engineer of the issue, in his own words: in the role since 2021, no "MLOps" keyword list.
ML_ENGINEER = [
    "Sam Rivera",
    "sam.rivera@example.com | (415) 555-0199 | linkedin.com/in/samrivera",
    "SUMMARY",
    "Machine Learning Engineer who takes models from notebook to production.",
    "EXPERIENCE",
    "Machine Learning Engineer, Northwind Analytics | Mar 2021 - Present",
    "- Created a monitoring and alerting system for production-deployed machine learning models.",
    "- Engineered an end-to-end CI/CD pipeline with GitHub Actions, automatically deploying machine learning "
    "models to Kubernetes.",
    "- Built training pipelines in Python with Airflow and tracked experiments in MLflow.",
    "Data Scientist, Contoso Retail | Jun 2018 - Feb 2021",
    "- Trained demand forecasting models with scikit-learn and served them behind a REST API.",
    "EDUCATION",
    "B.S. Computer Science, State University | 2014 - 2018",
    "SKILLS",
    "Python, SQL, AWS, Docker, Airflow, MLflow, Kubernetes, scikit-learn, PyTorch, Git",
]

# Someone outside technology: no role of the bundled family should pass or come near it.
CHEF = [
    "Alex Moreau",
    "alex.moreau@example.com | (212) 555-0142",
    "SUMMARY",
    "Head chef with ten years in busy kitchens.",
    "EXPERIENCE",
    "Head Chef, Harbor Bistro | 2018 - Present",
    "- Planned seasonal menus and ran a team of twelve cooks.",
    "- Cut food waste by 30% with weekly stock counts.",
    "EDUCATION",
    "Culinary Arts Diploma, City College | 2014 - 2016",
    "SKILLS",
    "Menu planning, food safety, team leadership, inventory",
]


def one(path: Path, role: str = "mlops-engineer") -> Result:
    [result] = atscheck.check(path, role)
    return result


def term(result: Result, name: str) -> TermResult:
    return next(t for t in result.terms if t.term.name == name)


@pytest.mark.parametrize("kind", FORMATS)
def test_a_working_ml_engineer_passes_mlops(tmp_path: Path, kind: str) -> None:
    result = one(write_resume(tmp_path, ML_ENGINEER, kind))
    assert result.passed, (result.score, result.threshold)
    assert 50 <= result.threshold <= 80
    assert term(result, "model monitoring").status != "missing"  # "monitoring ... for production-deployed models"


@pytest.mark.parametrize("kind", FORMATS)
def test_someone_outside_technology_scores_under_twenty_on_every_role(tmp_path: Path, kind: str) -> None:
    results = atscheck.check(write_resume(tmp_path, CHEF, kind), "all")
    assert len(results) >= 5
    assert all(r.score is not None and r.score < 20 and not r.passed for r in results), [r.score for r in results]


@pytest.mark.parametrize("kind", FORMATS)
def test_tools_show_their_concept_for_half_credit_and_the_fix_cites_them(tmp_path: Path, kind: str) -> None:
    containers = term(one(write_resume(tmp_path, ML_ENGINEER, kind)), "containerization")
    assert containers.status == "implied" and CREDIT["implied"] == 0.5
    fix = term_fix(containers)
    assert "Docker" in fix and "Kubernetes" in fix
    assert "name the skill too" in fix and "Containerization (" in fix


def test_without_its_tools_a_concept_stays_missing(tmp_path: Path) -> None:
    lines = [line.replace("Docker, ", "").replace("Kubernetes", "Heroku") for line in ML_ENGINEER]
    containers = term(one(write_resume(tmp_path, lines, "txt")), "containerization")
    assert containers.status == "missing"


def test_the_concept_named_in_words_earns_full_credit(tmp_path: Path) -> None:
    lines = [*ML_ENGINEER[:-1], ML_ENGINEER[-1] + ", containerization"]
    assert term(one(write_resume(tmp_path, lines, "txt")), "containerization").status == "exact"


SIBLING = "Microsoft Certified: Azure Data Scientist Associate (2023)"
AI_ENGINEER = "Microsoft Certified: Azure AI Engineer Associate"


@pytest.mark.parametrize("kind", FORMATS)
def test_a_sibling_certificate_is_neither_credited_nor_claimed(tmp_path: Path, kind: str) -> None:
    result = one(write_resume(tmp_path, [*ML_ENGINEER, "CERTIFICATIONS", SIBLING], kind))
    held = term(result, AI_ENGINEER)
    assert held.status == "missing" and not held.occurrences
    assert term_fix(held).startswith("If you hold")  # never "write this certificate"


@pytest.mark.parametrize(("written", "status"), [(AI_ENGINEER, "exact"), ("Azure AI Engineer Associate", "alias")])
def test_the_certificates_own_name_is_credited(tmp_path: Path, written: str, status: str) -> None:
    result = one(write_resume(tmp_path, [*ML_ENGINEER, "CERTIFICATIONS", written], "txt"))
    assert term(result, AI_ENGINEER).status == status


def test_an_exam_code_names_its_certificate_only(tmp_path: Path) -> None:
    result = one(write_resume(tmp_path, [*ML_ENGINEER, "CERTIFICATIONS", "AI-102 (2024), CKA"], "txt"))
    assert term(result, AI_ENGINEER).status == "alias"
    assert term(result, "Certified Kubernetes Administrator").status == "alias"
    assert term(result, "Certified Kubernetes Application Developer").status == "missing"


def test_a_misspelt_certificate_is_not_guessed(tmp_path: Path) -> None:
    result = one(write_resume(tmp_path, [*ML_ENGINEER, "CERTIFICATIONS", "Azure AI Enginer Associat"], "txt"))
    assert term(result, AI_ENGINEER).status == "missing"


def test_role_all_passes_when_the_best_fitting_role_passes(tmp_path: Path) -> None:
    resume = write_resume(tmp_path, ML_ENGINEER, "txt")
    results = atscheck.check(resume, "all")
    assert any(r.passed for r in results) and not all(r.passed for r in results)
    assert invoke(resume, "--role", "all", "--quiet").exit_code == 0


def test_role_all_fails_when_no_role_passes(tmp_path: Path) -> None:
    assert invoke(write_resume(tmp_path, CHEF, "txt"), "--role", "all", "--quiet").exit_code == 1


def test_named_roles_are_each_judged(tmp_path: Path) -> None:
    resume = write_resume(tmp_path, ML_ENGINEER, "txt")
    assert invoke(resume, "--role", "mlops-engineer", "--role", "data-engineer", "--quiet").exit_code == 1


def image_only_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.add_page()
    pdf.image(io.BytesIO(png_bytes(400, 500)), x=10, y=10, w=190)
    pdf.output(str(path))
    return path


def test_the_short_report_shows_what_blocks_an_ats_before_anything_else(tmp_path: Path) -> None:
    done = invoke(image_only_pdf(tmp_path / "resume.pdf"), "--format", "short")
    assert done.exit_code == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("✗ ") and "resume.pdf (mlops-engineer): 0.0 / 100" in lines[0]
    assert lines[1].startswith("    blocks an ATS: ") and "picture" in lines[1].lower()
    assert "add:" not in done.stdout  # terms to add say nothing when nothing could be read


def test_a_blank_last_page_is_a_note_not_a_blocker(tmp_path: Path) -> None:
    resume = make_pdf(tmp_path / "resume.pdf", [ML_ENGINEER, []])
    result = one(resume)
    [note] = [f for f in result.checks if f.id == "no-text"]
    assert note.severity == "info" and "blank" in note.message.lower()
    assert result.passed
    short = invoke(resume, "--format", "short")
    assert short.exit_code == 0 and "blocks an ATS" not in short.stdout
    console = invoke(resume)
    assert "blocks an ATS" not in console.stdout and "block" not in console.stdout.split("\n\n")[0].lower()
    second = write_resume(tmp_path, ML_ENGINEER, "txt", name="other")
    rows = Run((*atscheck.check(resume), *atscheck.check(second)), Request()).ranking
    assert all("no text" not in row.flags for row in rows)


ROLE_JA = [
    "- MLflowによる実験管理と、Dockerコンテナでのモデル配信を設計し、リリースを三日に短縮しました。",
    "- Prometheus と Grafana で推論サービスの監視を整備し、障害の検知から復旧までの時間を半分にしました。",
    "- Airflowで学習パイプラインを自動化し、毎週の再学習とモデルの評価、本番環境への反映を運用しています。",
    "- 新しく参加したメンバーの教育を担当し、設計レビューと運用手順書の整備を進めました。",
]
# A Japanese shokumu-keirekisho of about one page: written without spaces between words.
JAPANESE = [
    "山田 太郎",
    "taro.yamada@example.jp | 090-1234-5678",
    "職務要約",
    "機械学習基盤エンジニアとして、PythonとKubernetesでモデルの学習と推論の基盤を構築・運用してきました。",
    "職務経歴",
    "株式会社サンプル 機械学習エンジニア 2020年4月 - 現在",
    *ROLE_JA,
    "株式会社テスト データエンジニア 2017年4月 - 2020年3月",
    *ROLE_JA,
    "株式会社れい ソフトウェアエンジニア 2016年4月 - 2017年3月",
    *ROLE_JA,
    "スキル",
    "Python, SQL, Docker, Kubernetes, AWS, Terraform, MLflow, Airflow",
    "学歴",
    "東京大学 工学部 情報工学科 卒業 2016年3月",
]


@pytest.mark.parametrize("kind", ["md", "docx"])
def test_japanese_text_is_neither_scrambled_nor_too_short(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"shokumu.{kind}"
    if kind == "md":
        path.write_text("\n\n".join(JAPANESE) + "\n", encoding="utf-8")
    else:
        make_docx(path, paragraphs=JAPANESE)
    ids = {f.id: f for f in one(path).checks}
    assert "garbled-text" not in ids and "no-text" not in ids
    assert "length" not in ids or not ids["length"].message.startswith("Only")


def test_a_pass_with_only_notes_never_says_something_blocks(tmp_path: Path) -> None:
    resume = write_resume(tmp_path, ML_ENGINEER, "pdf")
    result = one(resume)
    assert result.passed and not any(f.severity == "error" for f in result.checks)
    for args in ((), ("--format", "short"), ("--quiet",), ("--format", "markdown")):
        assert "block" not in invoke(resume, *args).stdout.lower(), args


def test_the_readme_ci_snippets_pass_the_bundled_example() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    examples = [p.read_text(encoding="utf-8") for p in (REPO / "examples" / "ci").glob("*.yml")]
    assert "--min-score 60" not in readme and all("--min-score" not in text for text in examples)
    example = REPO / "examples" / "mlops-engineer-resume.pdf"
    assert invoke(example, "--role", "mlops-engineer", "--format", "short").exit_code == 0
