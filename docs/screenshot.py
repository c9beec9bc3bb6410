"""Write docs/html-report.png: the HTML report of the bundled example, as headless Chromium shows it.

    python docs/screenshot.py            (needs chromium: apt-get install chromium)

The README shows the picture. It is reduced to a palette of 128 colours so that it stays small in the
repository; run this again whenever the report's look changes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from atscheck import runner  # noqa: E402  (after the path: runs from a checkout without installing)
from atscheck.report import get_format  # noqa: E402
from atscheck.request import Request  # noqa: E402

EXAMPLE = REPO / "examples" / "mlops-engineer-resume.pdf"
OUTPUT = REPO / "docs" / "html-report.png"
WIDTH, HEIGHT = 1280, 900
COLOURS = 128


def main() -> int:
    browser = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")), None)
    if browser is None:
        print("chromium not found: install it (apt-get install chromium) and run this again", file=sys.stderr)
        return 1
    run = runner.run(Request(paths=(EXAMPLE.relative_to(REPO),), keep_documents=True))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(get_format("html").render(run), encoding="utf-8")
        shot = Path(tmp) / "shot.png"
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={Path(tmp) / 'profile'}",
                f"--window-size={WIDTH},{HEIGHT}",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        with Image.open(shot) as image:
            image.convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT).save(OUTPUT, optimize=True)
    print(f"{OUTPUT.relative_to(REPO)}: {OUTPUT.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
