"""`rackcheck fabric size`: size a rail-optimized fat tree from a catalog switch.

The same rules as a generated fabric in a design (graph/fabric/plan.py), and the same
bisection by max-flow (graph/fabric/bisection.py), without a design file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rackcheck.findings import Finding, InputError, Location, Severity

if TYPE_CHECKING:
    from typing import TypedDict

    from rackcheck.model.catalog import Component, Switch
    from rackcheck.model.load import Catalog

    class SizeOptions(TypedDict, total=False):
        """The keyword options of size_fabric (api.size_fabric passes them)."""

        su_size: int | None
        extra_endpoints: int
        oversubscription: str | dict[str, str]
        tiers: int | None
        pod_size: int | None
        node: str | None
        speed: str | None
        catalogs: tuple[str, ...]


WHERE = Location("<fabric size>", 1, 1)


def _error(code: str, option: str, message: str) -> InputError:
    return InputError([Finding(code, Severity.ERROR, f"{option}: {message}", WHERE)])


def size_fabric(
    nodes: int,
    rails: int,
    switch: str,
    *,
    su_size: int | None = None,
    extra_endpoints: int = 0,
    oversubscription: str | dict[str, str] = "1:1",
    tiers: int | None = None,
    pod_size: int | None = None,
    node: str | None = None,
    speed: str | None = None,
    catalogs: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The sizing as JSON-ready data (keys: tiers, leaf, spine, core, cables,
    transceivers, bisection_gbps, oversubscription, ...). `node` (a catalog server)
    gives the endpoints' port speed and NIC cages; `speed` ("400 Gbit/s") overrides the
    speed; without either the endpoints run at the switch's native speed. Raises
    InputError naming the option at fault: an unknown model, a fabric the radix cannot
    build, zero rails."""
    from rackcheck.graph.fabric.bisection import bisection
    from rackcheck.graph.fabric.plan import PlanError, plan, summary
    from rackcheck.graph.fabric.view import from_plan
    from rackcheck.model.load import load_catalog
    from rackcheck.source import shown_path

    cat = load_catalog(tuple((Path(c), shown_path(Path(c))) for c in catalogs))
    spec = _switch(cat, switch)
    node_speed, per_cage = _node_ports(cat, node, rails)
    if speed is not None:
        node_speed = _speed(speed)
    ratios = _ratios(oversubscription)
    try:
        p = plan(
            spec,
            nodes,
            rails,
            node_speed=node_speed,
            node_per_cage=per_cage,
            su_size=su_size,
            pod_size=pod_size,
            extra=extra_endpoints,
            ratio_leaf=ratios["leaf"],
            ratio_spine=ratios["spine"],
            tiers=tiers,
        )
    except PlanError as exc:
        raise _error("INP006", exc.key, str(exc)) from None
    bis = bisection(from_plan(p))
    out = summary(p, bis.mbps, bis.cut)
    out["bisection"] = bis.as_dict()
    return out


def _switch(cat: Catalog, switch: str) -> Switch:
    """The catalog switch entry, or INP004 with a did-you-mean (else the list)."""
    import difflib

    spec: Component | None = cat.get(switch)
    if spec is None or spec.kind != "switch":
        ids = [c.id for c in cat.of_kind("switch")]
        close = difflib.get_close_matches(switch, ids, n=1)
        hint = (
            f"; did you mean {close[0]!r}?"
            if close
            else f" (switches: {', '.join(ids)})"
        )
        raise _error("INP004", "switch", f"no switch {switch!r} in the catalog{hint}")
    return spec


def _node_ports(cat: Catalog, node: str | None, rails: int) -> tuple[int | None, int]:
    """(port speed Mbit/s, ports per NIC cage) of the `--node` server's compute ports."""
    from rackcheck.graph.fabric.build import role_ports

    if node is None:
        return None, 1
    server = cat.get(node)
    ports = role_ports(server, "compute") if server is not None else []
    if not ports:
        raise _error("INP004", "node", f"no catalog device {node!r} with compute ports")
    if rails > len(ports):
        raise _error(
            "INP006",
            "rails",
            f"{rails} rails, but {node} has {len(ports)} compute ports",
        )
    return ports[0]


def _speed(speed: str) -> int:
    from rackcheck import units
    from rackcheck.graph.fabric.plan import mbps

    try:
        return mbps(units.parse(speed, "bitrate"))
    except units.UnitError as exc:
        raise _error("INP003", "speed", str(exc)) from None


def _ratios(oversubscription: str | dict[str, str]) -> dict[str, float | None]:
    from rackcheck.model.fabric import TierRatios, tier_ratios

    try:
        if isinstance(oversubscription, dict):
            return tier_ratios(TierRatios(**oversubscription))
        return tier_ratios(oversubscription)
    except ValueError as exc:
        errors = getattr(exc, "errors", None)  # pydantic: its first message, plain
        why = str(errors()[0]["msg"]).removeprefix("Value error, ") if errors else exc
        raise _error("INP002", "oversubscription", str(why)) from None


def render_text(r: dict[str, Any]) -> str:
    """The sizing for people: one figure a line."""
    from rackcheck.graph.fabric.network import ratio_text
    from rackcheck.graph.fabric.plan import gbit

    def rate(gbps: float | None) -> str:
        return "unknown" if gbps is None else gbit(gbps * 1000)

    over = ", ".join(
        f"{k} {ratio_text(v)}"
        for k, v in r["oversubscription"].items()
        if v is not None
    )
    whole = ", ".join(
        f"{k} {ratio_text(v)}"
        for k, v in r["oversubscription_tier"].items()
        if v is not None
    )
    pods = f", {r['pods']} pods" if r["pods"] else ""
    cab, opt, most = r["cables"], r["transceivers"], r["max_endpoints"]
    power = r["switch_power_kw"]
    bis = r["bisection"]
    cuts = ", ".join(f"{k} {rate(v)}" for k, v in bis["cuts_gbps"].items())
    lines = [
        f"switch       {r['switch']}: radix {r['radix']} at "
        f"{r['link_speed_gbps']:g} Gbit/s",
        f"endpoints    {r['endpoints']} ({r['nodes']} nodes x {r['rails']} rails"
        f"{' + extras' if r['endpoints'] > r['nodes'] * r['rails'] else ''}), "
        f"{r['scalable_units']} SUs of {r['su_size']} nodes{pods}",
        f"tiers        {r['tiers']}",
        f"switches     leaf {r['leaf']}, spine {r['spine']}, core {r['core']} "
        f"(total {r['leaf'] + r['spine'] + r['core']})",
        f"cables       node-leaf {cab['node_leaf']}, leaf-spine {cab['leaf_spine']}, "
        f"spine-core {cab['spine_core']}",
        f"transceivers switch side {opt['switch']} (twin-port cages once), node side "
        f"{opt['node']}",
        f"oversub.     {over} (worst switch); {whole} (whole tier)",
        f"bisection    {rate(r['bisection_gbps'])} by max-flow (worst cut "
        f"'{r['bisection_cut']}'), analytic fat tree "
        f"{rate(r['bisection_analytic_gbps'])}, "
        f"full {rate(bis['full_gbps'])}",
        f"  cuts       {cuts}",
        "switch power "
        + (
            f"unknown: the catalog has no power figure for {r['switch']}"
            if power is None
            else f"{power:g} kW"
        ),
        f"radix limit  {most['2_tier']} endpoints in 2 tiers, {most['3_tier']} in 3",
    ]
    return "\n".join(lines) + "\n"
