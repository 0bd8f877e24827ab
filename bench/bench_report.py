"""Bench: `rackcheck report` of the 32-rack example and of a generated 3,000-rack
design: wall time (a fresh process, result cache off, check included) and page size.

    python bench/bench_report.py [--racks 3000] [--rows 30]

The large design: ROWS rows of racks (`row01-r{001..100}`, each with its `row:`), two
DGX H100 per rack on three 60 A PDUs (feeds A/B/C), one rail-optimized QM9700 compute
fabric over every rack; one storage rack per row. `--elevations auto` draws one rack per
configuration above 200 racks, so the page holds a handful of elevations, not 3,000.

No figure here is asserted by a test: a benchmark prints, people judge.
"""

from __future__ import annotations

import argparse
import re
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


def main() -> None:
    import os

    os.environ["RACKCHECK_NO_CACHE"] = "1"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--racks", type=int, default=3000)
    ap.add_argument("--rows", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run_report(EXAMPLE, folder / "example.html")
        phases(EXAMPLE)
        big = write_design(folder, args.racks, args.rows)
        run_report(big, folder / "big.html")
        phases(big)


if __name__ == "__main__":
    main()
