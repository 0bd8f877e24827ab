"""Bench: `rackcheck bom check` of a 100,000-row vendor BOM against the SuperPOD-style
hall (designs/hall-a-dgx-h100.yaml).

    python bench/bench_bom_check.py [--rows 100000] [--xlsx]

Writes a synthetic vendor BOM in a temporary folder: a title block, a header, then
`--rows` rows that name the design's parts (catalog part numbers, catalog ids and
derived ids) round-robin with small quantities and a description, so every row is
read, resolved and assigned. Then prints, each in a fresh process, the wall time and
peak RSS of `rackcheck bom check --format json` on it (CSV; with `--xlsx` the same
rows as a workbook too). The target is <= 3 s for 100,000 rows. No test asserts a
time: a benchmark prints, people judge.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HALL = ROOT / "designs/hall-a-dgx-h100.yaml"


def vendor_rows(n: int) -> list[list[object]]:
    from rackcheck.api import load_graph
    from rackcheck.bom import derive_bom

    bom = derive_bom(load_graph(HALL))
    names = [x.part_number or x.id for x in bom.lines]
    rows: list[list[object]] = []
    for i in range(n):
        line = bom.lines[i % len(bom.lines)]
        rows.append([i + 1, names[i % len(names)], line.description, 1 + i % 3, "", ""])
    return rows


def write_csv(path: Path, rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Synthetic vendor quote for the bench", "", "", "", "", ""])
        w.writerow(
            ["Line", "Part Number", "Description", "Qty", "Unit Price", "Currency"]
        )
        w.writerows(rows)


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Quote")
    ws.append(["Synthetic vendor quote for the bench"])
    ws.append(["Line", "Part Number", "Description", "Qty", "Unit Price", "Currency"])
    for r in rows:
        ws.append([None if v == "" else v for v in r])
    wb.save(path)


def timed(bom: Path) -> tuple[float, float, int]:
    """(wall s, peak RSS MB of the child, findings) of one `bom check` run."""
    cmd = [sys.executable, "-m", "rackcheck", "bom", "check", str(HALL), str(bom),
           "--format", "json", "--exit-zero"]  # fmt: skip
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    import json

    return wall, peak, len(json.loads(out.stdout)["findings"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--xlsx", action="store_true", help="also time an XLSX workbook")
    args = ap.parse_args()
    rows = vendor_rows(args.rows)
    with tempfile.TemporaryDirectory(prefix="rackcheck-bench-bom-") as tmp:
        files = [Path(tmp) / "vendor.csv"]
        write_csv(files[0], rows)
        if args.xlsx:
            files.append(Path(tmp) / "vendor.xlsx")
            write_xlsx(files[1], rows)
        for f in files:
            wall, peak, found = timed(f)
            size = f.stat().st_size / 1e6
            load = os.getloadavg()[0]
            print(f"bom check {f.suffix[1:]:4} {args.rows:,} rows ({size:.1f} MB): "
                  f"{wall:.2f} s wall (measured), peak RSS {peak:.0f} MB, "
                  f"{found} findings; load average {load:.1f} on {os.cpu_count()} "
                  "CPUs")  # fmt: skip


if __name__ == "__main__":
    main()
