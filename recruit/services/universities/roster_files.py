"""Reading a roster file as a career office saves it: CSV (UTF-8 with or without BOM, UTF-16, or the GB18030/GBK
that Excel writes on Chinese Windows) or XLSX, into rows of text under a recognised header.

Hostile files are refused, not trusted: a size limit before anything is read, a row limit while reading, and any
parser error is "unreadable", never a crash.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from recruit.i18n import lazy_gettext as _l
from recruit.services.errors import ValidationError

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
FIELDS = ("student_number", "full_name", "email", "major", "degree", "graduation_year")
# Header names as offices write them, in Chinese and English (compared without case, spaces and punctuation).
HEADER_NAMES = {
    "student_number": ("学号", "studentnumber", "studentno", "studentid", "number"),
    "full_name": ("姓名", "name", "fullname"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "email", "emailaddress", "mail"),
    "major": ("专业", "专业名称", "major"),
    "degree": ("学历", "学位", "学历层次", "degree"),
    "graduation_year": ("毕业年份", "毕业年度", "毕业届别", "graduationyear", "year"),
}
_HEADER_NOISE = re.compile(r"[\s_\-.:：()（）/]+")
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


@dataclass(frozen=True)
class RawRow:
    """One data row: its line in the file (the header is line 1) and its cells by field."""

    line: int
    cells: dict[str, str]


def _refuse(message) -> ValidationError:
    return ValidationError(message, field="file")


def _decode(data: bytes) -> str:
    """The text of a CSV file in the first encoding that reads it whole."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _UNREADABLE.search(text):
            return text
    raise _refuse(_l("This file is in no encoding we can read: save it as CSV (UTF-8) or as an Excel workbook."))


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    sample = text[:4096]
    delimiter = max(",\t;，", key=sample.count) if any(d in sample for d in ",\t;，") else ","
    if delimiter == "，":  # a full-width comma: the csv module needs one character, so make it ASCII
        text, delimiter = text.replace("，", ","), ","
    rows = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        rows.append(row)
        if len(rows) > MAX_ROWS + 1:
            raise _refuse(_l("A roster holds at most %(n)d rows.", n=MAX_ROWS))
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 2026.0 → "2026", a student number typed as a number
    return str(value)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > 20 * MAX_BYTES:
                raise _refuse(_l("This workbook is too large once unpacked."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(value) for value in values])
            if len(rows) > MAX_ROWS + 1:
                raise _refuse(_l("A roster holds at most %(n)d rows.", n=MAX_ROWS))
        workbook.close()
        return rows
    except ValidationError:
        raise
    except Exception as error:  # any parser error: the file is not a workbook we can read
        raise _refuse(_l("This Excel file cannot be read.")) from error


def _field_of(header: str) -> str | None:
    key = _HEADER_NOISE.sub("", header.strip().lower())
    return next((field for field, names in HEADER_NAMES.items() if key in names), None)


def read_rows(data: bytes) -> list[RawRow]:
    """The data rows of a roster file (CSV or XLSX), by field; a missing column or unreadable file is refused."""
    if len(data) > MAX_BYTES:
        raise _refuse(_l("A roster file may be at most %(n)d MB.", n=MAX_BYTES // (1024 * 1024)))
    if not data.strip():
        raise _refuse(_l("The file is empty."))
    rows = _xlsx_rows(data) if data.startswith(b"PK\x03\x04") else _csv_rows(data)
    header_line = next((i for i, row in enumerate(rows) if any(cell.strip() for cell in row)), None)
    if header_line is None:
        raise _refuse(_l("The file is empty."))
    columns = {i: _field_of(cell) for i, cell in enumerate(rows[header_line])}
    missing = [field for field in FIELDS if field not in columns.values()]
    if missing:
        raise _refuse(
            _l(
                "The first row must name the columns: 学号, 姓名, 邮箱, 专业, 学历, 毕业年份 "
                "(or student number, name, e-mail, major, degree, graduation year). Missing: %(fields)s.",
                fields=", ".join(missing),
            )
        )
    result = []
    for offset, row in enumerate(rows[header_line + 1 :], start=header_line + 2):
        cells = {field: (row[i] if i < len(row) else "") for i, field in columns.items() if field is not None}
        if any(value.strip() for value in cells.values()):
            result.append(RawRow(offset, cells))
    return result
