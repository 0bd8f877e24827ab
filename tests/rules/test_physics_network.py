"""Issue 9, network items: figures that were wrong or silent before, each with the
source of the right figure."""

from __future__ import annotations

from rackcheck.api import check

STRANDED_LEAF = """\
rackcheck: 1
name: leaf2 has endpoints and no uplink
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    oversubscription: "1:1"
    switches:
      - {name: "leaf{1..2}", model: qm9700}
      - {name: "spine{1..2}", model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..2}", to: leaf1, count: 8}
      - {from: "r01/dgx-h100-{3..4}", to: leaf2, count: 8}
      - {from: leaf1, to: "spine{1..2}", count: 8}
"""


def test_leaf_without_uplinks_is_infinitely_oversubscribed(write):
    # A leaf whose endpoints cannot leave it: down 16 x 400G, up 0, so down/up is
    # unbounded (the definition of oversubscription, NET004's docstring); before the
    # fix the leaf was skipped and the 1:1 target passed.
    report = check([str(write("d.yaml", STRANDED_LEAF))])
    net = [
        (f.rule_id, f.location.line, f.location.column, f.message)
        for f in report.findings
        if f.rule_id == "NET004"
    ]
    assert net == [
        (
            "NET004",
            10,
            23,
            "fabric compute: leaf tier oversubscribed 2:1 (down 12.8 Tbit/s, up 6.4 "
            "Tbit/s); worst leaf2 1:0 (no uplink) > target 1:1",
        )
    ]
    fab = report.metrics["fabrics"]["compute"]
    assert fab["oversubscription"]["leaf"] == "inf"
    assert fab["oversubscription_tier"]["leaf"] == 2.0


def test_a_lone_switch_needs_no_uplink(write):
    one = STRANDED_LEAF.replace('"leaf{1..2}"', "leaf1").replace(
        '      - {name: "spine{1..2}", model: qm9700}\n', ""
    )
    one = one.replace("to: leaf2", "to: leaf1").replace(
        '      - {from: leaf1, to: "spine{1..2}", count: 8}\n', ""
    )
    report = check([str(write("d.yaml", one))])
    assert [f.rule_id for f in report.findings if f.rule_id == "NET004"] == []


def test_planning_minimises_switches_1024_nodes_spine_2_to_1():
    # 1,024 DGX x 8 rails on QM9700 (64 x 400G), leaves 1:1, spines 2:1. The old
    # equal-links rule took 256 + 224 + 352 = 832 switches. Lower bound from the radix:
    # 8,192 leaf uplinks need 8,192 / 42 = 196 spines (42 down + 21 up per spine at
    # 2:1). Pods of 40 leaves, 32 spines each (1 link a leaf), 21 up per spine over 3
    # cores a plane (7 links each): 256 + 224 + 96 = 576.
    from rackcheck.api import size_fabric

    r = size_fabric(1024, 8, "qm9700", oversubscription={"leaf": "1:1", "spine": "2:1"})
    assert (r["leaf"], r["spine"], r["core"]) == (256, 224, 96)
    assert r["leaf"] + r["spine"] + r["core"] == 576 <= 640
    assert r["oversubscription"] == {"leaf": 1.0, "spine": 1.9048}  # 40:21, not above 2
    # the whole spine tier: 8,192 down (a partial last pod uses fewer) / 4,704 up
    assert r["oversubscription_tier"] == {"leaf": 1.0, "spine": 1.7415}


def test_planning_sn5600_leaf_2_to_1_does_not_strand_spines():
    # 170 DGX on SN5600 (64 x 800G = 128 x 400G), leaves 2:1: 85 down + 43 up left 43
    # uplinks (prime): 43 spines each using 16 of 128 ports. Three SUs of 57 nodes
    # need 29 up per leaf (57/29 <= 2); 6 spines x 5 links = 30: 24 + 6 switches.
    from rackcheck.api import size_fabric

    r = size_fabric(170, 8, "sn5600", speed="400 Gbit/s", oversubscription="2:1")
    assert (r["su_size"], r["leaf"], r["spine"], r["core"]) == (57, 24, 6, 0)
    assert r["oversubscription"]["leaf"] == 1.9
    assert r["cables"]["leaf_spine"] == 24 * 30
    # every spine uses 24 leaves x 5 links = 120 of its 128 ports
    from rackcheck.graph.fabric.plan import plan
    from rackcheck.model.load import load_catalog

    p = plan(load_catalog().get("sn5600"), 170, 8, node_speed=400_000, ratio_leaf=2)
    assert set(p.spine_down()) == {120}


def test_nvl72_compute_trays_are_fabric_endpoints():
    # DGX GB Rack Scale Systems User Guide: 18 compute trays per rack, each with 4 x
    # 400G ConnectX-7 (compute) and BlueField-3 400G ports (storage); NVIDIA NVL72
    # Enterprise RA: GPUs rail-optimized through their own NICs (4 rails a tray). Before
    # issue 9 a rack system was "no device with compute ports" (INP006, exit 2).
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    report = check([str(root / "designs/cluster-gb200-nvl72.yaml")])
    assert report.input_errors == [] and report.exit_code(None) == 0
    assert [f.rule_id for f in report.findings if f.severity >= 2] == []  # notes only
    compute = report.metrics["fabrics"]["compute"]
    assert (compute["nodes"], compute["rails"], compute["endpoints"]) == (144, 4, 576)
    # fewest QM9700s for 576 x 400G at 1:1: SUs of 29 trays, 20 rail leaves with 29
    # down and 30 up (10 spines x 3 links: ECMP-balanced, 29:30 not above 1:1)
    assert (compute["leaf"], compute["spine"], compute["core"]) == (20, 10, 0)
    assert compute["bisection_gbps"] == compute["bisection"]["full_gbps"] == 115200.0
    # NVLink domains (DGX SuperPOD GB200 RA, Network Fabrics, NVL5): 72 GPUs a rack,
    # 18 NVL5 links of each GPU: 1.8 TB/s per GPU
    assert report.metrics["nvlink"] == {
        "gb200-nvl72": {
            "domains": 8,
            "gpus_per_domain": 72,
            "per_gpu_gbs": 1800.0,
            "domain_gbs": 129600.0,
            "gpus": 576,
        }
    }
    storage = report.metrics["fabrics"]["storage"]
    assert storage["endpoints"] == 144 + 8  # one BlueField-3 port a tray + the DDN's


def test_nvl72_tray_is_named_by_path_in_explicit_links(write):
    text = """\
rackcheck: 1
name: two trays of one NVL72 on a leaf
racks:
  - name: b01
    model: gb200-nvl72
fabrics:
  - name: compute
    switches:
      - {name: leaf1, model: qm9700}
    links:
      - {from: "b01/gb200-compute-tray-{1..2}", to: leaf1, count: 4}
"""
    report = check([str(write("d.yaml", text))])
    assert report.input_errors == []
    fab = report.metrics["fabrics"]["compute"]
    assert (fab["endpoints"], fab["bisection_gbps"]) == (8, 1600.0)


def test_nvl72_trays_selected_by_tray_model(write):
    text = """\
rackcheck: 1
name: trays by their own model
racks:
  - name: "b{01..02}"
    model: gb200-nvl72
fabrics:
  - name: compute
    endpoints: {racks: [], models: [gb200-compute-tray]}
    generate: {switch: qm9700, rails: 4}
"""
    report = check([str(write("d.yaml", text))])
    assert report.input_errors == []
    fab = report.metrics["fabrics"]["compute"]
    assert (fab["nodes"], fab["endpoints"]) == (36, 144)
