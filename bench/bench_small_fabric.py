"""Bench: one max-flow cut with the pure-Python Dinic, scipy's compiled Dinic and
networkx's default max-flow, on rail-optimized QM9700 fabrics of growing size: the
figures behind SMALL_FABRIC (rackcheck/graph/fabric/small.py).

    python bench/bench_small_fabric.py [--nodes 16,64,128,256,512,1024,2048]

For each size (DGX H100 nodes, 8 rails of 400 Gbit/s) and leaf oversubscription 1:1
and 3:1: switches, endpoints (NIC ports), switch pairs, then the best of 5 of one cut
(half the endpoints against the rest; then a random half), flow network set-up
included, and the time to import scipy's sparse graph code. networkx (a graph built per
cut, as a caller would) is skipped above 5,000 switches + endpoints.

No figure here is asserted by a test: a benchmark prints, people judge.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from rackcheck.graph.fabric.bisection import FlowNetwork
from rackcheck.graph.fabric.plan import plan
from rackcheck.graph.fabric.small import SMALL_FABRIC
from rackcheck.graph.fabric.view import FabricView, from_plan
from rackcheck.model.load import load_catalog


def nx_flow(v: FabricView, side: np.ndarray) -> int:
    import networkx as nx

    g = nx.DiGraph()
    for a, b, c in zip(v.pu.tolist(), v.pv.tolist(), v.pcap.tolist(), strict=True):
        g.add_edge(a, b, capacity=c)
        g.add_edge(b, a, capacity=c)
    for k in range(v.endpoints):
        end = ("s", int(v.ep_sw[k])) if side[k] else (int(v.ep_sw[k]), "t")
        cap = g.edges[end]["capacity"] if g.has_edge(*end) else 0
        g.add_edge(*end, capacity=cap + int(v.ep_mbps[k]))
    return int(nx.maximum_flow_value(g, "s", "t"))


def best(f: Callable[[], int], k: int = 5) -> tuple[float, int]:
    times, value = [], 0
    for _ in range(k):
        t = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t)
    return min(times), value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", default="16,64,128,256,512,1024,2048")
    args = ap.parse_args()
    t = time.perf_counter()
    import scipy.sparse.csgraph  # noqa: F401

    print(f"import scipy.sparse.csgraph: {time.perf_counter() - t:.3f} s")
    print(f"SMALL_FABRIC = {SMALL_FABRIC} switches + endpoints")
    cat = load_catalog()
    for nodes in (int(x) for x in args.nodes.split(",")):
        for ratio in (1.0, 3.0):
            p = plan(cat.get("qm9700"), nodes, 8, node_speed=400_000, ratio_leaf=ratio)
            v = from_plan(p)
            size = v.n_sw + v.endpoints
            half = np.arange(v.endpoints) < v.endpoints // 2
            rand = np.random.default_rng(0).random(v.endpoints) < 0.5
            cells = []
            for side in (half, rand):
                tp, a = best(lambda s=side, v=v: FlowNetwork(v, "python").value(s))
                ts, b = best(lambda s=side, v=v: FlowNetwork(v, "scipy").value(s))
                assert a == b, (a, b)
                cells.append(f"python {tp * 1e3:6.2f} ms, scipy {ts * 1e3:5.2f} ms")
            tn = "skipped"
            if size <= 5000:
                seconds, c = best(lambda v=v, h=half: nx_flow(v, h), 2)
                tn = f"{seconds * 1e3:.1f} ms"
                assert c == FlowNetwork(v, "scipy").value(half)
            print(
                f"{nodes:5d} nodes {ratio:.0f}:1  {v.n_sw:5d} switches "
                f"{v.endpoints:6d} endpoints {v.pu.size:6d} pairs (sum {size:6d}) | "
                f"half: {cells[0]}, networkx {tn} | random: {cells[1]}"
            )


if __name__ == "__main__":
    main()
