"""Hostile and broken inputs: each gives one clear line and the documented exit code, alone and in a batch.

docs/hostile-inputs.md is the table of what happens; test_the_docs_table_lists_every_case keeps it in step
with CASES below.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import socket
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, REPO, invoke, make_docx, make_pdf, one_page_pdf, raw_pdf, stream

from atscheck.core import check_file
from atscheck.profiles import load_role
from atscheck.request import Request

Build = Callable[[Path], Path]


@dataclass(frozen=True)
class Case:
    id: str
    build: Build
    code: str | None  # the error row's code; None when the file is read and scored
    says: str  # a fragment of the message (error) or of a warning (read)
    exit: int


def _write(name: str, data: bytes) -> Build:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


def _good_pdf(folder: Path, name: str = "resume.pdf") -> Path:
    return make_pdf(folder / name, [MLOPS_TEXT])


def _good_docx(folder: Path, name: str = "resume.docx") -> Path:
    return make_docx(folder / name, paragraphs=MLOPS_TEXT)


def _renamed(source: Build, name: str) -> Build:
    def build(folder: Path) -> Path:
        (folder / "src").mkdir(exist_ok=True)
        return source(folder / "src").rename(folder / name)

    return build


def _link_loop(folder: Path) -> Path:
    path = folder / "loop.pdf"
    path.symlink_to(path)
    return path


def _no_permission(folder: Path) -> Path:
    path = _good_pdf(folder, "locked away.pdf")
    path.chmod(0)
    return path


def _encrypted(user_password: str | None) -> Build:
    def build(folder: Path) -> Path:
        from fpdf import FPDF

        pdf = FPDF()
        pdf.set_font("Helvetica", size=10)
        pdf.add_page()
        for line in MLOPS_TEXT:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        if user_password:
            pdf.set_encryption(owner_password="owner", user_password=user_password)
        else:
            pdf.set_encryption(owner_password="owner")
        path = folder / ("locked.pdf" if user_password else "owner-only.pdf")
        pdf.output(str(path))
        return path

    return build


def _truncated(folder: Path) -> Path:
    data = _good_pdf(folder, "whole.pdf").read_bytes()
    return _write("truncated.pdf", data[: len(data) // 3])(folder)


def _broken_xref(folder: Path) -> Path:
    data = _good_pdf(folder, "whole.pdf").read_bytes()
    start = data.rindex(b"xref")
    return _write("bad-xref.pdf", data[:start] + b"xref\n0 9\ngarbage garbage\n" + data[data.rindex(b"trailer") :])(
        folder
    )


def _zip(name: str, members: dict[str, bytes]) -> Build:
    def build(folder: Path) -> Path:
        path = folder / name
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for member, data in members.items():
                archive.writestr(member, data)
        return path

    return build


def _billion_laughs(folder: Path) -> Path:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{"&lol%s;" % ("" if n == 1 else n - 1) * 10}">' for n in range(1, 10)
    )
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = _good_docx(folder, "laughs.docx")
    members = {}
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = document.encode()
    path.unlink()
    return _zip("laughs.docx", members)(folder)


def _lying_zip(folder: Path) -> Path:
    """A member whose headers say 1 KB but that inflates to 60 MB."""
    path = _zip("liar.docx", {"word/document.xml": b"\0" * (60 * 1024 * 1024)})(folder)
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed size fields
        at = data.index(signature)
        data[at + offset : at + offset + 4] = struct.pack("<I", 1024)
    path.write_bytes(bytes(data))
    return path


def _pdf_bomb(folder: Path) -> Path:
    inflater = zlib.compressobj(9)
    packed = b"".join(inflater.compress(b"\0" * (1 << 20)) for _ in range(300)) + inflater.flush()
    return _write("bomb.pdf", raw_pdf(one_page_pdf(stream(packed, "/Filter /FlateDecode"))))(folder)


_TEXT = stream(b"BT /F1 12 Tf 72 700 Td (Kubernetes and Docker) Tj ET")


def _cyclic(folder: Path) -> Path:
    objects = one_page_pdf(_TEXT, "/Loop 6 0 R")
    objects[2] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 >>"  # the page tree contains itself
    objects[6] = b"6 0 R"  # an object that is a reference to itself
    return _write("cyclic.pdf", raw_pdf(objects))(folder)


def _nested(folder: Path) -> Path:
    objects = {1: b"<< /Type /Catalog /Pages 10 0 R >>", 4: _TEXT}
    objects[5] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    for level in range(5000):  # a page tree 5,000 levels deep
        objects[10 + level] = f"<< /Type /Pages /Kids [{11 + level} 0 R] /Count 1 >>".encode()
    objects[5010] = b"<< /Type /Page /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
    return _write("nested.pdf", raw_pdf(objects))(folder)


def _deep_array(folder: Path) -> Path:
    objects = one_page_pdf(_TEXT, "/Deep " + "[" * 100_000 + "]" * 100_000)
    return _write("deep-array.pdf", raw_pdf(objects))(folder)


def _thousand_pages(folder: Path) -> Path:
    return make_pdf(folder / "long.pdf", [MLOPS_TEXT] + [["Another page of the same long story."]] * 999)


def _text(name: str, data: bytes) -> Build:
    return _write(name, data)


_PLAIN = "\n".join(MLOPS_TEXT)
_NOISE = random.Random(1).randbytes(4096)
CASES = [
    Case("missing path", lambda d: d / "not there.pdf", "missing", "No file at", 3),
    Case("symlink loop", _link_loop, "missing", "points to itself", 3),
    Case("spaces and non-ASCII in the name", lambda d: _good_pdf(d, "my résumé 履歴書.pdf"), None, "", 0),
    Case("zero-byte file", _write("empty.pdf", b""), "empty", "The file is empty", 3),
    Case(
        "random bytes named .pdf", _write("random.pdf", random.Random(1).randbytes(4096)), "unsupported", "not a PDF", 3
    ),
    Case(
        "random bytes named .docx",
        _write("random.docx", random.Random(2).randbytes(4096)),
        "unsupported",
        "not a PDF",
        3,
    ),
    Case("truncated PDF", _truncated, "corrupt", "damaged", 3),
    Case("PDF with a broken xref table", _broken_xref, None, "", 0),
    Case("DOCX named .pdf", _renamed(_good_docx, "really-word.pdf"), None, "is really a Word (DOCX) file", 0),
    Case("PDF named .docx", _renamed(_good_pdf, "really-pdf.docx"), None, "is really a PDF", 0),
    Case("PDF with a user password", _encrypted("secret"), "encrypted", "without the password", 3),
    Case("PDF with an empty user password", _encrypted(None), None, "", 0),
    Case("DOCX that is not a zip", _write("notzip.docx", b"PK\x03\x04 this is not a zip"), "corrupt", "damaged", 3),
    Case("zip without word/document.xml", _zip("other.docx", {"data.csv": b"a,b"}), "unsupported", "not a Word", 3),
    Case("DOCX declaring entities (billion laughs)", _billion_laughs, "corrupt", "damaged", 3),
    Case(
        "zip bomb",
        _zip("bomb.docx", {"word/document.xml": b"<x/>", "big": b"\0" * (120 << 20)}),
        "too-large",
        "zip bomb",
        3,
    ),
    Case("zip member that inflates past its declared size", _lying_zip, "corrupt", "damaged", 3),
    Case("PDF decompression bomb", _pdf_bomb, "too-large", "decompression bomb", 3),
    Case("PDF with cyclic references", _cyclic, None, "", 1),
    Case("PDF page tree 5,000 levels deep", _nested, "corrupt", "damaged", 3),
    Case("PDF with an array nested 100,000 deep", _deep_array, None, "", 1),
    Case("PDF with 1,000 pages", _thousand_pages, None, "Only the first 30 of 1000 pages", 0),
    Case("UTF-16 text", _text("resume.txt", _PLAIN.encode("utf-16")), None, "", 0),
    Case("Latin-1 text", _text("latin.txt", (_PLAIN + "\nCafé résumé").encode("latin-1")), None, "", 0),
    Case("invalid UTF-8 bytes", _text("bad.md", _PLAIN.encode() + b"\n\xff\xfe\xc3(broken"), None, "", 0),
]


# --- Work bombs: small files that ask a reader for unbounded work (issue 18, atscheck/extract/pdfscan.py) ---


def _packed(content: bytes) -> bytes:
    return stream(zlib.compress(content, 1), "/Filter /FlateDecode")


def _cmap_bomb(folder: Path) -> Path:
    """A font whose ToUnicode map is one range over every 4-byte code (1.7 KB; pdfminer makes 4 billion entries)."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
        b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects = one_page_pdf(_TEXT)
    objects[5] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    objects[6] = stream(cmap)
    return _write("cmap-bomb.pdf", raw_pdf(objects))(folder)


def _drawings(levels: int, fan_out: int) -> dict[int, bytes]:
    """A page drawing form XObject 10, which draws 11 `fan_out` times, which draws 12 ... `levels` deep."""
    objects = one_page_pdf(stream(b"/X Do"), "")
    objects[3] = objects[3].replace(b"/Font << /F1 5 0 R >>", b"/Font << /F1 5 0 R >> /XObject << /X 10 0 R >>")
    for level in range(levels):
        number = 10 + level
        if level == levels - 1:
            body, resources = b"BT /F1 12 Tf 72 700 Td (Kubernetes) Tj ET", b""
        else:
            body, resources = b"/X Do\n" * fan_out, f"/XObject << /X {number + 1} 0 R >>".encode()
        objects[number] = stream(
            body, f"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << {resources.decode()} >>"
        )
    return objects


def _doubling_drawings(folder: Path) -> Path:
    return _write("doubling.pdf", raw_pdf(_drawings(28, 2)))(folder)


def _repeated_drawings(folder: Path) -> Path:
    return _write("repeated.pdf", raw_pdf(_drawings(5, 100)))(folder)


def _shared_stream(folder: Path) -> Path:
    """30 pages that all draw one 4 MB content stream: read once per page, 120 MB of instructions."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    objects[4] = _packed(b"BT /F1 12 Tf 72 700 Td (Kubernetes) Tj ET\n" + b" " * (4 << 20))
    kids = " ".join(f"{10 + n} 0 R" for n in range(30))
    objects[2] = f"<< /Type /Pages /Kids [{kids}] /Count 30 >>".encode()
    for n in range(30):
        objects[10 + n] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        )
    return _write("shared-stream.pdf", raw_pdf(objects))(folder)


def _operator_flood(folder: Path) -> Path:
    """12 MB of `q Q` (save and restore the graphics state): six million operators, 12 KB packed."""
    return _write("q-flood.pdf", raw_pdf(one_page_pdf(_packed(b"q Q\n" * (3 << 20)))))(folder)


def _character_flood(folder: Path) -> Path:
    """Two million characters drawn on one page."""
    content = b"BT /F1 1 Tf 0 700 Td (" + b"Kubernetes " * 200_000 + b") Tj ET"
    return _write("char-flood.pdf", raw_pdf(one_page_pdf(_packed(content))))(folder)


def _run_length_bomb(folder: Path) -> Path:
    """RunLength data that repeats one byte 128 times per two bytes: 200 MB from 3 MB."""
    return _write(
        "rl-bomb.pdf", raw_pdf(one_page_pdf(stream(b"\x81 " * (1600 << 10) + b"\x80", "/Filter /RunLengthDecode")))
    )(folder)


_WORK = "asks for far more work than any resume"
CASES += [
    Case("PDF font map spanning 4 billion codes", _cmap_bomb, "too-large", "character maps span", 3),
    Case("PDF drawings doubling 28 levels deep", _doubling_drawings, "too-large", "nested more than 12 levels", 3),
    Case("PDF drawings drawn 100 times at each of 5 levels", _repeated_drawings, "too-large", "operations", 3),
    Case("30 PDF pages sharing one huge content stream", _shared_stream, "too-large", "MB", 3),
    Case("PDF page of six million operators", _operator_flood, "too-large", "operations", 3),
    Case("PDF page of two million characters", _character_flood, "too-large", "characters", 3),
    Case("PDF RunLength bomb", _run_length_bomb, "too-large", "decompression bomb", 3),
]

# --- Quadratic patterns: 128 KB that once took minutes each (issue 18) ---

_K = 128 * 1024
ADVERSARIAL_TEXT = {
    "Markdown of 32,000 unclosed HTML comments": ("comments.md", "<!--" * (_K // 4)),
    "Markdown of 32,000 unclosed links": ("links.md", "[a](" * (_K // 4)),
    "Markdown of 128 KB of [": ("brackets.md", "[" * _K),
    "Markdown of 43,000 unclosed emphasis marks": ("emphasis.md", "*a " * (_K // 3)),
    "Markdown of 16,000 unclosed autolinks": ("autolinks.md", "<http://" * (_K // 8)),
    "Markdown heading of 128 KB of #": ("hashes.md", "# " + "#" * _K),
    "a 40,000-letter word": ("word.txt", "a" * 40_000),
    "a 64,000-digit phone-like line": ("digits.txt", "1 " * (_K // 2) + "x"),
    "128 KB of a+a+a+ without a space": ("plus.txt", "a+" * (_K // 2)),
}
CASES += [
    Case(case_id, _text(name, (_PLAIN + "\n" + junk + "\n").encode()), None, "", 0)
    for case_id, (name, junk) in ADVERSARIAL_TEXT.items()
]

if hasattr(os, "geteuid") and os.geteuid() != 0:  # root reads any file, so the case cannot be built
    CASES.insert(1, Case("no read permission", _no_permission, "permission", "No permission", 3))

TIME_LIMIT = 20.0  # seconds per file: far above any of these, far below a hang


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_single_file(case: Case, tmp_path: Path) -> None:
    path = case.build(tmp_path)
    started = time.monotonic()
    result = invoke(path, "--format", "json")
    assert time.monotonic() - started < TIME_LIMIT
    assert result.exit_code == case.exit, result.output
    entry = json.loads(result.stdout)["results"][0]
    if case.code:
        assert entry["error"]["code"] == case.code and case.says in entry["error"]["message"]
        console = invoke(path, "--no-color")
        lines = [line for line in console.stdout.splitlines() if line.strip()]
        assert len(lines) == 1 and case.says in lines[0] and "Traceback" not in console.output
    else:
        assert entry["error"] is None and entry["score"] is not None
        assert case.says in " ".join(entry["warnings"])


def test_all_of_them_in_one_batch(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    expected = {}
    for case in CASES:
        if case.id == "missing path":
            continue
        path = case.build(folder)
        expected[path.name] = case
    for leftover in (folder / "src", folder / "whole.pdf"):
        if leftover.is_dir():
            for inner in leftover.iterdir():
                inner.unlink()
            leftover.rmdir()
        elif leftover.exists():
            leftover.unlink()
    result = invoke(folder, "--format", "json", "--jobs", "2", "--timeout", str(TIME_LIMIT))
    assert result.exit_code == 3
    rows = {Path(r["file"]).name: r for r in json.loads(result.stdout)["results"]}
    for name, case in expected.items():
        if name not in rows:  # the zip bomb and the liar are named .docx and found; loop.pdf is a link
            pytest.fail(f"{name} ({case.id}) is missing from the batch")
        assert (rows[name]["error"] or {}).get("code") == case.code, (case.id, rows[name]["error"])


def test_malformed_profiles_are_usage_errors(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    for content, says in (
        ("id = 'x\n", "not valid TOML"),
        ("id = 5\ntitle = 'X'\npass_score = 50\nterms = []\n", "'id' must be"),
        ("id = 'x'\ntitle = 'X'\npass_score = 50\nterms = []\n", "it has no [[terms]]"),
    ):
        profile = tmp_path / "role.toml"
        profile.write_text(content, encoding="utf-8")
        result = invoke(resume, "--profile", profile)
        assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output, result.output


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    files = [_good_pdf(tmp_path), _good_docx(tmp_path), _text("resume.md", _PLAIN.encode())(tmp_path)]
    before = {path: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) for path in files}
    invoke(*files)
    invoke(tmp_path, "--jobs", "2", "--show-text")
    assert {path: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) for path in files} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["resume.docx", "resume.md", "resume.pdf"]


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    folder = tmp_path / "in"
    folder.mkdir()
    _good_pdf(folder)
    _good_docx(folder)
    env = {**os.environ, "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)}
    for args in ([str(folder / "resume.pdf")], [str(folder), "--jobs", "2", "--format", "csv"]):
        subprocess.run(
            [sys.executable, "-m", "atscheck", *args], env=env, capture_output=True, timeout=120, check=False
        )
    assert list(scratch.iterdir()) == []


def test_no_network_access(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("atscheck tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for path in (_good_pdf(tmp_path), _good_docx(tmp_path)):
        [result] = check_file(path, [load_role("mlops-engineer")], Request())
        assert result.error is None and result.passed
    assert invoke(tmp_path / "resume.pdf").exit_code == 0


def test_the_docs_table_lists_every_case() -> None:
    table = (REPO / "docs" / "hostile-inputs.md").read_text(encoding="utf-8")
    for case in [*CASES, Case("no read permission", _no_permission, "permission", "", 3)]:
        assert f"| {case.id} |" in table, case.id


def test_a_folder_given_where_a_file_is_expected(tmp_path: Path) -> None:
    empty = tmp_path / "resume.pdf"  # a folder, named like a file
    empty.mkdir()
    result = invoke(empty)
    assert result.exit_code == 2 and "No resume files" in result.output and "Traceback" not in result.output
    _good_pdf(empty, "inside.pdf")
    assert invoke(empty).exit_code == 0  # a folder is searched for resumes


# ---------------------------------------------------------------------------------------------------------
# Issue 18, security and data loss (helper i18a): hostile names, links, special files, configs, outputs.
# docs/hostile-inputs.md lists these under "Hostile repositories, names and outputs"; SECURITY_CASES below
# keeps that table in step.
# ---------------------------------------------------------------------------------------------------------

SECURITY_CASES = [
    "file names that look like options (pre-commit)",
    "a link in a folder to a file outside it",
    "a link on the command line to a FIFO",
    "a FIFO, socket or device",
    "a config above the repository",
    "a config that weakens the checks",
    "control characters in a file name",
    "control characters and bidi overrides in resume text",
    "a CSV cell that starts a formula",
    "an output that is an input",
    "an output into a missing folder",
    "a full disk or read-only folder",
    "stdout on /dev/full or closed",
    "a file name that is not UTF-8",
    "atscheck's own report in the scanned folder",
    "an unreadable subfolder",
    "a file that cannot even be looked at",
    "huge or non-finite numbers",
    "TOML nested 100,000 deep",
    "a 1 MB term in a profile",
    "a bad, UTF-16 or 19 MB posting on stdin",
    "--max-file-size 30000",
    "UTF-16 without a BOM and UTF-32",
    "a .docm",
    "a Strict Open XML DOCX",
    "a PDF with no pages",
    "an unknown --format",
]


def test_the_docs_table_lists_every_security_case() -> None:
    table = (REPO / "docs" / "hostile-inputs.md").read_text(encoding="utf-8")
    for case in SECURITY_CASES:
        assert f"| {case} |" in table, case


def _git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


_PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def _hook_repo(folder: Path, args: list[str] | None = None) -> Path:
    """A git repository holding the project's real hook definition. Only how the hook is started changes
    (this interpreter with atscheck on PYTHONPATH, as the tests run offline); id, files and args are kept."""
    import yaml

    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entry = hook["entry"].split()
    assert entry[0] == "atscheck"
    hook.update(language="unsupported", entry=" ".join([sys.executable, "-m", *entry]))  # options in entry kept
    if args is not None:
        hook["args"] = args
    folder.mkdir()
    (folder / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump([hook]), encoding="utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", ".")
    _git(folder, "commit", "-qm", "hook")
    return folder


@pytest.mark.skipif(not _PRE_COMMIT.exists(), reason="needs the pre-commit client")
def test_file_names_that_look_like_options_are_files_under_pre_commit(tmp_path: Path) -> None:
    resumes = tmp_path / "resumes"
    resumes.mkdir()
    good = _good_pdf(resumes, "cv.pdf")
    make_pdf(resumes / "weak.pdf", [["Jane Doe", "Experience", "Sold shoes at a shoe shop for three years."]])
    (resumes / "cfg.pdf").write_text("min-score = 0\n", encoding="utf-8")  # a TOML file named .pdf
    (resumes / "--output=cv.pdf").write_bytes(b"")
    (resumes / "--config=cfg.pdf").write_bytes(b"")
    _git(resumes, "init", "-q")
    _git(resumes, "add", "--", ".")
    _git(resumes, "commit", "-qm", "resumes")
    before = good.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(REPO), "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def run(hooks: Path) -> subprocess.CompletedProcess[str]:
        command = [str(_PRE_COMMIT), "try-repo", str(hooks), "atscheck", "--all-files", "--verbose"]
        return subprocess.run(command, cwd=resumes, env=env, capture_output=True, text=True, timeout=300)

    # Without `--` the names are obeyed as options; even then the input is not overwritten and a config
    # that slipped in is named in the report. (pre-commit splits the files between processes, so which
    # of the two shows depends on the split.)
    attacked = run(_hook_repo(tmp_path / "without-dashes", args=["--role", "mlops-engineer"]))
    assert "is one of the inputs" in attacked.stdout or "Settings from cfg.pdf" in attacked.stdout, attacked.stdout
    assert good.read_bytes() == before
    result = run(_hook_repo(tmp_path / "hook"))  # the shipped hook ends the options: they are files
    assert good.read_bytes() == before, result.stdout
    assert result.returncode == 1 and "Failed" in result.stdout
    assert "--output=cv.pdf" in result.stdout and "The file is empty" in result.stdout
    assert "weak.pdf" in result.stdout and "0 passed" not in result.stdout  # cfg.pdf's min-score = 0 unused
    assert "Settings from" not in result.stdout


def test_double_dash_ends_the_options(tmp_path: Path) -> None:
    named = _good_pdf(tmp_path, "--output=cv.pdf")
    victim = _good_pdf(tmp_path, "cv.pdf")
    before = victim.read_bytes()
    result = invoke("--role", "mlops-engineer", "--format", "json", "--", named)
    assert result.exit_code == 0 and json.loads(result.stdout)["results"][0]["file"].endswith("--output=cv.pdf")
    assert victim.read_bytes() == before


def test_a_link_in_a_folder_to_a_file_outside_it_is_skipped_and_counted(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:SECRETHASH:19000:0:99999:7:::\n" * 30, encoding="utf-8")
    folder = tmp_path / "inbox"
    folder.mkdir()
    _good_pdf(folder)
    (folder / "shadow.txt").symlink_to(secret)
    (folder / "inner.pdf").symlink_to(folder / "resume.pdf")  # a link inside the folder is fine
    for args in (("--format", "json"), ("--show-text",), ("--format", "markdown"), ()):
        result = invoke(folder, "--jobs", "1", *args)
        assert "SECRETHASH" not in result.output and "shadow.txt" not in result.output, args
        assert "1 link(s) to files outside the folder were skipped" in result.output, args
    document = json.loads(invoke(folder, "--format", "json").stdout)
    assert [Path(r["file"]).name for r in document["results"]] == ["inner.pdf", "resume.pdf"]
    assert document["run"]["notes"] == [
        "1 link(s) to files outside the folder were skipped: atscheck reads only what is inside the folders you name."
    ]


def test_a_link_on_the_command_line_is_read_only_if_it_is_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "resume.pdf"
    link.symlink_to(fifo)
    result = invoke(link, "--format", "json")
    assert result.exit_code == 3
    assert json.loads(result.stdout)["results"][0]["error"]["message"].endswith(
        "is a named pipe (FIFO), not a resume file; atscheck reads only regular files."
    )
    good = tmp_path / "good.pdf"
    good.symlink_to(_good_pdf(tmp_path, "real.pdf"))
    assert invoke(good).exit_code == 0


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_special_files_are_refused_without_opening(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "resume.pdf"
    if kind == "fifo":
        os.mkfifo(path)  # opening it to read would block forever: the test's time limit shows it is not
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    else:
        path = Path("/dev/zero")
    started = time.monotonic()
    result = invoke(path, "--format", "json")
    assert time.monotonic() - started < TIME_LIMIT
    assert result.exit_code == 3
    error = json.loads(result.stdout)["results"][0]["error"]
    assert error["code"] == "unsupported" and "atscheck reads only regular files" in error["message"]
    assert str(path) in error["message"]
    if kind == "fifo":  # in a folder too: one row, the batch goes on
        _good_pdf(tmp_path, "other.pdf")
        rows = json.loads(invoke(tmp_path, "--format", "json", "--jobs", "1").stdout)["results"]
        assert [(Path(r["file"]).name, (r["error"] or {}).get("code")) for r in rows] == [
            ("other.pdf", None),
            ("resume.pdf", "unsupported"),
        ]


_OWN = load_role("mlops-engineer").pass_score  # the profile's own passing score


def _weakening_config(folder: Path) -> None:
    (folder / ".atscheck.toml").write_text('min-score = 0\nskip-checks = ["hidden-text"]\n', encoding="utf-8")


def test_a_config_above_the_repository_does_not_apply(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _weakening_config(tmp_path)
    repo = tmp_path / "a" / "b" / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    resume = _good_pdf(repo)
    monkeypatch.chdir(repo / "docs")
    document = json.loads(invoke(resume, "--format", "json").stdout)
    assert document["run"]["config"] is None and document["results"][0]["threshold"] == _OWN
    (repo / ".git").rmdir()  # no repository: only the current folder is searched (not tmp_path, three up)
    monkeypatch.setenv("HOME", str(tmp_path / "elsewhere"))
    assert json.loads(invoke(resume, "--format", "json").stdout)["run"]["config"] is None
    monkeypatch.setenv("HOME", str(tmp_path))  # the home folder's own config does apply
    assert json.loads(invoke(resume, "--format", "json").stdout)["run"]["config"] == str(tmp_path / ".atscheck.toml")


def test_a_config_that_weakens_the_checks_is_named_in_every_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    _weakening_config(tmp_path)
    resume = _good_pdf(tmp_path)
    monkeypatch.chdir(tmp_path)
    config = str(tmp_path / ".atscheck.toml")
    expected = [
        f"Checks turned off by {config}: hidden-text.",
        f"The passing score is lowered to 0 by {config} (the profile's own: MLOps Engineer {_OWN:g}).",
    ]
    document = json.loads(invoke(resume, "--format", "json").stdout)
    assert document["run"] == {"config": config, "weakened": expected, "notes": []}
    for args in ((), ("--format", "markdown"), ("--show-text",)):
        output = invoke(resume, *args).stdout
        assert f"Settings from {config}." in output and all(line in output for line in expected), args
    table = invoke(resume, "--format", "csv")  # a table has no room: the lines go to stderr
    assert f"Settings from {config}." in table.stderr and all(line in table.stderr for line in expected)
    assert "Settings from" not in table.stdout
    flags = invoke(resume, "--min-score", "10", "--skip-check", "images", "--format", "json").stdout
    assert json.loads(flags)["run"]["weakened"] == [
        "Checks turned off by the command line: images.",
        f"The passing score is lowered to 10 by the command line (the profile's own: MLOps Engineer {_OWN:g}).",
    ]
    raised = invoke(resume, "--min-score", "50", "--format", "json").stdout
    assert json.loads(raised)["run"]["weakened"] == [f"Checks turned off by {config}: hidden-text."]


_HOSTILE_NAME = "cv\x1b]0;PWNED\x07\x1b[2J\u009b2J\u202eevil.md"


def test_control_characters_in_a_file_name_never_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # short names: the console does not wrap them
    path = Path(_HOSTILE_NAME)
    path.write_text(_PLAIN, encoding="utf-8")
    _good_pdf(tmp_path)
    for args in ((path,), (path, "--show-text"), (path, "--format", "markdown"), (Path("."), "--format", "csv")):
        output = invoke(*args, "--jobs", "1").stdout
        assert not any(c in output for c in "\x1b\x07\u009b\u202e"), args
        assert "cv␛]0;PWNED␇␛[2J�2J�evil.md" in output, args
    raw = invoke(path, "--format", "json").stdout
    assert not any(c in raw for c in "\x1b\x07\u009b\u202e")
    assert json.loads(raw)["results"][0]["file"] == str(path)  # escaped as JSON, the same value
    error = invoke(path, "-o", path)
    assert error.exit_code == 2 and "\x1b" not in error.output and "␛]0;PWNED" in error.output


def test_control_characters_and_bidi_overrides_in_resume_text_are_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / "resume.md"
    path.write_text(_PLAIN + "\nSkills: Python \u202eevil\u202c \u009b31m \x1b[31mred\n", encoding="utf-8")
    output = invoke(path, "--show-text").stdout
    assert not any(c in output for c in "\x1b\u009b\u202e\u202c")
    assert "[[Python]] �evil� �31m" in output and "[31mred" in output  # [[...]]: a matched term, not a terminal


def test_csv_cells_never_start_a_formula(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import csv as csv_module

    monkeypatch.chdir(tmp_path)
    name = '=HYPERLINK("http:evil","x").pdf'
    _good_pdf(tmp_path, name)
    row = next(iter(csv_module.DictReader(invoke(name, "--format", "csv").stdout.splitlines())))
    assert row["file"] == "'" + name


def test_an_output_that_is_an_input_is_refused_before_scoring(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    before = resume.read_bytes()
    link = tmp_path / "link.pdf"
    link.symlink_to(resume)
    posting = tmp_path / "posting.txt"
    posting.write_text("Senior MLOps engineer. " + " ".join(MLOPS_TEXT) * 3, encoding="utf-8")
    for args in (
        ("-o", resume),
        ("-o", link),
        ("--output", tmp_path / "." / "resume.pdf"),
        ("--jd", posting, "--save-profile", resume),
        ("--jd", posting, "--save-profile", posting),
        ("--jd", posting, "--save-profile", tmp_path / "p.toml", "-o", tmp_path / "p.toml"),
    ):
        result = invoke(resume, *args)
        lines = result.output.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("atscheck: error:"), args
        assert resume.read_bytes() == before and posting.exists()
    folder_run = invoke(tmp_path, "-o", resume)
    assert folder_run.exit_code == 2 and "is one of the inputs" in folder_run.output
    assert resume.read_bytes() == before


def test_an_output_into_a_missing_folder_is_refused_before_scoring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atscheck.core

    monkeypatch.setattr(atscheck.core, "read_document", lambda *a: pytest.fail("scored before the output check"))
    resume = _good_pdf(tmp_path)
    result = invoke(resume, "-o", tmp_path / "missing" / "report.json")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"atscheck: error: --output {tmp_path}/missing/report.json: the folder {tmp_path}/missing does not "
        "exist. Create it first."
    )


def test_a_full_disk_keeps_the_previous_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    resume = _good_pdf(tmp_path)
    report = tmp_path / "report.json"
    report.write_text("the previous report", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = invoke(resume, "-o", report, "--format", "json")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"atscheck: error: Cannot write {report}: the disk is full. Any previous file there was kept unchanged."
    )
    assert report.read_text(encoding="utf-8") == "the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "resume.pdf"]


def test_output_to_dev_stdout_is_written_in_place(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    command = [sys.executable, "-m", "atscheck", str(resume), "--format", "json", "-o", "/dev/stdout"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and json.loads(result.stdout)["results"][0]["file"] == str(resume)


@pytest.mark.parametrize("redirect", ["> /dev/full", ">&-"])
def test_stdout_on_dev_full_or_closed(tmp_path: Path, redirect: str) -> None:
    resume = _good_pdf(tmp_path)
    for form in ("console", "json"):
        command = f'"{sys.executable}" -m atscheck "{resume}" --format {form} {redirect}'
        result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("atscheck: error:"), result.stderr
        assert "Use --output FILE." in result.stderr


def test_a_file_name_that_is_not_utf8_works_in_every_format(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    name = os.path.join(folder, b"r\xe9sum\xe9-latin1.pdf")
    os.rename(_good_pdf(tmp_path, "plain.pdf"), name)
    _good_docx(tmp_path)
    report = tmp_path / "out"
    report.mkdir()
    for form in ("console", "json", "markdown", "csv"):
        result = subprocess.run(
            [sys.executable, "-m", "atscheck", tmp_path, "--jobs", "1", "--format", form],
            capture_output=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            check=False,
        )
        assert result.returncode == 0 and b"Traceback" not in result.stderr, (form, result.stderr)
        assert "r\ufffdsum\ufffd-latin1.pdf".encode() in result.stdout or (
            form == "json" and b"r\\udce9sum\\udce9-latin1.pdf" in result.stdout
        ), form
        result.stdout.decode("utf-8")  # every report is valid UTF-8
        out = report / f"r.{form}"
        written = invoke(tmp_path, "--jobs", "1", "--format", form, "-o", out)
        assert written.exit_code == 0 and out.read_bytes().decode("utf-8")
    names = [r["file"] for r in json.loads((report / "r.json").read_text(encoding="utf-8"))["results"]]
    assert os.fsencode(names[1]) == name  # JSON keeps the exact bytes (as \udcXX escapes)


def test_atscheck_reports_in_the_scanned_folder_are_not_scored(tmp_path: Path) -> None:
    _good_pdf(tmp_path)
    for form, name in (
        ("markdown", "report.md"),
        ("console", "report.txt"),
        ("json", "report.txt"),
        ("short", "short.txt"),
    ):
        assert invoke(tmp_path, "--format", form, "-o", tmp_path / name).exit_code == 0
        shutil_name = tmp_path / f"copy-{name}"  # a copy is still a report, by its first line
        shutil_name.write_bytes((tmp_path / name).read_bytes())
    result = json.loads(invoke(tmp_path, "--format", "json", "--jobs", "1").stdout)
    assert [Path(r["file"]).name for r in result["results"]] == ["resume.pdf"]
    assert result["run"]["notes"] == ["6 atscheck report(s) in the folders were skipped (they are not resumes)."]
    (tmp_path / "notes.md").write_text("# atscheck is a tool I wrote\n" + _PLAIN, encoding="utf-8")
    names = [Path(r["file"]).name for r in json.loads(invoke(tmp_path, "--format", "json").stdout)["results"]]
    assert names == ["notes.md", "resume.pdf"]  # a resume that merely mentions atscheck is scored


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_an_unreadable_subfolder_is_counted(tmp_path: Path) -> None:
    _good_pdf(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    _good_pdf(locked)
    locked.chmod(0)
    try:
        result = invoke(tmp_path, "--format", "json")
    finally:
        locked.chmod(0o755)
    assert json.loads(result.stdout)["run"]["notes"] == [
        f"1 subfolder(s) could not be read and were not searched: {locked}. Check their permissions."
    ]


def test_an_unreadable_subfolder_is_counted_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _good_pdf(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    _good_pdf(locked)
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if os.fspath(path) == str(locked):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke(tmp_path, "--format", "json")
    document = json.loads(result.stdout)
    assert [Path(r["file"]).name for r in document["results"]] == ["resume.pdf"]
    assert document["run"]["notes"] == [
        f"1 subfolder(s) could not be read and were not searched: {locked}. Check their permissions."
    ]
    console = invoke(tmp_path).stdout
    assert "1 subfolder(s) could not be read" in console


def test_an_unreadable_folder_named_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if os.fspath(path) == str(tmp_path):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", str(tmp_path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke(tmp_path)
    assert result.exit_code == 2
    assert result.output.strip() == f"atscheck: error: The folder {tmp_path} cannot be read. Check its permissions."


def test_only_links_and_reports_in_a_folder_is_no_resumes_found(tmp_path: Path) -> None:
    outside = _good_pdf(tmp_path, "outside.pdf")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "cv.pdf").symlink_to(outside)
    result = invoke(folder)
    assert result.exit_code == 2 and "No resume files" in result.output
    assert "1 link(s) to files outside the folder were skipped" in result.output


def test_a_file_that_cannot_even_be_looked_at_is_an_error_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = _good_pdf(tmp_path)
    hidden = tmp_path / "locked" / "cv.pdf"
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(path).startswith(str(hidden.parent)):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[call-overload]
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    result = invoke(good, hidden, "--format", "json", "--jobs", "1")
    assert result.exit_code == 3
    rows = json.loads(result.stdout)["results"]
    assert rows[0]["error"] is None and rows[1]["error"]["code"] == "permission"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--timeout", "1e308"), "--timeout must be at most 86400."),
        (("--max-file-size", "1e308"), "--max-file-size must be at most 1000000."),
        (("--min-score", "nan"), "--min-score must be at most 100."),
        (("--jobs", "99999999"), "--jobs must be at most 256."),
        (("--config", "{config}"), "'min-score' must be a number between 0 and 100, not nan."),
    ],
)
def test_huge_or_non_finite_numbers(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    config = tmp_path / "settings.toml"
    config.write_text("min-score = nan\n", encoding="utf-8")
    result = invoke(_good_pdf(tmp_path), *(a.format(config=config) for a in args))
    assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("kind", ["profile", "config", "pyproject"])
def test_toml_nested_100000_deep(tmp_path: Path, kind: str) -> None:
    name = "pyproject.toml" if kind == "pyproject" else f"{kind}.toml"
    path = tmp_path / name
    path.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    option = "--profile" if kind == "profile" else "--config"
    result = invoke(_good_pdf(tmp_path), option, path)
    assert result.exit_code == 2 and "nested too deeply" in result.output, result.output
    assert result.output.count("\n") == 1


def test_a_1mb_term_is_a_profile_error(tmp_path: Path) -> None:
    profile = tmp_path / "role.toml"
    profile.write_text(
        f'id = "x"\ntitle = "X"\npass_score = 50\n[[terms]]\nname = "{"a" * 1_000_000}"\ncategory = "c"\n',
        encoding="utf-8",
    )
    result = invoke(_good_pdf(tmp_path), "--profile", profile)
    assert result.exit_code == 2 and len(result.output) < 300
    assert "a name or alias is over 200 characters" in result.output


def _posting_text() -> str:
    return "MLOps Engineer\nRequirements\n" + "\n".join(f"- {line}" for line in MLOPS_TEXT) + "\n"


@pytest.mark.parametrize(
    ("data", "exit_code", "says"),
    [
        (_posting_text().encode() + b"\xff\xfe\xc3(", 0, ""),
        (_posting_text().encode("utf-16"), 0, ""),
        (_posting_text().encode("utf-16-le"), 0, ""),
        (b"a " * (19 * 512 * 1024), 2, "over 2 MB"),
    ],
    ids=["bad UTF-8", "UTF-16", "UTF-16 without BOM", "19 MB"],
)
def test_a_bad_utf16_or_huge_posting_on_stdin(tmp_path: Path, data: bytes, exit_code: int, says: str) -> None:
    result = runner_input(_good_pdf(tmp_path), data)
    assert result.exit_code in ((0, 1) if exit_code == 0 else (exit_code,)), result.output
    assert says in result.output and "Traceback" not in result.output


def runner_input(resume: Path, data: bytes):  # type: ignore[no-untyped-def]

    return invoke(resume, "--jd", "-", "--format", "json", input=data)


def test_max_file_size_30000_reads_files(tmp_path: Path) -> None:
    result = invoke(_good_pdf(tmp_path), "--max-file-size", "30000")
    assert result.exit_code == 0, result.output  # the read is in pieces, not one 30 GB buffer


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_without_a_bom_and_utf32_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes(_PLAIN.encode(encoding))
    result = json.loads(invoke(path, "--format", "json").stdout)["results"][0]
    assert result["error"] is None and result["passed"], encoding


def _docx_with(tmp_path: Path, name: str, change: Callable[[dict[str, bytes]], None]) -> Path:
    source = _good_docx(tmp_path, "source.docx")
    with zipfile.ZipFile(source) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    change(members)
    return _zip(name, members)(tmp_path)


def test_a_docm_says_what_it_is(tmp_path: Path) -> None:
    def macro(members: dict[str, bytes]) -> None:
        types = members["[Content_Types].xml"]
        members["[Content_Types].xml"] = types.replace(
            b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
        )

    result = json.loads(invoke(_docx_with(tmp_path, "cv.docm", macro), "--format", "json").stdout)["results"][0]
    assert result["error"]["code"] == "unsupported" and "macro-enabled Word file (.docm)" in result["error"]["message"]


def test_a_strict_ooxml_docx_says_what_it_is(tmp_path: Path) -> None:
    def strict(members: dict[str, bytes]) -> None:
        members["word/document.xml"] = members["word/document.xml"].replace(
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        )

    result = json.loads(invoke(_docx_with(tmp_path, "strict.docx", strict), "--format", "json").stdout)["results"][0]
    assert result["error"]["code"] == "unsupported" and "Strict Open XML" in result["error"]["message"]


def test_a_pdf_with_no_pages_says_so(tmp_path: Path) -> None:
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"}
    path = _write("nopages.pdf", raw_pdf(objects))(tmp_path)
    result = json.loads(invoke(path, "--format", "json").stdout)["results"][0]
    assert result["error"]["code"] == "empty" and "This PDF has no pages" in result["error"]["message"]


def test_an_unknown_format_is_one_plain_line(tmp_path: Path) -> None:
    result = invoke(_good_pdf(tmp_path), "--format", "xml")
    assert result.exit_code == 2 and "'xml' is not a report format" in result.output
    assert "Value error" not in result.output


# --- Signals and a killed parent (issue 18): no traceback, what is finished is reported, no worker left ---


def _children(pid: int) -> set[int]:
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.add(int(stat.parent.name))
    return children


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _busy_batch(folder: Path, *options: str) -> tuple[subprocess.Popen[str], set[int]]:
    """A batch of 1,000 small resumes on 2 workers, started in its own session (as a terminal's job), once
    its workers are at work."""
    folder.mkdir(exist_ok=True)
    for number in range(1000):
        (folder / f"resume-{number:04}.txt").write_text(_PLAIN, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "atscheck", str(folder), "--format", "json", "--jobs", "2", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while len(workers := _children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)  # some files finished, most not
    return process, workers


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds workers through /proc")


@needs_proc
@pytest.mark.parametrize(("signum", "code"), [(2, 130), (15, 143), (1, 129)], ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_stopped_batch_reports_what_is_finished(tmp_path: Path, signum: int, code: int) -> None:
    output = tmp_path / "report.json"
    process, workers = _busy_batch(tmp_path / "inbox", "--output", str(output))
    assert workers, "the batch never started its workers"
    os.killpg(process.pid, signum)  # the whole job, as Ctrl-C in a terminal does
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr
    [line] = stderr.splitlines()
    done, total = map(int, line.removeprefix("atscheck: interrupted after ").removesuffix(" files.").split(" of "))
    assert total == 1000 and done < total
    if done:
        report = json.loads(output.read_text(encoding="utf-8"))
        names = [Path(r["file"]).name for r in report["results"]]
        assert len(names) == done and names == sorted(names)
    else:
        assert not output.exists()
    time.sleep(1)
    assert not any(_running(pid) for pid in workers)


@needs_proc
def test_no_worker_outlives_a_killed_parent(tmp_path: Path) -> None:
    process, workers = _busy_batch(tmp_path / "inbox")
    assert workers, "the batch never started its workers"
    process.kill()  # SIGKILL: the parent cannot clean up
    # The workers let go of the caller's pipes at once, so reading the output to its end does not hang.
    process.communicate(timeout=10)
    time.sleep(5)
    assert [pid for pid in workers if _running(pid)] == []


_BUSY_WORKER = """
import multiprocessing, os, sys, time
from pathlib import Path
from atscheck.engines import isolation

def work(parent):
    if sys.argv[1] == "watcher":
        isolation._die_with_parent = lambda: False  # the way macOS and Windows go: a thread watches the parent
    isolation.isolate(parent)
    import resource
    Path(sys.argv[2]).write_text(str(resource.getrlimit(resource.RLIMIT_AS)[0]))
    time.sleep(120)  # busy with a file for far longer than the test waits

if __name__ == "__main__":
    child = multiprocessing.Process(target=work, args=(os.getpid(),))
    child.start()
    print(child.pid, flush=True)
    time.sleep(120)
"""


@needs_proc
@pytest.mark.parametrize("how", ["prctl", "watcher"])
def test_a_busy_worker_dies_with_its_killed_parent(tmp_path: Path, how: str) -> None:
    script = tmp_path / "parent.py"
    script.write_text(_BUSY_WORKER, encoding="utf-8")
    limit = tmp_path / "limit"
    process = subprocess.Popen([sys.executable, str(script), how, str(limit)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    worker = int(process.stdout.readline())
    deadline = time.monotonic() + 30
    while not (limit.exists() and limit.read_text()) and time.monotonic() < deadline:  # the worker is set up
        time.sleep(0.1)
    assert _running(worker)
    assert 0 < int(limit.read_text()) <= 2 << 30  # each worker may map at most 2 GB
    process.kill()
    process.communicate(timeout=10)  # the worker holds none of the caller's pipes
    deadline = time.monotonic() + 5
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(worker)


@pytest.mark.parametrize("junk", [junk for _, junk in ADVERSARIAL_TEXT.values()], ids=list(ADVERSARIAL_TEXT))
def test_text_patterns_take_time_in_proportion_to_the_text(junk: str) -> None:
    """Markdown clean-up, the e-mail and phone patterns and the tokenizer on 128 KB of each hostile shape:
    well under a second, where the old patterns took minutes; asked 15 times (three checks, five roles),
    the contact patterns run once."""
    from atscheck.contact import contact_details, redact
    from atscheck.extract import Limits
    from atscheck.extract.plaintext import MarkdownReader
    from atscheck.match import tokenize

    data = (_PLAIN + "\n" + junk).encode()
    started = time.monotonic()
    document = MarkdownReader().read(data, "hostile.md", Limits())
    contact_details.__wrapped__(document.text)  # the patterns themselves, past the cache
    redact(document.text)
    for _ in range(15):
        contact_details(document.text)
    tokenize(document.text)
    assert time.monotonic() - started < 1.0
    assert "Kubernetes" in document.text


def test_the_character_cap_applies_before_any_pattern(tmp_path: Path) -> None:
    from atscheck.extract import Limits
    from atscheck.extract.plaintext import MarkdownReader

    document = MarkdownReader().read(("x" * 5000 + "<!-- " * 1000).encode(), "long.md", Limits(max_chars=2000))
    assert len(document.text) <= 2000 and "Only the first 2,000 characters were checked" in document.warnings[0]
    result = invoke(_text("long.txt", (_PLAIN + "\n" + "word " * 1000).encode())(tmp_path), "--max-chars", "1000")
    assert result.output.count("Only the first 1,000 characters") == 1


# --- Bounded reads of profiles, configs and postings (issue 18): never block, never read without end ---


@pytest.mark.parametrize("option", ["--profile", "--config"])
def test_a_device_or_fifo_as_profile_or_config_is_refused_without_reading(tmp_path: Path, option: str) -> None:
    resume = _good_pdf(tmp_path)
    fifo = tmp_path / "settings.toml"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    for target, kind in ((Path("/dev/zero"), "a device"), (fifo, "a named pipe (FIFO)")):
        started = time.monotonic()
        result = invoke(resume, option, target)
        assert time.monotonic() - started < TIME_LIMIT
        assert result.exit_code == 2, result.output
        assert f"{target} is {kind}, not a file" in result.output and "Traceback" not in result.output


def test_a_config_naming_dev_zero_as_its_profile(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    config = tmp_path / "settings.toml"
    config.write_text('profile = "/dev/zero"\n', encoding="utf-8")
    result = invoke(resume, "--config", config)
    assert result.exit_code == 2 and "Profile /dev/zero is a device, not a file" in result.output


def test_profiles_and_configs_are_read_up_to_2_mb(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"# padding\n" * (220 * 1024))
    for option, what in (("--profile", "Profile"), ("--config", "The config file")):
        result = invoke(resume, option, huge)
        assert result.exit_code == 2 and f"{what} {huge} is over 2 MB" in result.output, result.output


def test_dev_zero_on_standard_input_as_the_posting(tmp_path: Path) -> None:
    resume = _good_pdf(tmp_path)
    with open("/dev/zero", "rb") as zero:
        completed = subprocess.run(
            [sys.executable, "-m", "atscheck", str(resume), "--jd", "-"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert completed.returncode == 2 and "over 2 MB" in completed.stderr and "Traceback" not in completed.stderr


# --- A crash in native code (issue 17) ---


def _crash_on(name: str) -> Callable[..., object]:
    """An extractor that dies as a segfault in PDFium would, for the file called `name`."""
    import signal

    from atscheck.extract import extract

    def extract_or_crash(path: Path, limits: object = None) -> object:
        if Path(path).name == name:
            os.kill(os.getpid(), signal.SIGSEGV)
        return extract(path, limits)  # type: ignore[arg-type]

    return extract_or_crash


forking = pytest.mark.skipif(
    sys.platform == "win32" or __import__("multiprocessing").get_start_method() != "fork",
    reason="a single PDF is read in a child process only where processes fork",
)


@forking
def test_a_native_crash_on_a_single_pdf_is_an_error_row_not_a_dead_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atscheck
    import atscheck.core

    pdf = make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT])
    monkeypatch.setattr(atscheck.core, "read_document", _crash_on("resume.pdf"))  # the forked child inherits it
    run = atscheck.run(atscheck.Request(paths=(pdf,)))
    (result,) = run.results
    assert result.error is not None and result.error.code == "crashed"
    assert "stopped unexpectedly" in result.error.message
    assert run.exit_code() == 3


def test_a_native_crash_in_a_batch_is_one_row_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import atscheck
    import atscheck.core

    make_pdf(tmp_path / "crash.pdf", [MLOPS_TEXT])
    make_pdf(tmp_path / "good.pdf", [MLOPS_TEXT])
    if __import__("multiprocessing").get_start_method() != "fork":
        pytest.skip("a spawned worker does not inherit the patched extractor")
    monkeypatch.setattr(atscheck.core, "read_document", _crash_on("crash.pdf"))
    run = atscheck.run(atscheck.Request(paths=(tmp_path,), jobs=1))
    by_name = {Path(r.file).name: r for r in run.results}
    assert by_name["crash.pdf"].error is not None and by_name["crash.pdf"].error.code == "crashed"
    assert by_name["good.pdf"].error is None and by_name["good.pdf"].score > 0


def _hanging_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PDF whose reading hangs as native code might, where no timer signal reaches it (the forked child
    inherits the patched extractor)."""
    import time

    import atscheck.core

    pdf = make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT])

    def hang(path: Path, limits: object = None) -> object:
        time.sleep(120)
        raise AssertionError("the child should have been killed")

    monkeypatch.setattr(atscheck.core, "read_document", hang)
    return pdf


@forking
def test_a_hang_on_a_single_pdf_read_apart_ends_at_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    import atscheck
    from atscheck.engines.inprocess import check_in_child

    pdf = _hanging_pdf(tmp_path, monkeypatch)
    started = time.monotonic()
    (result,) = check_in_child(pdf, [atscheck.load_role("mlops-engineer")], atscheck.Request(timeout=1.0))
    assert time.monotonic() - started < 30  # the child was killed at the limit, not waited for
    assert result.error is not None and result.error.code == "timeout"
    assert "longer than 1 second and" in result.error.message and "--timeout" in result.error.message


@forking
def test_a_stop_signal_while_a_single_pdf_is_read_apart_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal
    import threading
    import time

    import atscheck
    from atscheck.engines.inprocess import check_in_child
    from atscheck.interrupt import Interrupted, interruptible

    pdf = _hanging_pdf(tmp_path, monkeypatch)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    started = time.monotonic()
    with pytest.raises(Interrupted) as stopped, interruptible():
        timer.start()
        check_in_child(pdf, [atscheck.load_role("mlops-engineer")], atscheck.Request(timeout=60.0))
    assert time.monotonic() - started < 30  # the child was killed, not waited for
    assert stopped.value.signum == signal.SIGTERM and stopped.value.total == 1 and stopped.value.results == []


def test_a_single_docx_is_still_checked_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only PDFs are read apart: python-docx is pure Python over lxml and the zip limits."""
    from atscheck.engines import inprocess

    docx = make_docx(tmp_path / "resume.docx", paragraphs=MLOPS_TEXT)
    assert not inprocess.in_child(docx)
    assert inprocess.in_child(make_pdf(tmp_path / "resume.pdf", [MLOPS_TEXT])) == inprocess.CAN_FORK
