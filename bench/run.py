"""Speed and memory of atscheck beside the native floor and the fastest peer, on the same files in one run.

Not a test and not run in CI: run it by hand, on a machine as quiet as you can get, and read the table.

    pip install '.[test]'                  # fpdf2 builds the generated corpus
    python bench/run.py                    # the corpus four times over (when ../shared is there) and 300 generated
    python bench/run.py --runs 5 --count 300 --copies 4 --corpus ../shared/corpus

The fastest peer, ats-resume-scorer 2.0.0 (PyMuPDF text + python-docx), is measured in its own venv, in one
process, when it is installed:

    python3 -m venv /work/peer-venv && /work/peer-venv/bin/pip install ats-resume-scorer==2.0.0
    python bench/run.py --peer /work/peer-venv/bin/python

For each set of files, each figure is the median of --runs runs over the same files:
  native floor   pypdfium2's page text and python-docx's paragraphs, per file, in this process: what any
                 tool that reads these files must spend
  --jobs 1/2     atscheck's library call for a batch (runner.run, as the CLI makes it), worker start-up
                 included, the matcher already built in this process
  peer           ats-resume-scorer's score_resume per file in one process of its own venv (timed inside it,
                 after its imports), against an MLOps job description
with the wall clock and the CPU seconds spent (this process and its workers; the peer's own process). On a
machine shared with other work the wall clock also measures the neighbours; the CPU seconds much less so.
And once: a cold `atscheck FILE --role mlops-engineer` process end to end (bytecode compiled beforehand, as
for an installed wheel), cold --help and --version, the peak RSS of one worker that checks every file, and
matching one resume against 100 and 5,000 terms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from atscheck.extract import SUPPORTED_EXTENSIONS, extract
from atscheck.match import Matcher
from atscheck.model import Profile, Term
from atscheck.profiles import load_role
from atscheck.request import Request
from atscheck.runner import run

SEED = 20261125
ROLE = "mlops-engineer"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

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
    return timed(action, runs)[0]


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (workers, once a batch is over)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock seconds and median CPU seconds (this process and its workers) of `runs` runs. On a
    shared machine the wall clock measures the neighbours too; CPU seconds much less so."""
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), _cpu()
        action()
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def native_floor(files: Sequence[Path]) -> None:
    """Text extraction alone, with the fastest readers: pypdfium2 for PDF, python-docx for DOCX."""
    import docx
    import pypdfium2

    for path in files:
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            document = pypdfium2.PdfDocument(str(path))
            for page in document:
                page.get_textpage().get_text_range()
            document.close()
        elif suffix == ".docx":
            "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        else:
            path.read_text(encoding="utf-8", errors="replace")


def atscheck_batch(folder: Path, jobs: int) -> None:
    run(Request(paths=(folder,), roles=(ROLE,), jobs=jobs, timeout=300))


PEER_SCRIPT = """
import json, logging, sys, time
logging.disable(logging.CRITICAL)
from ats_resume_scorer import ATSResumeScorer
files, jd, runs = json.loads(sys.stdin.read())
scorer = ATSResumeScorer()
times, cpus, failed = [], [], 0
for _ in range(runs):
    started, cpu = time.perf_counter(), time.process_time()
    failed = 0
    for path in files:
        try:
            scorer.score_resume(path, jd)
        except Exception:
            failed += 1
    times.append(time.perf_counter() - started)
    cpus.append(time.process_time() - cpu)
print(json.dumps({"times": times, "cpus": cpus, "failed": failed}))
"""
PEER_JD = (
    "MLOps Engineer. We need an MLOps engineer with Python, Docker, Kubernetes, Terraform, AWS, MLflow, Kubeflow, "
    "Airflow, CI/CD, GitHub Actions, Prometheus and Grafana experience. Requirements: 3+ years deploying machine "
    "learning models to production; model monitoring; infrastructure as code. Bachelor's degree in Computer "
    "Science or a related field. Preferred: Spark, SageMaker, feature stores."
)


def peer(python: Path | None, files: Sequence[Path], runs: int) -> tuple[float, float, int] | str:
    """The peer's median wall-clock and CPU seconds and failed files, or why it was not measured."""
    if python is None or not python.exists():
        return "not installed (see the module docstring)"
    done = subprocess.run(
        [str(python), "-c", PEER_SCRIPT],
        input=json.dumps([[str(p) for p in files], PEER_JD, runs]),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        return "failed: " + (done.stderr.strip().splitlines() or ["no output"])[-1]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return statistics.median(out["times"]), statistics.median(out["cpus"]), out["failed"]


def cold(args: Sequence[str], runs: int, bytecode: Path) -> float:
    """A new `atscheck` process end to end, with atscheck's bytecode compiled once beforehand (in `bytecode`),
    as pip compiles an installed wheel's: a source tree run with PYTHONDONTWRITEBYTECODE would time the
    compiler on every run."""
    command = [sys.executable, "-m", "atscheck", *args]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "PYTHONPYCACHEPREFIX": str(bytecode)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(command, capture_output=True, check=False, env=env)  # writes the bytecode
    return median_time(lambda: subprocess.run(command, capture_output=True, check=False, env=env), runs)


def worker_peak_rss_mb(folder: Path) -> float:
    """Peak RSS of the one worker of a --jobs 1 batch over every file (the child's own high-water mark)."""
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from atscheck.runner import run\n"
        "from atscheck.request import Request\n"
        f"run(Request(paths=(Path(sys.argv[1]),), roles=({ROLE!r},), jobs=1, timeout=300))\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=True, env=env
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
    return sum(len(extract(path).pages) for path in files if path.suffix.lower() == ".pdf")


def copied(files: Sequence[Path], folder: Path, copies: int) -> Path:
    """The files `copies` times over in one folder (real copies: links out of a folder are not followed)."""
    folder.mkdir()
    for copy in range(copies):
        for path in files:
            shutil.copyfile(path, folder / f"{copy}-{path.name}")
    return folder


def measure(name: str, folder: Path, runs: int, peer_python: Path | None) -> list[str]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUPPORTED_EXTENSIONS)
    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
    lines = [f"{name}: {len(files)} files ({len(pdfs)} PDF, {pages(pdfs)} PDF pages)"]
    floor = timed(lambda: native_floor(files), runs)
    one = timed(lambda: atscheck_batch(folder, 1), runs)
    two = timed(lambda: atscheck_batch(folder, 2), runs)
    rows = [
        ("native floor: pypdfium2 text + python-docx", floor),
        ("atscheck --jobs 1", one),
        ("atscheck --jobs 2", two),
    ]
    measured = peer(peer_python, files, runs)
    if isinstance(measured, str):
        peer_note = measured
    else:
        rows.append(("peer: ats-resume-scorer 2.0.0, one process", measured[:2]))
        peer_note = f"{measured[2]} of {len(files)} files failed in the peer" if measured[2] else ""
    lines.append(f"  {'':44} {'wall':>8}    {'files/s':>7}  {'CPU':>8}")
    for label, (wall, cpu) in rows:
        lines.append(f"  {label:44} {wall:8.2f} s  {len(files) / wall:7.1f}  {cpu:8.2f} s")
    lines.append(
        f"  --jobs 1 / native floor = {one[0] / floor[0]:.2f} wall, {one[1] / floor[1]:.2f} CPU   (target <= 3)"
    )
    lines.append(f"  --jobs 1 / --jobs 2     = {one[0] / two[0]:.2f} wall   (target >= 1.8)")
    if isinstance(measured, tuple):
        lines.append(f"  --jobs 2 / peer         = {two[0] / measured[0]:.2f} wall   (target <= 1)")
        lines.append(f"  atscheck / peer CPU     = {one[1] / measured[1]:.2f}   (work done, whatever the neighbours)")
    if peer_note:
        lines.append(f"  peer: {peer_note}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="real resumes (default ../shared/corpus)")
    parser.add_argument("--copies", type=int, default=4, help="times the corpus is checked over (default 4)")
    parser.add_argument("--count", type=int, default=300, help="generated resumes (default 300; 0 for none)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is reported")
    default_peer = Path("/work/peer-venv/bin/python")
    parser.add_argument("--peer", type=Path, default=default_peer, help="the peer venv's python")
    args = parser.parse_args(argv)

    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; median of {args.runs}"
    )
    profile = load_role(ROLE)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        sets = []
        if args.corpus.is_dir():
            real = sorted(p for p in args.corpus.iterdir() if p.suffix.lower() in SUPPORTED_EXTENSIONS)
            sets.append((f"the corpus x{args.copies} ({args.corpus})", copied(real, root / "corpus", args.copies)))
        if args.count:
            (root / "generated").mkdir()
            build_corpus(root / "generated", args.count)
            sets.append((f"{args.count} generated resumes (seed {SEED})", root / "generated"))
        atscheck_batch(sets[0][1], 1)  # warm: the matcher, word lists, imports
        for name, folder in sets:
            print("\n".join(measure(name, folder, args.runs, args.peer)))
        sample = next(p for p in sorted(sets[0][1].iterdir()) if p.suffix == ".pdf")
        bytecode = root / "bytecode"
        single = cold([str(sample), "--role", ROLE], args.runs + 2, bytecode)
        print(f"cold `atscheck FILE --role {ROLE}`: {single:.2f} s  (target <= 0.8 s)")
        help_, version = cold(["--help"], args.runs + 2, bytecode), cold(["--version"], args.runs + 2, bytecode)
        print(f"cold `atscheck --help`: {help_:.2f} s; `atscheck --version`: {version:.2f} s")
        rss = worker_peak_rss_mb(sets[0][1])
        print(f"peak RSS of the worker of a --jobs 1 batch over {sets[0][0]}: {rss:.0f} MB  (target <= 200 MB)")
        document = extract(sample)
        for size in (100, 5000):
            matcher = Matcher(big_profile(size, profile))
            seconds = median_time(lambda matcher=matcher: matcher.match(document), 20)
            print(f"matching one resume against {size:,} terms: {seconds * 1000:.1f} ms  (target < 50 ms)")


if __name__ == "__main__":
    main()
