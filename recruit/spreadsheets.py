"""Tables written as CSV or XLSX for download, with no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

FORMATS = ("csv", "xlsx")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A text starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets (OWASP: CSV
# injection); tab and carriage return start one in some of them too.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A cell's value as written: numbers stay numbers, None is empty, a text that would start a formula is quoted
    with a leading apostrophe (shown as text, never run)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value if value >= 0 else f"'{value}"
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def to_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """The table as CSV in UTF-8 with a byte-order mark, so that Excel reads Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """The table as an Excel workbook of one sheet (written row by row, so large tables stay small in memory)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.append([safe_cell(h) for h in headers])
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """Excel's sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()
    return (cleaned or "Sheet")[:31]


def table_file(fmt: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """The table in `fmt` ("csv" or "xlsx")."""
    if fmt == "csv":
        return to_csv(headers, rows)
    if fmt == "xlsx":
        return to_xlsx(title, headers, rows)
    raise ValueError(f"unknown format {fmt!r}")
