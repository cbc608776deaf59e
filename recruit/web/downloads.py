"""Sending a table as a CSV or XLSX download, written to the audit log first (who downloaded what, how many rows)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, request
from flask_login import current_user

from recruit.extensions import db
from recruit.services.oversight import audit
from recruit.spreadsheets import MEDIA_TYPES, table_file


@dataclass(frozen=True)
class Table:
    """A table as it is downloaded: a title, translated headings and the rows."""

    title: str
    headers: list[str]
    rows: list[list]


def send_table(name: str, fmt: str, table: Table, target, filename: str) -> Response:
    """Record the download in the audit log, commit, and send the table as `filename`."""
    audit.record(
        db.session,
        current_user,
        "export",
        target,
        {"table": name, "format": fmt, "rows": len(table.rows)},
        ip_address=request.remote_addr,
    )
    db.session.commit()
    return Response(
        table_file(fmt, table.title, table.headers, table.rows),
        mimetype=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
