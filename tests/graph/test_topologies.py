"""Load flow through the facility for the usual topologies: 2N, N+1 (parallel), block
redundant (catcher), distributed redundant; and FAC003's derived load step."""

from __future__ import annotations

import pytest

from rackcheck.api import check
from rackcheck.graph.facility import plant
from rackcheck.graph.facility_load import state

HEAD = """rackcheck: 1
name: topologies
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4, position: 3}
"""
RACK_KW = 4 * 10.2


def graph(graph_of, tail: str):
    g = graph_of(HEAD + tail)
    return g, plant(g)


def test_n_plus_1_parallel_modules_share(graph_of):
    g, p = graph(
        graph_of,
        """facility:
  elements:
    - {name: u, kind: utility}
    - {name: m1, kind: ups, from: [u]}
    - {name: m2, kind: ups, from: [u]}
    - {name: m3, kind: ups, from: [u]}
    - {name: bus, kind: switchboard, from: [m1, m2, m3], mode: parallel}
  feeds: [{feed: A, from: bus}, {feed: B, from: bus}, {feed: C, from: bus}]
""",
    )
    normal = state(g, p, frozenset())
    assert normal.kw["m1"] == pytest.approx(RACK_KW / 3)
    one_down = state(g, p, frozenset(["m2"]))
    assert one_down.kw["m1"] == pytest.approx(RACK_KW / 2)
    assert one_down.kw["m3"] == pytest.approx(RACK_KW / 2)


def test_block_redundant_catcher_takes_over(graph_of):
    g, p = graph(
        graph_of,
        """facility:
  elements:
    - {name: u, kind: utility}
    - {name: ups-1, kind: ups, from: [u]}
    - {name: ups-2, kind: ups, from: [u]}
    - {name: catcher, kind: ups, from: [u]}
    - {name: sts-1, kind: sts, from: [ups-1, catcher]}
    - {name: sts-2, kind: sts, from: [ups-2, catcher]}
  feeds: [{feed: A, from: sts-1}, {feed: B, from: sts-2}, {feed: C, from: sts-2}]
""",
    )
    normal = state(g, p, frozenset())
    assert normal.kw.get("catcher", 0.0) == 0.0
    assert normal.kw["ups-1"] == pytest.approx(RACK_KW / 3)
    failed = state(g, p, frozenset(["ups-2"]))
    assert failed.kw["catcher"] == pytest.approx(2 * RACK_KW / 3)
    assert failed.kw["ups-1"] == pytest.approx(RACK_KW / 3)


def test_distributed_redundant_three_ups(graph_of):
    g, p = graph(
        graph_of,
        """facility:
  elements:
    - {name: u, kind: utility}
    - {name: ups-1, kind: ups, from: [u]}
    - {name: ups-2, kind: ups, from: [u]}
    - {name: ups-3, kind: ups, from: [u]}
  feeds: [{feed: A, from: ups-1}, {feed: B, from: ups-2}, {feed: C, from: ups-3}]
""",
    )
    failed = state(g, p, frozenset(["ups-1"]))
    # each DGX keeps 4 of 6 PSUs, on B and C: the two UPS systems left share the rack
    assert failed.kw["ups-2"] == pytest.approx(RACK_KW / 2)
    assert failed.kw["ups-3"] == pytest.approx(RACK_KW / 2)
    assert failed.racks["rack:r01"].devices["dev:r01/0.0"].state == "full"


def test_fac003_step_from_per_gpu_swing(write):
    path = write(
        "d.yaml",
        HEAD
        + """facility:
  load_step: {per_gpu: "1 kW", basis: "test figure of this test"}
  elements:
    - {name: u, kind: utility}
    - {name: gen, kind: generator, step_load: "20 kW"}
    - {name: swbd, kind: switchboard, from: [u, gen]}
  feeds: [{feed: A, from: swbd}, {feed: B, from: swbd}, {feed: C, from: swbd}]
""",
    )
    msgs = [f.message for f in check([str(path)]).findings if f.rule_id == "FAC003"]
    # 32 GPUs x 1 kW = 32 kW, all on the one generator
    assert msgs == ["with the utility lost, generator gen takes a 32.0 kW load step "
                    "(its share of the hall's 32.0 kW) > its step_load 20.0 kW"]  # fmt: skip
