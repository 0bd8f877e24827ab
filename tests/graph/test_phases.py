"""Staged deployment: per-phase figures, phase findings located in the design file,
and what a later phase would rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

from rackcheck.api import check
from rackcheck.docs import examples
from rackcheck.rules import by_id

ROOT = Path(__file__).resolve().parents[2]


def test_phased_hall_figures_per_phase():
    report = check([str(ROOT / "designs/hall-a-phased.yaml")])
    assert report.input_errors == []
    # notes only: DAT001 (assumed figures), DAT003 (figures the checks lack)
    assert {f.rule_id for f in report.findings} == {"DAT001", "DAT003"}
    ph = report.metrics["phases"]
    assert [ph[p]["gpus"] for p in ("p1", "p2", "p3")] == [256, 512, 1024]
    # 32 DGX H100 x 10.2 kW + 2 DDN AI400X2T x 2.4 kW
    assert ph["p1"]["it_power_kw"] == pytest.approx(32 * 10.2 + 2 * 2.4)
    assert ph["p1"]["heat_air_kw"] == pytest.approx(331.2)
    # p1: 8 compute leaves + the final 16 spines (final_size) + 13 storage switches
    assert [ph[p]["switches"] for p in ("p1", "p2", "p3")] == [37, 45, 61]
    # non-blocking: half of 32 nodes x 8 rails x 400 Gbit/s
    assert ph["p1"]["bisection_gbps"]["compute"] == 51200.0
    assert ph["p3"]["bisection_gbps"]["compute"] == 204800.0
    assert (
        ph["p1"]["storage_read_gbs"] == report.metrics["storage"]["aggregate_read_gbs"]
    )
    assert ph["p2"]["capex"] is None and ph["p2"]["capex_note"].startswith("not priced")


def test_growing_spine_layer_names_what_is_recabled():
    report = check([str(ROOT / "designs/broken/phs002-phase-rebuild.yaml")])
    got = [(f.location.line, f.location.column, f.message)
           for f in report.findings if f.rule_id == "PHS002"]  # fmt: skip
    assert got == [
        (82, 11, "fabric compute: phase p1 builds 4 spines with 8 link(s) per leaf, "
         "phase p2 needs 8 spines with 4 link(s) per leaf: the 8 leaves of p1 would "
         "be re-cabled; build the final spine layer (16 spines with 2 link(s) per "
         "leaf) in p1 (final_size: [compute])"),
        (84, 11, "fabric compute: phase p2 builds 8 spines with 4 link(s) per leaf, "
         "phase p3 needs 16 spines with 2 link(s) per leaf: the 16 leaves of p2 would "
         "be re-cabled; build the final spine layer (16 spines with 2 link(s) per "
         "leaf) in p2 (final_size: [compute])"),
    ]  # fmt: skip
    assert report.metrics["phases"]["p1"]["switches"] == 25  # 8 + 4 + 13


def test_phase_finding_points_into_the_design_and_names_the_phase(write):
    path = write("p.yaml", examples(by_id()["PHS001"])["fails"])
    report = check([str(path)])
    phs = [f for f in report.findings if f.rule_id == "PHS001"]
    assert len(phs) == 1
    f = phs[0]
    assert f.message == (
        "phase p1: COOL002 loop row-a with its largest CDU failed has 0.0 kW for "
        "204.0 kW of liquid heat (N+1 asked)"
    )
    lines = path.read_text().splitlines()
    assert lines[f.location.line - 1].strip().startswith("cdus:")  # the loop's CDUs
    assert [(r.line, r.column) for r in f.related] == [(17, 11)]  # phase p1's name
    # 2 GB200 NVL72 x 120 kW x 0.85 on the loop in p1; 1 CDU installed
    assert report.metrics["phases"]["p1"]["heat_liquid_kw"] == pytest.approx(204.0)
    assert report.metrics["phases"]["p1"]["cdus"] == {"row-a": 1}
    assert report.metrics["phases"]["p2"]["cdus"] == {"row-a": 2}


SPLIT = """\
rackcheck: 1
name: phase 1 has too little power on one rack of a range
site:
  max_rack_power: "45 kW"
racks:
  - name: "r{01..02}"
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
    devices:
      - {model: dgx-h100, count: 4}
phases:
  - name: p1
    racks: [r01]
  - name: p2
    racks: [r02]
"""


def test_a_rack_split_from_a_range_is_located_at_its_entry(write):
    report = check([str(write("s.yaml", SPLIT))])
    phs = sorted((f.location.line, f.location.column, f.message[:24])
                 for f in report.findings if f.rule_id == "PHS001")  # fmt: skip
    # POW001 on r01 in p1 (one 60 A PDU for 40.8 kW), at its PDUs (9:7)
    assert (9, 7, "phase p1: POW001 rack r0") in phs


def test_diff_shows_phase_figures_that_change():
    from click.testing import CliRunner

    from rackcheck.cli import cli

    base = ROOT / "designs/broken/phs002-phase-rebuild.yaml"
    head = ROOT / "designs/hall-a-phased.yaml"
    r = CliRunner().invoke(cli, ["diff", str(base), str(head)])
    rows = [" ".join(line.split()) for line in r.output.splitlines()]
    assert "phase p1: switches 25 37 +12" in rows  # the final 16 spines from p1
    assert "phase p2: switches 37 45 +8" in rows
    assert not any(row.startswith("phase p3:") for row in rows)  # unchanged


def test_phase_checks_run_with_the_configured_rules_and_levels(write):
    from rackcheck.findings import Severity
    from rackcheck.settings import Settings

    path = write("s.yaml", SPLIT)
    quiet = check([str(path)], Settings(ignore=["POW"]))
    assert [f for f in quiet.findings if f.rule_id == "PHS001"] == []
    lowered = check([str(path)], Settings(severity={"POW001": Severity.WARNING}))
    pow001 = [f for f in lowered.findings if f.message.startswith("phase p1: POW001")]
    assert [f.severity for f in pow001] == [Severity.WARNING]


EXPLICIT = """\
rackcheck: 1
name: explicit fabrics, the first reached only in phase 2
racks:
  - name: "r{1..2}"
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 1}
fabrics:
  - name: late
    switches: [{name: sw0, model: qm9700}]
    links:
      - {from: {racks: [r2]}, to: sw0}
  - name: early
    switches: [{name: "sw{1..2}", model: qm9700}]
    links:
      - {from: {racks: [r2]}, to: sw1}
      - {from: {racks: [r1]}, to: sw2, speed: "800 Gbit/s"}
phases:
  - {name: p1, racks: [r1]}
  - {name: p2, racks: [r2]}
"""


def test_dropped_fabrics_and_links_keep_their_lines(write):
    report = check([str(write("x.yaml", EXPLICIT))])
    got = sorted((f.rule_id, f.location.line, f.location.column)
                 for f in report.findings if f.rule_id in ("NET002", "PHS001"))  # fmt: skip
    # the 800G link is line 21 in the design and in phase p1 (its fabric and link
    # are the first of the phase's sub-design)
    assert got == [("NET002", 21, 9), ("PHS001", 21, 9)]
    # `early` only: sw2 (sw1 has no link yet in p1, so no tier, and is not counted)
    assert report.metrics["phases"]["p1"]["switches"] == 1
    assert report.metrics["phases"]["p2"]["switches"] == 3


def test_markdown_report_shows_phases_flows_and_residency():
    from rackcheck.report.markdown import render

    phased = render(check([str(ROOT / "designs/hall-a-phased.yaml")]))
    # storage: the exact minimum over balanced splits of whole endpoints (NET007)
    assert ("| p1 | 9 | 256 | 331.2 kW | 331.2 kW | 37 | compute 51.2 Tbit/s, "
            "storage 13.6 Tbit/s | not priced |") in phased  # fmt: skip
    two = render(check([str(ROOT / "designs/sovereignty/two-site-gb-de.yaml")]))
    assert ("| claims->london | gcp-frankfurt | london | 2,000.0 TB | lon-fra "
            "(100 Gbit/s at 90%) | 49.4 h | 160310.00 USD |") in two  # fmt: skip
    assert "| claims | EU | gcp-frankfurt (DE) | **no** |" in two
