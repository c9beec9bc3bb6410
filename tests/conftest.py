"""Shared fixtures: tests build their own resumes (PDF with fpdf2, DOCX with python-docx)."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
# Real resumes and postings live beside the repository; CI may point elsewhere (it tests a copy).
SHARED = Path(os.environ.get("ATSCHECK_SHARED", REPO.parent / "shared"))
CLI = CliRunner()


def invoke(*args: object, input: str | bytes | None = None) -> Result:
    """Run `atscheck ARGS...` in this process, as a user types it."""
    from atscheck.cli import app

    return CLI.invoke(app, [str(a) for a in args], input=input)


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


def textbox_xml(text: str) -> str:
    """A run holding a DrawingML text box with its VML fallback copy, as Word writes it."""
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    return (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{paragraph}'
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:textbox><w:txbxContent>{paragraph}"
        "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    """A small grey PNG, for tests that put pictures in resumes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


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


def write_resume(folder: Path, lines: Sequence[str], kind: str, name: str = "resume") -> Path:
    """The lines as a resume of one kind: "txt", "docx" or "pdf" (a PDF with non-Latin-1 text needs the
    DejaVu font; the test skips without it)."""
    path = folder / f"{name}.{kind}"
    if kind == "txt":
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path
    if kind == "docx":
        return make_docx(path, paragraphs=lines)
    if any(ord(c) > 255 for line in lines for c in line):  # the core PDF fonts hold Latin-1 only
        if not DEJAVU.exists():
            pytest.skip("no Unicode font on this system to write the PDF")
        return make_pdf(path, [lines], font=str(DEJAVU))
    return make_pdf(path, [lines])


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


def bench_module(name: str) -> ModuleType:
    """bench/NAME.py, loaded as a module (bench/ is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def raw_pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF written by hand, object by object, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += f"{offsets.get(number, 0):010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)} {extra} >>\nstream\n".encode() + data + b"\nendstream"


def one_page_pdf(content: bytes, page_extra: str = "") -> dict[int, bytes]:
    """The objects of a one-page PDF whose page draws `content` (a content stream object, number 4)."""
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            f"/Resources << /Font << /F1 5 0 R >> >> {page_extra} >>"
        ).encode(),
        4: content,
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A Dask scheduler with two workers as threads of this process, reached over TCP as a remote cluster is
    (atscheck's Dask client runs in a process of its own): started in a second, and a test's monkeypatch
    reaches the workers (each file is still checked in a child process of the worker, as on a real cluster)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address
