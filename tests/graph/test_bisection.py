"""Bisection by max-flow: figures, the cut that gives them, and the graph it runs on."""

from __future__ import annotations

import numpy as np
import pytest

from rackcheck.graph.fabric.bisection import FlowNetwork, bisection
from rackcheck.graph.fabric.plan import plan
from rackcheck.graph.fabric.view import from_plan
from rackcheck.model.load import load_catalog


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


def test_full_fat_tree_every_cut_gives_half_the_injection(cat):
    p = plan(cat.get("qm9700"), 128, 8, node_speed=400_000)
    bis = bisection(from_plan(p))
    assert bis.mbps == bis.full == 1024 * 400_000 // 2
    assert set(bis.cuts) == {"index", "su", "spectral", "kernighan-lin"}
    assert set(bis.cuts.values()) == {204_800_000}
    assert bis.skipped == {
        "pod": "fewer than 2 pods",
        "rack": "fewer than 2 racks",
        "exact": "more than 14 switches",
    }


def test_oversubscribed_core_is_found_and_named(cat):
    # 2 pods of 7 SUs on SN5600 at 400G, spines 7:1: a seventh of full between pods
    p = plan(
        cat.get("sn5600"),
        896,
        8,
        node_speed=400_000,
        ratio_spine=7,
        tiers=3,
        pod_size=7,
    )
    bis = bisection(from_plan(p))
    assert bis.full == 7168 * 400_000 // 2
    assert bis.mbps == bis.full // 7 == p.analytic_bisection()
    assert bis.cuts["pod"] == bis.cuts["spectral"] == bis.mbps
    # cuts that keep each pod's halves together see the whole fabric non-blocking
    assert bis.cuts["su"] == bis.full


def test_scipy_and_networkx_agree_on_one_cut(cat):
    import networkx as nx

    p = plan(cat.get("qm9700"), 96, 8, node_speed=400_000, ratio_leaf=3.0)
    view = from_plan(p)
    side = np.zeros(view.endpoints, dtype=bool)
    side[: view.endpoints // 2] = True
    ours = FlowNetwork(view).value(side)
    g = nx.DiGraph()
    for a, b, c in zip(
        view.pu.tolist(), view.pv.tolist(), view.pcap.tolist(), strict=True
    ):
        g.add_edge(a, b, capacity=c)
        g.add_edge(b, a, capacity=c)
    for k in range(view.endpoints):
        end = ("s", int(view.ep_sw[k])) if side[k] else (int(view.ep_sw[k]), "t")
        cap = g.edges[end]["capacity"] if g.has_edge(*end) else 0
        g.add_edge(*end, capacity=cap + int(view.ep_mbps[k]))
    # the first SU's 8 leaves against the second's: 8 leaves x 16 uplinks x 400G
    assert ours == nx.maximum_flow_value(g, "s", "t") == 8 * 16 * 400_000


def test_parallel_links_collapse_into_one_capacity(write):
    from rackcheck.api import _CatalogCache, check_file
    from rackcheck.graph.fabric.network import fabrics, view
    from rackcheck.graph.fabric.nodes import capacity
    from rackcheck.settings import Settings

    path = write(
        "p.yaml",
        """\
rackcheck: 1
name: parallel links
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 2, position: 3}
fabrics:
  - name: compute
    switches:
      - {name: "leaf{1..2}", model: qm9700}
      - {name: spine1, model: qm9700}
    links:
      - {from: r01/dgx-h100-1, to: leaf1, count: 8}
      - {from: r01/dgx-h100-2, to: leaf2, count: 8}
      - {from: "leaf{1..2}", to: spine1, count: 3}
      - {from: spine1, to: leaf1, count: 5}
      - {from: leaf2, to: spine1, count: 5, speed: "200 Gbit/s"}
""",
    )
    g = check_file(path, Settings(), _CatalogCache())["graph"]
    fab = fabrics(g)[0]
    edge = g.g.edges["sw:compute/leaf2", "sw:compute/spine1"]
    assert [(n, s) for n, s, _ in edge["bundles"]] == [(3, 400_000), (5, 200_000)]
    assert f"{capacity(edge):~P}" == "2200.0 Gbit/s"
    v = view(g, fab)
    pairs = {
        (v.sw_names[a], v.sw_names[b]): (c, n)
        for a, b, c, n in zip(
            v.pu, v.pv, v.pcap.tolist(), v.pcount.tolist(), strict=True
        )
    }
    # leaf1-spine1 written twice (both directions): one pair of 8 links, 3.2 Tbit/s
    assert pairs[("leaf1", "spine1")] == (3_200_000, 8)
    assert pairs[("leaf2", "spine1")] == (2_200_000, 8)
    # each leaf: 8 x 400G of one DGX; the cut between them crosses leaf2's 2.2 Tbit/s
    assert g.memo.get(("bisection", fab.id)) is not None  # computed once by the check
    from rackcheck.graph.fabric.network import bisection as bis

    assert bis(g, fab).mbps == 2_200_000


@pytest.mark.parametrize(
    "generate",
    [
        "{switch: qm9700, rails: 8, extra_endpoints: 3}",
        "{switch: qm9700, rails: 8, su_size: 8, tiers: 3, pod_size: 2, "
        "extra_endpoints: 40}",
    ],
)
def test_graph_read_back_equals_the_plan_view(write, generate):
    """Generated fabrics are read through their plan; the graph holds the same."""
    from rackcheck.api import _CatalogCache, check_file
    from rackcheck.graph.fabric.network import fabrics, view
    from rackcheck.graph.fabric.view import from_graph
    from rackcheck.settings import Settings

    text = f"""\
rackcheck: 1
name: generated
racks:
  - name: "r{{01..16}}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {{model: dgx-h100, count: 4, position: 3}}
fabrics:
  - name: compute
    endpoints: {{racks: ["r{{01..16}}"]}}
    generate: {generate}
"""
    g = check_file(write("g.yaml", text), Settings(), _CatalogCache())["graph"]
    fab = fabrics(g)[0]
    a = view(g, fab)
    g.memo.pop(("fabric_view", fab.id))
    b = from_graph(g, fab)
    for name in ("sw_names", "node_names", "usage"):
        assert getattr(a, name) == getattr(b, name), name
    for name in ("sw_tier", "sw_rail", "sw_pod", "sw_su", "pu", "pv", "pcap", "pcount",
                 "ep_sw", "ep_mbps", "ep_node", "ep_port", "ep_rack"):  # fmt: skip
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    # 4 DGX x 8 ports in rack r01, then r02; extra endpoints have no rack
    assert a.ep_rack[:32].tolist() == [0] * 32 and a.ep_rack[32] == 1
    assert a.ep_rack[-3:].tolist() == [-1] * 3
