"""Explicit fabrics -> the design graph: switches as listed, links as written.

`from` and `to` name fabric switches, devices by `rack/device` path (ranges allowed) or
select devices by rack and model; `pairing: mesh` links every `from` with every `to`,
`zip` pairwise. A device's links take its ports of the fabric's role in order, so port
i of a node is its i-th link. A link runs at the fastest speed both ends share (native
or by the switch's breakout), else at the slower end's, flagged for NET002. Parallel
links between two ends are collapsed into one edge (graph/fabric/nodes.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.graph.fabric.nodes import (
    TIER,
    Bundle,
    FabricNode,
    LinkSpec,
    NicNode,
    SwitchNode,
)
from rackcheck.graph.fabric.plan import mbps

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.fabric.build import FabricBuilder
    from rackcheck.graph.nodes import DataPath, DeviceNode
    from rackcheck.model.catalog import Switch
    from rackcheck.model.fabric import End, Link

    Endpoint = SwitchNode | DeviceNode  # a link end: a switch or a device


def speeds(spec: Switch) -> set[int]:
    """Every speed a switch port runs at: native speeds and breakouts below them."""
    natives = {mbps(p.speed) for p in spec.ports}
    top = max(natives, default=0)
    return natives | {b for b in map(mbps, spec.breakout) if b <= top}


def wire_explicit(b: FabricBuilder, fab: FabricNode) -> None:
    _Explicit(b).wire(fab)


class _Explicit:
    def __init__(self, b: FabricBuilder) -> None:
        self.b = b
        self.g = b.g
        self._caps: dict[int, tuple[int, set[int]]] = {}

    def wire(self, fab: FabricNode) -> None:
        g, name = self.g, fab.name
        rails = 0
        for j, entry in enumerate(fab.spec.switches):
            path = (*fab.path, "switches", j)
            spec = g._component(entry.model, ("switch",), (*path, "model"))
            if entry.rack is not None and f"rack:{entry.rack}" not in g.g:
                g._error((*path, "rack"), f"no rack named {entry.rack!r}")
            if spec is None:
                continue
            for sname in g._expand(entry.name, (*path, "name")):
                sid = f"sw:{name}/{sname}"
                if sid in g.g:
                    g._error((*path, "name"), f"duplicate switch name {sname!r}")
                    continue
                rail = (entry.rail or 0) - 1
                rails = max(rails, entry.rail or 0)
                tier = TIER[entry.tier] if entry.tier else -1
                self.b.add_switch(
                    fab,
                    SwitchNode(
                        sid,
                        sname,
                        path,
                        g.file,
                        fabric=name,
                        spec=spec,
                        tier=tier,
                        rail=rail,
                        rack=entry.rack,
                    ),
                )
        fab.rails = rails or None
        alloc: dict[str, int] = {}  # NIC ports taken so far, per device
        for k, link in enumerate(fab.spec.links):
            self._link(fab, k, link, alloc)
        _infer_tiers(g, fab)

    def _ends(self, fab: FabricNode, end: End, path: DataPath) -> list[Endpoint] | None:
        """A link end as a list of switch nodes and devices (endpoints)."""
        g = self.g
        if not isinstance(end, (str, list)):
            picked = self.b.select(end, path)
            return None if picked is None else [*picked]
        out: list[Endpoint] = []
        for k, pattern in enumerate([end] if isinstance(end, str) else end):
            where = path if isinstance(end, str) else (*path, k)
            for name in g._expand(pattern, where):
                sid = f"sw:{fab.name}/{name}"
                if sid in g.g:
                    out.append(g.node(sid))
                    continue
                dev = self.b.by_path().get(name)
                if name in self.b.ambiguous:
                    g._error(
                        where,
                        f"{name!r} names several devices of rack "
                        f"{name.split('/')[0]}: give each its own `name:`",
                    )
                    return None
                if dev is None:
                    g._error(
                        where,
                        f"fabric {fab.name} has no switch {name!r} and no "
                        f"device has that path (write rack/device){self._near(name)}",
                    )
                    return None
                out.append(
                    self._device_switch(fab, dev) if dev.spec.kind == "switch" else dev
                )
        return out

    def _near(self, name: str) -> str:
        """'; rack r01 has: dgx-h100' when `name` is rack/device in a known rack."""
        rack, sep, _ = name.partition("/")
        if not sep:
            return ""
        have = sorted(
            k.split("/", 1)[1] for k in self.b.by_path() if k.startswith(f"{rack}/")
        )
        shown = ", ".join(have[:6]) + (", ..." if len(have) > 6 else "")
        return f"; rack {rack} has: {shown}" if have else ""

    def _device_switch(self, fab: FabricNode, dev: DeviceNode) -> SwitchNode:
        """A switch standing in a rack, used in this fabric under its rack/name path."""
        rack = self.g.node(dev.rack).name
        sid = f"sw:{fab.name}/{rack}/{dev.name}"
        if sid not in self.g.g:
            self.b.add_switch(
                fab,
                SwitchNode(
                    sid,
                    f"{rack}/{dev.name}",
                    dev.path,
                    self.g.file,
                    fabric=fab.name,
                    spec=dev.spec,
                    rack=rack,
                    device=dev.id,
                ),
            )
        return self.g.node(sid)  # type: ignore[no-any-return]

    def _link(self, fab: FabricNode, k: int, link: Link, alloc: dict[str, int]) -> None:
        g, path = self.g, (*fab.path, "links", k)
        a_side = self._ends(fab, link.from_, (*path, "from"))
        b_side = self._ends(fab, link.to, (*path, "to"))
        cable = transceiver = None
        if link.cable is not None:
            cable = g._component(link.cable, ("cable",), (*path, "cable"))
        if link.transceiver is not None:
            transceiver = g._component(
                link.transceiver, ("transceiver",), (*path, "transceiver")
            )
        if a_side is None or b_side is None or not a_side or not b_side:
            return
        pairs = self._pairs(path, link, a_side, b_side)
        if pairs is None:
            return
        stated = mbps(link.speed) if link.speed is not None else None
        specs: dict[tuple[int, int, bool], LinkSpec] = {}
        for a, b in pairs:
            if not isinstance(a, SwitchNode) and not isinstance(b, SwitchNode):
                g._error(path, f"link {a.name} - {b.name}: one end must be a switch")
                return
            a_end = self._end_speeds(fab, a, alloc)
            b_end = self._end_speeds(fab, b, alloc)
            if a_end is None or b_end is None:
                g._error(
                    path,
                    f"{(b if b_end is None else a).name} has no {fab.spec.role} ports",
                )
                return
            common = a_end[1] & b_end[1]
            mismatch = not common or (stated is not None and stated not in common)
            best = max(common) if common else min(a_end[0], b_end[0])
            speed = min(stated, best) if stated is not None else best
            key = (a_end[0], b_end[0], mismatch)
            if key not in specs:
                specs[key] = LinkSpec(
                    path,
                    f"links[{k}]",
                    link.medium,
                    cable,
                    transceiver,
                    link.length,
                    stated,
                    key[:2],
                    mismatch,
                )
            bundle = (link.count, speed, specs[key])
            self._connect(fab, a, b, bundle, alloc)
        fab.specs.extend(specs.values())

    def _pairs(
        self,
        path: DataPath,
        link: Link,
        a_side: list[Endpoint],
        b_side: list[Endpoint],
    ) -> list[tuple[Endpoint, Endpoint]] | None:
        """The (from, to) ends a link entry makes: every pair (mesh) or each `from`
        with one `to` (zip); None after a located error."""
        g = self.g
        from rackcheck.model.limits import MAX_LINKS

        if link.pairing == "mesh" and len(a_side) * len(b_side) > MAX_LINKS:
            g._error(
                path,
                f"{len(a_side):,} x {len(b_side):,} links, more than the "
                f"{MAX_LINKS:,} one entry may make (docs/design-format.md#limits)",
            )
            return None
        if link.pairing == "zip":
            if len(b_side) > len(a_side):
                g._error(
                    (*path, "pairing"),
                    f"zip pairs each `from` with one `to`: "
                    f"{len(a_side)} from, {len(b_side)} to",
                )
                return None
            pairs = [(a, b_side[i % len(b_side)]) for i, a in enumerate(a_side)]
        else:
            pairs = [(a, b) for a in a_side for b in b_side]
        return pairs

    def _end_speeds(
        self, fab: FabricNode, end: Endpoint, alloc: dict[str, int]
    ) -> tuple[int, set[int]] | None:
        """(native Mbit/s, speeds it runs at) of a switch, or a device's next port."""
        if isinstance(end, SwitchNode):
            key = id(end.spec)
            if key not in self._caps:
                spec = end.spec
                self._caps[key] = (max(mbps(p.speed) for p in spec.ports), speeds(spec))
            return self._caps[key]
        ports = self.b.ports(end.spec, fab.spec.role)
        if not ports:
            return None
        native = ports[min(alloc.get(end.id, 0), len(ports) - 1)][0]
        return native, {native}

    def _connect(
        self,
        fab: FabricNode,
        a: Endpoint,
        b: Endpoint,
        bundle: Bundle,
        alloc: dict[str, int],
    ) -> None:
        if isinstance(a, SwitchNode) and isinstance(b, SwitchNode):
            self._add_link(fab, a.id, b.id, bundle)
            return
        dev, sw = (a, b) if isinstance(b, SwitchNode) else (b, a)
        nid = f"nic:{fab.name}/{dev.id}"
        if nid not in self.g.g:
            have = len(self.b.ports(dev.spec, fab.spec.role))
            nic = NicNode(
                nid,
                f"{dev.name} {fab.spec.role} ports",
                bundle[2].path,
                self.g.file,
                fabric=fab.name,
                device=dev.id,
                have=have,
            )
            self.g.g.add_node(nid, obj=nic)
            self.g.g.add_edge(dev.id, nid, rel="nic")
            fab.nics.append(nid)
            fab.devices.append(dev.id)
        first = alloc.get(dev.id, 0)
        alloc[dev.id] = first + bundle[0]
        self.g.node(nid).taken = alloc[dev.id]
        self._add_link(fab, nid, sw.id, bundle, tuple(range(first, alloc[dev.id])))

    def _add_link(
        self,
        fab: FabricNode,
        u: str,
        v: str,
        bundle: Bundle,
        ports: tuple[int, ...] | None = None,
    ) -> None:
        g = self.g.g
        if g.has_edge(u, v):
            data = g.edges[u, v]
            data["bundles"] = (*data["bundles"], bundle)
            if ports is not None:
                data["ports"] = (*data["ports"], *ports)
            return
        extra = {} if ports is None else {"ports": ports}
        g.add_edge(u, v, rel="link", fabric=fab.name, bundles=(bundle,), **extra)
        fab.links.append((u, v))


def _infer_tiers(g: DesignGraph, fab: FabricNode) -> None:
    """Switches without a stated tier: leaf if an endpoint attaches, spine if a leaf
    does, core if a spine does."""
    nodes = [g.node(s) for s in fab.switches]
    todo = [s for s in nodes if s.tier < 0]
    if not todo:
        return
    adj: dict[str, set[str]] = {s.id: set() for s in nodes}
    has_nic: set[str] = set()
    for u, v in fab.links:
        if u.startswith("nic:"):
            has_nic.add(v)
        elif v.startswith("nic:"):
            has_nic.add(u)
        else:
            adj[u].add(v)
            adj[v].add(u)
    for s in todo:
        if s.id in has_nic:
            s.tier = 0
    for tier in (1, 2):
        below = {s.id for s in nodes if s.tier == tier - 1}
        for s in todo:
            if s.tier < 0 and adj[s.id] & below:
                s.tier = tier
