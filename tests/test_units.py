"""Units and physics invariants, with hypothesis."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rackcheck import units
from rackcheck.api import check
from rackcheck.graph.power import three_phase_capacity


def test_pdu_capacity_reference_values():
    cap = three_phase_capacity(units.q(415, "V"), units.q(60, "A"), 3, 0.8)
    assert cap.to("kVA").magnitude == pytest.approx(34.502, abs=1e-3)
    cap = three_phase_capacity(units.q(208, "V"), units.q(30, "A"), 3, 0.8)
    assert cap.to("kVA").magnitude == pytest.approx(8.646, abs=1e-3)
    cap = three_phase_capacity(units.q(230, "V"), units.q(16, "A"), 1, 0.8)
    assert cap.to("kVA").magnitude == pytest.approx(2.944, abs=1e-3)


def test_bits_and_bytes_stay_apart():
    link = units.parse("400 Gb/s", "bitrate")
    assert link.to("GB/s").magnitude == pytest.approx(50.0)
    assert units.parse("800 Gbps", "bitrate").to("Gbit/s").magnitude == 800
    with pytest.raises(units.UnitError, match="is not a byterate"):
        units.parse("10 TB", "byterate")
    with pytest.raises(units.UnitError, match="is not an information"):
        units.parse("10 Hz", "information")


def test_watts_are_not_temperatures():
    with pytest.raises(
        units.UnitError, match=r"is not a power \(it is \[temperature\]\)"
    ):
        units.parse("45 degC", "power")
    assert units.parse("45 degC", "temperature").to("K").magnitude == pytest.approx(
        318.15
    )


@given(
    st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=1e5)),
    st.sampled_from(["W", "kW", "MW"]),
)
def test_power_parse_roundtrip(value, unit):
    # units.RANGES: power up to 1e11 W (100 GW); nonzero figures of at least 1e-9 W
    q = units.parse(f"{value!r} {unit}", "power")
    assert math.isclose(q.to(unit).magnitude, value, rel_tol=1e-12, abs_tol=1e-12)


@given(
    st.floats(min_value=1.0001e5, max_value=1e300),
    st.sampled_from(["MW"]),
)
def test_power_beyond_range_is_refused(value, unit):
    with pytest.raises(units.UnitError, match="out of range: a power must be <= 1e"):
        units.parse(f"{value!r} {unit}", "power")


DESIGN = """\
rackcheck: 1
name: prop
racks:
  - name: r01
    model: apc-netshelter-sx-ar3107
    pdus:
      - {{model: pdu-415v-3ph-60a-apc, feed: A}}
      - {{model: pdu-415v-3ph-60a-apc, feed: B}}
      - {{model: pdu-415v-3ph-60a-apc, feed: C}}
    devices:
      - {{model: dgx-h100, count: {n}}}
"""


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=1, max_value=5), st.integers(min_value=0, max_value=1))
def test_more_systems_never_lower_load_or_heat(tmp_path_factory, n, extra):
    def metrics(count):
        d = tmp_path_factory.mktemp("p") / "d.yaml"
        d.write_text(DESIGN.format(n=count))
        return check([str(d)]).metrics["racks"]["r01"]

    a, b = metrics(n), metrics(n + extra)
    assert b["power_kw"] >= a["power_kw"]
    assert b["heat_air_kw"] >= a["heat_air_kw"]
    assert b["apparent_power_kva"] >= a["apparent_power_kva"] >= a["power_kw"]
    assert a["power_kw"] == pytest.approx(10.2 * n)


def test_watts_and_volt_amperes_stay_apart():
    with pytest.raises(units.UnitError, match=r"'10 kVA' is apparent power \(VA\)"):
        units.parse("10 kVA", "power")
    with pytest.raises(units.UnitError, match="is not apparent power"):
        units.parse("10 kW", "apparent_power")
    assert units.parse("34.5 kVA", "apparent_power").to("VA").magnitude == 34500


# -- `.to(unit)` of a quantity already in that unit: the same figure, a new quantity --


@pytest.mark.parametrize(
    ("value", "unit"),
    [(40.8, "kW"), (42.947, "kVA"), (521.8, "kg"), (-0.0, "kW"), (0.1, "L/min")],
)
def test_to_the_same_unit_keeps_the_float(value: float, unit: str) -> None:
    a = units.q(value, unit)
    b = a.to(unit)
    assert b is not a
    assert b.magnitude == value and type(b.magnitude) is float
    assert str(b.units) == str(a.units)
    assert f"{b:.1f~P}" == f"{a:.1f~P}"


def test_to_another_unit_still_converts() -> None:
    assert units.q(40.8, "kW").to("W").magnitude == pytest.approx(40_800.0)
    assert units.q(2, "kW").to("kW").magnitude == 2  # an int stays an int
    assert type(units.q(2, "kW").to("kW").magnitude) is int


def test_to_the_same_offset_unit_goes_through_pint() -> None:
    t = units.q(22.1, "degC")
    assert t.to("degC").magnitude == pytest.approx(22.1)
    assert t.to("K").magnitude == pytest.approx(295.25)
