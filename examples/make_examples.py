"""Regenerate the bundled example resumes: python examples/make_examples.py

Writes the same plausible MLOps Engineer resume as PDF (fpdf2), DOCX (python-docx) and Markdown, so the
quick start, the tests and the README show real output. The person is fictional.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).parent

NAME = "Jordan Rivera"
CONTACT = (
    "Austin, TX | jordan.rivera@example.com | (512) 555-0142 | linkedin.com/in/jordan-rivera-mlops | github.com/jrivera"
)
RESUME: list[tuple[str, list[str]]] = [
    (
        "Summary",
        [
            "MLOps Engineer with 6 years of experience in machine learning infrastructure, model deployment and "
            "DevOps. I build CI/CD pipelines for ML models on Kubernetes and AWS, automate retraining, and keep "
            "models healthy in production with monitoring, observability and data drift detection.",
        ],
    ),
    (
        "Experience",
        [
            "Senior MLOps Engineer, Northwind Analytics, Austin, TX | Jan 2022 - Present",
            "- Built the ML platform on Amazon EKS (Kubernetes) with Terraform and Helm: Infrastructure as Code for "
            "40+ services, cutting environment setup from 3 days to 2 hours.",
            "- Designed CI/CD pipelines in GitHub Actions and Argo CD for model deployment; 120 model releases per "
            "quarter with automated tests and rollbacks.",
            "- Introduced MLflow for experiment tracking, model versioning and a model registry used by 35 data "
            "scientists.",
            "- Set up model monitoring with Prometheus and Grafana, and data drift detection that triggers automated "
            "retraining in Apache Airflow; incidents down 45%.",
            "- Served PyTorch and scikit-learn models with KServe on GPU nodes, p95 latency under 80 ms.",
            "DevOps Engineer, Bluebird Logistics, Dallas, TX | Jun 2019 - Dec 2021",
            "- Containerization of 25 Python services with Docker; migrated them to Kubernetes on AWS.",
            "- Wrote Terraform modules and Ansible playbooks; built Jenkins pipelines for 60 repositories.",
            "- Built data pipelines with Apache Spark and Apache Kafka processing 2 TB per day.",
            "Software Engineer, Bluebird Logistics, Dallas, TX | Jul 2017 - May 2019",
            "- Developed Python and SQL services; on-call troubleshooting and root cause analysis for Linux hosts.",
        ],
    ),
    (
        "Skills",
        [
            "Cloud: AWS (SageMaker, EKS, S3), Google Cloud (Vertex AI)",
            "Containers & orchestration: Docker, Kubernetes, Helm",
            "CI/CD: GitHub Actions, Jenkins, Argo CD, Git",
            "ML: PyTorch, TensorFlow, scikit-learn, MLflow, Kubeflow, feature store (Feast)",
            "Infrastructure as Code: Terraform, Ansible",
            "Monitoring & observability: Prometheus, Grafana, Datadog",
            "Languages: Python, SQL, Bash, Go",
            "Data engineering: Apache Airflow, Apache Spark, Apache Kafka",
        ],
    ),
    (
        "Certifications",
        [
            "AWS Certified Machine Learning - Specialty (2023)",
            "Certified Kubernetes Administrator (CKA) (2022)",
        ],
    ),
    (
        "Education",
        [
            "B.S. Computer Science, University of Texas at Austin | 2013 - 2017",
        ],
    ),
]


def write_markdown(path: Path) -> None:
    lines = [f"# {NAME}", "", CONTACT, ""]
    for heading, items in RESUME:
        lines += [f"## {heading}", ""]
        for item in items:
            lines.append(item if item.startswith("- ") or heading != "Experience" else f"**{item}**")
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))  # reproducible bytes
    pdf.set_margins(18, 16, 18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 9, NAME, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9.5)
    pdf.multi_cell(0, 5, CONTACT, new_x="LMARGIN", new_y="NEXT")
    for heading, items in RESUME:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 12.5)
        pdf.cell(0, 7, heading.upper(), new_x="LMARGIN", new_y="NEXT")
        for item in items:
            bold = heading == "Experience" and not item.startswith("- ")
            pdf.set_font("Helvetica", "B" if bold else "", 10)
            pdf.multi_cell(0, 5, item, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def write_docx(path: Path) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.author = NAME
    document.add_heading(NAME, level=0)
    document.add_paragraph(CONTACT)
    for heading, items in RESUME:
        document.add_heading(heading, level=1)
        for item in items:
            if item.startswith("- "):
                document.add_paragraph(item[2:], style="List Bullet")
            else:
                paragraph = document.add_paragraph()
                run = paragraph.add_run(item)
                run.bold = heading == "Experience"
                run.font.size = Pt(10.5)
    document.save(str(path))


if __name__ == "__main__":
    write_pdf(HERE / "mlops-engineer-resume.pdf")
    write_docx(HERE / "mlops-engineer-resume.docx")
    write_markdown(HERE / "mlops-engineer-resume.md")
    print("wrote", ", ".join(p.name for p in sorted(HERE.glob("mlops-engineer-resume.*"))))
