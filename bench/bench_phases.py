"""Bench: what staging costs. `rackcheck check --no-cache` of the SuperPOD-style hall
as one design and as the same hall in three phases (each phase built and checked as a
design of its own, PHS001/PHS002, plus metrics.phases), each in a fresh process.

    python bench/bench_phases.py [--repeat 3]

Then the same in-process (`api.check_file`, catalogs loaded beforehand), which leaves
out the interpreter's start-up. The runs alternate between the two designs, so a busy machine slows both alike; the
best wall time of each is printed, and the ratio. No figure here is asserted by a test.
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


def once(path: Path) -> float:
    cmd = [sys.executable, "-m", "rackcheck", "check", "--no-cache", "--format",
           "json", "--exit-zero", str(path)]  # fmt: skip
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    runs: dict[str, list[float]] = {name: [] for name in DESIGNS}
    for _ in range(args.repeat):
        for name, path in DESIGNS.items():
            runs[name].append(once(path))
    got = {name: min(times) for name, times in runs.items()}
    for name, secs in got.items():
        print(f"{name:18s} {secs:6.2f} s  (best of {args.repeat})")
    one, three = got.values()
    print(f"{'ratio':18s} {three / one:6.2f}x")
    inproc = in_process(args.repeat)
    for name, secs in inproc.items():
        print(f"{name:18s} {secs:6.3f} s  in-process (best of {args.repeat})")


def in_process(repeat: int) -> dict[str, float]:
    from rackcheck.api import _CatalogCache, check_file
    from rackcheck.model.load import load_catalog
    from rackcheck.settings import Settings

    cache = _CatalogCache()
    cache.bundled = load_catalog()
    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, path in DESIGNS.items():
            t = time.perf_counter()
            check_file(path, Settings(), cache)
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - t)
    return best


if __name__ == "__main__":
    main()
