"""BOM lines of the fabrics: switches per fabric and tier, cables per fabric, tier,
medium and length class, transceivers per fabric and side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.bom.builder import need_of
from rackcheck.bom.lines import Need

if TYPE_CHECKING:
    from rackcheck.bom.builder import _Builder
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.fabric.nodes import FabricNode, LinkSpec
    from rackcheck.model.catalog import Base, Transceiver
    from rackcheck.units import Quantity


def add_fabrics(b: _Builder, g: DesignGraph) -> None:
    from rackcheck.graph.fabric import network

    for fab in network.fabrics(g):
        _switches(b, g, fab)
        _cables(b, g, fab)
        _transceivers(b, g, fab)


def _switches(b: _Builder, g: DesignGraph, fab: FabricNode) -> None:
    from rackcheck.graph.fabric.nodes import TIER_NAME

    for sid in fab.switches:
        sw = g.node(sid)
        if sw.device:  # a rack device used as a switch: already a systems line
            continue
        b.component(sw.spec, 1, sw.path, for_=f"fabric {fab.name}, "
                    f"{TIER_NAME[sw.tier]}", section="switches")  # fmt: skip


def tier_label(g: DesignGraph, spec: LinkSpec, u: str, v: str) -> str:
    """'node-leaf', 'leaf-spine', 'spine-core' (a generated tier's label as is)."""
    from rackcheck.graph.fabric.nodes import TIER_NAME

    if spec.label in ("node-leaf", "leaf-spine", "spine-core"):
        return spec.label
    ends = []
    for end in (u, v):
        ends.append("node" if end.startswith("nic:") else TIER_NAME[g.node(end).tier])
    return "-".join(ends)


def run_m(g: DesignGraph, spec: LinkSpec, u: str, v: str) -> float | None:
    """The stated length, else the run between the two racks with the slack."""
    from rackcheck.graph.fabric.network import distance_m, end_rack

    if spec.length is not None:
        return float(spec.length.to("m").magnitude)
    return distance_m(g, end_rack(g, u), end_rack(g, v))


def cable_part(spec: LinkSpec, speed_mbps: int, length: str | None) -> tuple[str, str]:
    """(id, description) of the cable a link entry makes: its catalog cable, else a
    derived id by medium, speed and length class."""
    gbit = f"{speed_mbps / 1000:g}"
    run = f", {length}" if length else ", length not known"
    suffix = f"-{length.replace(' ', '')}" if length else ""
    medium = spec.medium
    if medium == "transceiver" or (medium is None and spec.transceiver is not None):
        medium = "fibre"
    if medium == "fibre":
        media = spec.transceiver.media if spec.transceiver is not None else None
        kind = f"{media} " if media else ""
        base = f"fibre-{media.lower()}" if media else "fibre"
        return (f"{base}-cable{suffix}",
                f"{kind}fibre patch cable between transceivers{run}")  # fmt: skip
    if medium is not None:
        return (f"{medium.lower()}-{gbit}g{suffix}",
                f"{medium} cable, {gbit} Gbit/s{run}")  # fmt: skip
    return (f"cable-{gbit}g{suffix}",
            f"cable, {gbit} Gbit/s, medium not stated in the design{run}")  # fmt: skip


def _cables(b: _Builder, g: DesignGraph, fab: FabricNode) -> None:
    """Cable lines: links added up per (entry, tier, length class, speed) first, so a
    fabric of 100,000 links makes a few hundred BOM additions. A link's tier and run
    depend only on its ends' tiers and racks, each computed once."""
    from rackcheck.graph.fabric.network import end_rack, link_groups

    counts: dict[tuple[LinkSpec, str, str | None, int], int] = {}
    racks: dict[str, str | None] = {}
    runs: dict[tuple[str | None, str | None], str | None] = {}
    length: str | None
    for spec, edges in link_groups(g, fab).items():
        stated = _stated_length(spec)
        for u, v, n, s in edges:
            if stated is not None:
                length = stated
            else:
                ru = racks[u] if u in racks else racks.setdefault(u, end_rack(g, u))
                rv = racks[v] if v in racks else racks.setdefault(v, end_rack(g, v))
                if (ru, rv) not in runs:
                    runs[(ru, rv)] = _length(run_m(g, spec, u, v))
                length = runs[(ru, rv)]
            key = (spec, tier_label(g, spec, u, v), length, s)
            counts[key] = counts.get(key, 0) + n
    for (spec, tier, length, s), n in counts.items():
        _cable_line(b, fab, spec, tier, length, s, n)


def _stated_length(spec: LinkSpec) -> str | None:
    return None if spec.length is None else _length(spec.length.to("m").magnitude)


def _length(metres: float | None) -> str | None:
    from rackcheck.bom.builder import length_class

    return length_class(None if metres is None else float(metres))


def _cable_line(b: _Builder, fab: FabricNode, spec: LinkSpec, tier: str,
                length: str | None, s: int, n: int) -> None:  # fmt: skip
    for_ = f"fabric {fab.name}, {tier}"
    if spec.cable is not None:
        b.component(spec.cable, n, spec.path, for_=for_, section="cables")
        return
    line_id, desc = cable_part(spec, s, length)
    medium = "fibre" if line_id.startswith("fibre") else spec.medium
    media = spec.transceiver.media if spec.transceiver is not None else None
    need = Need("cable", generic=True, speed_mbps=s, medium=medium,
                media=media if medium == "fibre" else None)  # fmt: skip
    b.add(line_id, n, kind="cable", description=desc, where=spec.path,
          for_=for_, section="cables", need=need)  # fmt: skip


def _module(spec: Base, role: str | None) -> tuple[str | None, int] | None:
    """(cage, Mbit/s of one module) for the ports of `role` (else `any`) of `spec`:
    a twin-port cage takes one module of twice the port speed."""
    from rackcheck.graph.fabric.plan import mbps

    ports = getattr(spec, "ports", None) or []
    chosen = [p for p in ports if p.role == role] or [
        p for p in ports if p.role == "any"
    ]
    if not chosen:
        return None
    p = chosen[0]
    return p.cage, mbps(p.speed) * p.per_cage


def transceiver_parts(
    g: DesignGraph, fab: FabricNode
) -> dict[str, tuple[str, str, Need | None, Transceiver | None]]:
    """Per side ("switch", "node"): (id, description, need, catalog entry or None) of
    the module its cages take - the transceiver the design's links name when exactly
    one fits the cage and speed, else a derived id such as `transceiver-osfp-800g`."""
    from rackcheck.graph.fabric.network import link_groups

    named = {s.transceiver.id: s.transceiver for s in link_groups(g, fab)
             if s.transceiver is not None}  # fmt: skip
    sides = {"switch": g.node(fab.switches[0]).spec if fab.switches else None,
             "node": g.node(fab.devices[0]).spec if fab.devices else None}  # fmt: skip
    out = {}
    for side, spec in sides.items():
        module = _module(spec, fab.spec.role) if spec is not None else None
        cage, speed = module if module else (None, 0)
        fits = [t for t in named.values()
                if t.cage == cage and _mbps(t.speed) == speed]  # fmt: skip
        if len(fits) == 1:
            t = fits[0]
            out[side] = (t.id, f"{t.vendor} {t.model}", need_of(t), t)
            continue
        what = f"{speed / 1000:g} Gbit/s {cage or ''} transceiver".replace("  ", " ")
        line_id = f"transceiver-{(cage or 'any').lower()}-{speed // 1000}g"
        need = Need("transceiver", generic=True, speed_mbps=speed or None, cage=cage)
        desc = f"{what} ({side} side, no part named in the design)"
        out[side] = (line_id, desc, need, None)
    return out


def _transceivers(b: _Builder, g: DesignGraph, fab: FabricNode) -> None:
    from rackcheck.graph.fabric.metrics import optics

    counts = optics(g, fab)
    parts = transceiver_parts(g, fab)
    for side in ("switch", "node"):
        qty = counts.get(side, 0)
        if not qty:
            continue
        line_id, desc, need, spec = parts[side]
        for_ = f"fabric {fab.name}, {side} side"
        if spec is not None:
            b.component(spec, qty, fab.path, for_=for_, section="transceivers")
            continue
        b.add(line_id, qty, kind="transceiver", where=fab.path, for_=for_,
              description=desc, section="transceivers", need=need)  # fmt: skip


def _mbps(q: Quantity) -> int:
    from rackcheck.graph.fabric.plan import mbps

    return mbps(q)
