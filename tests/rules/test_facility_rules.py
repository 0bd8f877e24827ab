"""FAC001-FAC004 and RES001: messages, figures and locations on their doc examples,
and the battery runtime model."""

from __future__ import annotations

import math

import pytest

from rackcheck.api import check
from rackcheck.docs import examples
from rackcheck.graph.ups import runtime_min
from rackcheck.model.facility import Battery
from rackcheck.rules import by_id


def fired(write, rule_id: str, which: str = "fails") -> list[str]:
    path = write("d.yaml", examples(by_id()[rule_id])[which])
    report = check([str(path)])
    assert report.input_errors == []
    return [f"{f.location.line}:{f.location.column} {f.severity} {f.rule_id} "
            f"{f.message}" for f in report.findings if f.rule_id == rule_id]  # fmt: skip


def test_fac001_worst_case_per_busway(write):
    # 4 x 10.2 kW over three busways: 13.6 kW each; with one lost, 20.4 kW on the others
    assert fired(write, "FAC001") == [
        "15:59 error FAC001 when bw-b fails, busway bw-a carries 20.4 kW > its rating "
        "20.0 kW",
        "16:59 error FAC001 when bw-a fails, busway bw-b carries 20.4 kW > its rating "
        "20.0 kW",
        "17:59 error FAC001 when bw-a fails, busway bw-c carries 20.4 kW > its rating "
        "20.0 kW",
    ]


def test_fac002_runtime_at_failed_over_load(write):
    # ups-1 carries A and B: 40.8 kW when ups-2 fails; 10 min at 20 kW, 3 min at 50 kW:
    # k = ln(10/3)/ln(2.5) = 1.31, t = 10 x (20/40.8)^1.31 = 3.9 min
    assert fired(write, "FAC002") == [
        "20:19 error FAC002 UPS ups-1 runs 3.9 min on battery at 40.8 kW (when ups-2 "
        "fails) < 5.0 min required (log-log between the rows at 20 and 50 kW "
        "(k = 1.31))"
    ]


def test_fac003_generator_share_of_the_step(write):
    assert fired(write, "FAC003") == [
        "16:49 error FAC003 with the utility lost, generator gen-1 takes a 30.0 kW load "
        "step (its share of the hall's 30.0 kW) > its step_load 20.0 kW"
    ]


def test_fac004_tap_off_current(write):
    # one PDU after a feed loss: 4 x 10.2 kW / 2 / 0.95 = 21.5 kVA at 415 V 3-phase
    # = 29.9 A > 32 A x 0.8
    out = fired(write, "FAC004")
    assert out[0] == (
        "16:17 error FAC004 when bw-b fails, the tap-off breaker of busway bw-a (PDU "
        "pdu1 of rack r01) carries 29.9 A > 25.6 A (32 A x 0.8)"
    )
    assert len(out) == 3


def test_res001_names_the_scenario(write):
    assert fired(write, "RES001") == [
        "24:13 error RES001 scenario [utility] leaves 32 GPUs dark (1 rack(s) dark), "
        "but the design must survive 'any-single' (and 2 more scenario(s))",
        "24:25 error RES001 scenario [domain:swbd-1] leaves 32 GPUs dark (1 rack(s) "
        "dark), but the design must survive 'domain:swbd-*'",
    ]


def test_res001_pattern_matching_nothing(write):
    text = examples(by_id()["RES001"])["passes"].replace(
        '"domain:swbd-*"', '"domain:chiller-*"'
    )
    path = write("d.yaml", text)
    msgs = [f.message for f in check([str(path)]).findings if f.rule_id == "RES001"]
    assert msgs == ["survive: 'domain:chiller-*' matches no failure of the design "
                    "(see `rackcheck scenarios`)"]  # fmt: skip


def test_notes_name_missing_figures(write):
    path = write("d.yaml", examples(by_id()["RES001"])["fails"])
    notes = sorted(f.message for f in check([str(path)]).findings
                   if f.rule_id.startswith("FAC"))  # fmt: skip
    assert notes == [
        "5 facility element(s) state no rating, apparent, capacity or breaker: "
        "utility, swbd-1, bw-a, bw-b, bw-c: their loads are not checked"
    ]


def battery(rows: list[tuple[str, str]], peukert: float | None = None) -> Battery:
    return Battery.model_validate(
        {"runtime": [{"load": a, "time": b} for a, b in rows], "peukert": peukert}
    )


def test_runtime_log_log_between_rows():
    b = battery([("100 kW", "20 min"), ("400 kW", "4 min")])
    t, how = runtime_min(b, 200.0)
    k = math.log(5) / math.log(4)
    assert t == pytest.approx(20 * 0.5**k)  # 8.94 min, not the linear 14.7
    assert "k = 1.16" in how


def test_runtime_below_and_above_the_table():
    b = battery([("100 kW", "20 min"), ("400 kW", "4 min")])
    assert runtime_min(b, 50.0)[0] == 20.0  # conservative: the lowest row
    t, why = runtime_min(b, 500.0)
    assert t is None and "no Peukert exponent" in why
    t, _ = runtime_min(battery([("400 kW", "4 min")], peukert=1.2), 500.0)
    assert t == pytest.approx(4 * (400 / 500) ** 1.2)
