"""The HTML report in a real browser (headless Chromium): the page a job seeker opens.

The test adds a small checking script to a copy of the report (the report itself runs no script: its CSP
forbids it, so the copy's CSP allows inline scripts for the check only). The script records errors from the
first moment, then writes what the browser built into the DOM, which `--dump-dom` prints.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MLOPS_TEXT, REPO, make_pdf

from atscheck import runner
from atscheck.report import get_format
from atscheck.request import Request

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-extensions",
)

ERRORS = """<script>
window.__errors = [];
window.onerror = function (message) { window.__errors.push(String(message)); };
document.addEventListener("securitypolicyviolation", function (e) {
  window.__errors.push("blocked: " + e.violatedDirective + " " + e.blockedURI);
});
</script>"""
CHECKS = """<script>
(function () {
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.m[data-term]"));
  var report = {
    marks: marks.length,
    visible: marks.filter(function (m) { return m.getClientRects().length > 0; }).length,
    titled: marks.filter(function (m) { return m.title.indexOf(m.dataset.term) === 0; }).length,
    gaps: document.querySelectorAll("aside li.gap").length,
    pages: document.querySelectorAll(".page").length,
    resources: performance.getEntriesByType("resource").length,
    pwned: window.pwned === 1,
    errors: window.__errors
  };
  var out = document.createElement("pre");
  out.id = "atscheck-check";
  out.textContent = JSON.stringify(report);
  document.body.appendChild(out);
})();
</script>"""


def browser() -> str:
    found = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    if found is None:
        pytest.skip("no headless Chromium (apt-get install chromium): the HTML report's browser test is skipped")
    return found


def checked_in_browser(page: str, tmp_path: Path) -> dict:
    page = page.replace("default-src 'none'", "default-src 'none'; script-src 'unsafe-inline'")
    page = page.replace("<head>", "<head>" + ERRORS, 1).replace("</body>", CHECKS + "</body>", 1)
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    dom = subprocess.run(
        [browser(), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", path.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    found = re.search(r'<pre id="atscheck-check">(.*?)</pre>', dom, re.DOTALL)
    assert found, "the checking script did not run; the browser printed:\n" + dom[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<"))


def test_the_example_report_renders_in_chromium(tmp_path: Path) -> None:
    run = runner.run(Request(paths=(REPO / "examples" / "mlops-engineer-resume.pdf",), keep_documents=True))
    result = run.results[0]
    report = checked_in_browser(get_format("html").render(run), tmp_path)
    matched = sum(t.count for t in result.terms)
    assert report["errors"] == []
    assert report["marks"] == report["visible"] == report["titled"] == matched > 0
    assert report["gaps"] > 0  # the missing terms are listed beside the text
    assert report["pages"] == 1 and report["resources"] == 0


def test_a_hostile_resume_cannot_script_the_page(tmp_path: Path) -> None:
    lines = [*MLOPS_TEXT, "<script>window.pwned = 1</script></div></section><img src=x onerror='window.pwned=1'>"]
    run = runner.run(Request(paths=(make_pdf(tmp_path / "hostile.pdf", [lines]),), keep_documents=True))
    report = checked_in_browser(get_format("html").render(run), tmp_path)
    assert report["pwned"] is False and report["errors"] == [] and report["resources"] == 0
    assert report["marks"] == sum(t.count for t in run.results[0].terms)
