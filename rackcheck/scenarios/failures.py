"""What can fail: every facility element, site feed, CDU, switch and storage system of
a design, and every failure domain; a failure set resolved into what it takes down.

Failure ids: a facility element by its name (`swbd-1`), `feed:A`, `cdu:LOOP/N` (the
loop's N-th CDU, from 1), `loop:LOOP` (all its CDUs), `switch:NAME` (in every fabric
that has one of that name), `link:A/B` (every link between switches A and B: a link
bundle; through domains only, e.g. the bundles of one spine line card),
`device:RACK/NAME` (a storage system), `domain:NAME`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.facility import Plant


@dataclass
class Down:
    """What one failure set takes down."""

    elements: set[str] = field(default_factory=set)
    feeds: set[str] = field(default_factory=set)
    cdus: dict[str, set[int]] = field(default_factory=dict)  # loop -> unit indexes
    loops: set[str] = field(default_factory=set)
    switches: dict[str, set[int]] = field(default_factory=dict)  # fabric -> indexes
    links: dict[str, set[tuple[int, int]]] = field(default_factory=dict)  # switch pairs
    devices: set[str] = field(default_factory=set)  # device node ids


def singles(g: DesignGraph, p: Plant | None) -> list[str]:
    """Every single failure, in a fixed order: elements, feeds, CDUs, switches,
    storage systems, then domains."""
    from rackcheck.graph.fabric import network

    out: list[str] = list(p.elements) if p is not None else []
    out += [f"feed:{f.name}" for f in g.feeds()]
    for loop in g.loops():
        out += [f"cdu:{loop.name}/{k + 1}" for k in range(len(loop.units))]
    seen: set[str] = set()
    for fab in network.fabrics(g):
        for sid in fab.switches:
            name = g.node(sid).name
            if name not in seen:
                seen.add(name)
                out.append(f"switch:{name}")
    for rack in g.racks():
        out += [f"device:{rack.name}/{d.name}" for d in g.devices(rack)
                if d.spec.kind == "storage"]  # fmt: skip
    if p is not None:
        out += [f"domain:{d}" for d in p.domains]
    return out


def resolve(g: DesignGraph, p: Plant | None, fails: tuple[str, ...]) -> Down:
    """The elements, feeds, CDUs, switches and devices a failure set takes down."""
    down = Down()
    todo = list(fails)
    while todo:
        f = todo.pop()
        kind, _, name = f.partition(":")
        if not name:
            down.elements.add(f)
        elif kind == "domain" and p is not None:
            todo += p.domains.get(name, [])
        elif kind == "feed":
            down.feeds.add(name)
        elif kind == "loop":
            down.loops.add(name)
        elif kind == "cdu":
            loop, _, n = name.rpartition("/")
            down.cdus.setdefault(loop, set()).add(int(n) - 1)
        elif kind == "switch":
            _switch(g, name, down)
        elif kind == "link":
            _link(g, name, down)
        elif kind == "device":
            _device(g, name, down)
        else:
            down.elements.add(f)
    return down


def _switch(g: DesignGraph, name: str, down: Down) -> None:
    from rackcheck.graph.fabric import network

    for fab in network.fabrics(g):
        for k, sid in enumerate(fab.switches):
            if g.node(sid).name == name:
                down.switches.setdefault(fab.id, set()).add(k)


def _link(g: DesignGraph, name: str, down: Down) -> None:
    from rackcheck.graph.fabric import network

    a, _, b = name.partition("/")
    for fab in network.fabrics(g):
        index = {g.node(s).name: k for k, s in enumerate(fab.switches)}
        if a in index and b in index:
            i, j = sorted((index[a], index[b]))
            down.links.setdefault(fab.id, set()).add((i, j))


def _device(g: DesignGraph, name: str, down: Down) -> None:
    rack_name, _, dev_name = name.partition("/")
    rid = f"rack:{rack_name}"
    if rid in g.g:
        for d in g.devices(g.node(rid)):
            if d.name == dev_name:
                down.devices.add(d.id)


def known(g: DesignGraph, p: Plant | None) -> set[str]:
    """Every id a domain member or a `survive:` entry may name."""
    from rackcheck.graph.fabric import network

    ids = set(singles(g, p))
    for loop in g.loops():
        ids.add(f"loop:{loop.name}")
    for fab in network.fabrics(g):
        ids.update(f"switch:{g.node(s).name}" for s in fab.switches)
    for rack in g.racks():
        ids.update(f"device:{rack.name}/{d.name}" for d in g.devices(rack))
    return ids
