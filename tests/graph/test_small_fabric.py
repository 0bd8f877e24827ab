"""Small fabrics without scipy (graph/fabric/small.py): the pure-Python Dinic, the
component labels and the dense Laplacian give exactly what scipy gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rackcheck.graph.fabric import network
from rackcheck.graph.fabric.bisection import FlowNetwork
from rackcheck.graph.fabric.plan import plan
from rackcheck.graph.fabric.small import (
    SMALL_FABRIC,
    component_labels,
    dense_laplacian,
    distinct,
    is_small,
)
from rackcheck.graph.fabric.view import FabricView, from_plan
from rackcheck.model.load import load_catalog
from rackcheck.run.pipeline import check_with_graph

ROOT = Path(__file__).resolve().parents[2]
DESIGNS = sorted((ROOT / "designs").glob("*.yaml"))
SPEEDS = (100_000, 200_000, 400_000, 800_000)  # Mbit/s


def random_view(rng: np.random.Generator) -> FabricView:
    """A random switch graph (2-40 switches, any density, perhaps disconnected) with
    2-60 devices of 1-4 ports each."""
    n_sw = int(rng.integers(2, 41))
    density = float(rng.uniform(0.05, 0.8))
    keep = [
        (a, b)
        for a in range(n_sw)
        for b in range(a + 1, n_sw)
        if rng.random() < density
    ] or [(0, 1)]
    pcount = rng.integers(1, 9, size=len(keep)).astype(np.int64)
    rows = [
        (int(rng.integers(0, n_sw)), int(rng.choice(SPEEDS)), d, port)
        for d in range(int(rng.integers(2, 61)))
        for port in range(int(rng.integers(1, 5)))
    ]
    ep = np.array(rows, dtype=np.int64).T
    minus = np.full(n_sw, -1, dtype=np.int64)
    return FabricView(
        "random",
        [f"sw{i}" for i in range(n_sw)],
        np.zeros(n_sw, dtype=np.int8),
        minus,
        minus.copy(),
        minus.copy(),
        np.array([a for a, _ in keep], dtype=np.int64),
        np.array([b for _, b in keep], dtype=np.int64),
        pcount * rng.choice(SPEEDS, size=len(keep)),
        pcount,
        ep[0],
        ep[1],
        ep[2],
        ep[3],
        np.full(ep.shape[1], -1, dtype=np.int64),
        [f"dev{d}" for d in range(int(ep[2].max()) + 1)],
    )


def both_flows(view: FabricView, rng: np.random.Generator, cuts: int) -> list[int]:
    """Max-flows (Mbit/s) of random source/sink sets, each asserted equal in the
    Python Dinic and in scipy's; the values, for the caller to check further."""
    ours, theirs = FlowNetwork(view, "python"), FlowNetwork(view, "scipy")
    values = []
    for _ in range(cuts):
        sources = rng.random(view.endpoints) < rng.uniform(0.1, 0.9)
        sinks = ~sources & (rng.random(view.endpoints) < 0.8)
        value = ours.between(sources, sinks)
        assert value == theirs.between(sources, sinks)
        assert 0 <= value <= int(view.ep_mbps[sinks].sum())
        values.append(value)
    return values


def scipy_laplacian(view: FabricView, w: np.ndarray) -> np.ndarray:
    from scipy.sparse import csr_matrix, diags

    n = view.n_sw
    rows = np.concatenate([view.pu, view.pv])
    adj = csr_matrix(
        (np.concatenate([w, w]), (rows, np.concatenate([view.pv, view.pu]))),
        shape=(n, n),
    )
    return np.asarray((diags(np.asarray(adj.sum(axis=1)).ravel()) - adj).toarray())


def scipy_labels(view: FabricView) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = view.n_sw
    graph = coo_matrix((np.ones(view.pu.size), (view.pu, view.pv)), shape=(n, n))
    return np.asarray(connected_components(graph, directed=False)[1])


@pytest.mark.parametrize("seed", range(40))
def test_random_fabrics_python_and_scipy_agree(seed):
    rng = np.random.default_rng(seed)
    view = random_view(rng)
    values = both_flows(view, rng, 8)
    assert any(v > 0 for v in values)
    w = view.pcap / int(view.pcap.max())
    lap = dense_laplacian(view.n_sw, view.pu, view.pv, w)
    assert lap.tobytes() == scipy_laplacian(view, w).tobytes()  # bit for bit
    assert lap.sum(axis=1) == pytest.approx(np.zeros(view.n_sw), abs=1e-12)
    labels = component_labels(view.n_sw, view.pu.tolist(), view.pv.tolist())
    assert labels.tolist() == scipy_labels(view).tolist()


@pytest.mark.parametrize("seed", range(5))
def test_distinct_is_np_unique(seed):
    a = np.random.default_rng(seed).integers(-3, 50, size=200 * seed)
    assert distinct(a).tolist() == np.unique(a).tolist()
    assert distinct(a).dtype == a.dtype


def test_components_are_labelled_by_their_lowest_switch():
    # 0-3, 1-4, 2 alone, 4-5: components {0, 3}, {1, 4, 5}, {2}
    labels = component_labels(6, [0, 1, 4], [3, 4, 5])
    assert labels.tolist() == [0, 1, 2, 0, 1, 1]


@pytest.mark.parametrize("design", DESIGNS, ids=lambda p: p.name)
def test_bundled_designs_fabrics_python_and_scipy_agree(design):
    _, graph = check_with_graph(str(design))
    assert graph is not None
    fabrics = network.fabrics(graph)
    rng = np.random.default_rng(7)
    for fab in fabrics:
        view = network.view(graph, fab)
        assert is_small(view)  # every bundled design's fabrics take the small path
        both_flows(view, rng, 4)
        half = np.arange(view.endpoints) < view.endpoints // 2
        ours = FlowNetwork(view, "python").value(half)
        assert ours == FlowNetwork(view, "scipy").value(half)
        w = view.pcap / int(view.pcap.max())
        lap = dense_laplacian(view.n_sw, view.pu, view.pv, w)
        assert lap.tobytes() == scipy_laplacian(view, w).tobytes()
        labels = component_labels(view.n_sw, view.pu.tolist(), view.pv.tolist())
        assert labels.tolist() == scipy_labels(view).tolist()


def test_the_halls_compute_fabric_half_cut():
    _, graph = check_with_graph(str(ROOT / "designs" / "hall-a-dgx-h100.yaml"))
    assert graph is not None
    fab = next(f for f in network.fabrics(graph) if f.name == "compute")
    view = network.view(graph, fab)
    assert (view.n_sw, view.endpoints) == (48, 1024)  # 1,072 <= SMALL_FABRIC
    half = np.arange(view.endpoints) < view.endpoints // 2
    flow = FlowNetwork(view)
    assert flow.dinic is not None  # the small path
    # 16 DGX on side A, 8 x 400G each: the non-blocking fabric carries all of it
    assert flow.value(half) == 512 * 400_000 == FlowNetwork(view, "scipy").value(half)


def test_a_large_fabric_keeps_scipy():
    cat = load_catalog()
    view = from_plan(plan(cat.get("qm9700"), 1024, 8, node_speed=400_000))
    assert view.n_sw + view.endpoints > SMALL_FABRIC
    assert not is_small(view)
    assert FlowNetwork(view).dinic is None


def test_the_halls_check_imports_no_scipy():
    code = (
        "import sys\n"
        "from rackcheck.cli import main\n"
        "code = main(['check', '--no-cache', '--format', 'json', "
        "'designs/hall-a-dgx-h100.yaml'])\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'),"
        " 'networkx' in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    last = proc.stdout.strip().splitlines()[-1]
    # exit code 0 (no error), no scipy module, networkx for Kernighan-Lin. (numpy.ma is
    # not asked for by rackcheck either, but numpy 1.x imports it with numpy itself.)
    assert last == "0 [] True"
    assert '"bisection_gbps": 204800.0' in proc.stdout  # the compute fabric's figure
