"""Bench: `rackcheck quotes compare` of the three example quotes against the
SuperPOD-style hall (designs/hall-a-dgx-h100.yaml), with and without a sweep, and of
one synthetic quote of `--lines` rows (CSV).

    python bench/bench_quotes.py [--lines 20000]

Prints, each in a fresh process, the wall time and peak RSS of the command (JSON
output). No test asserts a time: a benchmark prints, people judge.
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HALL = ROOT / "designs/hall-a-dgx-h100.yaml"
Q = ROOT / "examples/quotes"
BASE = [str(Q / "quote-a.yaml"), str(Q / "quote-b.csv"), str(Q / "quote-c.yaml"),
        "--design", str(HALL), "--price-book", str(Q / "price-book.yaml"),
        "--as-of", "2026-11-30", "--format", "json"]  # fmt: skip


def timed(args: list[str]) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    res = subprocess.run(["rackcheck", "quotes", "compare", *args],
                         capture_output=True, check=False)  # fmt: skip
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024, res.returncode


def synthetic(folder: Path, n: int) -> Path:
    path = folder / "big.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerows([["Vendor", "Synthetic"], ["Currency", "USD"],
                     ["Part Number", "Description", "Qty", "Unit Price", "Lead Time"]])  # fmt: skip
        for i in range(n):
            w.writerow(
                [
                    f"PN-{i:06d}",
                    f"part {i}",
                    1 + i % 4,
                    f"{100 + i % 900}.00",
                    "6 weeks",
                ]
            )
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=20_000)
    n = ap.parse_args().lines
    with tempfile.TemporaryDirectory() as tmp:
        big = synthetic(Path(tmp), n)
        cases = [
            ("3 example quotes", BASE),
            ("3 example quotes, --sweep energy_price=0.05..0.25", [*BASE, "--sweep",
                                                                  "energy_price=0.05..0.25"]),
            (f"1 quote of {n:,} CSV lines", [str(big), "--design", str(HALL),
                                             "--format", "json"]),
        ]  # fmt: skip
        for label, args in cases:
            wall, rss, code = timed(args)
            print(f"{label:55} {wall:6.2f} s  peak RSS {rss:7.1f} MB  exit {code}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
