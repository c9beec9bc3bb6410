"""Text fidelity of the PDF reader: per corpus PDF, how far its words agree with a reference.

The reference is the same resume in another format where the corpus has one (a twin from the same commit
with the same content, per ../shared/corpus/SOURCES.tsv), else poppler's pdftotext. Agreement is the
Jaccard index of the two sets of words (lower-cased, NFKC, outer punctuation stripped). When pdfminer.six is
installed, its words are scored against the same reference too (the reader atscheck used before PDFium).

    apt-get install poppler-utils          # pdftotext
    python bench/fidelity.py [../shared/corpus]

docs/extraction.md holds the table and explains every file under 0.95.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

from atscheck.errors import InputError
from atscheck.extract import extract

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
# PDFs with a twin of the same content in another format (SOURCES.tsv: same repository and commit).
TWINS = {
    "kylesykes-datasci-resume.pdf": "kylesykes-datasci-resume.docx",
    "abhaymise-ai-engineer-xhtml2pdf.pdf": "abhaymise-ai-engineer-resume.docx",
}
_EDGE = re.compile(r"^\W+|\W+$")


def words(text: str) -> set[str]:
    """The words, compared as the page shows them: ligatures as letters (NFKC), a drawn soft hyphen (pdftotext
    keeps LuaTeX's U+00AD) as a hyphen."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "-")
    return {w for w in (_EDGE.sub("", token.lower()) for token in text.split()) if w}


def jaccard(a: set[str], b: set[str]) -> float | None:
    return len(a & b) / len(a | b) if a | b else None


def pdftotext(path: Path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False)
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def pdfminer_text(path: Path) -> str | None:
    try:
        from pdfminer.high_level import extract_text
    except ImportError:
        return None
    try:
        return extract_text(str(path))
    except Exception:
        return None


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    args = parser.parse_args()
    print("| PDF | reference | atscheck (PDFium) | pdfminer.six | pdftotext |")
    print("|---|---|---|---|---|")
    for path in sorted(args.corpus.glob("*.pdf")):
        try:
            ours = words(extract(path).text)
        except InputError as error:
            print(f"| {path.name} | - | {error.code} | - | - |")
            continue
        poppler = pdftotext(path)
        twin = TWINS.get(path.name)
        if twin and (args.corpus / twin).exists():
            reference, label = words(extract(args.corpus / twin).text), f"twin {twin}"
        elif poppler is not None:
            reference, label = words(poppler), "pdftotext"
        else:
            print(f"| {path.name} | none (install poppler-utils) | - | - | - |")
            continue
        miner = pdfminer_text(path)
        theirs = jaccard(words(miner), reference) if miner is not None else None
        poppler_score = jaccard(words(poppler), reference) if poppler is not None and twin else None
        print(
            f"| {path.name} | {label} | {_cell(jaccard(ours, reference))} | {_cell(theirs)} | {_cell(poppler_score)} |"
        )


if __name__ == "__main__":
    main()
