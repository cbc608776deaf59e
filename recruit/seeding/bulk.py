"""Writing seeded rows fast: PostgreSQL takes them through COPY (one stream per chunk, inside the session's
transaction), SQLite through one executemany insert per chunk. Rows are plain dicts with the same keys; columns a
row leaves out get their Python-side default, as an ORM insert would give them."""

from __future__ import annotations

import enum

from sqlalchemy import JSON, insert
from sqlalchemy.sql.schema import Table

CHUNK = 5_000


def _is_json(column) -> bool:
    kind = column.type
    return isinstance(kind, JSON) or isinstance(getattr(kind, "impl", None), JSON)


def _defaults(table: Table, given: set[str]) -> dict[str, object]:
    """The Python-side defaults of the columns the rows leave out (server defaults COPY applies itself)."""
    values = {}
    for column in table.columns:
        if column.key in given or column.default is None or column.default.is_sequence:
            continue
        default = column.default
        if default.is_scalar:
            values[column.key] = default.arg
        elif default.is_callable:
            values[column.key] = default.arg(None)
    return values


def _copy(session, table: Table, rows: list[dict]) -> None:
    from psycopg.types.json import Json

    given = set(rows[0])
    extra = _defaults(table, given)
    columns = [c for c in table.columns if c.key in given or c.key in extra]
    json_keys = {c.key for c in columns if _is_json(c)}

    def cell(key, value):
        if value is None:
            return None
        if key in json_keys:
            return Json(value)
        if isinstance(value, enum.Enum):
            return value.value
        return value

    names = ", ".join(f'"{c.name}"' for c in columns)
    cursor = session.connection().connection.driver_connection.cursor()
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([cell(c.key, row[c.key] if c.key in row else extra[c.key]) for c in columns])


def write_rows(session, model, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys) into `model`'s table, in chunks, bypassing the ORM's events."""
    if not rows:
        return
    table = model.__table__
    postgres = session.get_bind().dialect.name == "postgresql"
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        if postgres:
            _copy(session, table, chunk)
        else:  # the table's insert, one executemany per chunk (the ORM's splits rows whose None values differ)
            session.execute(insert(table), chunk)
