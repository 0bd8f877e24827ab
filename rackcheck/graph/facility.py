"""The facility as a graph of elements: what is live and what each element carries
when some elements (and feeds) have failed.

Liveness: an element is live when it has not failed and it has no source (a utility
service, a generator, a chiller) or at least one live source. A UPS whose sources are
all down rides on its battery and then goes dark: the state computed here is the steady
state, after the battery (FAC002 checks the runtime). Losses in UPS and transformers
are not counted: loads are what the IT equipment draws.

Loads flow upward: a rack PDU's load (after PSU failover, graph/failover.py) goes to
the element its feed hangs on; an element's load goes to its first live source
(`mode: alternate`: ATS, static switch, catcher UPS) or is split evenly over its live
sources (`mode: parallel`: paralleled modules, chillers on a common header). Cooling
elements carry the liquid heat of the coolant loops that take water from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.model.kinds import COOLING_KINDS
from rackcheck.model.names import expand
from rackcheck.model.refs import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Callable

    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.fabric.nodes import FabricNode
    from rackcheck.model.facility import Element

    # Records an input error at a design path.
    ErrorAt = Callable[[tuple[str | int, ...], str], None]


@dataclass
class Plant:
    elements: dict[str, Element]
    index: dict[str, int]  # element name -> position in facility.elements
    order: list[str]  # sources before what hangs on them
    feed_of: dict[tuple[str, str], str]  # (rack name, feed) -> element
    loop_of: dict[str, str]  # coolant loop -> water element
    domains: dict[str, list[str]] = field(default_factory=dict)  # domain -> members


@dataclass
class Loads:
    """What each element carries (kW and kVA; cooling elements: kW of heat)."""

    live: set[str]
    kw: dict[str, float]
    kva: dict[str, float]
    on_battery: list[str]  # UPS systems whose sources are all down


def add_facility(g: DesignGraph) -> None:
    """Check the facility's names (INP004 errors) and keep the plant on the graph."""
    fac = g.design.facility
    if fac is None:
        return
    errors: list[Finding] = []

    def err(path: tuple[str | int, ...], message: str) -> None:
        errors.append(Finding("INP004", Severity.ERROR, message, g.source.at(path)))

    elements: dict[str, Element] = {}
    index: dict[str, int] = {}
    for i, el in enumerate(fac.elements):
        if el.name in elements:
            err(("facility", "elements", i, "name"), f"duplicate element {el.name!r}")
        elements[el.name] = el
        index.setdefault(el.name, i)
    for i, el in enumerate(fac.elements):
        for k, src in enumerate(el.sources):
            if src not in elements:
                err(("facility", "elements", i, "from", k),
                    f"no facility element named {src!r}{did_you_mean(src, elements)}")  # fmt: skip
    order = _order(fac.elements, elements, err)
    feed_of = _feeds(g, elements, err)
    loop_of: dict[str, str] = {}
    loops = {lp.name for lp in g.design.cooling.loops}
    for i, link in enumerate(fac.loops):
        path = ("facility", "loops", i)
        if link.loop not in loops:
            err((*path, "loop"), f"no coolant loop named {link.loop!r}")
        target = elements.get(link.source)
        if target is None or target.kind not in COOLING_KINDS:
            err((*path, "from"), f"{link.source!r} is not a chiller, dry cooler or "
                "water loop of the facility")  # fmt: skip
        loop_of[link.loop] = link.source
    rack_names = {r.name for r in g.racks()}
    for i, zone in enumerate(fac.air):
        for k, pat in enumerate(zone.racks):
            if not any(n in rack_names for n in _expand(pat)):
                err(("facility", "air", i, "racks", k), f"no rack named {pat!r}")
    plant = Plant(elements, index, order, feed_of, loop_of)
    _domains(g, plant)
    known = _member_ids(g)
    for i, m in enumerate(fac.members):
        if m.member not in known and m.member not in elements:
            err(("facility", "members", i, "member"),
                f"{m.member!r} names nothing in the design (feed:NAME, loop:NAME, "
                "cdu:LOOP/N, switch:NAME, link:A/B, device:RACK/NAME or an element)"
                f"{did_you_mean(m.member, known)}")  # fmt: skip
    g.errors.extend(errors)
    g.memo[("plant",)] = plant


def plant(g: DesignGraph) -> Plant | None:
    return g.memo.get(("plant",))


def _order(
    elems: list[Element], by_name: dict[str, Element], err: ErrorAt
) -> list[str]:
    """Sources first (Kahn's algorithm); a loop in `from:` is an input error."""
    pending = {e.name: [s for s in e.sources if s in by_name] for e in elems}
    order: list[str] = []
    done: set[str] = set()
    while pending:
        ready = sorted(n for n, srcs in pending.items() if all(s in done for s in srcs))
        if not ready:
            stuck = sorted(pending)
            i = next(k for k, e in enumerate(elems) if e.name == stuck[0])
            err(("facility", "elements", i, "from"),
                f"elements feed each other in a loop: {', '.join(stuck)}")  # fmt: skip
            return order + stuck
        for n in ready:
            order.append(n)
            done.add(n)
            del pending[n]
    return order


def _feeds(
    g: DesignGraph, elements: dict[str, Element], err: ErrorAt
) -> dict[tuple[str, str], str]:
    fac = g.design.facility
    assert fac is not None
    feed_of: dict[tuple[str, str], str] = {}
    rack_names = [r.name for r in g.racks()]
    for i, link in enumerate(fac.feeds):
        path = ("facility", "feeds", i)
        el = elements.get(link.source)
        if el is None or el.kind in COOLING_KINDS:
            err((*path, "from"), f"{link.source!r} is not a power element of the "
                f"facility{did_you_mean(link.source, elements)}")  # fmt: skip
        names = rack_names
        if link.racks is not None:
            names = [n for pat in link.racks for n in _expand(pat) if n in rack_names]
        for name in names:
            feed_of.setdefault((name, link.feed), link.source)
    for rack in g.racks():
        for pdu in g.pdus(rack):
            if (rack.name, pdu.feed) not in feed_of:
                err(("facility", "feeds"), f"feed {pdu.feed!r} of rack {rack.name} "
                    "hangs on no facility element (add it to facility.feeds)")  # fmt: skip
                return feed_of
    return feed_of


def _expand(pattern: str) -> list[str]:
    try:
        return expand(pattern)
    except ValueError:
        return [pattern]


def _domains(g: DesignGraph, p: Plant) -> None:
    fac = g.design.facility
    assert fac is not None
    members: dict[str, list[str]] = {}
    for el in fac.elements:
        for d in el.domains:
            members.setdefault(d, []).append(el.name)
    for m in fac.members:
        for d in m.domains:
            members.setdefault(d, []).append(m.member)
    p.domains = {d: sorted(set(v)) for d, v in sorted(members.items())}


def _bundles(g: DesignGraph, fab: FabricNode) -> set[str]:
    """`link:A/B` for every pair of switches with links between them (both orders)."""
    names = {sid: g.node(sid).name for sid in fab.switches}
    out: set[str] = set()
    for sid, a in names.items():
        for v, data in g.g.succ[sid].items():
            if v in names and data.get("rel") == "link":
                out.update((f"link:{a}/{names[v]}", f"link:{names[v]}/{a}"))
    return out


def _member_ids(g: DesignGraph) -> set[str]:
    """What a domain member may name besides the facility's elements."""
    ids = {f"feed:{f.name}" for f in g.feeds()}
    for loop in g.loops():
        ids.add(f"loop:{loop.name}")
        ids.update(f"cdu:{loop.name}/{k + 1}" for k in range(len(loop.units)))
    for fab in (g.node(f"fabric:{f.name}") for f in g.design.fabrics
                if f"fabric:{f.name}" in g.g):  # fmt: skip
        ids.update(f"switch:{g.node(s).name}" for s in fab.switches)
        ids.update(_bundles(g, fab))
    for rack in g.racks():
        ids.update(f"device:{rack.name}/{d.name}" for d in g.devices(rack))
    return ids


def live_elements(p: Plant, failed: frozenset[str]) -> tuple[set[str], list[str]]:
    """(live elements, UPS systems on battery) with the `failed` elements down."""
    live: set[str] = set()
    battery: list[str] = []
    for name in p.order:
        el = p.elements[name]
        if name in failed:
            continue
        if not el.sources or any(s in live for s in el.sources):
            live.add(name)
        elif el.kind == "ups" and el.battery is not None:
            battery.append(name)
    return live, battery


def route(
    p: Plant, live: set[str], kw: dict[str, float], kva: dict[str, float]
) -> None:
    """Push each live element's load to its sources (in place), leaves first."""
    for name in reversed(p.order):
        el = p.elements[name]
        if name not in live or not el.sources:
            continue
        up = [s for s in el.sources if s in live]
        if not up:
            continue
        targets = up if el.mode == "parallel" else up[:1]
        share_kw = kw.get(name, 0.0) / len(targets)
        share_kva = kva.get(name, 0.0) / len(targets)
        for s in targets:
            kw[s] = kw.get(s, 0.0) + share_kw
            kva[s] = kva.get(s, 0.0) + share_kva
