"""What the tests/test_hostile_*.py modules share: the hostile files, built by hand, and the cases by attack
class. Each class's module runs its cases alone (check_single_file); test_hostile_table.py runs all of them in
one batch and keeps docs/hostile-inputs.md in step with CASES.
"""

from __future__ import annotations

import json
import os
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from conftest import MLOPS_TEXT, invoke, make_docx, make_pdf, one_page_pdf, raw_pdf, stream

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


def _zip(name: str, members: dict[str, bytes]) -> Build:
    def build(folder: Path) -> Path:
        path = folder / name
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for member, data in members.items():
                archive.writestr(member, data)
        return path

    return build


def _text(name: str, data: bytes) -> Build:
    return _write(name, data)


_PLAIN = "\n".join(MLOPS_TEXT)

# --- The file system: missing paths, links, permissions and names ---


def _link_loop(folder: Path) -> Path:
    path = folder / "loop.pdf"
    path.symlink_to(path)
    return path


def _no_permission(folder: Path) -> Path:
    path = _good_pdf(folder, "locked away.pdf")
    path.chmod(0)
    return path


FILE_CASES = [
    Case("missing path", lambda d: d / "not there.pdf", "missing", "No file at", 3),
    Case("symlink loop", _link_loop, "missing", "points to itself", 3),
    Case("spaces and non-ASCII in the name", lambda d: _good_pdf(d, "my résumé 履歴書.pdf"), None, "", 0),
]
if hasattr(os, "geteuid") and os.geteuid() != 0:  # root reads any file, so the case cannot be built
    FILE_CASES.insert(1, Case("no read permission", _no_permission, "permission", "No permission", 3))

# --- Text encodings, files that are not what their names say, and patterns that once took minutes ---

# Quadratic patterns: 128 KB that once took minutes each (issue 18)
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
TEXT_CASES = [
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
    Case("DOCX named .pdf", _renamed(_good_docx, "really-word.pdf"), None, "is really a Word (DOCX) file", 0),
    Case("PDF named .docx", _renamed(_good_pdf, "really-pdf.docx"), None, "is really a PDF", 0),
    Case("UTF-16 text", _text("resume.txt", _PLAIN.encode("utf-16")), None, "", 0),
    Case("Latin-1 text", _text("latin.txt", (_PLAIN + "\nCafé résumé").encode("latin-1")), None, "", 0),
    Case("invalid UTF-8 bytes", _text("bad.md", _PLAIN.encode() + b"\n\xff\xfe\xc3(broken"), None, "", 0),
]
TEXT_CASES += [
    Case(case_id, _text(name, (_PLAIN + "\n" + junk + "\n").encode()), None, "", 0)
    for case_id, (name, junk) in ADVERSARIAL_TEXT.items()
]

# --- PDF structure and bombs ---


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


# Work bombs: small files that ask a reader for unbounded work (issue 18, atscheck/extract/pdf/prescan.py)


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


PDF_CASES = [
    Case("truncated PDF", _truncated, "corrupt", "damaged", 3),
    Case("PDF with a broken xref table", _broken_xref, None, "", 0),
    Case("PDF with a user password", _encrypted("secret"), "encrypted", "without the password", 3),
    Case("PDF with an empty user password", _encrypted(None), None, "", 0),
    Case("PDF decompression bomb", _pdf_bomb, "too-large", "decompression bomb", 3),
    Case("PDF with cyclic references", _cyclic, None, "", 1),
    Case("PDF page tree 5,000 levels deep", _nested, "corrupt", "damaged", 3),
    Case("PDF with an array nested 100,000 deep", _deep_array, None, "", 1),
    Case("PDF with 1,000 pages", _thousand_pages, None, "Only the first 30 of 1000 pages", 0),
    Case("PDF font map spanning 4 billion codes", _cmap_bomb, "too-large", "character maps span", 3),
    Case("PDF drawings doubling 28 levels deep", _doubling_drawings, "too-large", "nested more than 12 levels", 3),
    Case("PDF drawings drawn 100 times at each of 5 levels", _repeated_drawings, "too-large", "operations", 3),
    Case("30 PDF pages sharing one huge content stream", _shared_stream, "too-large", "MB", 3),
    Case("PDF page of six million operators", _operator_flood, "too-large", "operations", 3),
    Case("PDF page of two million characters", _character_flood, "too-large", "characters", 3),
    Case("PDF RunLength bomb", _run_length_bomb, "too-large", "decompression bomb", 3),
]

# --- DOCX and zip archives ---


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


DOCX_CASES = [
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
]

CASES = FILE_CASES + TEXT_CASES + PDF_CASES + DOCX_CASES  # every case of docs/hostile-inputs.md's first tables


def check_single_file(case: Case, tmp_path: Path) -> None:
    """One case alone, as docs/hostile-inputs.md describes it: the exit code and, for an error, one line. A
    case that hung would end at the per-file time limit as a "timeout" row, which no case expects."""
    path = case.build(tmp_path)
    result = invoke(path, "--format", "json")
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
