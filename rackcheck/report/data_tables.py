"""Markdown tables of `metrics.phases`, `metrics.flows` and `metrics.sovereignty` for
the report (one design; several designs keep theirs under `metrics.designs`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.jsontypes import number, obj, seq

if TYPE_CHECKING:
    from rackcheck.jsontypes import JSONObject


def _num(x: float | None, unit: str = "", nd: int = 1) -> str:
    if x is None:
        return "-"
    text = f"{x:,.{nd}f}" if isinstance(x, float) else f"{x:,}"
    return f"{text} {unit}".strip()


def tables(metrics: JSONObject) -> list[str]:
    return [
        *_phases(obj(metrics.get("phases"))),
        *_flows(obj(metrics.get("flows"))),
        *_sovereignty(obj(metrics.get("sovereignty"))),
    ]


def _phases(phases: JSONObject) -> list[str]:
    if not phases:
        return []
    out = ["**Phases**", "",
           "| phase | racks | GPUs | IT power | heat | switches | bisection | capex |",
           "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for name, found in phases.items():
        p = obj(found)
        if "error" in p:
            out.append(f"| {name} | {p['racks']} | cannot be built: {p['error']} "
                       "| | | | | |")  # fmt: skip
            continue
        heat = (number(p["heat_liquid_kw"]) or 0) + (number(p["heat_air_kw"]) or 0)
        gbps = [(k, number(v)) for k, v in obj(p["bisection_gbps"]).items()]
        bis = ", ".join(f"{k} {_num(v / 1000 if v else v, 'Tbit/s')}"
                        for k, v in gbps)  # fmt: skip
        capex = p["capex"] if p["capex"] is not None else "not priced"
        out.append(f"| {name} | {p['racks']} | {_num(number(p['gpus']))} | "
                   f"{_num(number(p['it_power_kw']), 'kW')} | {_num(heat, 'kW')} | "
                   f"{p['switches']} | {bis or '-'} | {capex} |")  # fmt: skip
    out.append("")
    return out


def _flows(flows: JSONObject) -> list[str]:
    if not flows:
        return []
    out = ["**Data flows**", "",
           "| flow | from | to | size | link | transfer time | egress |",
           "|---|---|---|---|---|---|---|"]  # fmt: skip
    for name, found in flows.items():
        f = obj(found)
        size_b = number(f["bytes"])
        size = _num(None if size_b is None else size_b / 1e12, "TB")
        link = "-" if f["link"] is None else (
            f"{f['link']} ({_num(number(f['bandwidth_gbps']), 'Gbit/s', 0)} at "
            f"{f['efficiency']:.0%})")  # fmt: skip
        secs = number(f["transfer_seconds"])
        took = "-" if secs is None else _num(secs / 3600, "h")
        cost = ("-" if f["egress_cost"] is None
                else f"{f['egress_cost']} {f['currency']}")  # fmt: skip
        out.append(f"| {name} | {f['from']} | {f['to']} | {size} | {link} | "
                   f"{took} | {cost} |")  # fmt: skip
    out.append("")
    return out


def _sovereignty(sov: JSONObject) -> list[str]:
    if not sov:
        return []
    out = ["**Data residency**", "", "| data | policy | stored | allowed |",
           "|---|---|---|---|"]  # fmt: skip
    for name, found in sov.items():
        a = obj(found)
        policy = ", ".join(str(p) for p in seq(a["policy"])) if a["policy"] else "none"
        stored = obj(a["stored"])
        where = f"{stored['site']} ({stored['country']})"
        out.append(f"| {name} | {policy} | {where} | "
                   f"{'yes' if a['allowed'] else '**no**'} |")  # fmt: skip
    out.append("")
    return out
