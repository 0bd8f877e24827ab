"""Small fabrics without scipy: max-flow, connected components and the Laplacian.

Importing scipy.sparse and scipy.sparse.csgraph costs about 0.2 s, more than a check of
the 32-rack example spends on all its max-flows. On a fabric of at most SMALL_FABRIC
switches + endpoints (NIC ports) rackcheck therefore computes:

- the max-flow with `Dinic`, a pure-Python Dinic on the collapsed switch graph
  (integer capacities: the value is exact and equal to scipy's, max-flow values
  being unique);
- the connected components of a tier pair with `component_labels`, labelled as
  scipy's `connected_components` labels them (in order of their lowest switch);
- the spectral cut's Laplacian with `dense_laplacian`, the very float64 matrix that
  scipy's sparse construction gives (same sums, in the same order), so the dense
  eigensolver returns the same eigenvectors.

Larger fabrics keep scipy's compiled code (see graph/fabric/bisection.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from rackcheck.graph.fabric.view import FabricView

# Switches + endpoints (NIC ports) up to which the pure-Python Dinic is used. Measured
# by bench/bench_small_fabric.py (docs/performance.md), one cut of a rail-optimized
# QM9700 fabric, Python / scipy: 0.6 / 0.4 ms at 1,072 (the 32-rack hall's compute
# fabric: 48 switches, 1,024 ports), ~5 / ~1 ms at 4,416, ~11 / ~2.3 ms at 8,832;
# importing scipy's sparse graph code costs ~0.2 s. A check runs 5-20 max-flows a
# fabric, so Python saves time up to ~5,000 and would lose beyond ~9,000. (networkx's
# max-flow, already imported for Kernighan-Lin, is ~10x slower than this Dinic.)
SMALL_FABRIC = 5_000


def is_small(view: FabricView) -> bool:
    """True if the fabric is small enough to be computed without scipy."""
    return view.n_sw + view.endpoints <= SMALL_FABRIC


class Dinic:
    """The collapsed switch graph as arc lists: arc e and arc e ^ 1 are each other's
    reverse. A switch pair of capacity c is one pair of arcs, c each way (the residual
    of an undirected link); a cut adds the source's and the sink's arcs."""

    def __init__(self, n_sw: int, pu: list[int], pv: list[int], caps: list[int]):
        self.n_sw = n_sw
        self.head: list[int] = []
        self.cap: list[int] = []
        self.adj: list[list[int]] = [[] for _ in range(n_sw + 2)]
        for u, v, c in zip(pu, pv, caps, strict=True):
            _arc(self.adj, self.head, self.cap, u, v, c, c)

    def max_flow(
        self, sources: list[tuple[int, int]], sinks: list[tuple[int, int]]
    ) -> int:
        """Max-flow from a super source feeding each (switch, capacity) of `sources`
        to a super sink drained by each of `sinks`."""
        src, dst = self.n_sw, self.n_sw + 1
        adj = [arcs[:] for arcs in self.adj]
        head, cap = self.head[:], self.cap[:]
        for sw, c in sources:
            _arc(adj, head, cap, src, sw, c, 0)
        for sw, c in sinks:
            _arc(adj, head, cap, sw, dst, c, 0)
        flow = 0
        while True:
            level = _levels(adj, head, cap, src)
            if level[dst] < 0:
                return flow
            flow += _blocking(adj, head, cap, level, src, dst)


def _arc(
    adj: list[list[int]],
    head: list[int],
    cap: list[int],
    u: int,
    v: int,
    c: int,
    back: int,
) -> None:
    """Arc u -> v of capacity c and its reverse v -> u of capacity `back`."""
    adj[u].append(len(head))
    head.append(v)
    cap.append(c)
    adj[v].append(len(head))
    head.append(u)
    cap.append(back)


def _levels(
    adj: list[list[int]], head: list[int], cap: list[int], src: int
) -> list[int]:
    """BFS distance from the source along arcs with capacity left (-1: unreached)."""
    level = [-1] * len(adj)
    level[src] = 0
    queue = [src]
    for u in queue:
        nxt = level[u] + 1
        for e in adj[u]:
            v = head[e]
            if cap[e] and level[v] < 0:
                level[v] = nxt
                queue.append(v)
    return level


def _blocking(
    adj: list[list[int]],
    head: list[int],
    cap: list[int],
    level: list[int],
    src: int,
    dst: int,
) -> int:
    """A blocking flow of the level graph: augmenting paths found by depth-first
    search with a current-arc pointer per node, dead ends pruned."""
    it = [0] * len(level)
    flow = 0
    path: list[int] = []
    u = src
    while True:
        if u == dst:
            f = min(cap[e] for e in path)
            for e in path:
                cap[e] -= f
                cap[e ^ 1] += f
            flow += f
            path.clear()
            u = src
            continue
        arcs, i, want = adj[u], it[u], level[u] + 1
        while i < len(arcs) and not (cap[arcs[i]] and level[head[arcs[i]]] == want):
            i += 1
        it[u] = i
        if i < len(arcs):
            path.append(arcs[i])
            u = head[arcs[i]]
            continue
        if not path:
            return flow
        level[u] = -1  # a dead end for the rest of this phase
        e = path.pop()
        u = head[e ^ 1]
        it[u] += 1


def distinct(a: np.ndarray) -> np.ndarray:
    """The sorted distinct values of a 1-D array: `np.unique(a)`, without the import
    of numpy.ma (~10 ms) that `np.unique` does on its first plain call."""
    import numpy as np

    s = np.sort(a, kind="stable")
    if s.size == 0:
        return s
    return s[np.concatenate(([True], s[1:] != s[:-1]))]


def component_labels(n: int, u: list[int], v: list[int]) -> np.ndarray:
    """Connected component of each of n nodes given the edges (u, v), labelled
    0, 1, ... in order of each component's lowest node (as scipy labels them)."""
    import numpy as np

    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in zip(u, v, strict=True):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the root is the component's lowest
    label: dict[int, int] = {}
    return np.array([label.setdefault(find(x), len(label)) for x in range(n)])


def dense_laplacian(
    n: int, pu: np.ndarray, pv: np.ndarray, w: np.ndarray
) -> np.ndarray:
    """The weighted Laplacian as a dense array, equal bit for bit to
    `(diags(adj.sum(axis=1)) - adj).toarray()` for the CSR adjacency of the pairs:
    each degree is the `np.add.reduceat` of its row's weights in column order, as
    scipy sums a CSR row; an off-diagonal entry is 0.0 - w, as its sparse difference."""
    import numpy as np

    rows = np.concatenate([pu, pv])
    cols = np.concatenate([pv, pu])
    data = np.concatenate([w, w])
    order = np.argsort(rows * n + cols, kind="stable")
    rows, cols, data = rows[order], cols[order], data[order]
    lap = np.zeros((n, n))
    if data.size:
        starts = np.flatnonzero(np.diff(rows, prepend=-1))
        lap[rows[starts], rows[starts]] = np.add.reduceat(data, starts)
        lap[rows, cols] = 0.0 - data
    return lap
