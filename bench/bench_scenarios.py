"""`rackcheck scenarios` on the 1,024-GPU hall: every single failure, and the depth-2
pruned pair count.

    python bench/bench_scenarios.py [-n 3] [--file designs/scenarios/hall-a-facility.yaml]
                                    [--depth2]

Times (time.perf_counter, wall clock; and time.process_time, CPU) the load of the design (YAML, models, graph) and,
N times, the run of every single failure on a fresh graph (no memo carried over), and
prints median, min and max. It prints how many pairs depth 2 would try (pairs of
failures that each leave something strained) and, with --depth2, times that run too.
Target (issue 15): all single failures of the hall in <= 5 s. Nothing here fails on a
time: it prints figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load(path: Path):  # noqa: ANN201 - a bench script
    from rackcheck.api import _CatalogCache
    from rackcheck.graph.build import DesignGraph
    from rackcheck.model.design import Design
    from rackcheck.model.load import validate
    from rackcheck.source import load_yaml

    doc = load_yaml(path, str(path))
    design = validate(doc, Design)
    return DesignGraph(
        design, _CatalogCache().for_design(design, doc, path), doc.source
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=3)
    ap.add_argument("--file", default="designs/scenarios/hall-a-facility.yaml")
    ap.add_argument("--depth2", action="store_true", help="also time the depth-2 run")
    args = ap.parse_args()
    from rackcheck import scenarios
    from rackcheck.graph.physical import gpu_count

    path = ROOT / args.file
    t0 = time.perf_counter()
    g = load(path)
    t_load = time.perf_counter() - t0
    gpus = sum(gpu_count(d) for r in g.racks() for d in g.devices(r))
    times, cpu = [], []
    res = None
    for _ in range(args.n):
        g = load(path)
        t0, c0 = time.perf_counter(), time.process_time()
        res = scenarios.run(g, 1)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    assert res is not None
    strained = [o for o in res.scenarios if scenarios.is_strained(o, res.baseline)]
    pairs = len(strained) * (len(strained) - 1) // 2
    print(f"design: {args.file} ({gpus} GPUs, {len(g.racks())} racks)")
    print(f"load (YAML, models, graph): {t_load:.2f} s")
    print(
        f"single failures: {res.singles} tried in median {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f}, n={args.n}); CPU median "
        f"{statistics.median(cpu):.2f} s"
    )
    print(
        f"depth 2: {len(strained)} single failures strain something -> {pairs} pairs "
        "tried"
    )
    if args.depth2:
        g = load(path)
        t0 = time.perf_counter()
        res2 = scenarios.run(g, 2)
        print(
            f"depth 2 run: {res2.singles} singles + {res2.pairs_tried} pairs in "
            f"{time.perf_counter() - t0:.2f} s"
        )


if __name__ == "__main__":
    main()
