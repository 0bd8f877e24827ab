"""Issue 9, cooling, "no silent checks" and ORv3 items: each figure against its source."""

from __future__ import annotations

from pathlib import Path

import pytest

from rackcheck.api import check

ROOT = Path(__file__).resolve().parents[2]


def _report(write, text: str):
    report = check([str(write("d.yaml", text))])
    assert report.input_errors == []
    return report


def _found(report, rule: str) -> list[tuple[int, int, str]]:
    return [
        (f.location.line, f.location.column, f.message)
        for f in report.findings
        if f.rule_id == rule
    ]


LIQUID_ROW = """\
rackcheck: 1
name: eight 120 kW racks, 85 % to a PG25 loop at 10 K
components:
  - id: example-liquid-rack
    kind: rack-system
    vendor: Example
    model: liquid-cooled rack (illustration, not a real product)
    source: test
    rack_units: 44
    power: {{max: "120 kW"}}
    cooling: {{liquid_fraction: 0.85}}
racks:
  - name: "r{{01..08}}"
    model: example-liquid-rack
cooling:
  loops:
    - name: row
      cdus: [{{model: cdu-vertiv-xdu1350, count: {n}}}]
      serves: ["r{{01..08}}"]
      coolant: pg25
      delta_t: "10 K"
"""


# -- 7. N+1 checks flow ------------------------------------------------------------------
def test_n_plus_1_checks_flow_with_the_largest_cdu_out(write):
    """816 kW / (1020 kg/m3 x 3930 J/(kg K) x 10 K) = 1221 L/min of PG25 (ASHRAE
    Fundamentals ch. 31 properties); one XDU1350 left pumps 1200 L/min (Vertiv
    SL-71309 p.15, two pumps). Heat alone (1350 kW > 816 kW) would pass."""
    report = _report(write, LIQUID_ROW.format(n=2))
    assert _found(report, "COOL002") == [
        (18, 13, "loop row with its largest CDU failed pumps 1200 l/min for the "
                 "1221 l/min its 816.0 kW of liquid heat needs (N+1 asked)"),
    ]  # fmt: skip
    assert report.metrics["loops"]["row"]["flow_n_minus_1_l_min"] == 1200.0
    assert _found(_report(write, LIQUID_ROW.format(n=3)), "COOL002") == []


def test_bundled_gb200_row_is_n_plus_1_for_flow():
    m = check([str(ROOT / "designs/row-gb200-nvl72.yaml")]).metrics["loops"]["row-b"]
    assert m["flow_required_l_min"] == pytest.approx(1221.4, abs=0.1)
    assert m["flow_n_minus_1_l_min"] == 2400.0


# -- 8. CDU capacity at the design's conditions ------------------------------------------
def test_nameplate_assumed_is_said(write):
    """The XDU1350's 1350 kW is rated at 4 K ATD (Vertiv SL-80005); its rating fluid is
    not published, and this design gives no device supply limit: DAT004 says so."""
    report = _report(write, LIQUID_ROW.format(n=3))
    assert _found(report, "DAT004") == [
        (18, 22, "loop row: cdu-vertiv-xdu1350 counted at its nameplate 1350 kW: the "
                 "coolant it is rated with is not published (loop: pg25); rated at 4 K "
                 "approach; the design's approach is not known "
                 "(site.facility_water_temperature and the served devices' "
                 "cooling.max_supply_temperature)"),
    ]  # fmt: skip


RATED = """\
rackcheck: 1
name: a CDU with datasheet rating points
site: {{facility_water_temperature: "30 degC"}}
components:
  - id: example-liquid-rack
    kind: rack-system
    vendor: Example
    model: liquid-cooled rack (illustration, not a real product)
    source: test
    rack_units: 44
    power: {{max: "100 kW"}}
    cooling: {{liquid_fraction: 1.0, max_supply_temperature: "{limit}"}}
  - id: example-cdu
    kind: cdu
    vendor: Example
    model: CDU with a PG25 derating (illustration)
    source: test
    capacity: "500 kW"
    approach: "4 K"
    rated_coolant: water
    ratings:
      - {{capacity: "400 kW", coolant: pg25, approach: "4 K"}}
      - {{capacity: "250 kW", coolant: pg25, approach: "2 K"}}
racks:
  - name: "r{{01..04}}"
    model: example-liquid-rack
cooling:
  loops:
    - name: loop1
      cdus: [{{model: example-cdu}}]
      serves: ["r{{01..04}}"]
      redundancy: "N"
      coolant: pg25
"""


def test_datasheet_rating_point_is_used(write):
    """Supply limit 34 degC - facility 30 degC = 4 K: the PG25 point at 4 K (400 kW)
    carries 400 kW. At a 32 degC limit (2 K) only the 2 K point (250 kW) applies."""
    report = _report(write, RATED.format(limit="34 degC"))
    assert report.metrics["loops"]["loop1"]["cdu_capacity_kw"] == 400.0
    assert _found(report, "COOL001") == [] and _found(report, "DAT004") == []
    report = _report(write, RATED.format(limit="32 degC"))
    assert report.metrics["loops"]["loop1"]["cdu_capacity_kw"] == 250.0
    assert _found(report, "COOL001") == [
        (30, 13, "loop loop1 must remove 400.0 kW of liquid heat > 250.0 kW CDU "
                "capacity (1 CDU(s))"),
    ]  # fmt: skip


# -- 16. no silent checks ----------------------------------------------------------------
def test_missing_inlet_figure_is_named(write):
    """A DGX B200 at 45 degC inlet: its inlet range is not in the catalog, so COOL007
    cannot judge it; DAT003 says which figure and which entries."""
    text = (
        'rackcheck: 1\nname: hot aisle\nsite: {inlet_temperature: "45 degC"}\n'
        "racks:\n  - name: r01\n    model: orv3-rack\n    devices:\n"
        "      - {model: dgx-b200}\n"
    )
    assert _found(_report(write, text), "DAT003") == [
        (8, 17, "cooling.max_inlet_air not published for dgx-b200: the site's 45 °C "
                "inlet air against their rated inlet range (COOL007) cannot be "
                "checked"),
    ]  # fmt: skip


def test_rack_weight_and_facility_water_gaps_are_named(write):
    report = _report(write, LIQUID_ROW.format(n=3).replace(
        "rackcheck: 1\n", "rackcheck: 1\nsite: {facility_water_temperature: \"60 degC\"}\n"
    ))  # fmt: skip
    assert [m for _, _, m in _found(report, "DAT003")] == [
        "cooling.max_supply_temperature not published for example-liquid-rack: the "
        "coolant reaching them from 60 °C facility water (COOL004) cannot be checked",
        "facility-water supply_temperature range not published for cdu-vertiv-xdu1350: "
        "whether they accept 60 °C facility water (COOL004) cannot be checked",
    ]
    one = check([str(ROOT / "designs/one-rack-dgx-h100.yaml")])
    assert [f.message for f in one.findings if f.rule_id == "DAT003"] == [
        "rack max_load (static load rating) not published for apc-netshelter-sx-ar3100: "
        "the weight they carry (PHY002) cannot be checked"
    ]


def test_unplaced_switches_count_in_it_power():
    """hall-a's 61 generated QM9700 switches stand in no rack: counted in an explicit
    `unplaced` total, and named by DAT003 since their power is not in the catalog."""
    report = check([str(ROOT / "designs/hall-a-dgx-h100.yaml")])
    assert report.metrics["unplaced"] == {
        "switches": 61, "it_power_kw": 0.0, "apparent_power_kva": 0.0,
        "heat_air_kw": 0.0, "without_power_figure": 61,
    }  # fmt: skip
    notes = [f.message for f in report.findings if f.rule_id == "DAT003"]
    assert notes[-1] == (
        "switch power not published for qm9700: their share of IT power and heat "
        "(counted 0 W in metrics `unplaced`) cannot be checked"
    )


def test_unplaced_switch_power_is_added_to_totals(write):
    text = (ROOT / "designs/llama3-style-ethernet.yaml").read_text()
    extra = (
        "\n  - id: sn5600-with-power\n    kind: switch\n    vendor: Example\n"
        "    model: SN5600 with a stated power (test only)\n    source: test\n"
        '    power: {max: "1 kW"}\n'
        '    ports: [{count: 64, speed: "800 Gbit/s", cage: OSFP}]\n'
    )
    base = check([str(ROOT / "designs/llama3-style-ethernet.yaml")]).metrics
    assert "components:" not in text
    text = text.replace("\nracks:", "\ncomponents:" + extra + "racks:", 1).replace(
        "model: sn5600,", "model: sn5600-with-power,"
    )
    m = _report(write, text).metrics
    assert m["unplaced"]["switches"] == base["unplaced"]["switches"]
    n = m["unplaced"]["switches"]
    assert m["unplaced"]["it_power_kw"] == pytest.approx(n * 1.0)
    assert m["totals"]["it_power_kw"] == pytest.approx(
        base["totals"]["it_power_kw"] + n * 1.0
    )


# -- 17. ORv3 OpenU vs EIA U -------------------------------------------------------------
def test_eia_devices_in_an_orv3_rack_are_converted_by_height(write):
    """OCP Open Rack V3: 1 OU = 48 mm; EIA-310: 1 U = 44.45 mm. 46 x 1 U EIA devices
    are 2044.7 mm = 42.6 OU: they fit the 44 OU ORv3 frame (Meta: 44 OpenU or 47 RU),
    where a plain count of 46 > 44 would fail."""
    text = (
        "rackcheck: 1\nname: 1U boxes in ORv3\ncomponents:\n"
        "  - id: example-1u\n    kind: server\n    vendor: Example\n"
        "    model: 1 U EIA server (illustration)\n    source: test\n"
        '    rack_units: 1\n    weight: "10 kg"\n    power: {max: "100 W"}\n'
        "    cooling: {liquid_fraction: 0.0}\n"
        "racks:\n  - name: r01\n    model: orv3-rack\n    devices:\n"
        "      - {model: example-1u, count: COUNT}\n"
    )
    report = _report(write, text.replace("COUNT", "46"))
    assert _found(report, "PHY001") == []
    assert report.metrics["racks"]["r01"]["units_used"] == 42.6
    report = _report(write, text.replace("COUNT", "48"))
    assert _found(report, "PHY001") == [
        (16, 5, "rack r01 needs 44.45 OU > 44 OU available"),
    ]


def test_stacked_eia_devices_in_orv3_step_by_whole_openu(write):
    """Three 8 U DGX H100 stacked from OU 1 of an ORv3 rack: each 355.6 mm spans 8 OU
    (384 mm), so they sit at OU 1, 9, 17 and do not overlap."""
    from rackcheck.api import _CatalogCache, check_file
    from rackcheck.settings import Settings

    text = (
        "rackcheck: 1\nname: DGX in ORv3\nracks:\n  - name: r01\n    model: orv3-rack\n"
        "    devices:\n      - {model: dgx-h100, count: 3, position: 1}\n"
    )
    g = check_file(write("d.yaml", text), Settings(), _CatalogCache())["graph"]
    assert [d.position for d in g.devices(g.racks()[0])] == [1, 9, 17]
    assert _found(_report(write, text), "PHY001") == []
    # 3 x 355.6 mm = 1066.8 mm = 22.225 OU of 48 mm
    assert _report(write, text).metrics["racks"]["r01"]["units_used"] == 22.23


def test_unplaced_switch_heat_counts_against_room_air(write):
    """25 SN5600 of 1 kW each (a stated figure for the test) in no rack add 25 kW of
    air heat: a room sized for the racks alone is now short."""
    text = (ROOT / "designs/llama3-style-ethernet.yaml").read_text()
    racks_air = check([str(ROOT / "designs/llama3-style-ethernet.yaml")]).metrics[
        "totals"
    ]["heat_air_kw"]
    extra = (
        "\ncomponents:\n  - id: sn5600-with-power\n    kind: switch\n"
        "    vendor: Example\n    model: SN5600 with a stated power (test only)\n"
        '    source: test\n    power: {max: "1 kW"}\n'
        '    ports: [{count: 64, speed: "800 Gbit/s", cage: OSFP}]\n'
    )
    text = text.replace("\nracks:", extra + "racks:", 1)
    text = text.replace("model: sn5600,", "model: sn5600-with-power,")
    assert "site:" in text
    text = text.replace("site:\n", f'site:\n  air_cooling: "{racks_air + 10} kW"\n', 1)
    (f,) = [f for f in _report(write, text).findings if f.rule_id == "COOL006"]
    assert f.message == (
        f"racks put {racks_air:.1f} kW + 25.0 kW from unplaced switches into room air > "
        f"{racks_air + 10:.1f} kW room air cooling"
    )
