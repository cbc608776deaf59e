"""Web start-up: how long create_app() takes in a fresh process, and that it imports no torch."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

from bench.common import emit

PROBE = """
import json, sys, time
started = time.perf_counter()
from recruit import create_app
app = create_app({"RECRUIT_ENV": "testing", "SECRET_KEY": "bench",
                  "SQLALCHEMY_DATABASE_URI": "sqlite:///:memory:"})
elapsed = time.perf_counter() - started
print(json.dumps({"s": elapsed, "torch": "torch" in sys.modules}))
"""


def main() -> None:
    """Start the app in fresh processes and print the median and worst start-up time."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    samples = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        samples.append(result["s"])
        if result["torch"]:
            raise SystemExit("create_app imported torch")
    emit("startup", "create_app_median_s", statistics.median(samples), "s", n=args.runs)
    emit("startup", "create_app_max_s", max(samples), "s", n=args.runs)


if __name__ == "__main__":
    main()
