"""Fabrics in designs: the graph, the metrics, the rules' locations, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rackcheck.api import check, size_fabric
from rackcheck.cli import cli

ROOT = Path(__file__).resolve().parents[2]
HALL = ROOT / "designs/hall-a-dgx-h100.yaml"

SIZING_KEYS = (
    "tiers",
    "leaf",
    "spine",
    "core",
    "cables",
    "transceivers",
    "bisection_gbps",
    "oversubscription",
)


def test_hall_compute_fabric_is_the_superpod_4_su():
    m = check([str(HALL)]).metrics["fabrics"]
    c = m["compute"]
    assert (c["tiers"], c["leaf"], c["spine"], c["core"]) == (2, 32, 16, 0)
    assert c["cables"] == {"node_leaf": 1024, "leaf_spine": 1024, "spine_core": 0}
    assert c["bisection_gbps"] == 204800.0 and c["bisection"]["cut"] == "index"
    # the same numbers as `rackcheck fabric size` for 128 DGX H100 on 8 rails
    sized = size_fabric(128, 8, "qm9700", node="dgx-h100")
    assert {k: c[k] for k in SIZING_KEYS} == {k: sized[k] for k in SIZING_KEYS}


def test_hall_storage_fabric():
    s = check([str(HALL)]).metrics["fabrics"]["storage"]
    # 128 DGX x 2 storage ports + 2 DDN x 8 NDR200 ports; 9 leaves x 16 uplinks
    assert (s["tiers"], s["leaf"], s["spine"], s["endpoints"]) == (2, 9, 4, 272)
    assert s["cables"] == {"node_leaf": 272, "leaf_spine": 144, "spine_core": 0}
    assert s["oversubscription"] == {"leaf": 2.0, "spine": None}
    # 128 x 2 x 400G + 2 x 8 x 200G = 105.6 Tbit/s injection; a balanced split of the
    # 130 endpoints puts 65 of them on a side: 65 DGX x 800G = 52.0 Tbit/s full
    assert s["bisection"]["full_gbps"] == 52000.0
    # 13 switches: every balanced split of whole devices is covered (the old 'rail'
    # cut split each DGX's two ports and gave 28.4 Tbit/s, 7.6 % too high); the
    # first half of the nodes against the rest attains the exact minimum
    assert (s["bisection_gbps"], s["bisection_cut"]) == (26400.0, "exact")
    assert s["bisection"]["cuts_gbps"]["index"] == 26400.0


def test_hall_graph_holds_switches_nics_and_links():
    from rackcheck.api import _CatalogCache, check_file
    from rackcheck.graph.fabric.nodes import NicNode, SwitchNode, capacity
    from rackcheck.settings import Settings

    g = check_file(HALL, Settings(), _CatalogCache())["graph"]
    sws = [n for n in g.nodes(SwitchNode) if n.fabric == "compute"]
    assert sum(1 for s in sws if s.tier == 0) == 32 and len(sws) == 48
    nic = g.node("nic:compute/dev:su1-r01/0.0")
    assert isinstance(nic, NicNode) and (nic.have, nic.taken) == (8, 8)
    links = g.g.out_edges(nic.id, data=True)
    # NIC port r of the first DGX lands on rail r's leaf of SU 1
    assert sorted((d["ports"][0], v) for _, v, d in links) == [
        (r, f"sw:compute/leaf{r + 1}") for r in range(8)
    ]
    edge = g.g.edges["sw:compute/leaf1", "sw:compute/spine1"]
    assert f"{capacity(edge):~P}" == "800.0 Gbit/s"  # 2 links of 400G per pair


BROKEN = {
    "net001-port-budget.yaml": ("NET001", 25, 30),
    "net002-link-speed.yaml": ("NET002", 29, 9),
    "net003-cable-reach.yaml": ("NET003", 35, 9),
    "net004-oversubscription.yaml": ("NET004", 24, 23),
    "net005-ecmp-balance.yaml": ("NET005", 27, 5),
    "net006-rail-alignment.yaml": ("NET006", 33, 5),
    "net007-bisection.yaml": ("NET007", 36, 37),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_network_designs_locate_their_finding(name):
    report = check([str(ROOT / "designs/broken" / name)])
    found = [
        (f.rule_id, f.location.line, f.location.column)
        for f in report.findings
        if f.rule_id.startswith("NET")
    ]
    assert found == [BROKEN[name]]
    assert (
        report.exit_code(None) == 0
        and report.exit_code(report.findings[0].severity) == 1
    )


def test_broken_messages_carry_figures_with_units():
    def msg(name):
        return [
            f.message
            for f in check([str(ROOT / "designs/broken" / name)]).findings
            if f.rule_id.startswith("NET")
        ][0]

    assert msg("net001-port-budget.yaml") == (
        "fabric compute: switch leaf1 (qm9700) needs 72 ports for 72 x 400 Gbit/s but "
        "has 64 x 400 Gbit/s"
    )
    assert "run at 100 Gbit/s, the slower end (400 Gbit/s vs 100 Gbit/s" in msg(
        "net002-link-speed.yaml"
    )
    assert msg("net003-cable-reach.yaml").endswith(
        "longest r02/dgx-h100-1 (r02) - leaf1 (net1) needs 6.6 m"
    )
    assert "oversubscribed 4:1 (down 25.6 Tbit/s, up 6.4 Tbit/s)" in msg(
        "net004-oversubscription.yaml"
    )
    assert msg("net005-ecmp-balance.yaml").endswith(
        "(16 per pair usual): leaf2-spine1: 24, leaf2-spine2: 8"
    )
    assert "r02/dgx-h100-4 NIC 1 -> rail2 (rail 2)" in msg("net006-rail-alignment.yaml")
    assert msg("net007-bisection.yaml").startswith(
        "fabric backend: bisection 25.6 Tbit/s (max-flow, worst cut 'index') < 179.2 "
        "Tbit/s required"
    )


def test_llama_style_design_is_seven_to_one_between_pods():
    m = check([str(ROOT / "designs/llama3-style-ethernet.yaml")]).metrics
    b = m["fabrics"]["backend"]
    assert b["oversubscription"] == {"leaf": 1.0, "spine": 7.0}
    assert b["bisection_gbps"] == 25600.0 == b["bisection"]["full_gbps"] / 7


GEN = """\
rackcheck: 1
name: bad fabric
racks:
  - name: "r{{01..02}}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {{model: dgx-h100, count: 4, position: 3}}
fabrics:
  - name: compute
    endpoints: {{racks: ["r{{01..02}}"]}}
    generate: {{switch: {switch}, rails: {rails}{more}}}
"""


@pytest.mark.parametrize(
    ("switch", "rails", "more", "expected"),
    [
        (
            "qm9800",
            8,
            "",
            ("INP004", 11, 24, "unknown model 'qm9800'; did you mean 'qm9700'?"),
        ),
        (
            "qm9700",
            0,
            "",
            ("INP002", 11, 39, "rails: Input should be greater than or equal to 1"),
        ),
        (
            "qm9700",
            9,
            "",
            ("INP006", 11, 39, "9 rails, but dgx-h100 has 8 compute ports"),
        ),
        (
            "sn2201",
            8,
            ", su_size: 1, tiers: 2",
            (
                "INP006",
                11,
                61,
                "fabric compute cannot be built: 2 tiers of sn2201 (radix 48) "
                "reach at most 48 leaves (1152 endpoints); this fabric needs 64 leaves",
            ),
        ),
        (
            "dgx-h100",
            8,
            "",
            ("INP004", 11, 24, "'dgx-h100' is a server, expected one of: switch"),
        ),
    ],
)
def test_bad_fabrics_are_located_input_errors(write, switch, rails, more, expected):
    path = write("bad.yaml", GEN.format(switch=switch, rails=rails, more=more))
    report = check([str(path)])
    assert report.findings == [] and report.exit_code(None) == 2
    f = report.input_errors[0]
    code, line, col, text = expected
    assert (f.rule_id, f.location.line, f.location.column) == (code, line, col)
    assert text in f.message


def test_unknown_names_in_links_are_located(write):
    path = write(
        "bad.yaml",
        """\
rackcheck: 1
name: bad links
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    switches:
      - {name: "leaf{1..2}", model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: leaf3}
      - {from: {racks: [r09]}, to: leaf1}
""",
    )
    errors = [
        (f.rule_id, f.location.line, f.location.column, f.message)
        for f in check([str(path)]).input_errors
    ]
    assert errors == [
        (
            "INP004",
            13,
            43,
            "fabric compute has no switch 'leaf3' and no device has that "
            "path (write rack/device)",
        ),
        ("INP004", 14, 25, "no rack named 'r09'"),
    ]


def test_cli_check_bad_fabric_exit_2_no_traceback(write):
    path = write("bad.yaml", GEN.format(switch="qm9700", rails=9, more=""))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert "INP006" in result.output and "Traceback" not in result.output


def test_check_json_reports_fabric_metrics():
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(HALL)])
    assert result.exit_code == 0
    fab = json.loads(result.output)["metrics"]["fabrics"]["compute"]
    assert set(SIZING_KEYS) <= set(fab)
    assert fab["cables"]["leaf_spine"] == 1024 and fab["transceivers"] == {
        "switch": 1536,
        "node": 512,
    }


def test_rack_switch_by_path_zip_pairing_and_reach_in_one_rack(write):
    path = write(
        "d.yaml",
        """\
rackcheck: 1
name: a leaf in the rack, zip-paired
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
      - {model: qm9700, name: leaf, position: 40}
layout:
  rows: [{name: A, racks: [r01]}]
  slack: "2.5 m"
fabrics:
  - name: compute
    switches:
      - {name: spine1, model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..4}", to: r01/leaf, count: 8, medium: DAC,
         cable: mcp7y00-nxxx}
      - {from: [r01/leaf], to: [spine1], pairing: zip, count: 32}
""",
    )
    from rackcheck.api import _CatalogCache, check_file
    from rackcheck.settings import Settings

    result = check_file(path, Settings(), _CatalogCache())
    g = result["graph"]
    leaf = g.node("sw:compute/r01/leaf")
    assert (leaf.tier, leaf.rack, leaf.device) == (0, "r01", "dev:r01/1.0")
    assert g.g.edges["sw:compute/r01/leaf", "sw:compute/spine1"]["bundles"][0][0] == 32
    # 2.5 m inside the rack: within the 3 m DAC; the leaf's power counts in r01
    assert [f.rule_id for f in result["findings"] if f.rule_id.startswith("NET")] == []
    assert result["metrics"]["racks"]["r01"]["devices"] == 5


def test_generated_endpoints_take_devices_with_ports_of_the_role(write):
    """The storage appliance in the selected racks has role-less ports: it is not a
    compute endpoint unless the fabric names its model."""
    text = """\
rackcheck: 1
name: storage in the rack
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {{model: dgx-h100, count: 2, position: 3}}
      - {{model: ddn-ai400x2-turbo, position: 20}}
fabrics:
  - name: {role}
    role: {role}
    endpoints: {{racks: [r01]{models}}}
    generate: {{switch: qm9700, rails: {rails}}}
"""
    compute = check(
        [str(write("c.yaml", text.format(role="compute", models="", rails=8)))]
    ).metrics
    assert compute["fabrics"]["compute"]["nodes"] == 2
    both = ", models: [dgx-h100, ddn-ai400x2-turbo]"
    storage = check(
        [str(write("s.yaml", text.format(role="storage", models=both, rails=2)))]
    ).metrics
    assert storage["fabrics"]["storage"]["nodes"] == 3
