"""`metrics.sovereignty`, `metrics.flows` and `metrics.phases` as plain data.

Money is a Decimal printed as text with its currency (`"egress_cost": "4250.00"`,
`"currency": "USD"`); a figure that cannot be computed is `null` with a note saying
why, never a guess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.graph.gravity import egress, flows
from rackcheck.graph.sites import assets, exemption, sites

if TYPE_CHECKING:
    from collections.abc import Callable

    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.sites import AssetView
    from rackcheck.jsontypes import JSONObject, JSONValue

CAPEX_NOTE = "not priced: rackcheck has no price data for this design"


def _r(x: float, nd: int = 3) -> float:
    return round(float(x), nd)


def sovereignty_metrics(g: DesignGraph) -> JSONObject:
    """Per dataset or model: where it is stored, replicated and processed, and whether
    each place is allowed by its policy (country and operator kind)."""
    table = sites(g)
    out: JSONObject = {}
    for a in sorted(assets(g), key=lambda x: x.name):

        def place(site_name: str, rule: str, a: AssetView = a) -> JSONObject:
            s = table.get(site_name)
            ok = s is not None and (a.allowed is None or s.country in a.allowed)
            ok = (
                ok
                and s is not None
                and (a.operators is None or s.operator in a.operators)
            )
            ex = exemption(g, rule, a.name, site_name)
            return {"site": site_name, "country": s.country if s else None,
                    "operator": s.operator if s else None, "allowed": ok,
                    "exempt": ex.reason if ex is not None and not ok else None}  # fmt: skip

        stored = [place(c.site, "SOV001") for c in a.copies if c.role == "stored"]
        replicas = [place(c.site, "SOV001") for c in a.copies if c.role == "replica"]
        used: list[JSONObject] = [
            {"workload": u.workload, **place(u.site, "SOV002")} for u in a.uses
        ]
        every = [*stored, *replicas, *used]
        out[a.name] = {
            "kind": a.kind,
            "size_tb": None if a.spec.size is None else _r(a.spec.size.to("TB").m),
            "policy": [*sorted(a.spec.residency.allowed)] if a.spec.residency else None,
            "operators": None if a.operators is None else [*sorted(a.operators)],
            "stored": stored[0],
            "replicated": [*replicas],
            "processed": [*used],
            "allowed": all(p["allowed"] or p["exempt"] for p in every),
        }
    return out


def flow_metrics(g: DesignGraph) -> dict[str, JSONObject]:
    """Per flow: bytes, link, transfer time at the link's efficiency, egress cost."""
    out: dict[str, JSONObject] = {}
    for f in sorted(flows(g), key=lambda x: x.name):
        took = f.time
        cost = egress(g, f)
        link = f.link
        out[f.name] = {
            "data": f.data,
            "from": f.src,
            "to": f.dst,
            "derived": f.derived,
            "bytes": None if f.size is None else int(round(f.size.to("B").m)),
            "link": None if link is None else link.name,
            "bandwidth_gbps": None
            if link is None
            else _r(link.bandwidth.to("Gbit/s").m),
            "efficiency": f.efficiency,
            "transfer_seconds": None if took is None else _r(took.to("s").m, 1),
            "transfer_days": None if took is None else _r(took.to("day").m),
            "limit_seconds": None if f.limit is None else _r(f.limit.to("s").m, 1),
            "egress_cost": None if cost.amount is None else str(cost.amount),
            "currency": cost.currency,
            "egress_note": cost.note,
        }
    return out


def phase_metrics(
    g: DesignGraph,
    final: JSONObject,
    design_metrics: Callable[[DesignGraph], JSONObject],
) -> JSONObject:
    """Per phase: GPUs, IT kW, heat, switches, bisection, storage throughput, capex.
    `final`: the design's own metrics (the last phase is the design); `design_metrics`
    computes a phase's (metrics.design_metrics: the graph layer does not import it)."""
    from rackcheck.graph.staging import phases, spine_layers
    from rackcheck.jsontypes import number, obj

    def count(v: JSONValue) -> int:  # a fabric's switches of one tier
        return int(number(v) or 0)

    out: JSONObject = {}
    layers = spine_layers(g)
    for res, layer in zip(phases(g), layers, strict=True):
        if res.graph is None:
            out[res.name] = {"racks": len(res.racks), "error": res.errors[0].message}
            continue
        m = final if res.graph is g else design_metrics(res.graph)
        t, fabrics = obj(m["totals"]), obj(m.get("fabrics", {}))
        switches = 0
        for name, found in fabrics.items():
            f, sl = obj(found), layer.get(name)
            spines = (
                (sl.spines + sl.cores) if sl else count(f["spine"]) + count(f["core"])
            )
            switches += count(f["leaf"]) + spines
        sto = obj(m.get("storage"))
        out[res.name] = {
            "racks": len(res.racks),
            "gpus": t["gpus"],
            "it_power_kw": t["it_power_kw"],
            "heat_liquid_kw": t["heat_liquid_kw"],
            "heat_air_kw": t["heat_air_kw"],
            "cdus": {k: v for k, v in sorted(res.cdus.items())},
            "switches": switches,
            "bisection_gbps": {
                k: obj(f).get("bisection_gbps") for k, f in sorted(fabrics.items())
            },  # fmt: skip
            "storage_read_gbs": sto.get("aggregate_read_gbs"),
            "storage_write_gbs": sto.get("aggregate_write_gbs"),
            "capex": None,
            "capex_note": CAPEX_NOTE,
        }
    return out
