"""Rebuild atscheck/data/lemmas/ from a release of spacy-lookups-data.

atscheck reads two of spacy-lookups-data's English tables (see `lemmas` and `english_words` in
atscheck/match.py): en_lemma_lookup.json.gz (word -> lemma, the table of spaCy's lookup lemmatizer) and
en_lemma_index.json.gz (WordNet's base forms). Instead of depending on the whole package (about 99 MB
installed, for 556 KB read), atscheck ships unmodified copies of those two files with their licences:

    atscheck/data/lemmas/en_lemma_lookup.json.gz   copied byte for byte
    atscheck/data/lemmas/en_lemma_index.json.gz    copied byte for byte
    atscheck/data/lemmas/LICENSE                   spacy-lookups-data's licence (MIT, ExplosionAI GmbH)
    atscheck/data/lemmas/en_license.txt            the English data's licence (WordNet 3.0, Princeton)
    atscheck/data/lemmas/README.md                 written here: source, version and SHA-256 of each file

Usage, from the repository root (a maintainer's step: it downloads, so it never runs at run time or in CI):

    python tools/rebuild_lemma_tables.py 1.0.5             # pip downloads the wheel of that version
    python tools/rebuild_lemma_tables.py 1.0.5 --wheel spacy_lookups_data-1.0.5-py2.py3-none-any.whl

The wheel is downloaded with `python -m pip download` into a temporary folder (--wheel uses one at hand
instead), each copied file is checked against the SHA-256 the wheel's RECORD lists, and the files above are
replaced. Then review `git diff --stat`; run the tests (tests/test_library.py pins the tables' sizes) and,
since a new table may change which words count as English, compare the corpus matches (docs/matching.md);
update NOTICE, docs/matching.md and CHANGELOG.md with the new version; commit.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "spacy-lookups-data"
TABLES = ("en_lemma_lookup.json.gz", "en_lemma_index.json.gz")
DATA_LICENSE = "en_license.txt"  # the licence of the English data, beside the tables in the wheel
TARGET = Path(__file__).resolve().parents[1] / "atscheck" / "data" / "lemmas"


def download(version: str, folder: Path) -> Path:
    """The wheel of spacy-lookups-data==version, fetched by pip into folder."""
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "--dest", str(folder)]
    subprocess.run([*pip, f"{PACKAGE}=={version}"], check=True)
    [wheel] = folder.glob("spacy_lookups_data-*.whl")
    return wheel


def _record(wheel: zipfile.ZipFile) -> dict[str, str]:
    """Member name -> its `sha256=...` entry in the wheel's RECORD."""
    [record] = [name for name in wheel.namelist() if name.endswith(".dist-info/RECORD")]
    rows = (line.rsplit(",", 2) for line in wheel.read(record).decode().splitlines() if line)
    return {name: digest for name, digest, _size in rows if digest}


def _checked(wheel: zipfile.ZipFile, record: dict[str, str], name: str) -> bytes:
    data = wheel.read(name)
    digest = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    if record.get(name) != digest:
        raise SystemExit(f"{name}: its SHA-256 is not the one the wheel's RECORD lists")
    return data


def extract(wheel_path: Path, version: str) -> dict[str, bytes]:
    """The files to ship, by their name in atscheck/data/lemmas/, read from the wheel and checked."""
    with zipfile.ZipFile(wheel_path) as wheel:
        record = _record(wheel)
        names = wheel.namelist()
        version_of = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = wheel.read(version_of[0]).decode()
        if f"\nVersion: {version}\n" not in metadata:
            raise SystemExit(f"{wheel_path.name} is not {PACKAGE} {version}")
        files = {name: _checked(wheel, record, f"spacy_lookups_data/data/{name}") for name in (*TABLES, DATA_LICENSE)}
        # The package's own licence: dist-info/LICENSE, or dist-info/licenses/LICENSE in newer wheels.
        licences = [n for n in names if ".dist-info/" in n and n.rsplit("/", 1)[1] in ("LICENSE", "LICENSE.txt")]
        if len(licences) != 1:
            raise SystemExit(f"expected one LICENSE in the wheel's dist-info, found {licences}")
        files["LICENSE"] = _checked(wheel, record, licences[0])
    return files


def readme(version: str, files: dict[str, bytes]) -> str:
    sums = "\n".join(f"    {hashlib.sha256(files[name]).hexdigest()}  {name}" for name in sorted(files))
    return f"""# English lemma tables

Source: {PACKAGE} {version} (https://pypi.org/project/{PACKAGE}/{version}/,
https://github.com/explosion/spacy-lookups-data), files copied unmodified from its wheel by
tools/rebuild_lemma_tables.py:

- en_lemma_lookup.json.gz: word -> lemma, the table of spaCy's English lookup lemmatizer
  (spacy_lookups_data/data/en_lemma_lookup.json.gz).
- en_lemma_index.json.gz: WordNet's base forms by part of speech (spacy_lookups_data/data/en_lemma_index.json.gz).
- LICENSE: {PACKAGE}'s licence (MIT), from the wheel's dist-info.
- en_license.txt: the licence of {PACKAGE}'s English data (WordNet 3.0, Princeton University), from
  spacy_lookups_data/data/en_license.txt.

atscheck reads them in atscheck/match.py (`lemmas`, `english_words`). SHA-256:

{sums}
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("version", help=f"the {PACKAGE} version to copy the tables from, e.g. 1.0.5")
    parser.add_argument("--wheel", type=Path, help="use this wheel of that version instead of downloading it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download(args.version, Path(tmp))
        files = extract(wheel, args.version)
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (TARGET / name).write_bytes(data)
    (TARGET / "README.md").write_text(readme(args.version, files), encoding="utf-8")
    for name in sorted([*files, "README.md"]):
        print(f"{(TARGET / name).stat().st_size:>9,}  {TARGET / name}")


if __name__ == "__main__":
    main()
