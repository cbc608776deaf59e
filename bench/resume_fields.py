"""What is read from resumes: the share of the labelled resumes in bench/data/resumes/ whose major, degree and
graduation year are read right, and the precision and recall of the skills read, per language and overall.

    python -m bench.resume_fields
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from bench.common import emit
from recruit.matching.scoring import normalise_term
from recruit.reference.skills import COMMON_SKILLS
from recruit.services.people.resume_fields import read_fields

BENCH = "resume_fields"
DATA = Path(__file__).parent / "data" / "resumes"
THIS_YEAR = 2026  # the year the resumes were written in


def main() -> None:
    """Read every labelled resume of both sets and print the figures as JSON lines (what was read on stderr)."""
    for folder, name in ((DATA, "development"), (DATA / "held-out", "held-out")):
        measure(folder, name)


def measure(folder: Path, name: str) -> None:
    """The figures of one set of labelled resumes."""
    vocabulary = sorted(COMMON_SKILLS, key=len, reverse=True)
    with open(folder / "labels.csv", encoding="utf-8", newline="") as handle:
        labels = list(csv.DictReader(handle))
    for language in ("zh", "en", "all"):
        rows = [row for row in labels if language == "all" or row["file"].startswith(language)]
        right = {"major": 0, "degree": 0, "graduation_year": 0}
        found = wanted = hits = 0
        for row in rows:
            read = read_fields((folder / row["file"]).read_text(encoding="utf-8"), vocabulary, THIS_YEAR)
            right["major"] += normalise_term(read.major or "") == normalise_term(row["major"])
            right["degree"] += (read.degree.value if read.degree else "") == row["degree"]
            right["graduation_year"] += str(read.graduation_year or "") == row["graduation_year"]
            expected = {normalise_term(skill) for skill in row["skills"].split(";") if skill}
            got = {normalise_term(skill) for skill in read.skills}
            found, wanted, hits = found + len(got), wanted + len(expected), hits + len(got & expected)
            if language == "all":
                print(f"{name} {row['file']}: {read}", file=sys.stderr)
        for field, count in right.items():
            emit(BENCH, f"{field}_right", count / len(rows), "share", set=name, language=language, resumes=len(rows))
        extra = {"set": name, "language": language, "resumes": len(rows)}
        emit(BENCH, "skills_precision", hits / max(1, found), "share", **extra)
        emit(BENCH, "skills_recall", hits / max(1, wanted), "share", **extra)


if __name__ == "__main__":
    main()
