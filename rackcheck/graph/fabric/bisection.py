"""Bisection bandwidth from the graph: max-flow across balanced cuts of the endpoints.

An endpoint is a device (a server, a compute tray, a storage appliance) or an extra
single-port endpoint; a cut puts whole endpoints on one side, never part of a device's
ports (a server whose NICs sat on both sides could relay between them, so such a "cut"
is not a split of the cluster). A balanced cut has floor(n/2) endpoints on side A.

The bisection is the least max-flow over every balanced cut. rackcheck computes it
**exactly** when the fabric has at most EXACT_SWITCHES switches (every subset X of the
switches is a candidate source side of the min cut; for each, the best balanced choice
of endpoints is the floor(n/2) with the least cost, so the minimum over X is the
minimum over all balanced cuts). On larger fabrics it takes the minimum over candidate
cuts, each exact by max-flow / min-cut, so the figure is an **upper bound** that the
named cut attains (equal to the true figure on the canonical fat trees, whose weakest
layer these cuts cross):

- ``index``: the first half of the endpoints (in design order) against the rest;
- ``su`` / ``pod`` / ``rack``: alternate scalable units, pods or racks;
- ``spectral``: endpoints ordered by the Fiedler value of their switches in the
  capacity-weighted switch graph (finds weak tiers such as an oversubscribed core);
- ``kernighan-lin``: networkx's Kernighan-Lin bisection, on fabrics small enough.

Each cut: a super source feeds every endpoint of side A at its link speed, a super sink
drains side B; switch links carry their collapsed capacity both ways. The flow is
Dinic's on integer capacities (Mbit/s divided by their greatest common divisor, so
400G links become small integers): `scipy.sparse.csgraph.maximum_flow` (compiled) on
large fabrics, a pure-Python one (graph/fabric/small.py, no scipy import) on fabrics
of at most SMALL_FABRIC switches + endpoints. Max-flow values are unique: both give
the same figure.

*Full bisection* is what an ideal non-blocking fabric gives over the same balanced
cuts: the injection of the floor(n/2) endpoints with the least injection.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import reduce
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from rackcheck.graph.fabric.view import FabricView

EXACT_SWITCHES = 14  # switches up to which every balanced cut is covered (2^14 subsets)
EXACT_CELLS = 1 << 22  # subsets x endpoints held at once by the exact search
KL_LIMIT = 600  # nodes (switches + endpoint devices) for Kernighan-Lin
SPECTRAL_LIMIT = 20_000  # switches for the spectral cut
DENSE_LIMIT = 400  # switches below which the dense eigensolver is quicker


@dataclass
class Bisection:
    mbps: int | None  # the minimum over the cuts
    cut: str | None  # the cut that gave it
    cuts: dict[str, int] = field(default_factory=dict)  # name -> Mbit/s
    skipped: dict[str, str] = field(default_factory=dict)  # name -> why
    injection: int = 0  # sum of endpoint link speeds, Mbit/s
    full: int = 0  # full bisection: the injection of the smaller half, Mbit/s

    def as_dict(self) -> dict[str, Any]:
        return {
            "gbps": None if self.mbps is None else self.mbps / 1000,
            "cut": self.cut,
            "cuts_gbps": {k: v / 1000 for k, v in self.cuts.items()},
            "skipped": self.skipped,
            "full_gbps": self.full / 1000,
        }


def endpoint_groups(view: FabricView) -> tuple[np.ndarray, int]:
    """(endpoint index of each NIC port, number of endpoints): a device's ports share
    one endpoint, each extra endpoint is its own; endpoints in design order."""
    import numpy as np

    n_ep = view.endpoints
    extra = len(view.node_names) + np.arange(n_ep)
    key = np.where(view.ep_node >= 0, view.ep_node, extra)
    uniq, inverse = np.unique(key, return_inverse=True)
    return inverse.astype(np.int64), int(uniq.size)


def full_bisection(view: FabricView) -> int:
    """Mbit/s an ideal non-blocking fabric gives across the worst balanced cut: the
    injection of the floor(n/2) endpoints that inject least."""
    import numpy as np

    grp, n = endpoint_groups(view)
    inj = np.sort(np.bincount(grp, weights=view.ep_mbps, minlength=n))
    return int(inj[: n // 2].sum())


def bisection(view: FabricView) -> Bisection:
    import numpy as np

    inj = view.injection()
    out = Bisection(None, None, injection=inj)
    if view.endpoints == 0:
        out.skipped["all"] = "fewer than 2 endpoints"
        return out
    grp, n_dev = endpoint_groups(view)
    out.full = full_bisection(view)
    if n_dev < 2:
        out.skipped["all"] = "fewer than 2 endpoints"
        return out
    flow = FlowNetwork(view)
    for name, order in _cuts(view, grp, n_dev, out.skipped):
        side = np.zeros(n_dev, dtype=bool)
        side[order[: n_dev // 2]] = True
        out.cuts[name] = flow.value(side[grp])
    exact = _exact(view, grp, n_dev, out.skipped)
    if exact is not None:
        out.cuts["exact"] = exact
    best = min(out.cuts, key=lambda k: (out.cuts[k], k != "exact"))
    out.mbps, out.cut = out.cuts[best], best
    return out


def _exact(
    view: FabricView, grp: np.ndarray, n_dev: int, skipped: dict[str, str]
) -> int | None:
    """The least max-flow over every balanced cut of the endpoints, Mbit/s, by
    enumerating the switch side of the min cut (small fabrics only).

    For a cut (A, B) the min cut is min over switch sets X (source side) of
    cap(X, not X) + sum over A of their links to switches outside X + sum over B of
    their links into X. For a fixed X an endpoint costs c_A = links out of X on side
    A, c_B = links into X on side B; the best balanced cut takes as A the floor(n/2)
    endpoints with the least c_A - c_B."""
    import numpy as np

    n = view.n_sw
    if n > EXACT_SWITCHES:
        skipped["exact"] = f"more than {EXACT_SWITCHES} switches"
        return None
    if (1 << n) * n_dev > EXACT_CELLS:
        skipped["exact"] = f"2^{n} switch sets x {n_dev} endpoints: too many"
        return None
    masks = np.arange(1 << n, dtype=np.int64)
    in_x = ((masks[:, None] >> np.arange(n)) & 1).astype(np.int64)  # subsets x switches
    cut = (in_x[:, view.pu] != in_x[:, view.pv]).astype(np.int64) @ view.pcap
    per = np.zeros((n_dev, n), dtype=np.int64)  # endpoint x switch: Mbit/s of links
    np.add.at(per, (grp, view.ep_sw), view.ep_mbps)
    into_x = np.zeros((1 << n, n_dev), dtype=np.int64)  # subsets x endpoints: into X
    for j in range(n):  # the sets whose highest switch is j: the set without it, + j
        into_x[1 << j : 2 << j] = into_x[: 1 << j] + per[:, j]
    total = per.sum(axis=1)
    k = n_dev // 2
    diff = into_x * -2  # c_A - c_B
    diff += total
    best_a = np.partition(diff, k - 1, axis=1)[:, :k].sum(axis=1)
    return int((cut + into_x.sum(axis=1) + best_a).min())


class FlowNetwork:
    """The switch graph, once; each cut adds its source and sink arcs.

    On a small fabric (graph/fabric/small.py) the flow is a pure-Python Dinic, with no
    scipy import. Otherwise the switch arcs are sorted once (by row, then column) and
    a cut writes them, each switch's arc to the sink (the last column) and the
    source's row straight into a CSR matrix for scipy's compiled Dinic, with no COO
    conversion or sorting per cut. `solver` ("python" or "scipy") overrides the
    choice by size (tests compare the two)."""

    def __init__(self, view: FabricView, solver: str | None = None) -> None:
        import numpy as np

        from rackcheck.graph.fabric.small import Dinic, is_small

        self.view = view
        n = view.n_sw
        self.n, self.src, self.dst = n + 2, n, n + 1
        values = set(view.pcap.tolist()) | set(view.ep_mbps.tolist())
        self.unit = reduce(math.gcd, sorted(values)) or 1
        cap = view.pcap // self.unit
        self.ep_cap = view.ep_mbps // self.unit
        if int(cap.max(initial=0)) >= 2**31 or int(self.ep_cap.sum()) >= 2**31:
            raise OverflowError("link capacities do not fit the 32-bit max-flow")
        if solver is None:
            solver = "python" if is_small(view) else "scipy"
        self.dinic = None
        if solver == "python":
            self.dinic = Dinic(n, view.pu.tolist(), view.pv.tolist(), cap.tolist())
            return
        rows = np.concatenate([view.pu, view.pv])
        cols = np.concatenate([view.pv, view.pu])
        order = np.argsort(rows * n + cols)  # pairs are unique: one order
        self.rows, self.cols = rows[order], cols[order]
        self.caps = np.concatenate([cap, cap])[order]
        self.row_end = np.cumsum(np.bincount(self.rows, minlength=n))

    def value(self, side: np.ndarray) -> int:
        """Max-flow between the endpoints on `side` and all the others, Mbit/s."""
        return self.between(side, ~side)

    def between(self, sources: np.ndarray, sinks: np.ndarray) -> int:
        """Max-flow from the `sources` endpoints to the `sinks` endpoints (boolean masks
        over the endpoints; endpoints in neither take no part), Mbit/s."""
        import numpy as np

        v, n = self.view, self.view.n_sw
        a = np.bincount(v.ep_sw[sources], weights=self.ep_cap[sources], minlength=n)
        b = np.bincount(v.ep_sw[sinks], weights=self.ep_cap[sinks], minlength=n)
        ia, ib = np.nonzero(a)[0], np.nonzero(b)[0]
        if self.dinic is not None:
            feed = list(zip(ia.tolist(), a[ia].astype(np.int64).tolist(), strict=True))
            drain = list(zip(ib.tolist(), b[ib].astype(np.int64).tolist(), strict=True))
            return self.dinic.max_flow(feed, drain) * self.unit
        return self._scipy(a, b, ia, ib)

    def _scipy(
        self, a: np.ndarray, b: np.ndarray, ia: np.ndarray, ib: np.ndarray
    ) -> int:
        import numpy as np
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import maximum_flow

        n = self.view.n_sw
        to_sink = np.zeros(n, dtype=np.int64)
        to_sink[ib] = 1
        before = np.cumsum(to_sink) - to_sink  # sink arcs in the rows above each row
        m = self.rows.size
        total = m + ib.size + ia.size
        indices = np.empty(total, dtype=np.int32)
        caps = np.empty(total, dtype=np.int32)
        at = np.arange(m) + before[self.rows]
        indices[at], caps[at] = self.cols, self.caps
        at = self.row_end[ib] + before[ib]  # each row's last place: the sink's column
        indices[at], caps[at] = self.dst, b[ib]
        indices[m + ib.size :], caps[m + ib.size :] = ia, a[ia]  # the source's row
        indptr = np.empty(self.n + 1, dtype=np.int32)
        indptr[0] = 0
        indptr[1 : n + 1] = self.row_end + before + to_sink
        indptr[n + 1] = indptr[n + 2] = total  # the source's row; the sink's is empty
        graph = csr_matrix((caps, indices, indptr), shape=(self.n, self.n))
        result = maximum_flow(graph, self.src, self.dst, method="dinic")
        return int(result.flow_value) * self.unit


def _cuts(
    view: FabricView, grp: np.ndarray, n_dev: int, skipped: dict[str, str]
) -> list[tuple[str, np.ndarray]]:
    """(name, endpoint order): each cut puts the first floor(n/2) endpoints (whole
    devices) on side A."""
    import numpy as np

    from rackcheck.graph.fabric.small import distinct

    dev = np.arange(n_dev)
    cuts = [("index", dev)]
    big = np.iinfo(np.int64).max
    ep_groups = (
        ("su", view.sw_su[view.ep_sw]),
        ("pod", view.sw_pod[view.ep_sw]),
        ("rack", view.ep_rack),
    )
    for name, per_ep in ep_groups:
        group = np.full(n_dev, big, dtype=np.int64)
        np.minimum.at(group, grp, np.where(per_ep >= 0, per_ep, big))
        known = group[group != big]
        if known.size == 0 or distinct(known).size < 2:
            skipped[name] = f"fewer than 2 {name}s"
            continue
        cuts.append((name, np.lexsort((dev, group, group % 2))))
    spectral = _spectral(view, skipped)
    if spectral is not None:
        weight = np.bincount(grp, minlength=n_dev)
        value = np.bincount(grp, weights=spectral[view.ep_sw], minlength=n_dev)
        cuts.append(("spectral", np.lexsort((dev, value / np.maximum(weight, 1)))))
    kl = _kernighan_lin(view, skipped)
    if kl is not None:
        side = np.zeros(n_dev, dtype=bool)
        side[grp[kl]] = True
        cuts.append(("kernighan-lin", np.lexsort((dev, ~side))))
    return cuts


def _spectral(view: FabricView, skipped: dict[str, str]) -> np.ndarray | None:
    """Fiedler vector of the capacity-weighted switch graph, one value a switch (dense
    eigh on small fabrics, its Laplacian built without scipy; LOBPCG on large ones)."""
    import numpy as np

    from rackcheck.graph.fabric.small import dense_laplacian

    n = view.n_sw
    if n < 3:
        skipped["spectral"] = "fewer than 3 switches"
        return None
    if n > SPECTRAL_LIMIT:
        skipped["spectral"] = f"more than {SPECTRAL_LIMIT} switches"
        return None
    w = view.pcap / max(1, int(view.pcap.max(initial=1)))
    if n <= DENSE_LIMIT:
        _, vecs = np.linalg.eigh(dense_laplacian(n, view.pu, view.pv, w))
        return np.asarray(vecs[:, 1])
    from scipy.sparse import csr_matrix, diags
    from scipy.sparse.linalg import lobpcg

    adj = csr_matrix(
        (
            np.concatenate([w, w]),
            (np.concatenate([view.pu, view.pv]), np.concatenate([view.pv, view.pu])),
        ),
        shape=(n, n),
    )
    lap = diags(np.asarray(adj.sum(axis=1)).ravel()) - adj
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, 1))
    ones = np.ones((n, 1)) / math.sqrt(n)
    try:
        _, vec = lobpcg(lap, x, Y=ones, largest=False, tol=1e-6, maxiter=300)
    except Exception as exc:  # numerical failure: report, do not guess
        skipped["spectral"] = f"eigen-solver failed: {exc}"
        return None
    return np.asarray(vec[:, 0])


def _kernighan_lin(view: FabricView, skipped: dict[str, str]) -> np.ndarray | None:
    """Side (True = A) of each endpoint from networkx's Kernighan-Lin bisection of the
    graph of switches and endpoint devices (small fabrics only)."""
    import numpy as np

    from rackcheck.graph.fabric.small import distinct

    groups = np.where(view.ep_node >= 0, view.ep_node, -1 - np.arange(view.endpoints))
    uniq = distinct(groups)
    size = view.n_sw + uniq.size
    if size > KL_LIMIT:
        skipped["kernighan-lin"] = f"more than {KL_LIMIT} switches and devices"
        return None
    import networkx as nx  # here, past the limit: its import is ~0.1 s of a check

    g = nx.Graph()
    g.add_nodes_from(range(size))
    for a, b, c in zip(
        view.pu.tolist(), view.pv.tolist(), view.pcap.tolist(), strict=True
    ):
        g.add_edge(a, b, weight=c)
    pos = {int(x): view.n_sw + i for i, x in enumerate(uniq.tolist())}
    for grp, swi, s in zip(
        groups.tolist(), view.ep_sw.tolist(), view.ep_mbps.tolist(), strict=True
    ):
        u = pos[grp]
        w = g.edges[u, swi]["weight"] + s if g.has_edge(u, swi) else s
        g.add_edge(u, swi, weight=w)
    part_a, _ = nx.algorithms.community.kernighan_lin_bisection(
        g, weight="weight", seed=0
    )
    return np.array([pos[grp] in part_a for grp in groups.tolist()], dtype=bool)
