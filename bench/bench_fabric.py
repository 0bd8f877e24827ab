"""Bench: `rackcheck check` of a 65,536-GPU design with a 3-tier fat tree, bisection
included, beside networkx's default max-flow on the same graph.

    python bench/bench_fabric.py [--nodes 8192] [--nx-timeout 120] [--runs 1]

Generates the design in a temporary folder (8192 DGX H100 = 65,536 GPUs, 4 per rack in
2048 racks, one QM9700 compute fabric of 8 rails: 2048 leaves, 2048 spines, 1024 cores),
then prints, each in a fresh process:

1. `rackcheck check --no-cache --format json` of the design: wall time, CPU time
   (user + system) and peak RSS, with every rule (the median of `--runs`) and with
   `--select NET` (metrics are computed either way), and the load average;
2. the network share of that run (fabric build, NET rules, fabric metrics), in-process;
3. the max-flow bisection (all cuts) with scipy, and one cut with scipy and with
   networkx's default `maximum_flow` (preflow-push), each on the collapsed switch graph
   and on a graph with a vertex per endpoint; networkx under a timeout.

No figure here is asserted by a test: a benchmark prints, people judge.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DESIGN = """\
rackcheck: 1
name: bench-{gpus}-gpu-fat-tree
site:
  feeds:
    - {{name: A, voltage: "415 V", phases: 3, current: "{amps} A"}}
    - {{name: B, voltage: "415 V", phases: 3, current: "{amps} A"}}
    - {{name: C, voltage: "415 V", phases: 3, current: "{amps} A"}}
racks:
  - name: "r{{0001..{racks:04d}}}"
    model: apc-netshelter-sx-ar3100
    pdus:
      - {{model: pdu-415v-3ph-60a-apc, feed: A}}
      - {{model: pdu-415v-3ph-60a-apc, feed: B}}
      - {{model: pdu-415v-3ph-60a-apc, feed: C}}
    devices:
      - {{model: dgx-h100, count: 4, position: 3}}
fabrics:
  - name: compute
    endpoints: {{racks: ["r{{0001..{racks:04d}}}"]}}
    generate: {{switch: qm9700, rails: 8}}
    oversubscription: "1:1"
    requirements: {{bisection_ratio: 1.0}}
"""


def write_design(folder: Path, nodes: int) -> Path:
    racks = nodes // 4
    path = folder / "bench-fabric.yaml"
    amps = max(2000, racks * 40)
    path.write_text(DESIGN.format(gpus=nodes * 8, racks=racks, amps=amps))
    return path


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def child_cpu() -> float:
    """User + system CPU seconds of the finished children so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_cli(path: Path, *extra: str, runs: int = 1) -> None:
    """`rackcheck check` in a child process, result cache off: cold figures. With
    `runs` > 1, the median (and least) wall and CPU time of that many runs: the CPU
    time holds better than the wall time on a machine shared with other jobs."""
    cmd = [sys.executable, "-m", "rackcheck", "check", "--no-cache", "--format", "json"]
    walls, cpus = [], []
    for _ in range(runs):
        c0, t0 = child_cpu(), time.perf_counter()
        proc = subprocess.run([*cmd, *extra, str(path)], capture_output=True, text=True)
        walls.append(time.perf_counter() - t0)
        cpus.append(child_cpu() - c0)
    rss = peak_mb(resource.RUSAGE_CHILDREN)  # the largest child so far
    doc = json.loads(proc.stdout)
    fab = doc["metrics"]["fabrics"]["compute"]
    what = " ".join(extra) or "all rules"
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    many = f"median of {runs} (least {min(walls):.2f} s, {min(cpus):.2f} s CPU)"
    print(
        f"rackcheck check --no-cache ({what}): {wall:.2f} s wall, {cpu:.2f} s CPU "
        f"(user + system){', ' + many if runs > 1 else ''}; peak RSS {rss:.0f} MB, "
        f"exit {proc.returncode}; load average {os.getloadavg()[0]:.2f}"
    )
    print(
        f"  fabric: {fab['tiers']} tiers, leaf {fab['leaf']}, spine {fab['spine']}, "
        f"core {fab['core']}, {fab['endpoints']} endpoints; bisection "
        f"{fab['bisection_gbps']:.0f} Gbit/s (cut {fab['bisection_cut']}), analytic "
        f"{fab['bisection_analytic_gbps']:.0f} Gbit/s; cuts "
        f"{sorted(fab['bisection']['cuts_gbps'])}"
    )


def phases(path: Path) -> None:
    """The same check in-process, timed by phase: core (racks, power...) vs network."""
    from rackcheck.api import _CatalogCache, shown_path
    from rackcheck.graph import build
    from rackcheck.graph.fabric import build as fabric_build
    from rackcheck.graph.fabric.metrics import fabric_metrics
    from rackcheck.metrics import design_metrics
    from rackcheck.model.design import Design
    from rackcheck.model.load import validate
    from rackcheck.rules import all_rules
    from rackcheck.rules.engine import run
    from rackcheck.source import load_yaml

    t: dict[str, float] = {}
    add = fabric_build.add_fabrics

    def timed_add(g):  # type: ignore[no-untyped-def]
        s = time.perf_counter()
        add(g)
        t["fabric build (graph)"] = time.perf_counter() - s

    fabric_build.add_fabrics = timed_add  # type: ignore[assignment]
    s = time.perf_counter()
    doc = load_yaml(path, shown_path(path))
    design = validate(doc, Design)
    cat = _CatalogCache().for_design(design, doc, path)
    t["load + validate"] = time.perf_counter() - s
    s = time.perf_counter()
    g = build.DesignGraph(design, cat, doc.source)
    t["graph (all)"] = time.perf_counter() - s
    rules = all_rules()
    for fam in ("NET", "other"):
        chosen = [r for r in rules if r.id.startswith("NET") == (fam == "NET")]
        s = time.perf_counter()
        run(g, chosen)
        t[f"rules {fam}"] = time.perf_counter() - s
    s = time.perf_counter()
    fabric_metrics(g)
    t["fabric metrics (memoised bisection)"] = time.perf_counter() - s
    s = time.perf_counter()
    design_metrics(g)
    t["all metrics"] = time.perf_counter() - s
    net = (
        t["fabric build (graph)"]
        + t["rules NET"]
        + t["fabric metrics (memoised bisection)"]
    )
    print("in-process phases: " + ", ".join(f"{k} {v:.2f} s" for k, v in t.items()))
    print(
        f"  network share (fabric build + NET rules incl. bisection + fabric metrics): "
        f"{net:.2f} s; nodes in graph {len(g.g)}, edges "
        f"{sum(len(s) for s in g.g.succ.values())}; peak RSS {peak_mb():.0f} MB"
    )


def flows(nodes: int, timeout: float) -> None:
    import numpy as np

    from rackcheck.graph.fabric.bisection import FlowNetwork, bisection
    from rackcheck.graph.fabric.plan import plan
    from rackcheck.graph.fabric.view import from_plan
    from rackcheck.model.load import load_catalog

    cat = load_catalog()
    p = plan(cat.get("qm9700"), nodes, 8, node_speed=400_000, node_per_cage=2)
    view = from_plan(p)
    s = time.perf_counter()
    bis = bisection(view)
    wall = time.perf_counter() - s
    print(
        f"scipy maximum_flow (dinic), all {len(bis.cuts)} cuts + spectral ordering: "
        f"{wall:.2f} s; bisection {bis.mbps / 1000:.0f} Gbit/s"
    )
    side = np.zeros(view.endpoints, dtype=bool)
    side[np.lexsort((view.ep_port, view.ep_node))[: view.endpoints // 2]] = True
    s = time.perf_counter()
    one = FlowNetwork(view).value(side)
    print(
        f"scipy maximum_flow, one cut (index), collapsed switch graph "
        f"({view.n_sw + 2} vertices): {time.perf_counter() - s:.3f} s, "
        f"{one / 1000:.0f} Gbit/s"
    )
    s = time.perf_counter()
    one = _per_endpoint_scipy(view, side)
    print(
        f"scipy maximum_flow, one cut, one vertex per endpoint "
        f"({view.n_sw + view.endpoints + 2} vertices): "
        f"{time.perf_counter() - s:.3f} s, {one / 1000:.0f} Gbit/s"
    )
    for label, per_endpoint in (
        ("collapsed switch graph", False),
        ("one vertex per endpoint", True),
    ):
        ctx = mp.get_context("fork")
        q: mp.Queue[tuple[float, float]] = ctx.Queue()
        proc = ctx.Process(target=_nx_flow, args=(view, side, per_endpoint, q))
        proc.start()
        proc.join(timeout)
        head = f"networkx maximum_flow (default preflow-push), one cut, {label}:"
        if proc.is_alive():
            proc.terminate()
            proc.join()
            print(f"{head} did not finish in {timeout:.0f} s (stopped)")
        else:
            wall, value = q.get()
            print(f"{head} {wall:.2f} s, {value / 1000:.0f} Gbit/s")


def _per_endpoint_scipy(view, side):  # type: ignore[no-untyped-def]
    """The same cut with every endpoint its own vertex (no collapsing)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_flow

    n_sw, n_ep = view.n_sw, view.endpoints
    src, dst = n_sw + n_ep, n_sw + n_ep + 1
    ep = n_sw + np.arange(n_ep)
    unit = 400_000
    cap = view.pcap // unit
    e = view.ep_mbps // unit
    rows = np.concatenate(
        [view.pu, view.pv, ep, view.ep_sw, np.full(side.sum(), src), ep[~side]]
    )
    cols = np.concatenate(
        [view.pv, view.pu, view.ep_sw, ep, ep[side], np.full((~side).sum(), dst)]
    )
    data = np.concatenate([cap, cap, e, e, e[side], e[~side]]).astype(np.int32)
    graph = csr_matrix((data, (rows, cols)), shape=(dst + 1, dst + 1))
    return int(maximum_flow(graph, src, dst).flow_value) * unit


def _nx_flow(view, side, per_endpoint, q):  # type: ignore[no-untyped-def]
    import networkx as nx
    import numpy as np

    g = nx.DiGraph()
    for a, b, c in zip(
        view.pu.tolist(), view.pv.tolist(), view.pcap.tolist(), strict=True
    ):
        g.add_edge(a, b, capacity=c)
        g.add_edge(b, a, capacity=c)
    if per_endpoint:
        for k, (sw, c) in enumerate(
            zip(view.ep_sw.tolist(), view.ep_mbps.tolist(), strict=True)
        ):
            node = ("ep", k)
            g.add_edge(node, sw, capacity=c)
            g.add_edge(sw, node, capacity=c)
            if side[k]:
                g.add_edge("s", node, capacity=c)
            else:
                g.add_edge(node, "t", capacity=c)
    else:
        n = view.n_sw
        a = np.bincount(view.ep_sw[side], weights=view.ep_mbps[side], minlength=n)
        b = np.bincount(view.ep_sw[~side], weights=view.ep_mbps[~side], minlength=n)
        for i in np.nonzero(a)[0].tolist():
            g.add_edge("s", i, capacity=int(a[i]))
        for i in np.nonzero(b)[0].tolist():
            g.add_edge(i, "t", capacity=int(b[i]))
    s = time.perf_counter()
    value = nx.maximum_flow_value(g, "s", "t")
    q.put((time.perf_counter() - s, value))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=8192, help="DGX H100 (8 GPUs each)")
    ap.add_argument("--nx-timeout", type=float, default=120.0)
    ap.add_argument(
        "--runs", type=int, default=1, help="times to run the full check (median)"
    )
    args = ap.parse_args()
    print(
        f"design: {args.nodes} DGX H100 = {args.nodes * 8} GPUs, "
        f"{args.nodes // 4} racks,"
        f" QM9700 rail-optimized fat tree, 8 rails; python {sys.version.split()[0]}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = write_design(Path(tmp), args.nodes)
        run_cli(path, runs=args.runs)
        run_cli(path, "--select", "NET")
        ctx = mp.get_context("fork")
        for target, extra in ((phases, ()), (flows, (args.nx_timeout,))):
            arg = (path,) if target is phases else (args.nodes,)
            proc = ctx.Process(target=target, args=arg + extra)
            proc.start()
            proc.join()


if __name__ == "__main__":
    main()
