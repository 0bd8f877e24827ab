"""Design fabrics -> nodes and links of the design graph (see graph/fabric/nodes.py).

A generated fabric is sized by graph/fabric/plan.py and wired from the plan (here); an
explicit one as its `links:` say (graph/fabric/links.py). Unknown names are located
INP004 errors; a fabric that cannot be built (radix too small, rails beyond the devices'
ports, no endpoints) is INP006, one beyond the endpoint limit INP007.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.graph.digraph import Attrs
from rackcheck.graph.fabric.nodes import FabricNode, LinkSpec, NicNode, SwitchNode
from rackcheck.graph.fabric.plan import Plan, PlanError, mbps, plan

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DataPath, DeviceNode
    from rackcheck.model.catalog import Switch
    from rackcheck.model.fabric import Selector


def add_fabrics(g: DesignGraph) -> None:
    b = FabricBuilder(g)
    for i, fab in enumerate(g.design.fabrics):
        fid = f"fabric:{fab.name}"
        if fid in g.g:
            g._error(("fabrics", i, "name"), f"duplicate fabric name {fab.name!r}")
            continue
        node = FabricNode(fid, fab.name, ("fabrics", i), g.file, spec=fab)
        g.g.add_node(fid, obj=node)
        g.g.add_edge("site", fid, rel="contains")
        if fab.generate is not None:
            b.generated(node)
        else:
            from rackcheck.graph.fabric.links import wire_explicit

            wire_explicit(b, node)
    if g.design.layout is not None:
        from rackcheck.graph.fabric.rows import place_racks

        place_racks(g)


def role_ports(spec: object, role: str) -> list[tuple[int, int]]:
    """(Mbit/s, ports per cage) of each port of `role` (else role `any`), in order."""
    ports = getattr(spec, "ports", None) or []
    chosen = [p for p in ports if p.role == role] or [
        p for p in ports if p.role == "any"
    ]
    return [(mbps(p.speed), p.per_cage) for p in chosen for _ in range(p.count)]


_NIC = {"rel": "nic"}  # one dict for every device-NIC edge (read-only)

# Nodes and links as networkx takes them: (id, attributes), (u, v, attributes).
Nodes = list[tuple[str, Attrs]]
Links = list[tuple[str, str, Attrs]]


class FabricBuilder:
    def __init__(self, g: DesignGraph) -> None:
        self.g = g
        self._devices: dict[str, DeviceNode] | None = None
        self.ambiguous: set[str] = set()  # rack/name of two devices or more
        self._ports: dict[tuple[int, str], list[tuple[int, int]]] = {}

    def ports(self, spec: object, role: str) -> list[tuple[int, int]]:
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
        """Devices by `rack/name` (the name a design gives, or model-n). A device of
        `count: 1` answers to `name-1` too, so links stay valid when a count goes
        from 2 to 1."""
        if self._devices is None:
            self._devices = {}
            from rackcheck.graph.systems import endpoints

            for rack in self.g.racks():
                for dev in self.g.devices(rack):
                    for end in endpoints(self.g, dev):
                        key = f"{rack.name}/{end.name}"
                        if key in self._devices:
                            self.ambiguous.add(key)
                        self._devices.setdefault(key, end)
            for key, dev in list(self._devices.items()):
                if not key.rsplit("-", 1)[-1].isdigit():
                    self._devices.setdefault(f"{key}-1", dev)
        return self._devices

    def select(self, sel: Selector, path: DataPath) -> list[DeviceNode] | None:
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
            if (
                g._component(
                    model,
                    ("server", "tray", "storage", "rack-system", "switch"),
                    (*path, "models", k),
                )
                is None
            ):
                ok = False
        if not ok:
            return None
        models = set(sel.models)
        from rackcheck.graph.systems import endpoints

        return [  # a rack system is taken by its own model or its trays'
            end
            for rack in g.racks()
            if not names or rack.name in names
            for dev in g.devices(rack)
            for end in endpoints(g, dev)
            if not models or dev.spec.id in models or end.spec.id in models
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
            self.infeasible(
                fab.path,
                f"fabric {spec.name}: a generated fabric needs "
                "`endpoints:` (racks and/or models)",
            )
            return
        devices = self.select(spec.endpoints, (*fab.path, "endpoints"))
        if switch is None or devices is None:
            return
        devices = self._with_role_ports(fab, devices)
        if not devices and not gen.extra_endpoints:
            self.infeasible(
                (*fab.path, "endpoints"),
                f"no device with {spec.role} ports in the racks and models selected",
            )
            return
        ports = [self.ports(d.spec, spec.role) for d in devices]
        fewest = min(ports, key=len) if ports else []
        if devices and gen.rails > len(fewest):
            dev = devices[ports.index(fewest)]
            self.infeasible(
                (*path, "rails"),
                f"{gen.rails} rails, but {dev.spec.id} has "
                f"{len(fewest)} {spec.role} ports",
            )
            return
        from rackcheck.model.limits import MAX_ENDPOINTS

        endpoints = len(devices) * gen.rails + gen.extra_endpoints
        if endpoints > MAX_ENDPOINTS:
            at = self.g.source.at((*path, "rails"))
            self.g.errors.append(Finding("INP007", Severity.ERROR,
                f"fabric {spec.name} has {endpoints:,} endpoints, more than the "
                f"{MAX_ENDPOINTS:,} rackcheck builds (docs/design-format.md#limits)",
                at))  # fmt: skip
            return
        try:
            p = self._plan(fab, switch, len(devices), ports, fewest)
        except PlanError as exc:
            key = {"nodes": "endpoints"}.get(exc.key, exc.key)
            where = (*fab.path, key) if key == "endpoints" else (*path, key)
            self.infeasible(where, f"fabric {spec.name} cannot be built: {exc}")
            return
        fab.plan, fab.rails = p, gen.rails
        fab.devices = [d.id for d in devices]
        self._wire_plan(fab, p, devices, path)

    def _with_role_ports(
        self, fab: FabricNode, devices: list[DeviceNode]
    ) -> list[DeviceNode]:
        """By rack: devices with ports of the fabric's role; a model named in `models`
        may give its role-less ports (a storage appliance's) instead."""
        spec = fab.spec
        named = set(spec.endpoints.models)
        return [
            d
            for d in devices
            if any(p.role == spec.role for p in getattr(d.spec, "ports", None) or [])
            or (d.spec.id in named and self.ports(d.spec, spec.role))
        ]

    def _plan(
        self,
        fab: FabricNode,
        switch: Switch,
        nodes: int,
        ports: list[list[tuple[int, int]]],
        fewest: list[tuple[int, int]],
    ) -> Plan:
        """The generated fabric's plan (raises PlanError)."""
        from rackcheck.model.fabric import tier_ratios

        spec, gen = fab.spec, fab.spec.generate
        ratios = tier_ratios(spec.oversubscription)
        return plan(
            switch,
            nodes,
            gen.rails,
            node_speed=min(p[0][0] for p in ports) if ports else None,
            node_per_cage=fewest[0][1] if fewest else 1,
            su_size=gen.su_size,
            pod_size=gen.pod_size,
            extra=gen.extra_endpoints,
            ratio_leaf=ratios["leaf"],
            ratio_spine=ratios["spine"],
            tiers=gen.tiers,
            media=gen.media.model_dump(),
        )

    def _wire_plan(
        self, fab: FabricNode, p: Plan, devices: list[DeviceNode], path: DataPath
    ) -> None:
        swpath = (*path, "switch")
        leaf_ids, spine_ids, core_ids = self._plan_switches(fab, p, swpath)
        spec_nl, spec_ls, spec_sc = self._plan_specs(fab, p, swpath)
        nic_nodes, nic_edges, link_edges = self._plan_endpoints(
            fab, p, devices, path, leaf_ids, spec_nl
        )
        link_edges += self._plan_uplinks(
            fab, p, (leaf_ids, spine_ids, core_ids), spec_ls, spec_sc
        )
        g = self.g.g
        g.add_nodes_from(nic_nodes)
        g.add_edges_shared((dev, nic, _NIC) for dev, nic in nic_edges)
        g.add_edges_shared(link_edges)  # attributes shared by a rail's or tier's links
        fab.links = [(u, v) for u, v, _ in link_edges]

    def _plan_switches(
        self, fab: FabricNode, p: Plan, swpath: DataPath
    ) -> tuple[list[str], list[str], list[str]]:
        """The plan's switches as nodes: (leaf ids, spine ids, core ids)."""
        g, name, file = self.g.g, fab.name, self.g.file
        tiers = [0] * p.leaves + [1] * p.spines + [2] * p.cores
        spine_pod = [k // p.spines_per_pod for k in range(p.spines)]
        pods = [p.leaf_pod(i) for i in range(p.leaves)] + spine_pod + [-1] * p.cores
        rest = [-1] * (p.spines + p.cores)
        rails, sus = p.leaf_rail + rest, p.leaf_su + rest
        sws = [
            SwitchNode(f"sw:{name}/{label}", label, swpath, file, fabric=name,
                       spec=p.switch, tier=tier, rail=rail, pod=pod, su=su)
            for label, tier, rail, pod, su in zip(
                p.names(), tiers, rails, pods, sus, strict=True
            )
        ]  # fmt: skip
        g.add_nodes_from((sw.id, {"obj": sw}) for sw in sws)
        g.add_edges_from(((fab.id, sw.id) for sw in sws), rel="contains")
        fab.switches = [sw.id for sw in sws]
        leaf_ids = fab.switches[: p.leaves]
        spine_ids = fab.switches[p.leaves : p.leaves + p.spines]
        core_ids = fab.switches[p.leaves + p.spines :]
        return leaf_ids, spine_ids, core_ids

    def _plan_specs(
        self, fab: FabricNode, p: Plan, swpath: DataPath
    ) -> tuple[LinkSpec, LinkSpec, LinkSpec]:
        """What the node-leaf, leaf-spine and spine-core links are made of."""
        ends = (p.node_speed, p.lanes.native)
        mis = not p.lanes.exact or p.node_speed != p.lanes.lane
        spec_nl = LinkSpec(
            swpath, "node-leaf", p.media.get("node_leaf"), ends=ends, mismatch=mis
        )
        same = (p.lanes.native, p.lanes.native)
        spec_ls = LinkSpec(swpath, "leaf-spine", p.media.get("leaf_spine"), ends=same)
        spec_sc = LinkSpec(swpath, "spine-core", p.media.get("spine_core"), ends=same)
        fab.specs = [spec_nl, spec_ls] + ([spec_sc] if p.tiers == 3 else [])
        return spec_nl, spec_ls, spec_sc

    def _plan_endpoints(
        self,
        fab: FabricNode,
        p: Plan,
        devices: list[DeviceNode],
        path: DataPath,
        leaf_ids: list[str],
        spec_nl: LinkSpec,
    ) -> tuple[Nodes, list[tuple[str, str]], Links]:
        """NIC nodes, their edges and links: port r of node n to its rail's leaf,
        then the extra endpoints."""
        name, file, s = fab.name, self.g.file, p.speed
        nic_nodes: Nodes = []
        nic_edges: list[tuple[str, str]] = []
        link_edges: Links = []
        one = ((1, s, spec_nl),)
        epath = (*fab.path, "endpoints")
        ep_leaf, rails, role = p.ep_leaf, p.rails, fab.spec.role
        per_rail = [
            {"rel": "link", "fabric": name, "bundles": one, "ports": (r,)}
            for r in range(rails)
        ]  # shared, read
        for k, dev in enumerate(devices):
            nid = f"nic:{name}/{dev.id}"
            nic = NicNode(
                nid,
                f"{dev.name} {role} ports",
                epath,
                file,
                fabric=name,
                device=dev.id,
                have=len(self.ports(dev.spec, role)),
                taken=rails,
            )
            nic_nodes.append((nid, {"obj": nic}))
            nic_edges.append((dev.id, nid))
            base = k * rails
            link_edges.extend(
                (nid, leaf_ids[ep_leaf[base + r]], per_rail[r]) for r in range(rails)
            )
        fab.nics = [nid for nid, _ in nic_nodes]
        base = len(devices) * rails
        for x in range(p.extra):
            nid = f"nic:{name}/extra{x + 1}"
            nic = NicNode(
                nid,
                f"extra endpoint {x + 1}",
                (*path, "extra_endpoints"),
                file,
                fabric=name,
                have=1,
                taken=1,
            )
            nic_nodes.append((nid, {"obj": nic}))
            fab.nics.append(nid)
            link_edges.append((nid, leaf_ids[ep_leaf[base + x]], per_rail[0]))
        return nic_nodes, nic_edges, link_edges

    def _plan_uplinks(
        self,
        fab: FabricNode,
        p: Plan,
        ids: tuple[list[str], list[str], list[str]],
        spec_ls: LinkSpec,
        spec_sc: LinkSpec,
    ) -> Links:
        """Leaf-spine links in each pod, and spine-core links in each plane."""
        name, s = fab.name, p.speed
        leaf_ids, spine_ids, core_ids = ids
        link_edges: Links = []
        per = {
            "rel": "link",
            "fabric": name,
            "bundles": ((p.leaf_spine_links(), s, spec_ls),),
        }
        sp = p.spines_per_pod
        for leaf, lid in enumerate(leaf_ids):
            base = p.leaf_pod(leaf) * sp
            link_edges.extend((lid, spine_ids[base + j], per) for j in range(sp))
        if p.tiers == 3:
            per = {
                "rel": "link",
                "fabric": name,
                "bundles": ((p.spine_core_links(), s, spec_sc),),
            }
            cp = p.cores_per_plane
            for si, sid in enumerate(spine_ids):
                base = (si % sp) * cp
                link_edges.extend((sid, core_ids[base + c], per) for c in range(cp))
        return link_edges

    # -- layout ------------------------------------------------------------------
