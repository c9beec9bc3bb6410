"""Speed and memory of atscheck, measured against the unavoidable cost: pdfminer.six's own text extraction.

Not a test and not run in CI: run it by hand on a quiet machine and read the table.

    pip install '.[test]' pypdfium2     # fpdf2 builds the corpus; pypdfium2 is the native reference (h)
    python bench/run.py                 # 300 generated resumes, medians of 3 runs
    python bench/run.py ../shared/corpus --runs 5

Each figure is the median of --runs runs over the same files in one invocation:
(a) the floor: pdfminer.high_level.extract_text, and python-docx paragraph text, per file, in one process
(b) atscheck in-process: pipeline.check_file per file (what a one-worker batch does in its worker)
(c) atscheck with --jobs 2: batch.check_files, worker start-up included
(d) one cold `atscheck FILE --role mlops-engineer` process, end to end
(e) `atscheck --help` and `atscheck --version` as cold processes
(f) peak RSS of a worker process that checks the whole corpus
(g) matching alone for one resume against profiles of 100 and 5,000 terms
(h) pypdfium2's text extraction of the same PDFs, the native limit (when installed)
and a cProfile of (b), top 15 functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from atscheck.batch import check_files
from atscheck.extract import SUPPORTED_EXTENSIONS, extract
from atscheck.match import Matcher
from atscheck.model import Profile, Term
from atscheck.pipeline import Options, check_file
from atscheck.profiles import load_role

SEED = 20261125

# ---------------------------------------------------------------- the generated corpus

_ROLES = [
    "MLOps Engineer",
    "Machine Learning Engineer",
    "DevOps Engineer",
    "Data Engineer",
    "Site Reliability Engineer",
]
_COMPANIES = ["Acme Analytics", "Northwind Labs", "Globex", "Initech", "Umbrella Health", "Stark Retail", "Hooli"]
_VERBS = ["Built", "Designed", "Led", "Automated", "Migrated", "Scaled", "Cut", "Deployed", "Monitored", "Introduced"]
_THINGS = [
    "model deployment pipelines with Docker and Kubernetes",
    "CI/CD for machine learning models using GitHub Actions and Argo CD",
    "experiment tracking and a model registry on MLflow",
    "feature store backed by Apache Spark and Delta Lake",
    "model monitoring and data drift alerts with Prometheus and Grafana",
    "infrastructure as code with Terraform across AWS accounts",
    "batch training jobs on Kubeflow Pipelines with PyTorch",
    "real-time inference on Amazon SageMaker endpoints",
    "data pipelines orchestrated by Apache Airflow",
    "observability with OpenTelemetry traces and Datadog dashboards",
    "GPU scheduling for distributed training with Ray",
    "automated retraining triggered by drift in production data",
]
_RESULTS = [
    "cutting release time by {n}%",
    "for {n} teams",
    "serving {n} million predictions a day",
    "saving ${n}k a year",
]
_SKILLS = (
    "Python, SQL, Bash, Go, Docker, Kubernetes, Helm, Terraform, AWS, GCP, MLflow, Kubeflow, Airflow, Spark, "
    "PyTorch, TensorFlow, scikit-learn, Prometheus, Grafana, GitHub Actions, Jenkins, Argo CD"
)


def _bullet(rng: random.Random) -> str:
    result = rng.choice(_RESULTS).format(n=rng.randint(2, 90)) if rng.random() < 0.6 else "for the platform team"
    return f"{rng.choice(_VERBS)} {rng.choice(_THINGS)}, {result}."


def _resume(rng: random.Random, index: int) -> list[tuple[str, list[str]]]:
    """Sections of a resume, 1 to 3 pages long."""
    jobs = rng.randint(2, 7)
    experience = []
    year = 2025
    for _ in range(jobs):
        start = year - rng.randint(1, 4)
        experience.append(f"{rng.choice(_ROLES)}, {rng.choice(_COMPANIES)} | Jan {start} - Mar {year}")
        experience += [_bullet(rng) for _ in range(rng.randint(3, 6))]
        year = start
    return [
        ("", [f"Candidate {index}", f"candidate{index}@example.com | (512) 555-{index % 10000:04d}"]),
        ("SUMMARY", [f"{rng.choice(_ROLES)} with {rng.randint(3, 15)} years of experience. " + _bullet(rng)]),
        ("EXPERIENCE", experience),
        ("SKILLS", [_SKILLS]),
        ("EDUCATION", [f"B.S. Computer Science, State University | {year - 4} - {year}"]),
        ("CERTIFICATIONS", ["Certified Kubernetes Administrator (CKA)"] if rng.random() < 0.5 else []),
    ]


def _write_pdf(path: Path, sections: list[tuple[str, list[str]]], two_columns: bool) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    width = 120 if two_columns else 0
    for heading, lines in sections:
        if heading == "SKILLS" and two_columns:
            continue  # drawn in the side column below
        if heading:
            pdf.set_font("Helvetica", "B", 12)
            pdf.cell(width, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for line in lines:
            bullet = heading == "EXPERIENCE" and not line.startswith(tuple(_ROLES))
            pdf.multi_cell(width, 5, ("- " if bullet else "") + line, new_x="LMARGIN", new_y="NEXT")
    if two_columns:  # a side column of skills on page 1, as two-column templates have
        pdf.page = 1
        pdf.set_xy(140, 20)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(60, 8, "SKILLS", new_x="LEFT", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for skill in _SKILLS.split(", "):
            pdf.set_x(140)
            pdf.cell(60, 5, skill, new_x="LEFT", new_y="NEXT")
    pdf.output(str(path))


def _write_docx(path: Path, sections: list[tuple[str, list[str]]]) -> None:
    import docx

    document = docx.Document()
    for heading, lines in sections:
        if heading:
            document.add_heading(heading.title(), level=1)
        for line in lines:
            style = "List Bullet" if heading == "EXPERIENCE" and not line.startswith(tuple(_ROLES)) else None
            document.add_paragraph(line, style=style)
    document.save(str(path))


def build_corpus(folder: Path, count: int) -> list[Path]:
    rng = random.Random(SEED)
    files = []
    for index in range(count):
        sections = _resume(rng, index)
        if index % 3 == 2:
            path = folder / f"resume-{index:03d}.docx"
            _write_docx(path, sections)
        else:
            path = folder / f"resume-{index:03d}.pdf"
            _write_pdf(path, sections, two_columns=index % 5 == 0)
        files.append(path)
    return files


# ---------------------------------------------------------------- measurements


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def floor(files: Sequence[Path]) -> None:
    """Text extraction alone: what any tool reading these files must spend."""
    import docx
    from pdfminer.high_level import extract_text

    for path in files:
        if path.suffix == ".pdf":
            extract_text(str(path))
        elif path.suffix == ".docx":
            "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        else:
            path.read_text(encoding="utf-8", errors="replace")


def pdfium(files: Sequence[Path]) -> None:
    import pypdfium2

    for path in files:
        if path.suffix == ".pdf":
            document = pypdfium2.PdfDocument(str(path))
            for page in document:
                page.get_textpage().get_text_range()
            document.close()


def in_process(files: Sequence[Path], profiles: Sequence[Profile]) -> None:
    for path in files:
        check_file(path, profiles, Options())


def cold(args: Sequence[str], runs: int) -> float:
    beside = Path(sys.executable).with_name("atscheck")  # the environment this script runs in
    command = str(beside) if beside.exists() else shutil.which("atscheck")
    if command is None:
        raise SystemExit("atscheck is not on PATH: install it (pip install .) in this environment first.")
    return median_time(lambda: subprocess.run([command, *args], capture_output=True, check=False), runs)


def worker_peak_rss_mb(files: Sequence[Path]) -> float:
    """Peak RSS of one worker that checks every file (the child's own high-water mark)."""
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from atscheck.batch import check_files\n"
        "from atscheck.pipeline import Options\n"
        "from atscheck.profiles import load_role\n"
        "files = [Path(p) for p in sys.stdin.read().split('\\n') if p]\n"
        "check_files(files, [load_role('mlops-engineer')], Options(), jobs=1, timeout=300)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input="\n".join(map(str, files)), capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1]) / 1024


def big_profile(size: int, base: Profile) -> Profile:
    """The real profile's terms plus made-up tool names, up to `size` terms."""
    rng = random.Random(size)
    syllables = ["ka", "lo", "mi", "ne", "ro", "ta", "vu", "zen", "qua", "dex", "flo", "gri"]
    terms = list(base.terms)[:size]
    while len(terms) < size:
        name = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()
        words = rng.choice(["", " Cloud", " Pipelines", " Studio", " DB"])
        terms.append(
            Term(
                name=name + words + f" {len(terms)}",
                category="Made up",
                kind="tool",
                importance="preferred",
                weight=1.0,
                aliases=(name.lower() + "-x",),
            )
        )
    return replace(base, id=f"bench-{size}", terms=tuple(terms), version=str(size))


def pages(files: Sequence[Path]) -> int:
    return sum(len(extract(path).pages) for path in files if path.suffix == ".pdf")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, help="resumes to use instead of the generated corpus")
    parser.add_argument("--count", type=int, default=300, help="generated resumes (default 300)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is reported")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        if args.folder:
            files = sorted(p for p in args.folder.rglob("*") if p.suffix.lower() in SUPPORTED_EXTENSIONS)
            source = str(args.folder)
        else:
            files = build_corpus(Path(scratch), args.count)
            source = f"{args.count} generated resumes (seed {SEED})"
        run_all(files, source, args.runs)


def run_all(files: list[Path], source: str, runs: int) -> None:
    profile = load_role("mlops-engineer")
    profiles = [profile]
    pdfs = [p for p in files if p.suffix == ".pdf"]
    page_count = pages(pdfs)
    print(f"corpus: {source}: {len(files)} files, {len(pdfs)} PDF with {page_count} pages; {os.cpu_count()} CPUs")
    print(f"python {sys.version.split()[0]}; median of {runs} runs\n")

    in_process(files[:3], profiles)  # warm: spaCy, the matcher, imports
    rows: list[tuple[str, float, str]] = []
    a = median_time(lambda: floor(files), runs)
    a_pdf = median_time(lambda: floor(pdfs), runs)
    b = median_time(lambda: in_process(files, profiles), runs)
    b_pdf = median_time(lambda: in_process(pdfs, profiles), runs)
    c = median_time(lambda: check_files(files, profiles, Options(), jobs=2, timeout=300), runs)
    rows += [
        (
            "(a) floor: pdfminer extract_text + python-docx",
            a,
            f"{len(files) / a:.1f} files/s, {page_count / a_pdf:.1f} PDF pages/s",
        ),
        (
            "(b) atscheck in-process (one worker's work)",
            b,
            f"{len(files) / b:.1f} files/s, {page_count / b_pdf:.1f} PDF pages/s",
        ),
        ("(c) atscheck --jobs 2", c, f"{len(files) / c:.1f} files/s"),
    ]
    try:
        h = median_time(lambda: pdfium(pdfs), runs)
        rows.append(("(h) pypdfium2 text, PDFs only (reference)", h, f"{page_count / h:.1f} PDF pages/s"))
    except ImportError:
        h = None
        rows.append(("(h) pypdfium2 text (reference)", float("nan"), "not installed: pip install pypdfium2"))
    sample = str(next((p for p in files if p.suffix == ".pdf"), files[0]))
    d = cold([sample, "--role", "mlops-engineer"], runs + 2)
    e_help = cold(["--help"], runs + 2)
    e_version = cold(["--version"], runs + 2)
    rows += [
        ("(d) cold `atscheck FILE --role mlops-engineer`", d, "target <= 1.5 s"),
        ("(e) cold `atscheck --help`", e_help, "target <= 0.3 s"),
        ("(e) cold `atscheck --version`", e_version, "target <= 0.3 s"),
    ]
    rss = worker_peak_rss_mb(files)
    document = extract(Path(sample))
    for size in (100, 5000):
        matcher = Matcher(big_profile(size, profile))
        g = median_time(lambda matcher=matcher: matcher.match(document), 20)
        rows.append((f"(g) matching one resume, {size:,} terms", g, "target < 50 ms"))

    width = max(len(label) for label, _, _ in rows)
    print(f"{'measure':{width}}  {'seconds':>9}  notes")
    for label, seconds, note in rows:
        print(f"{label:{width}}  {seconds:9.3f}  {note}")
    print(f"{'(f) peak RSS of a worker':{width}}  {rss:7.0f}MB  target <= 350 MB")
    print()
    print(f"(b)/(a) = {b / a:.2f}   (target <= 1.10: everything beyond text extraction)")
    print(f"(b)/(c) = {b / c:.2f}   (target >= 1.8: throughput of 2 workers over 1)")
    if h:
        print(f"(a)/(h) = {a_pdf / h:.1f}    (pdfminer.six against the native extractor, PDFs only)")

    print("\nprofile of (b), top 15 by cumulative time:")
    profiler = cProfile.Profile()
    profiler.runcall(in_process, files, profiles)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(15)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])


if __name__ == "__main__":
    main()
