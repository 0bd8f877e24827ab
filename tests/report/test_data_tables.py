"""The Markdown tables of metrics.phases, metrics.flows and metrics.sovereignty."""

from __future__ import annotations

from rackcheck.jsontypes import JSONObject
from rackcheck.report.data_tables import tables

METRICS: JSONObject = {
    "phases": {
        "p1": {"racks": 2, "gpus": 144, "it_power_kw": 264.5, "heat_liquid_kw": 230.0,
               "heat_air_kw": 34.5, "switches": 4,
               "bisection_gbps": {"ib": 57600.0, "eth": None}, "capex": "1200000.00 USD"},
        "p2": {"racks": 3, "error": "loop L1 has no CDU"},
        "p3": {"racks": 1, "gpus": 8, "it_power_kw": 10.2, "heat_liquid_kw": None,
               "heat_air_kw": 10.2, "switches": 0, "bisection_gbps": {}, "capex": None},
    },
    "flows": {
        "ckpt": {"from": "a", "to": "b", "bytes": 5e12, "link": "wan1",
                 "bandwidth_gbps": 100.0, "efficiency": 0.8, "transfer_seconds": 500.0,
                 "egress_cost": "45.00", "currency": "USD"},
        "logs": {"from": "a", "to": "c", "bytes": None, "link": None,
                 "bandwidth_gbps": None, "efficiency": 0.8, "transfer_seconds": None,
                 "egress_cost": None, "currency": "USD"},
    },
    "sovereignty": {
        "weights": {"policy": ["eu-only", "no-us"],
                    "stored": {"site": "fra1", "country": "DE"}, "allowed": True},
        "raw": {"policy": [], "stored": {"site": "iad1", "country": "US"},
                "allowed": False},
    },
}  # fmt: skip


def test_tables_render_each_figure_with_its_unit() -> None:
    assert tables(METRICS) == [
        "**Phases**",
        "",
        "| phase | racks | GPUs | IT power | heat | switches | bisection | capex |",
        "|---|---|---|---|---|---|---|---|",
        "| p1 | 2 | 144 | 264.5 kW | 264.5 kW | 4 | ib 57.6 Tbit/s, eth - "
        "| 1200000.00 USD |",
        "| p2 | 3 | cannot be built: loop L1 has no CDU | | | | | |",
        "| p3 | 1 | 8 | 10.2 kW | 10.2 kW | 0 | - | not priced |",
        "",
        "**Data flows**",
        "",
        "| flow | from | to | size | link | transfer time | egress |",
        "|---|---|---|---|---|---|---|",
        "| ckpt | a | b | 5.0 TB | wan1 (100 Gbit/s at 80%) | 0.1 h | 45.00 USD |",
        "| logs | a | c | - | - | - | - |",
        "",
        "**Data residency**",
        "",
        "| data | policy | stored | allowed |",
        "|---|---|---|---|",
        "| weights | eu-only, no-us | fra1 (DE) | yes |",
        "| raw | none | iad1 (US) | **no** |",
        "",
    ]


def test_tables_leave_out_what_the_metrics_do_not_hold() -> None:
    assert tables({"totals": {"gpus": 8}}) == []
    assert tables({"phases": {}, "flows": None}) == []
