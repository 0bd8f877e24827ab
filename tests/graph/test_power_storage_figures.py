"""Figures of graph/power.py and graph/storage.py that no rule prints on its own: the
power a device is left with when its PSU model is unknown, the per-branch load after a
feed loss, a tier's storage need for a node of fewer GPUs, and what all nodes' storage
NICs can move. Each is asserted with its unit."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from rackcheck.graph import power, storage
from rackcheck.units import q

ROOT = Path(__file__).resolve().parents[2]

NO_PSU_MODEL = """\
rackcheck: 1
name: PSU model not given, required count stated
components:
  - id: example-req4
    kind: server
    vendor: Example
    model: six PSUs of unknown model, four carry 10.2 kW (illustration)
    source: test
    rack_units: 8
    power: {max: 10.2 kW, psus: {count: 6, required: 4}}
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: example-req4, count: 1}
"""


def test_unknown_psu_model_carries_p_over_n(graph_of):
    """Two of six PSUs left, N = 4 stated, no rating: each carries at least
    10.2 kW / 4 = 2.55 kW, so the device is left 2 x 2.55 = 5.1 kW (capped)."""
    g = graph_of(NO_PSU_MODEL)
    dev = power.after_failure(g, ["A", "B"]).devices["dev:r01/0.0"]
    assert (dev.state, dev.live_psus, dev.needed) == ("capped", 2, 4)
    assert dev.delivered.to("kW").magnitude == pytest.approx(5.1)
    assert dev.psu_kw == pytest.approx(2.55)
    full = power.after_failure(g, ["A"]).devices["dev:r01/0.0"]
    assert (full.state, full.live_psus) == ("full", 4)
    assert full.delivered_kw == pytest.approx(10.2)


CORDED = """\
rackcheck: 1
name: two-PSU servers corded to L1 of two PDUs
components:
  - id: example-2psu
    kind: server
    vendor: Example
    model: two-PSU 1 kW server at PF 0.9 (illustration)
    source: test
    rack_units: 1
    power: {max: 1 kW, power_factor: 0.9, psus: {count: 2}}
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A, name: pa}
      - {model: pdu-415v-3ph-60a-apc, feed: B, name: pb}
    devices:
      - {model: example-2psu, count: 3, cords: [{pdu: pa, phase: L1}, {pdu: pb, phase: L2}]}
"""


def test_branch_loads_before_and_after_a_feed_loss(graph_of):
    """Three 1 kW servers at PF 0.9, one cord on L1 of pa and one on L2 of pb: 0.5 kW a
    cord, so 1.5 kW and 1.5 x tan(acos 0.9) = 0.726 kvar a branch; with feed B down
    pa's L1 carries all 3 kW (1.453 kvar) and pb nothing."""
    g = graph_of(CORDED)
    rack = g.racks()[0]
    pa, pb = (p.id for p in g.pdus(rack))
    tan = math.tan(math.acos(0.9))
    both = power.branch_loads(g, rack)
    assert both[(pa, "L1")] == pytest.approx((1.5, 1.5 * tan))
    assert both[(pb, "L2")] == pytest.approx((1.5, 1.5 * tan))
    after = power.branch_loads(g, rack, "B")
    assert after == {(pa, "L1"): pytest.approx((3.0, 3.0 * tan))}
    assert power.pdu_real_load(g, rack, g.pdus(rack)[0], "B").to("kW").magnitude == (
        pytest.approx(3.0)
    )


def test_a_tier_need_scales_with_the_node_s_gpus():
    """A tier's single-node figure is per 8-GPU DGX: a 4-GPU node needs half of it; a
    figure the design states per node is not scaled."""
    need = storage.Need(q(4.0, "GB/s"), q(2.0, "GB/s"), None, None, "tier",
                        tier_read=True, tier_write=True)  # fmt: skip
    assert need.for_node(4) == (q(2.0, "GB/s"), q(1.0, "GB/s"))
    assert need.for_node(16) == (q(8.0, "GB/s"), q(4.0, "GB/s"))
    stated = storage.Need(q(4.0, "GB/s"), q(2.0, "GB/s"), None, None, "stated")
    assert stated.for_node(4) == (q(4.0, "GB/s"), q(2.0, "GB/s"))


def test_all_nodes_storage_nics(graph_of):
    """The hall: 128 DGX H100 x 2 storage ports x 400 Gbit/s = 12,800 GB/s at line
    rate, x 0.9 protocol efficiency = 11,520 GB/s."""
    from conftest import build

    g = build(ROOT / "designs/hall-a-dgx-h100.yaml")
    assert storage.node_count(g) == 128
    assert storage.nodes_write_capacity(g).to("GB/s").magnitude == pytest.approx(
        11520.0
    )


def test_rack_system_trays_count_as_nodes():
    """Eight GB200 NVL72 racks hold 18 compute trays each: 144 nodes x 2 storage ports
    x 400 Gbit/s = 14,400 GB/s at line rate, x 0.9 = 12,960 GB/s."""
    from conftest import build

    g = build(ROOT / "designs/cluster-gb200-nvl72.yaml")
    assert storage.node_count(g) == 144
    assert storage.nodes_write_capacity(g).to("GB/s").magnitude == pytest.approx(
        12960.0
    )
