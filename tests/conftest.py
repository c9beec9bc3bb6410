"""Shared fixtures: tests build their own resumes (PDF with fpdf2, DOCX with python-docx)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Real resumes and postings live beside the repository; CI may point elsewhere (it tests a copy).
SHARED = Path(os.environ.get("ATSCHECK_SHARED", REPO.parent / "shared"))
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

MLOPS_TEXT = [
    "Jordan Example",
    "jordan@example.com | (512) 555-0100",
    "SUMMARY",
    "MLOps Engineer building CI/CD pipelines for machine learning models on Kubernetes and AWS.",
    "EXPERIENCE",
    "Senior MLOps Engineer, Acme Corp | Jan 2021 - Present",
    "- Model deployment with Docker, Kubernetes and Terraform (Infrastructure as Code).",
    "- Experiment tracking and model versioning with MLflow; model monitoring with Prometheus and Grafana.",
    "- Data drift detection and automated retraining with Apache Airflow; data engineering with Apache Spark.",
    "- Observability and distributed computing for PyTorch training jobs; containerization of Python services.",
    "SKILLS",
    "Python, SQL, Bash, Docker, Kubernetes, Helm, Terraform, GitHub Actions, MLflow, Kubeflow, Amazon SageMaker",
    "EDUCATION",
    "B.S. Computer Science, State University | 2016 - 2020",
]


def make_pdf(path: Path, pages: Sequence[Sequence[str]], *, font: str = "Helvetica") -> Path:
    """One line of text per item, one list per page."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    if font != "Helvetica":
        pdf.add_font("Custom", "", font)
        font = "Custom"
    pdf.set_font(font, size=10)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def make_docx(path: Path, build: Callable | None = None, paragraphs: Sequence[str] = ()) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if build:
        build(document)
    document.save(str(path))
    return path


@pytest.fixture
def mlops_pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT])


@pytest.fixture
def mlops_docx(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "resume.docx", paragraphs=MLOPS_TEXT)


def shared_file(*parts: str) -> Path:
    """A file from ../shared (real resumes and postings); skips the test cleanly when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is absent)")
    return path
