"""Markdown tables of `metrics.phases`, `metrics.flows` and `metrics.sovereignty` for
the report (one design; several designs keep theirs under `metrics.designs`)."""

from __future__ import annotations

from typing import Any


def _num(x: float | None, unit: str = "", nd: int = 1) -> str:
    if x is None:
        return "-"
    text = f"{x:,.{nd}f}" if isinstance(x, float) else f"{x:,}"
    return f"{text} {unit}".strip()


def tables(metrics: dict[str, Any]) -> list[str]:
    out: list[str] = []
    phases = metrics.get("phases") or {}
    if phases:
        out += ["**Phases**", "",
                "| phase | racks | GPUs | IT power | heat | switches | bisection | capex |",
                "|---|---|---|---|---|---|---|---|"]  # fmt: skip
        for name, p in phases.items():
            if "error" in p:
                out.append(f"| {name} | {p['racks']} | cannot be built: {p['error']} "
                           "| | | | | |")  # fmt: skip
                continue
            heat = (p["heat_liquid_kw"] or 0) + (p["heat_air_kw"] or 0)
            bis = ", ".join(f"{k} {_num(v / 1000 if v else v, 'Tbit/s')}"
                            for k, v in p["bisection_gbps"].items())  # fmt: skip
            capex = p["capex"] if p["capex"] is not None else "not priced"
            out.append(f"| {name} | {p['racks']} | {_num(p['gpus'])} | "
                       f"{_num(p['it_power_kw'], 'kW')} | {_num(heat, 'kW')} | "
                       f"{p['switches']} | {bis or '-'} | {capex} |")  # fmt: skip
        out.append("")
    flows = metrics.get("flows") or {}
    if flows:
        out += ["**Data flows**", "",
                "| flow | from | to | size | link | transfer time | egress |",
                "|---|---|---|---|---|---|---|"]  # fmt: skip
        for name, f in flows.items():
            size = _num(None if f["bytes"] is None else f["bytes"] / 1e12, "TB")
            link = "-" if f["link"] is None else (
                f"{f['link']} ({_num(f['bandwidth_gbps'], 'Gbit/s', 0)} at "
                f"{f['efficiency']:.0%})")  # fmt: skip
            secs = f["transfer_seconds"]
            took = "-" if secs is None else _num(secs / 3600, "h")
            cost = ("-" if f["egress_cost"] is None
                    else f"{f['egress_cost']} {f['currency']}")  # fmt: skip
            out.append(f"| {name} | {f['from']} | {f['to']} | {size} | {link} | "
                       f"{took} | {cost} |")  # fmt: skip
        out.append("")
    sov = metrics.get("sovereignty") or {}
    if sov:
        out += ["**Data residency**", "", "| data | policy | stored | allowed |",
                "|---|---|---|---|"]  # fmt: skip
        for name, a in sov.items():
            policy = ", ".join(a["policy"]) if a["policy"] else "none"
            where = f"{a['stored']['site']} ({a['stored']['country']})"
            out.append(f"| {name} | {policy} | {where} | "
                       f"{'yes' if a['allowed'] else '**no**'} |")  # fmt: skip
        out.append("")
    return out
