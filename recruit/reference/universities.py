"""The national list of higher-education institutions shipped with recruit (recruit/data/universities.csv, whose
provenance is in recruit/data/universities.md), read as plain rows."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

LIST_FILE = Path(__file__).resolve().parent.parent / "data" / "universities.csv"

LEVELS = ("undergraduate", "vocational")


class ReferenceUniversity(NamedTuple):
    code: str
    name: str
    authority: str
    city: str
    province_code: str
    level: str
    ownership: str


def national_list() -> list[ReferenceUniversity]:
    """Every institution of the shipped list, in the list's order (by code)."""
    with LIST_FILE.open(encoding="utf-8", newline="") as handle:
        return [ReferenceUniversity(**row) for row in csv.DictReader(handle)]


def load_national_list(connection) -> int:
    """Write the national list into the universities table with plain SQL (migrations and the CLI use it);
    return how many rows were added. Matched by code; a name taken by another code is skipped."""
    from sqlalchemy import bindparam, text

    from recruit import clock
    from recruit.models.base import UTCDateTime

    stamp = bindparam("now", type_=UTCDateTime())
    by_code = {code: name for code, name in connection.execute(text("SELECT code, name FROM universities"))}
    taken_names = set(by_code.values())
    added = 0
    now = clock.now()
    for row in national_list():
        values = {**row._asdict(), "now": now}
        if row.code in by_code:
            if row.name != by_code[row.code] and row.name in taken_names:
                continue
            connection.execute(
                text(
                    "UPDATE universities SET name = :name, city = :city, province_code = :province_code, "
                    "authority = :authority, level = :level, ownership = :ownership, updated_at = :now "
                    "WHERE code = :code"
                ).bindparams(stamp),
                values,
            )
        elif row.name not in taken_names:
            connection.execute(
                text(
                    "INSERT INTO universities (code, name, name_en, province_code, city, authority, level, ownership, "
                    "created_at, updated_at) VALUES (:code, :name, '', :province_code, :city, :authority, :level, "
                    ":ownership, :now, :now)"
                ).bindparams(stamp),
                values,
            )
            added += 1
        taken_names.add(row.name)
    return added
