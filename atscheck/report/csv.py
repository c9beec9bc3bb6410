"""CSV output for a spreadsheet: one row per file and role, in ranking order; with --matrix, a candidates x
requirements matrix per role (exact, alias, typo or missing in each cell). No cell can start a formula
(a file named =HYPERLINK(...)), as OWASP advises for CSV injection."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from atscheck.outcome import Run
from atscheck.output import csv_cell, escape_all
from atscheck.report import ReportOptions

COLUMNS = (
    "rank",
    "file",
    "role",
    "score",
    "threshold",
    "passed",
    "required_coverage",
    "preferred_coverage",
    "missing_required",
    "missing_preferred",
    "readability_errors",
    "readability_warnings",
    "error_code",
    "error_message",
)


@dataclass(frozen=True)
class CsvFormat:
    options: ReportOptions = field(default_factory=ReportOptions)

    def render(self, run: Run) -> str:
        run = escape_all(run, newlines=False)
        if self.options.matrix:
            return matrix(run)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in run.ranking:
            result = row.result
            parts = result.parts
            writer.writerow(
                csv_cell(str(cell))
                for cell in [
                    row.rank if row.rank is not None else "",
                    result.file,
                    result.profile.id if result.profile else "",
                    f"{result.score:g}" if result.score is not None else "",
                    f"{result.threshold:g}",
                    "yes" if result.passed else "no",
                    f"{parts.required.percent:g}" if parts else "",
                    f"{parts.preferred.percent:g}" if parts else "",
                    "; ".join(row.missing_required),
                    "; ".join(row.missing_preferred),
                    "; ".join(row.readability_errors),
                    "; ".join(row.readability_warnings),
                    result.error.code if result.error else "",
                    result.error.message if result.error else "",
                ]
            )
        return out.getvalue()


MATRIX_STATUS = {"exact": "exact", "alias": "alias", "implied": "implied", "fuzzy": "typo", "missing": "missing"}


def matrix(run: Run) -> str:
    """Per role: a header row (rank, file, role, score, then each requirement), one row per candidate."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for number, table in enumerate(run.matrices):
        if number:
            writer.writerow([])  # roles are separate tables, one blank row apart
        header = ["rank", "file", "role", "score", *(gap.label for gap in table.columns)]
        writer.writerow(csv_cell(cell) for cell in header)
        for row, cells in table.rows:
            result = row.result
            score = f"{result.score:g}" if result.score is not None else ""
            statuses = [MATRIX_STATUS[cell.status] for cell in cells]
            writer.writerow(csv_cell(str(cell)) for cell in [row.rank, result.file, table.profile.id, score, *statuses])
    return out.getvalue()
