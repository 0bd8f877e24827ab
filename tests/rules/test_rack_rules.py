"""RCK001-RCK006: messages, figures and locations on their doc examples, and the
physics they rest on (air flow, dew point, altitude derating, outlet fitting)."""

from __future__ import annotations

import pytest

from rackcheck.api import check
from rackcheck.docs import examples
from rackcheck.graph.environment import air_m3h, derated_inlet_c, dew_point_c
from rackcheck.graph.outlets import fit, groups
from rackcheck.rules import by_id


def fired(write, rule_id: str, which: str = "fails") -> list[str]:
    path = write("d.yaml", examples(by_id()[rule_id])[which])
    report = check([str(path)])
    assert report.input_errors == []
    return [f"{f.location.line}:{f.location.column} {f.severity} {f.message}"
            for f in report.findings if f.rule_id == rule_id]  # fmt: skip


def test_rck001_zone_supply(write):
    # dgx-h100 publishes its airflow (cooling.airflow, DGX H100/H200 user guide):
    # 4 x 1105 CFM = 4420 CFM = 7510 m3/h (derived from heat it would be 8,084 m3/h)
    assert fired(write, "RCK001") == [
        "15:43 error air zone row-1: its racks need 7510 m³/h (4420 CFM) > 6000 m³/h "
        "(3531 CFM) supplied"
    ]


def test_rck002_c19_outlets(write):
    # DGX H100 PSUs have C20 inlets: 8 cords per PDU, the AP8865 has 6 C19 outlets
    out = fired(write, "RCK002")
    assert out[0] == (
        "7:17 error PDU pdu1 of rack r01: 2 of 8 cords (C19) find no outlet of their "
        "kind (36 x C13, 6 x C19, 2 x NEMA 5-20R)"
    )
    assert len(out) == 3


def test_rck003_floor(write):
    # 4 x 130.45 kg + 3 PDUs on 0.6 m x 1.07 m
    assert fired(write, "RCK003") == [
        "5:12 error rack r01 loads the floor with 813 kg/m² (522 kg on 0.64 m²) > "
        "600 kg/m² rated",
        "5:12 error rack r01 puts 130 kg on each of its 4 feet > 100 kg point load",
    ]


def test_rck004_altitude(write):
    assert fired(write, "RCK004") == [
        "8:17 error at 2400 m, dgx-h100 allows 25.0 °C inlet air (30 °C less 1 °C per "
        "300 m above 900 m, ASHRAE TC 9.9) < 27.0 °C supplied"
    ]


def test_rck005_dew_point(write):
    assert fired(write, "RCK005") == [
        "3:66 error site facility water at 12.0 °C is at or below the room's dew point "
        "16.7 °C (25 °C at 60% RH): pipes and manifolds will sweat"
    ]


def test_rck006_bank_after_feed_loss(write):
    # 2 DGX, 4 cords per PDU dealt over 3 banks (2, 1, 1); a feed lost: 10.2 kW / 4
    # PSUs / 0.95 PF = 2.68 kVA per cord, 2 cords = 5.37 kVA / 208 V = 25.8 A
    out = fired(write, "RCK006")
    assert out[0] == (
        "7:17 error when feed B fails, bank 1 of PDU pdu1 in rack r01 carries 25.8 A > "
        "16.0 A (20 A breaker x 0.8)"
    )


def test_physics():
    assert air_m3h(1.0, 10.0) == pytest.approx(297.3, abs=0.1)  # 175 CFM per kW at 10 K
    assert dew_point_c(25.0, 0.6) == pytest.approx(16.7, abs=0.05)
    assert dew_point_c(20.0, 1.0) == pytest.approx(20.0, abs=1e-9)  # saturated
    assert derated_inlet_c(35.0, 900.0) == 35.0
    assert derated_inlet_c(35.0, 3050.0) == pytest.approx(35.0 - 2150 / 300)


def test_outlet_fitting():
    g = groups("21 x C13/C15, 21 x C13/C15/C19/C21 combination")
    assert g == [(21, {"C13", "C15"}), (21, {"C13", "C15", "C19", "C21"})]
    # C13 cords take the C13-only outlets first, leaving the combination ones for C19s
    assert fit(g, ["C13"] * 21 + ["C19"] * 21) == 0
    assert fit(g, ["C19"] * 22) == 1
    # a cord of unknown kind is sure to fit only an outlet that takes C13 and C19 alike
    assert fit(groups("36 x C13, 6 x C19"), [None] * 7) == 7
    assert fit(g, [None] * 22) == 1
