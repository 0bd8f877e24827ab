"""`.to(unit)` of a quantity already in that unit: the same figure, a new quantity."""

from __future__ import annotations

import pytest

from rackcheck import units


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
