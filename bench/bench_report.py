"""Bench: `rackcheck report` of the 32-rack example and of a generated 3,000-rack
design: wall time (a fresh process, result cache off, check included) and page size.

    python bench/bench_report.py [--racks 3000] [--rows 30]
    python bench/bench_report.py --compare BASELINE_TREE [--runs 9]

`--compare` times the 32-rack example only: `rackcheck report` and `rackcheck check
--no-cache`, each a whole process of the console script next to this interpreter,
alternating a baseline checkout (run with PYTHONPATH=BASELINE_TREE, e.g. made with
`git worktree add --detach /tmp/base main`) and this tree, `--runs` times each after
one untimed run of each; it prints median and least wall time, median CPU time (user +
system of the child) and the load average. Run it with `.pyc` files written
(`env -u PYTHONDONTWRITEBYTECODE`).

The large design: ROWS rows of racks (`row01-r{001..100}`, each with its `row:`), two
DGX H100 per rack on three 60 A PDUs (feeds A/B/C), one rail-optimized QM9700 compute
fabric over every rack; one storage rack per row. `--elevations auto` draws one rack per
configuration above 200 racks, so the page holds a handful of elevations, not 3,000.

No figure here is asserted by a test: a benchmark prints, people judge.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "designs" / "hall-a-dgx-h100.yaml"

HEAD = """\
rackcheck: 1
name: bench-{racks}-racks
site:
  feeds:
    - {{name: A, voltage: "415 V", phases: 3, current: "{amps} A"}}
    - {{name: B, voltage: "415 V", phases: 3, current: "{amps} A"}}
    - {{name: C, voltage: "415 V", phases: 3, current: "{amps} A"}}
  max_rack_power: "45 kW"
  max_rack_air_heat: "45 kW"
racks:
"""
ROW = """\
  - name: "row{row:02d}-r{{001..{per:03d}}}"
    model: apc-netshelter-sx-ar3100
    row: row{row:02d}
    pdus:
      - {{model: pdu-415v-3ph-60a-apc, feed: A}}
      - {{model: pdu-415v-3ph-60a-apc, feed: B}}
      - {{model: pdu-415v-3ph-60a-apc, feed: C}}
    devices:
      - {{model: dgx-h100, count: 2, position: 3}}
  - name: "row{row:02d}-st"
    model: apc-netshelter-sx-ar3100
    row: row{row:02d}
    pdus:
      - {{model: pdu-415v-3ph-60a-apc, feed: A}}
      - {{model: pdu-415v-3ph-60a-apc, feed: B}}
    devices:
      - {{model: ddn-ai400x2-turbo, count: 2, position: 20}}
"""
FABRIC = """\
fabrics:
  - name: compute
    endpoints: {{racks: [{names}]}}
    generate: {{switch: qm9700, rails: 8}}
    oversubscription: "1:1"
"""


def write_design(folder: Path, racks: int, rows: int) -> Path:
    per = (racks - rows) // rows  # one storage rack per row
    parts = [HEAD.format(racks=racks, amps=max(2000, racks * 40))]
    parts += [ROW.format(row=r, per=per) for r in range(1, rows + 1)]
    names = ", ".join(f'"row{r:02d}-r{{001..{per:03d}}}"' for r in range(1, rows + 1))
    parts.append(FABRIC.format(names=names))
    path = folder / f"bench-{racks}-racks.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def run_report(design: Path, out: Path) -> None:
    cmd = [sys.executable, "-m", "rackcheck", "report", str(design), "-o", str(out)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"rackcheck report failed ({proc.returncode}): {proc.stderr[-2000:]}")
    html = out.read_text(encoding="utf-8")
    racks = len(re.findall(r"<svg [^>]*data-rack=", html))
    size = out.stat().st_size
    print(
        f"rackcheck report {design.name}: {wall:.2f} s wall, {size / 1e6:.2f} MB, "
        f"{racks} elevation(s) drawn"
    )


def phases(design: Path) -> None:
    """In-process: the check (load, graph, rules, metrics) and the page, best of 3."""
    from rackcheck.api import check_with_graph
    from rackcheck.report.html import render_report

    best = {"check": float("inf"), "render": float("inf")}
    for _ in range(3):
        t0 = time.perf_counter()
        report, graph = check_with_graph(str(design))
        t1 = time.perf_counter()
        render_report(report, graph)
        t2 = time.perf_counter()
        best["check"] = min(best["check"], t1 - t0)
        best["render"] = min(best["render"], t2 - t1)
    print(
        f"  in-process, best of 3: check {best['check']:.2f} s, "
        f"page {best['render']:.2f} s"
    )


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of cmd in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def compare(baseline: Path, runs: int) -> None:
    """The example's report and cold check, baseline tree and this one interleaved."""
    local = Path(sys.executable).parent / "rackcheck"
    exe = [str(local)] if local.exists() else [sys.executable, "-m", "rackcheck"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    trees = {"baseline": str(baseline.resolve()), "this tree": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "report -o page.html": ["report", str(EXAMPLE), "-o", f"{tmp}/page.html"],
            "check --no-cache": ["check", "--no-cache", str(EXAMPLE)],
        }
        for label, args in commands.items():
            print(f"rackcheck {label} {EXAMPLE.name}, load {os.getloadavg()}")
            times: dict[str, list[tuple[float, float]]] = {t: [] for t in trees}
            for i in range(runs + 1):
                for tree, path in trees.items():
                    result = timed(exe + args, dict(env, PYTHONPATH=path))
                    if i:  # the first run of each is untimed
                        times[tree].append(result)
            for tree, got in times.items():
                walls, cpus = [w for w, _ in got], [c for _, c in got]
                print(
                    f"  {tree}: wall median {statistics.median(walls):.3f} s "
                    f"(least {min(walls):.3f} s), CPU median "
                    f"{statistics.median(cpus):.3f} s, {runs} runs"
                )
            print(f"  load average after: {os.getloadavg()}")


def main() -> None:
    os.environ["RACKCHECK_NO_CACHE"] = "1"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--racks", type=int, default=3000)
    ap.add_argument("--rows", type=int, default=30)
    ap.add_argument("--compare", type=Path, metavar="BASELINE_TREE")
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    if args.compare is not None:
        compare(args.compare, args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run_report(EXAMPLE, folder / "example.html")
        phases(EXAMPLE)
        big = write_design(folder, args.racks, args.rows)
        run_report(big, folder / "big.html")
        phases(big)


if __name__ == "__main__":
    main()
