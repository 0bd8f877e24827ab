"""Design fabrics -> nodes and links of the design graph (see graph/fabric_nodes.py).

A generated fabric is sized by graph/fabric_plan.py and wired from the plan; an explicit
one is wired as its `links:` say. Unknown names are located INP004 input errors; a fabric
that cannot be built (radix too small, rails beyond the devices' ports, no endpoints) is
a located INP006 input error: rackcheck checks only what it could build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rackcheck.findings import Finding, Severity
from rackcheck.graph.fabric_nodes import TIER, FabricNode, LinkSpec, NicNode, SwitchNode
from rackcheck.graph.fabric_plan import PlanError, mbps, plan

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DataPath, DeviceNode


def add_fabrics(g: DesignGraph) -> None:
    b = _Builder(g)
    for i, fab in enumerate(g.design.fabrics):
        fid = f"fabric:{fab.name}"
        if fid in g.g:
            g._error(("fabrics", i, "name"), f"duplicate fabric name {fab.name!r}")
            continue
        node = FabricNode(fid, fab.name, ("fabrics", i), g.file, spec=fab, index=i)
        g.g.add_node(fid, obj=node)
        g.g.add_edge("site", fid, rel="contains")
        if fab.generate is not None:
            b.generated(node)
        else:
            b.explicit(node)
    if g.design.layout is not None:
        b.layout()


def role_ports(spec: Any, role: str) -> list[tuple[int, int]]:
    """(Mbit/s, ports per cage) of each port of `role` (else of role `any`), in order."""
    ports = getattr(spec, "ports", None) or []
    chosen = [p for p in ports if p.role == role] or [p for p in ports if p.role == "any"]
    return [(mbps(p.speed), p.per_cage) for p in chosen for _ in range(p.count)]


def speeds(spec: Any) -> set[int]:
    """Every speed a switch port runs at: native speeds and breakouts below them."""
    natives = {mbps(p.speed) for p in spec.ports}
    top = max(natives, default=0)
    return natives | {b for b in map(mbps, spec.breakout) if b <= top}


class _Builder:
    def __init__(self, g: DesignGraph) -> None:
        self.g = g
        self._devices: dict[str, DeviceNode] | None = None
        self._ports: dict[tuple[int, str], list[tuple[int, int]]] = {}
        self._caps: dict[tuple[int, str], tuple[int, set[int]]] = {}

    def ports(self, spec: Any, role: str) -> list[tuple[int, int]]:
        """role_ports(), once per catalog entry."""
        key = (id(spec), role)
        if key not in self._ports:
            self._ports[key] = role_ports(spec, role)
        return self._ports[key]

    # -- helpers ---------------------------------------------------------------
    def infeasible(self, path: DataPath, message: str) -> None:
        where = self.g.source.at(path)
        self.g.errors.append(Finding("INP006", Severity.ERROR, message, where))

    def by_path(self) -> dict[str, DeviceNode]:
        """Devices by `rack/name` (the name a design gives, or model-n)."""
        if self._devices is None:
            self._devices = {}
            for rack in self.g.racks():
                for dev in self.g.devices(rack):
                    self._devices.setdefault(f"{rack.name}/{dev.name}", dev)
        return self._devices

    def select(self, sel: Any, path: DataPath) -> list[DeviceNode] | None:
        g = self.g
        names: set[str] = set()
        ok = True
        for k, pattern in enumerate(sel.racks):
            for name in g._expand(pattern, (*path, "racks", k)):
                if f"rack:{name}" not in g.g:
                    g._error((*path, "racks", k), f"no rack named {name!r}")
                    ok = False
                    break
                names.add(name)
        for k, model in enumerate(sel.models):
            if g._component(model, ("server", "tray", "storage", "rack-system", "switch"),
                            (*path, "models", k)) is None:  # fmt: skip
                ok = False
        if not ok:
            return None
        models = set(sel.models)
        return [
            dev
            for rack in g.racks()
            if not names or rack.name in names
            for dev in g.devices(rack)
            if not models or dev.spec.id in models
        ]

    def add_switch(self, fab: FabricNode, sw: SwitchNode) -> None:
        self.g.g.add_node(sw.id, obj=sw)
        self.g.g.add_edge(fab.id, sw.id, rel="contains")
        fab.switches.append(sw.id)

    # -- generated ---------------------------------------------------------------
    def generated(self, fab: FabricNode) -> None:
        g, spec, gen = self.g, fab.spec, fab.spec.generate
        path = (*fab.path, "generate")
        switch = g._component(gen.switch, ("switch",), (*path, "switch"))
        if spec.endpoints is None:
            self.infeasible(fab.path, f"fabric {spec.name}: a generated fabric needs "
                            "`endpoints:` (racks and/or models)")  # fmt: skip
            return
        devices = self.select(spec.endpoints, (*fab.path, "endpoints"))
        if switch is None or devices is None:
            return
        devices = [d for d in devices if self.ports(d.spec, spec.role)]
        if not devices and not gen.extra_endpoints:
            self.infeasible((*fab.path, "endpoints"), f"no device with {spec.role} "
                            "ports in the racks and models selected")  # fmt: skip
            return
        ports = [self.ports(d.spec, spec.role) for d in devices]
        fewest = min(ports, key=len) if ports else []
        if devices and gen.rails > len(fewest):
            dev = devices[ports.index(fewest)]
            self.infeasible((*path, "rails"), f"{gen.rails} rails, but {dev.spec.id} has "
                            f"{len(fewest)} {spec.role} ports")  # fmt: skip
            return
        node_speed = min(p[0][0] for p in ports) if ports else None
        from rackcheck.model.fabric import tier_ratios

        ratios = tier_ratios(spec.oversubscription)
        try:
            p = plan(
                switch, len(devices), gen.rails, node_speed=node_speed,
                node_per_cage=fewest[0][1] if fewest else 1, su_size=gen.su_size,
                pod_size=gen.pod_size, extra=gen.extra_endpoints,
                ratio_leaf=ratios["leaf"], ratio_spine=ratios["spine"], tiers=gen.tiers,
                media=gen.media.model_dump(),
            )  # fmt: skip
        except PlanError as exc:
            key = {"nodes": "endpoints"}.get(exc.key, exc.key)
            where = (*fab.path, key) if key == "endpoints" else (*path, key)
            self.infeasible(where, f"fabric {spec.name} cannot be built: {exc}")
            return
        fab.plan, fab.rails = p, gen.rails
        fab.devices = [d.id for d in devices]
        self._wire_plan(fab, p, devices, path)

    def _wire_plan(self, fab: FabricNode, p: Any, devices: list[Any], path: DataPath) -> None:
        g, name, file, swpath = self.g.g, fab.name, self.g.file, (*path, "switch")
        s = p.speed
        leaf_ids = [f"sw:{name}/leaf{i + 1}" for i in range(p.leaves)]
        for i, sid in enumerate(leaf_ids):
            self.add_switch(fab, SwitchNode(sid, f"leaf{i + 1}", swpath, file, fabric=name,
                            spec=p.switch, tier=0, rail=p.leaf_rail[i],
                            pod=p.leaf_pod(i), su=p.leaf_su[i]))  # fmt: skip
        spine_ids = []
        for pod in range(p.pods):
            for j in range(p.spines_per_pod):
                label = f"spine{pod + 1}-{j + 1}" if p.tiers == 3 else f"spine{j + 1}"
                spine_ids.append(f"sw:{name}/{label}")
                self.add_switch(fab, SwitchNode(spine_ids[-1], label, swpath, file,
                                fabric=name, spec=p.switch, tier=1, pod=pod))  # fmt: skip
        core_ids = []
        for j in range(p.spines_per_pod if p.tiers == 3 else 0):
            for c in range(p.cores_per_plane):
                core_ids.append(f"sw:{name}/core{j + 1}-{c + 1}")
                self.add_switch(fab, SwitchNode(core_ids[-1], f"core{j + 1}-{c + 1}",
                                swpath, file, fabric=name, spec=p.switch, tier=2))  # fmt: skip
        ends = (p.node_speed, p.lanes.native)
        mis = not p.lanes.exact or p.node_speed != p.lanes.lane
        spec_nl = LinkSpec(swpath, "node-leaf", p.media.get("node_leaf"), ends=ends,
                           mismatch=mis)  # fmt: skip
        same = (p.lanes.native, p.lanes.native)
        spec_ls = LinkSpec(swpath, "leaf-spine", p.media.get("leaf_spine"), ends=same)
        spec_sc = LinkSpec(swpath, "spine-core", p.media.get("spine_core"), ends=same)
        fab.specs = [spec_nl, spec_ls] + ([spec_sc] if p.tiers == 3 else [])
        # endpoints: port r of node n -> its rail's leaf; then the extras
        nic_nodes, nic_edges, link_edges = [], [], []
        one = ((1, s, spec_nl),)
        epath = (*fab.path, "endpoints")
        ep_leaf, rails = p.ep_leaf, p.rails
        for k, dev in enumerate(devices):
            nid = f"nic:{name}/{dev.id}"
            nic = NicNode(nid, f"{dev.name} {fab.spec.role} ports", epath, file,
                          fabric=name, device=dev.id,
                          have=len(self.ports(dev.spec, fab.spec.role)), taken=rails)  # fmt: skip
            nic_nodes.append((nid, {"obj": nic}))
            nic_edges.append((dev.id, nid))
            fab.nics.append(nid)
            base = k * rails
            for r in range(rails):
                link_edges.append((nid, leaf_ids[ep_leaf[base + r]],
                                   {"bundles": one, "ports": (r,)}))  # fmt: skip
        base = len(devices) * rails
        for x in range(p.extra):
            nid = f"nic:{name}/extra{x + 1}"
            nic = NicNode(nid, f"extra endpoint {x + 1}", (*path, "extra_endpoints"), file,
                          fabric=name, have=1, taken=1)  # fmt: skip
            nic_nodes.append((nid, {"obj": nic}))
            fab.nics.append(nid)
            link_edges.append((nid, leaf_ids[ep_leaf[base + x]],
                               {"bundles": one, "ports": (0,)}))  # fmt: skip
        per = ((p.leaf_spine_links(), s, spec_ls),)
        for leaf, lid in enumerate(leaf_ids):
            base = p.leaf_pod(leaf) * p.spines_per_pod
            for j in range(p.spines_per_pod):
                link_edges.append((lid, spine_ids[base + j], {"bundles": per}))
        if p.tiers == 3:
            per = ((p.spine_core_links(), s, spec_sc),)
            for si, sid in enumerate(spine_ids):
                j = si % p.spines_per_pod
                for c in range(p.cores_per_plane):
                    link_edges.append((sid, core_ids[j * p.cores_per_plane + c],
                                       {"bundles": per}))  # fmt: skip
        g.add_nodes_from(nic_nodes)
        g.add_edges_from(nic_edges, rel="nic")
        g.add_edges_from(link_edges, rel="link", fabric=name)
        fab.links = [(u, v) for u, v, _ in link_edges]

    # -- explicit ----------------------------------------------------------------
    def explicit(self, fab: FabricNode) -> None:
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
                self.add_switch(fab, SwitchNode(sid, sname, path, g.file, fabric=name,
                                spec=spec, tier=tier, rail=rail, rack=entry.rack))  # fmt: skip
        fab.rails = rails or None
        alloc: dict[str, int] = {}
        for k, link in enumerate(fab.spec.links):
            self._link(fab, k, link, alloc)
        _infer_tiers(g, fab)

    def _ends(self, fab: FabricNode, end: Any, path: DataPath) -> list[Any] | None:
        """A link end as a list of switch nodes and devices (endpoints)."""
        g = self.g
        if not isinstance(end, (str, list)):
            return self.select(end, path)
        out: list[Any] = []
        for k, pattern in enumerate([end] if isinstance(end, str) else end):
            where = path if isinstance(end, str) else (*path, k)
            for name in g._expand(pattern, where):
                sid = f"sw:{fab.name}/{name}"
                if sid in g.g:
                    out.append(g.node(sid))
                    continue
                dev = self.by_path().get(name)
                if dev is None:
                    g._error(where, f"fabric {fab.name} has no switch {name!r} and no "
                             "device has that path (write rack/device)")  # fmt: skip
                    return None
                out.append(self._device_switch(fab, dev) if dev.spec.kind == "switch"
                           else dev)  # fmt: skip
        return out

    def _device_switch(self, fab: FabricNode, dev: Any) -> SwitchNode:
        """A switch standing in a rack, used in this fabric under its rack/name path."""
        rack = self.g.node(dev.rack).name
        sid = f"sw:{fab.name}/{rack}/{dev.name}"
        if sid not in self.g.g:
            self.add_switch(fab, SwitchNode(sid, f"{rack}/{dev.name}", dev.path,
                            self.g.file, fabric=fab.name, spec=dev.spec, rack=rack,
                            device=dev.id))  # fmt: skip
        return self.g.node(sid)  # type: ignore[no-any-return]

    def _link(self, fab: FabricNode, k: int, link: Any, alloc: dict[str, int]) -> None:
        g, path = self.g, (*fab.path, "links", k)
        a_side = self._ends(fab, link.from_, (*path, "from"))
        b_side = self._ends(fab, link.to, (*path, "to"))
        cable = transceiver = None
        if link.cable is not None:
            cable = g._component(link.cable, ("cable",), (*path, "cable"))
        if link.transceiver is not None:
            transceiver = g._component(link.transceiver, ("transceiver",),
                                       (*path, "transceiver"))  # fmt: skip
        if a_side is None or b_side is None or not a_side or not b_side:
            return
        if link.pairing == "zip":
            if len(b_side) > len(a_side):
                g._error((*path, "pairing"), f"zip pairs each `from` with one `to`: "
                         f"{len(a_side)} from, {len(b_side)} to")  # fmt: skip
                return
            pairs = [(a, b_side[i % len(b_side)]) for i, a in enumerate(a_side)]
        else:
            pairs = [(a, b) for a in a_side for b in b_side]
        stated = mbps(link.speed) if link.speed is not None else None
        specs: dict[tuple[int, int, bool], LinkSpec] = {}
        for a, b in pairs:
            if not isinstance(a, SwitchNode) and not isinstance(b, SwitchNode):
                g._error(path, f"link {a.name} - {b.name}: one end must be a switch")
                return
            a_end = self._end_speeds(fab, a, alloc)
            b_end = self._end_speeds(fab, b, alloc)
            if a_end is None or b_end is None:
                g._error(path, f"{(b if b_end is None else a).name} has no "
                         f"{fab.spec.role} ports")  # fmt: skip
                return
            common = a_end[1] & b_end[1]
            mismatch = not common or (stated is not None and stated not in common)
            best = max(common) if common else min(a_end[0], b_end[0])
            speed = min(stated, best) if stated is not None else best
            key = (a_end[0], b_end[0], mismatch)
            if key not in specs:
                specs[key] = LinkSpec(path, f"links[{k}]", link.medium, cable,
                                      transceiver, link.length, stated, key[:2],
                                      mismatch)  # fmt: skip
            bundle = (link.count, speed, specs[key])
            self._connect(fab, a, b, bundle, alloc)
        fab.specs.extend(specs.values())

    def _end_speeds(self, fab: FabricNode, end: Any, alloc: dict[str, int]) -> Any:
        """(native Mbit/s, speeds it runs at) of a switch, or of a device's next port."""
        if isinstance(end, SwitchNode):
            key = (id(end.spec), "")
            if key not in self._caps:
                spec = end.spec
                self._caps[key] = (max(mbps(p.speed) for p in spec.ports), speeds(spec))
            return self._caps[key]
        ports = self.ports(end.spec, fab.spec.role)
        if not ports:
            return None
        native = ports[min(alloc.get(end.id, 0), len(ports) - 1)][0]
        return native, {native}

    def _connect(self, fab: FabricNode, a: Any, b: Any, bundle: Any,
                 alloc: dict[str, int]) -> None:  # fmt: skip
        if isinstance(a, SwitchNode) and isinstance(b, SwitchNode):
            self._add_link(fab, a.id, b.id, bundle)
            return
        dev, sw = (a, b) if isinstance(b, SwitchNode) else (b, a)
        nid = f"nic:{fab.name}/{dev.id}"
        if nid not in self.g.g:
            have = len(self.ports(dev.spec, fab.spec.role))
            nic = NicNode(nid, f"{dev.name} {fab.spec.role} ports", bundle[2].path,
                          self.g.file, fabric=fab.name, device=dev.id, have=have)  # fmt: skip
            self.g.g.add_node(nid, obj=nic)
            self.g.g.add_edge(dev.id, nid, rel="nic")
            fab.nics.append(nid)
            fab.devices.append(dev.id)
        first = alloc.get(dev.id, 0)
        alloc[dev.id] = first + bundle[0]
        self.g.node(nid).taken = alloc[dev.id]
        self._add_link(fab, nid, sw.id, bundle, tuple(range(first, alloc[dev.id])))

    def _add_link(self, fab: FabricNode, u: str, v: str, bundle: Any,
                  ports: tuple[int, ...] | None = None) -> None:  # fmt: skip
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

    # -- layout ------------------------------------------------------------------
    def layout(self) -> None:
        """Each rack's (row index, place in the row), kept in graph.memo['layout']."""
        seen: dict[str, tuple[int, int]] = {}
        rows = self.g.design.layout.rows
        for i, row in enumerate(rows):
            place = 0
            for k, pattern in enumerate(row.racks):
                path = ("layout", "rows", i, "racks", k)
                for name in self.g._expand(pattern, path):
                    if f"rack:{name}" not in self.g.g:
                        self.g._error(path, f"no rack named {name!r}")
                        return
                    if name in seen:
                        self.g._error(path, f"rack {name!r} is already in row "
                                      f"{rows[seen[name][0]].name!r}")  # fmt: skip
                        return
                    seen[name] = (i, place)
                    place += 1
        self.g.memo[("layout",)] = seen


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
