"""A career office's roster import at scale: python -m bench.roster [--rows 50000] [--db URL].

Writes a CSV of the given size (about 1 % of the rows bad), then times the preview (reading and checking every
row) and the import (writing the entries, linking, queueing the invitations) as the career pages run them.
"""

from __future__ import annotations

import argparse
import time

from bench.common import backend_name, bench_app, emit, fresh_database


def roster_csv(rows: int) -> bytes:
    """A roster of `rows` graduates in the columns offices use; every 100th row has a bad e-mail."""
    lines = ["学号,姓名,邮箱,专业,学历,毕业年份"]
    for i in range(rows):
        email = f"student{i}@example.edu.cn" if i % 100 else f"student{i}-at-example"
        lines.append(f"2022{i:06d},学生{i},{email},会计学,本科,2026")
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    """Build the file, preview and import it, print the times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="sqlite")
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()

    from recruit.extensions import db
    from recruit.models import Role, University, User
    from recruit.services.universities import rosters

    url = fresh_database(args.db, "roster")
    app = bench_app(url)
    data = roster_csv(args.rows)
    with app.app_context():
        university = db.session.query(University).first()
        office = User(
            email="office@example.edu.cn",
            password_hash="x",
            role=Role.CAREER_OFFICE,
            display_name="就业指导中心",
            university_id=university.id,
        )
        db.session.add(office)
        db.session.commit()
        started = time.perf_counter()
        preview = rosters.preview_roster(db.session, university.id, data)
        previewed = time.perf_counter()
        report = rosters.import_roster(db.session, university.id, preview.rows, office)
        db.session.commit()
        finished = time.perf_counter()
    common = {"rows": args.rows, "db": backend_name(url)}
    emit(
        "roster",
        "preview_s",
        previewed - started,
        "s",
        good=len(preview.rows),
        problems=len(preview.problems),
        **common,
    )
    emit("roster", "import_s", finished - previewed, "s", created=report.created, invited=report.invited, **common)
    emit("roster", "total_s", finished - started, "s", **common)


if __name__ == "__main__":
    main()
