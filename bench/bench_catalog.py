"""Does a larger catalog slow a check of a design that uses a few of its entries?

    python bench/bench_catalog.py [-n 11] [--entries 1000]

Builds two catalog folders in a temporary directory: the bundled catalog as it is, and
the bundled catalog plus N more entries (copies of the bundled servers, switches and PDUs
under new ids, in one file per kind and vendor as `catalogs/<kind>/<vendor>.yaml`). Then
times a cold check (`--no-cache`) of the one-rack example against each, in a fresh
interpreter each run, and prints median, min and max wall time and the ratio.

Target (issue 16): a 1,000-entry catalog keeps the cold one-rack check within 10 % of
the bundled catalog's. Bundled entries are validated when a design first uses them, so
what grows with the catalog is only reading its YAML. Prints figures; judges nothing.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DESIGN = ROOT / "designs" / "one-rack-dgx-h100.yaml"
RUN = (
    "import sys, rackcheck.model.load as L; from pathlib import Path; "
    "L.CATALOG_DIR = Path(sys.argv[1]); from rackcheck.cli import main; "
    "raise SystemExit(main(['check', '--no-cache', sys.argv[2]]))"
)


class _Dumper(yaml.SafeDumper):
    """Block sequences indented under their key, as the bundled catalog writes them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def build(folder: Path, extra: int) -> int:
    shutil.copytree(ROOT / "catalogs", folder)
    if not extra:
        return 0
    entries = []
    for path in sorted((ROOT / "catalogs").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries += [
            c for c in data["components"] if c["kind"] in ("server", "switch", "pdu")
        ]
    groups: dict[tuple[str, str], list[dict[str, object]]] = {}
    for i in range(extra):
        entry = copy.deepcopy(entries[i % len(entries)])
        entry["id"] = f"{entry['id']}-copy{i:04d}"
        groups.setdefault((str(entry["kind"]), f"vendor{i % 20:02d}"), []).append(entry)
    for (kind, vendor), comps in sorted(groups.items()):
        out = folder / kind / f"{vendor}.yaml"
        out.parent.mkdir(parents=True, exist_ok=True)
        body = "".join(
            f"  {line}\n"
            for c in comps
            for line in yaml.dump(
                [c], Dumper=_Dumper, sort_keys=False, width=1000
            ).splitlines()
        )
        out.write_text(f"catalog: 1\ncomponents:\n{body}", encoding="utf-8")
    return extra


def timed(folder: Path, n: int) -> list[float]:
    cmd = [sys.executable, "-c", RUN, str(folder), str(DESIGN)]
    subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True)  # warm-up
    out = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True)
        out.append(time.perf_counter() - t)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=11, help="runs per catalog (default 11)")
    ap.add_argument("--entries", type=int, default=1000, help="entries to add")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="rackcheck-bench-catalog-"))
    try:
        rows = []
        for label, extra in (
            ("bundled", 0),
            (f"+{args.entries} entries", args.entries),
        ):
            folder = tmp / label.replace(" ", "_").replace("+", "plus")
            build(folder, extra)
            times = timed(folder, args.n)
            rows.append((label, times))
        print(f"cold `check --no-cache {DESIGN.relative_to(ROOT)}`, {args.n} runs each")
        for label, times in rows:
            print(f"  {label:20} median {statistics.median(times):.3f} s  "
                  f"min {min(times):.3f} s  max {max(times):.3f} s")  # fmt: skip
        ratio = statistics.median(rows[1][1]) / statistics.median(rows[0][1])
        print(f"  ratio (larger / bundled): {ratio:.3f}")
    finally:
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
