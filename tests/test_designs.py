"""The bundled example designs: good ones are clean with the figures they should have,
each broken one fires exactly the rule it names, where it should."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rackcheck.api import check
from rackcheck.findings import Severity

ROOT = Path(__file__).resolve().parent.parent
GOOD = sorted((ROOT / "designs").glob("*.yaml"))
BROKEN = sorted((ROOT / "designs" / "broken").glob("*.yaml"))


@pytest.mark.parametrize("path", GOOD, ids=[p.name for p in GOOD])
def test_good_designs_are_clean(path):
    report = check([str(path)])
    assert report.input_errors == []
    assert [f for f in report.findings if f.severity >= 2] == []
    assert report.exit_code(Severity.WARNING) == 0


@pytest.mark.parametrize("path", BROKEN, ids=[p.name for p in BROKEN])
def test_broken_designs_break_their_rule_only(path):
    named = re.search(r"breaks ([A-Z]+\d+)", path.read_text()).group(1)
    report = check([str(path)])
    assert report.input_errors == []
    fired = {f.rule_id for f in report.findings if f.severity >= 2}
    assert fired == {named}


def test_one_rack_figures():
    m = check([str(ROOT / "designs/one-rack-dgx-h100.yaml")]).metrics
    r01 = m["racks"]["r01"]
    # 4 x 10.2 kW; / 0.95 PF; 3 x (415 V x 60 A x sqrt 3 x 0.8) = 3 x 34.5 kVA
    assert r01["power_kw"] == 40.8
    assert r01["apparent_power_kva"] == pytest.approx(42.947, abs=1e-3)
    assert r01["pdu_capacity_kva"] == pytest.approx(3 * 34.502, abs=1e-2)
    assert r01["heat_air_kw"] == 40.8 and r01["heat_liquid_kw"] == 0.0
    assert (r01["units_used"], r01["units_available"]) == (32, 42)
    assert r01["weight_kg"] == pytest.approx(4 * 130.45)
    assert m["totals"]["gpus"] == 32
    assert m["feeds_kva"] == {"A": 14.316, "B": 14.316, "C": 14.316}


def test_hall_figures():
    m = check([str(ROOT / "designs/hall-a-dgx-h100.yaml")]).metrics
    t = m["totals"]
    assert (t["racks"], t["devices"], t["gpus"]) == (33, 130, 1024)  # + storage rack
    assert t["it_power_kw"] == pytest.approx(128 * 10.2 + 2 * 2.4)
    assert sorted(m["racks"])[:2] == ["st01", "su1-r01"]


def test_gb200_row_figures():
    m = check([str(ROOT / "designs/row-gb200-nvl72.yaml")]).metrics
    loop = m["loops"]["row-b"]
    # 8 racks x 120 kW (typical, NVIDIA) x 0.85 (the design's stated assumption)
    assert loop["heat_liquid_kw"] == pytest.approx(816.0)
    assert loop["cdu_capacity_kw"] == 4050.0  # three XDU1350: N+1 for flow (COOL002)
    assert loop["cdu_capacity_n_minus_1_kw"] == 2700.0
    assert loop["flow_n_minus_1_l_min"] == 2400.0
    # PG25 at 10 K: 816 kW / (1020 kg/m3 x 3930 J/kg/K x 10 K) = 1221.4 L/min
    assert loop["flow_required_l_min"] == pytest.approx(1221.4, abs=0.1)
    assert m["totals"]["gpus"] == 8 * 72


def test_broken_pow001_message_and_location():
    path = ROOT / "designs/broken/pow001-pdu-capacity.yaml"
    (f,) = [f for f in check([str(path)]).findings if f.rule_id == "POW001"]
    assert (f.location.line, f.location.column) == (11, 7)
    assert f.message == (
        "rack r01 draws 30.6 kW = 32.2 kVA > 25.9 kVA continuous PDU capacity "
        "(3 PDU(s) at 80%: NEC 210.20(A)/215.3, assumed: no site.country or "
        "site.electrical_code)"
    )


def test_graph_has_psus_and_cdus_as_nodes(tmp_path):
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import CduNode, PsuNode
    from rackcheck.model.design import Design
    from rackcheck.model.load import load_catalog, validate
    from rackcheck.source import load_yaml

    doc = load_yaml(ROOT / "designs/row-gb200-nvl72.yaml")
    g = DesignGraph(validate(doc, Design), load_catalog(), doc.source)
    psus = list(g.nodes(PsuNode))
    # 8 racks, each system with one cord per PDU (8 PDUs, 4 per feed)
    assert len(psus) == 64
    assert {g.node(p.pdu).feed for p in psus} == {"A", "B"}
    cdus = list(g.nodes(CduNode))
    assert [c.spec.id for c in cdus] == ["cdu-vertiv-xdu1350"] * 3
    assert g.g.edges["cdu:row-b/0", "loop:row-b"]["rel"] == "cooling"
    assert g.g.edges["pdu:b01/pa-1", psus[0].id]["rel"] == "power"
