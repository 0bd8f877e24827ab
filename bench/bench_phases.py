"""Bench: what staging costs. `rackcheck check --no-cache` of the SuperPOD-style hall
as one design and as the same hall in three phases (each phase built and checked as a
design of its own, PHS001/PHS002, plus metrics.phases), each in a fresh process.

    python bench/bench_phases.py [--repeat 3]

Prints the best wall time of each and the ratio. No figure here is asserted by a test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESIGNS = {
    "hall (1 design)": ROOT / "designs/hall-a-dgx-h100.yaml",
    "hall in 3 phases": ROOT / "designs/hall-a-phased.yaml",
}


def best(path: Path, repeat: int) -> float:
    cmd = [sys.executable, "-m", "rackcheck", "check", "--no-cache", "--format",
           "json", "--exit-zero", str(path)]  # fmt: skip
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    got = {name: best(path, args.repeat) for name, path in DESIGNS.items()}
    for name, secs in got.items():
        print(f"{name:18s} {secs:6.2f} s  (best of {args.repeat})")
    one, three = got.values()
    print(f"{'ratio':18s} {three / one:6.2f}x")


if __name__ == "__main__":
    main()
