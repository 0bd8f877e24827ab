"""The scenario runner on the example designs: figures each failure leaves."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scenhelp import SCEN, build

from rackcheck import scenarios
from rackcheck.graph.facility import plant
from rackcheck.graph.facility_load import state
from rackcheck.scenarios.evaluate import evaluate
from rackcheck.scenarios.render import outcome_dict, to_json, to_table

RACK = """rackcheck: 1
name: two feeds
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
    devices:
      - {model: dgx-h100, count: 4, position: 3}
"""


def test_hall_baseline_and_singles(hall):
    res = scenarios.run(hall, 1)
    base = res.baseline
    # 1,024 GPUs x 400 Gbit/s, half of them across the cut: 204.8 Tbit/s
    assert base.bisection_gbps == 204800.0
    assert (base.gpus_dark, base.gpus_capped, base.gpus_cut_off) == (0, 0, 0)
    # 26 elements + 3 feeds + 61 switches (48 compute, 13 storage) + 2 DDN + 4 domains
    assert res.singles == 96
    by = {o.fails: o for o in res.scenarios}
    leaf = by[("switch:leaf1",)]
    assert (leaf.gpus_cut_off, leaf.gpus_dark) == (32, 0)  # one rail of one SU
    # One rail of 32 systems lost: at most 1/8 of one side's ports (192 Tbit/s when a
    # device is one endpoint, graph/fabric/bisection.py on branch issue-9-net; 198.4 Tbit/s
    # when each NIC port is one: 992 live ports / 2 x 400 Gbit/s)
    assert 192000.0 <= leaf.bisection_gbps < base.bisection_gbps
    assert by[("switch:spine1",)].bisection_gbps == 192000.0  # 15/16 of 204.8 Tbit/s
    assert by[("domain:spine-shelf-1",)].bisection_gbps == 179200.0  # 14/16
    for f in ("ups-a", "swbd-a", "util-1", "feed:A", "domain:swbd-b", "bw-su1-c"):
        assert by[(f,)].gpus_dark == 0 and by[(f,)].gpus_capped == 0, f
    ddn = by[("device:st01/ddn-ai400x2-turbo-1",)]
    assert ddn.storage_read_gbs == pytest.approx(base.storage_read_gbs / 2)
    assert ddn.checkpoint_s == pytest.approx(base.checkpoint_s * 2)
    assert by[("switch:st-leaf9",)].storage_read_gbs == 0.0  # every DDN link on it


def test_hall_sorted_by_impact(hall):
    res = scenarios.run(hall, 1)
    first = res.scenarios[0]
    assert first.fails == ("switch:leaf1",)  # cut-off GPUs first, in natural order
    assert res.scenarios[1].fails == ("switch:leaf2",)
    # 32 GPUs x 4 h mttr + 1,024 GPUs x 15 min / 2 of lost work = 256 GPU-h
    assert first.gpu_hours == 256.0


def test_ups_failover_load(hall):
    p = plant(hall)
    st = state(hall, p, frozenset(["ups-a"]))
    # every DGX (128 x 10.2 kW) and both DDN (2 x 2.4 kW) on the B side and the STS
    assert st.kw["ups-b"] == pytest.approx(128 * 10.2 + 2 * 2.4)
    assert "ups-a" not in st.live
    o = evaluate(hall, p, ("ups-a",))
    # 1,310.4 kW / 0.95 PF = 1,379.4 kVA on ups-b's 1.5 MVA: its apparent rating binds
    assert o.worst_element == ("ups-b", pytest.approx(1379.37 / 1500, abs=1e-4))
    normal = state(hall, p, frozenset())
    # normally A carries feed A and (through the STS) feed C: 2/3 of the DGX load
    assert normal.kw["ups-a"] == pytest.approx(128 * 10.2 * 2 / 3 + 2 * 2.4 / 2)


def test_shared_switchboard_darkens_the_hall():
    g = build(SCEN / "hall-a-shared-switchboard.yaml")
    o = evaluate(g, plant(g), ("swbd-1",))
    assert (o.gpus_dark, len(o.racks_dark)) == (1024, 33)
    assert o.storage_read_gbs == 0.0
    assert "UPS ups-a loses its input (no battery stated): dark" in o.findings
    d = evaluate(g, plant(g), ("domain:swbd-1",))
    assert d.gpus_dark == 1024


def test_gb200_row_behind_one_chiller_depth_two():
    g = build(SCEN / "row-gb200-one-chiller.yaml")
    res = scenarios.run(g, 2)
    top = res.scenarios[0]
    assert top.fails == ("chiller-1",)
    assert (top.gpus_dark, top.loops_over) == (576, ["row-b"])
    assert top.gpu_hours == 576 * 8.0  # 8 h mttr, no workload checkpoint stated
    # strained alone: chiller-1, fw-1, swbd-a, swbd-b (a UPS loses its input) and
    # their domains: 7 -> 21 pairs; the bus ways, UPS and feeds alone strain nothing
    strained = [
        o.fails[0]
        for o in res.scenarios
        if len(o.fails) == 1 and scenarios.is_strained(o, res.baseline)
    ]
    assert sorted(strained) == [
        "chiller-1",
        "domain:chiller-1",
        "domain:swbd-a",
        "domain:swbd-b",
        "fw-1",
        "swbd-a",
        "swbd-b",
    ]
    assert res.pairs_tried == 21
    pair = next(o for o in res.scenarios if o.fails == ("swbd-a", "swbd-b"))
    assert (pair.gpus_dark, len(pair.racks_dark)) == (576, 8)  # both sides down


def test_feed_loss_caps_dgx_on_three_psus(graph_of):
    g = graph_of(RACK)
    o = evaluate(g, None, ("feed:A",))
    # 3 live PSUs x 3.3 kW = 9.9 kW < 10.2 kW: capped, 0.3 kW lost per system
    assert (o.gpus_capped, o.gpus_dark) == (32, 0)
    assert o.racks_capped == {"r01": pytest.approx(4 * 0.3)}


def test_cdu_loss_over_capacity(graph_of):
    text = (
        RACK.replace("name: two feeds", "name: one cdu")
        + """cooling:
  loops:
    - {name: l1, cdus: [{model: cdu-vertiv-xdu1350}], serves: [r01], redundancy: N}
"""
    )
    g = graph_of(text)
    o = evaluate(g, None, ("cdu:l1/1",))
    assert o.loops_over == ["l1"]
    assert o.findings == ["coolant loop l1 has no cooling"]
    assert o.gpus_dark == 0  # DGX H100 is air-cooled: the loop carries no GPU


def test_json_contract(hall):
    res = scenarios.run(hall, 1)
    data = json.loads(to_json(res))
    assert data["version"] == 1
    s = data["scenarios"][0]
    for key in ("fails", "gpus_dark", "gpus_capped", "bisection_gbps",
                "storage_read_gbps", "findings"):  # fmt: skip
        assert key in s
    assert s["fails"] == ["switch:leaf1"]
    assert s["bisection_gbps"] == outcome_dict(res.scenarios[0])["bisection_gbps"]
    assert s["gpus_cut_off"] == 32
    # storage_read_gbps is Gbit/s: the GB/s figure x 8
    assert s["storage_read_gbps"] == pytest.approx(s["storage_read_gb_s"] * 8, abs=0.01)
    assert s["ecmp_imbalance"] == {"compute": 1.0, "storage": 1.0}
    spine = next(x for x in data["scenarios"] if x["fails"] == ["switch:spine1"])
    # every leaf is wired to every spine: losing one leaves all leaves alike
    assert spine["ecmp_imbalance"]["compute"] == 1.0
    assert spine["per_gpu_gbps"] == pytest.approx(192000.0 / 512)
    assert to_json(res) == to_json(scenarios.run(hall, 1))  # deterministic


def test_table_groups_alike_rows(hall):
    text = to_table(scenarios.run(hall, 1), limit=3)
    lines = text.splitlines()
    assert lines[1].startswith("(nothing)")
    assert lines[2].split()[:5] == ["switch:leaf{1..32}", "0", "0", "0.0", "32"]
    assert "96 single failure(s) tried; 3 of" in text


def test_outcome_dict_rounds(hall):
    d = outcome_dict(evaluate(hall, plant(hall), ("switch:spine1",)))
    assert d["bisection_gbps"] == 192000.0
    assert d["gpus_cut_off"] == 0


TWO_CHILLERS = (
    (SCEN / "row-gb200-one-chiller.yaml")
    .read_text()
    .replace(
        '    - {name: chiller-1, kind: chiller, capacity: "1.2 MW", domains: [chiller-1]}\n'
        "    - {name: fw-1, kind: water-loop, from: [chiller-1], mode: parallel}\n",
        '    - {name: chiller-1, kind: chiller, capacity: "500 kW"}\n'
        '    - {name: chiller-2, kind: chiller, capacity: "500 kW"}\n'
        "    - {name: fw-1, kind: water-loop, from: [chiller-1, chiller-2], mode: parallel}\n",
    )
)


def test_one_of_two_chillers_caps_the_row(graph_of):
    g = graph_of(TWO_CHILLERS)
    p = plant(g)
    o = evaluate(g, p, ("chiller-1",))
    # 816 kW of liquid heat on 500 kW of chiller: the row throttles, nothing goes dark
    assert (o.gpus_dark, o.gpus_capped, o.loops_over) == (0, 576, ["row-b"])
    assert o.findings[0] == "coolant loop row-b removes 61% of its heat"
    assert "chiller chiller-2 carries 816.0 kW > 500.0 kW" in o.findings
    # each rack loses the liquid share it cannot reject: 120 kW x (1 - 500/816)
    assert o.racks_capped["b01"] == pytest.approx(120.0 * (1 - 500 / 816), abs=1e-3)
    both = evaluate(g, p, ("chiller-1", "chiller-2"))
    assert both.gpus_dark == 576


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_more_failures_never_lose_less(data):
    """Failing a second thing never brings GPUs back (GB200 row, its singles)."""
    g = _ROW
    p = plant(g)
    ids = scenarios.singles(g, p)
    a = data.draw(st.sampled_from(ids))
    b = data.draw(st.sampled_from(ids))
    one, two = evaluate(g, p, (a,)), evaluate(g, p, (a, b))
    assert two.gpus_dark >= one.gpus_dark
    assert two.gpus_dark + two.gpus_capped >= one.gpus_dark


_ROW = build(SCEN / "row-gb200-one-chiller.yaml")


def test_cdu_loss_short_of_flow(graph_of):
    text = (
        (SCEN / "row-gb200-one-chiller.yaml")
        .read_text()
        .replace("cdu-vertiv-xdu1350, count: 3", "cdu-vertiv-xdu1350, count: 2")
    )
    g = graph_of(text)
    o = evaluate(g, plant(g), ("cdu:row-b/1",))
    # 1,350 kW of CDU left for 816 kW, but 1,200 L/min for the 1,221 L/min it needs
    assert (o.gpus_dark, o.gpus_capped, o.loops_over) == (0, 576, ["row-b"])
    assert o.findings == ["coolant loop row-b removes 98% of its heat"]


def test_line_card_domain_of_link_bundles(graph_of):
    text = (
        (SCEN / "hall-a-facility.yaml")
        .read_text()
        .replace(
            "  members:                    # the first two spines share a chassis power shelf\n",
            "  members:                    # the first two spines share a chassis power shelf\n"
            '    - {member: "link:leaf1/spine1", domains: [spine1-card1]}\n'
            '    - {member: "link:leaf2/spine1", domains: [spine1-card1]}\n',
        )
    )
    g = graph_of(text)
    o = evaluate(g, plant(g), ("domain:spine1-card1",))
    assert o.gpus_cut_off == 0
    compute = next(f for f in o.fabrics if f.fabric == "compute")
    # leaves 1 and 2 keep 15 of their 16 spine bundles: 15/16 of the others' uplinks
    assert compute.imbalance == pytest.approx(16 / 15)
    assert o.bisection_gbps < 204800.0


def test_example_designs_check_as_documented():
    from rackcheck.api import check

    good = check([str(SCEN / "hall-a-facility.yaml")])
    assert good.input_errors == []
    assert [f.rule_id for f in good.findings if f.severity >= 2] == []
    bad = check([str(SCEN / "hall-a-shared-switchboard.yaml")])
    errors = [(f.rule_id, f.location.line, f.location.column)
              for f in bad.findings if f.severity >= 2]  # fmt: skip
    assert errors == [("RES001", 152, 13), ("RES001", 152, 25)]
