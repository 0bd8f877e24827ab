"""Start-up time of rackcheck next to yamllint on the same file.

    python bench/bench_startup.py [-n 21] [--file designs/one-rack-dgx-h100.yaml]

Runs each command N times with subprocess (after one untimed warm-up run, so the OS
file cache and .pyc files are warm) and prints median, min and max wall time. The
console scripts are taken from the running interpreter's bin folder, so a version
manager's shim (pyenv adds ~40 ms of bash) is not measured; `--path` uses $PATH
instead. `check (warm)` uses the result cache (see rackcheck/cache.py), filled by the
warm-up run in a private cache folder; `check --no-cache` is a cold check: YAML,
pydantic models, pint, the graph and every rule.

`libraries alone (floor)` imports click, PyYAML, pydantic and pint and builds the unit
registry, nothing of rackcheck: no cold check can be faster than that.

`cpu` is the median user + system CPU time of the child (resource.getrusage): on a
machine shared with other jobs it moves far less than the wall time, so compare
changes by it and quote the wall-time median with the load average printed.

Targets (issue 5): `--version` <= 0.15 s, `check` of the one-rack example <= 0.3 s
median; (issue 10) the same check cold, `--no-cache`, <= 0.3 s median. Nothing here
fails on a time: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def script(name: str, use_path: bool) -> list[str]:
    local = Path(sys.executable).parent / name
    if not use_path and local.exists():
        return [str(local)]
    found = shutil.which(name)
    if found:
        return [found]
    return [sys.executable, "-m", name]


def timed(
    cmd: list[str], n: int, env: dict[str, str]
) -> tuple[list[float], list[float]]:
    """Wall times and child CPU times (user + system) of n runs, in seconds."""
    subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False)  # warm-up
    wall, cpu = [], []
    for _ in range(n):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=False)
        wall.append(time.perf_counter() - t)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    return wall, cpu


# The libraries a cold check cannot do without, and nothing of rackcheck: click, PyYAML,
# pydantic (with one model class), pint (numpy hidden, as rackcheck.units does) and the
# unit registry built from rackcheck's units.txt. Its time is the floor of a cold check.
LIBRARIES = """
import sys
import click, yaml
from pydantic import BaseModel
class M(BaseModel):
    x: int = 0
sys.modules["numpy"] = None
import pint
del sys.modules["numpy"]
pint.UnitRegistry(sys.argv[1], cache_folder=None)
"""


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=21, help="runs per command (default 21)")
    ap.add_argument("--file", default="designs/one-rack-dgx-h100.yaml")
    ap.add_argument("--path", action="store_true", help="find scripts on $PATH")
    args = ap.parse_args()
    rc, yl = script("rackcheck", args.path), script("yamllint", args.path)
    cache = tempfile.mkdtemp(prefix="rackcheck-bench-cache-")
    env = {**os.environ, "RACKCHECK_CACHE_DIR": cache}
    env.pop("GITHUB_ACTIONS", None)
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"], None),
        ("rackcheck --version", [*rc, "--version"], 0.15),
        ("rackcheck check (warm)", [*rc, "check", args.file], 0.3),
        ("rackcheck check --no-cache", [*rc, "check", "--no-cache", args.file], 0.3),
        ("yamllint", [*yl, args.file], None),
        (
            "libraries alone (floor)",
            [sys.executable, "-c", LIBRARIES, str(ROOT / "rackcheck" / "units.txt")],
            None,
        ),
    ]
    print(f"{args.n} runs each, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(f"file: {args.file}; rackcheck: {rc[0]}; yamllint: {' '.join(yl)}")
    pyc = "not written" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "written"
    print(f".pyc files: {pyc} by these runs (PYTHONDONTWRITEBYTECODE)")
    print(f"load average before: {load()}\n")
    print(f"{'command':28} {'median':>8} {'min':>8} {'max':>8} {'cpu':>8}  target")
    medians: dict[str, float] = {}
    try:
        for label, cmd, target in rows:
            t, cpu = timed(cmd, args.n, env)
            med = medians[label] = statistics.median(t)
            verdict = (
                ""
                if target is None
                else (f"<= {target:.2f} s {'ok' if med <= target else 'MISSED'}")
            )
            print(
                f"{label:28} {med:8.3f} {min(t):8.3f} {max(t):8.3f} "
                f"{statistics.median(cpu):8.3f}  {verdict}"
            )
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    cold, yl_med = medians["rackcheck check --no-cache"], medians["yamllint"]
    floor = medians["libraries alone (floor)"]
    print(f"\ncold check / yamllint (wall medians): {cold / yl_med:.2f}")
    print(f"cold check - libraries alone: {cold - floor:.3f} s (rackcheck's own share)")
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
