"""Design + catalog -> graph (digraph.py). Reference errors (unknown models, racks, PDUs)
are located INP004 input errors: a design that names what does not exist is not checked.

Nodes: ``site``, ``feed:A``, ``rack:r01``, ``pdu:r01/pdu1``, ``dev:r01/0.3`` (entry 0,
instance 3), ``psu:r01/0.3/2`` (its third PSU), ``loop:l1``, ``cdu:l1/0``. Edges carry
``rel``: ``contains`` (site>rack>pdu/device, site>loop>cdu), ``power``
(feed>pdu>psu>device; a PSU knows its phase and feed) and ``cooling`` (cdu>loop>rack).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any, TypeVar

from rackcheck.findings import Finding, InputError, Severity
from rackcheck.graph.checks import check_limits, check_refs
from rackcheck.graph.memo import Memo
from rackcheck.graph.nodes import (
    CduNode,
    DeviceNode,
    FeedNode,
    LoopNode,
    Node,
    PduNode,
    PsuNode,
    RackNode,
)
from rackcheck.model.names import expand
from rackcheck.model.refs import DEVICE_KINDS, did_you_mean

if TYPE_CHECKING:
    from rackcheck.graph.nodes import DataPath, DeviceSpec
    from rackcheck.model.catalog import Rack, RackSystem
    from rackcheck.model.design import Cord, Design, DeviceRef, Loop, RackEntry
    from rackcheck.model.load import Catalog
    from rackcheck.source import SourceMap

N = TypeVar("N", bound=Node)


class DesignGraph:
    """The graph plus what rules need to locate findings."""

    def __init__(self, design: Design, catalog: Catalog, source: SourceMap) -> None:
        from rackcheck.graph.digraph import DiGraph

        self.design = design
        self.catalog = catalog
        self.source = source
        self.file = source.path
        self.g = DiGraph()
        self.errors: list[Finding] = []
        # Query results, kept once the graph is built (it never changes after): rules
        # and metrics ask the same questions many times (see graph.power).
        self.memo = Memo()
        self._racks: list[RackNode] = []
        self._refs_checked: set[str] = set()
        # (design path, old id, new id) where the design names a renamed entry
        self.renamed: list[tuple[tuple[str | int, ...], str, str]] = []
        self.g.add_node("site", obj=None)
        # Building allocates hundreds of thousands of objects that all stay alive; the
        # cyclic garbage collector would rescan them again and again (~30 % of the
        # build time of a 65,536-GPU design). Nothing here makes garbage cycles.
        check_limits(self)
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            self._build()
        finally:
            if gc_was_on:
                gc.enable()
        if self.errors:
            raise InputError(sorted(self.errors, key=Finding.sort_key))
        self.memo.final = True

    # -- queries ---------------------------------------------------------------
    @property
    def final(self) -> bool:
        """Built: the graph never changes after."""
        return self.memo.final

    def nodes(self, cls: type[N]) -> list[N]:
        """Every node of one class, in the order they were added."""
        return self.memo.query(
            ("nodes", cls),
            lambda: [o for _, o in self.g.nodes(data="obj") if isinstance(o, cls)],
            growing=True,
        )

    def racks(self) -> list[RackNode]:
        """Every rack, in design order (kept as they are added: fabrics ask early)."""
        return self._racks

    def feeds(self) -> list[FeedNode]:
        return self.nodes(FeedNode)

    def loops(self) -> list[LoopNode]:
        return self.nodes(LoopNode)

    def children(self, node_id: str, cls: type[N]) -> list[N]:
        """What `node_id` contains, of one node class."""
        return self.memo.query(
            ("children", node_id, cls),
            lambda: self._children(node_id, cls),
            growing=True,
        )

    def _children(self, node_id: str, cls: type[N]) -> list[N]:
        out: list[N] = []
        for _, child, rel in self.g.out_edges(node_id, data="rel"):
            obj = self.g.nodes[child]["obj"]
            if rel == "contains" and isinstance(obj, cls):
                out.append(obj)
        return out

    def devices(self, rack: RackNode) -> list[DeviceNode]:
        return self.children(rack.id, DeviceNode)

    def pdus(self, rack: RackNode) -> list[PduNode]:
        return self.children(rack.id, PduNode)

    def loops_serving(self, rack: RackNode) -> list[LoopNode]:
        return [
            self.g.nodes[src]["obj"]
            for src, _, rel in self.g.in_edges(rack.id, data="rel")
            if rel == "cooling"
        ]

    def served_racks(self, loop: LoopNode) -> list[RackNode]:
        return [
            self.g.nodes[dst]["obj"]
            for _, dst, rel in self.g.out_edges(loop.id, data="rel")
            if rel == "cooling"
        ]

    def node(self, node_id: str) -> Any:
        return self.g.nodes[node_id]["obj"]

    # -- building --------------------------------------------------------------
    def _error(self, path: tuple[str | int, ...], message: str) -> None:
        self.errors.append(
            Finding("INP004", Severity.ERROR, message, self.source.at(path))
        )

    def _component(
        self, ident: str, kinds: tuple[str, ...], path: tuple[str | int, ...]
    ) -> Any:  # the catalog entry, of one of `kinds` (the caller's node field says)
        comp = self.catalog.get(ident)
        if comp is None:
            close = did_you_mean(ident, [c.id for c in self.catalog.of_kind(*kinds)])
            self._error(path, f"unknown model {ident!r}{close}")
            return None
        if comp.kind not in kinds:
            self._error(
                path, f"{ident!r} is a {comp.kind}, expected one of: {', '.join(kinds)}"
            )
            return None
        new = self.catalog.new_id(ident)
        if new is not None:  # a renamed entry's old id: DAT005 notes it
            self.renamed.append((path, ident, new))
        if ident not in self._refs_checked:
            self._refs_checked.add(ident)
            check_refs(self, comp)
        return comp

    def _expand(self, name: str, path: tuple[str | int, ...]) -> list[str]:
        try:
            return expand(name)
        except ValueError as exc:
            self._error(path, str(exc))
            return []

    def _build(self) -> None:
        d = self.design
        for comp in d.components:  # checked even when no rack uses them
            self._refs_checked.add(comp.id)
            check_refs(self, comp)
        for i, feed in enumerate(d.site.feeds):
            fid = f"feed:{feed.name}"
            if fid in self.g:
                self._error(
                    ("site", "feeds", i, "name"), f"duplicate feed {feed.name!r}"
                )
                continue
            node = FeedNode(fid, feed.name, ("site", "feeds", i), self.file, spec=feed)
            self.g.add_node(fid, obj=node)
            self.g.add_edge("site", fid, rel="contains")
        self._psu_nodes: list[tuple[str, dict[str, PsuNode]]] = []
        self._psu_edges: list[tuple[str, str, dict[str, str]]] = []
        for i, entry in enumerate(d.racks):
            for name in self._expand(entry.name, ("racks", i, "name")):
                self._add_rack(i, entry, name)
        self.g.add_nodes_from(self._psu_nodes)
        self.g.add_edges_shared(self._psu_edges)  # _POWER shared, not copied
        del self._psu_nodes, self._psu_edges
        for i, loop in enumerate(d.cooling.loops):
            self._add_loop(i, loop)
        if d.fabrics or d.layout is not None:
            from rackcheck.graph.fabric.build import add_fabrics

            add_fabrics(self)
        fabric = d.storage.fabric if d.storage is not None else None
        names = [f.name for f in d.fabrics]
        if fabric is not None and fabric not in names:
            self._error(
                ("storage", "fabric"),
                f"no fabric named {fabric!r}{did_you_mean(fabric, names)} (fabrics: "
                f"{', '.join(sorted(names)) or 'none'})",
            )
        if d.facility is not None:
            from rackcheck.graph.facility import add_facility

            add_facility(self)

    def _add_rack(self, i: int, entry: RackEntry, name: str) -> None:
        path = ("racks", i)
        rid = f"rack:{name}"
        if rid in self.g:
            self._error((*path, "name"), f"duplicate rack name {name!r}")
            return
        spec = self._component(entry.model, ("rack", "rack-system"), (*path, "model"))
        if spec is None:
            return
        rack = RackNode(rid, name, path, self.file, spec=spec, entry=entry)
        self._racks.append(rack)
        self.g.add_node(rid, obj=rack)
        self.g.add_edge("site", rid, rel="contains")
        pdu_ids = self._add_pdus(rack, entry)
        if spec.kind == "rack-system":
            system = DeviceNode(
                f"dev:{name}/system", f"{name}/{spec.id}", (*path, "model"), self.file,
                rack=rid, spec=spec, system=True, assume=entry.assume,
            )  # fmt: skip
            self._add_device(system, None, pdu_ids)
            from rackcheck.graph.systems import add_parts

            add_parts(self, system)
        for j, ref in enumerate(entry.devices):
            self._add_devices(rack, j, ref, pdu_ids)

    def _add_pdus(self, rack: RackNode, entry: RackEntry) -> list[str]:
        ids: list[str] = []
        known_feeds = {f.name for f in self.design.site.feeds}
        for k, ref in enumerate(entry.pdus):
            path = (*rack.path, "pdus", k)
            spec = self._component(ref.model, ("pdu", "power-shelf"), (*path, "model"))
            if known_feeds and ref.feed not in known_feeds:
                self._error(
                    (*path, "feed"),
                    f"feed {ref.feed!r} is not one of the site's feeds: "
                    f"{', '.join(sorted(known_feeds))}",
                )
            if spec is None:
                continue
            for n in range(ref.count):
                base = ref.name or f"pdu{len(ids) + 1}"
                pname = base if ref.count == 1 or not ref.name else f"{base}-{n + 1}"
                pid = f"pdu:{rack.name}/{pname}"
                if pid in self.g:
                    self._error((*path, "name"), f"duplicate PDU name {pname!r}")
                    continue
                node = PduNode(pid, pname, path, self.file, rack=rack.id,
                               feed=ref.feed, spec=spec, ref=ref)  # fmt: skip
                self.g.add_node(pid, obj=node)
                self.g.add_edge(rack.id, pid, rel="contains")
                fid = f"feed:{ref.feed}"
                if fid not in self.g:  # a site without declared feeds: feeds by name
                    feed = FeedNode(fid, ref.feed, path, self.file, spec=None)
                    self.g.add_node(fid, obj=feed)
                    self.g.add_edge("site", fid, rel="contains")
                self.g.add_edge(fid, pid, rel="power")
                ids.append(pid)
        return ids

    def _add_devices(
        self, rack: RackNode, j: int, ref: DeviceRef, pdu_ids: list[str]
    ) -> None:
        path = (*rack.path, "devices", j)
        spec = self._component(ref.model, DEVICE_KINDS, (*path, "model"))
        if spec is None:
            return
        positions = _positions(ref, spec, rack.spec)
        if positions is None:  # a list of positions of another length
            given = ref.position if isinstance(ref.position, list) else []
            self._error(
                (*path, "position"),
                f"{len(given)} positions given for count {ref.count}",
            )
            return
        cords = None
        if ref.cords is not None:
            cords = self._cords(rack, ref.cords, spec, path)
            if cords is None:
                return
        for n in range(ref.count):
            base = ref.name or spec.id
            label = base if ref.count == 1 else f"{base}-{n + 1}"
            did = f"dev:{rack.name}/{j}.{n}"
            dev = DeviceNode(did, label, path, self.file, rack=rack.id, spec=spec,
                             position=positions[n], assume=ref.assume)  # fmt: skip
            self._add_device(dev, cords, pdu_ids)

    def _cords(
        self, rack: RackNode, given: list[Cord], spec: DeviceSpec, path: DataPath
    ) -> list[tuple[str, str | None]] | None:
        psus = spec.power.psus if spec.power else None
        if psus is not None and len(given) != psus.count:
            self._error(
                (*path, "cords"),
                f"{len(given)} cords given, but {spec.id} has {psus.count} PSUs",
            )
            return None
        out: list[tuple[str, str | None]] = []
        for c, cord in enumerate(given):
            pid = f"pdu:{rack.name}/{cord.pdu}"
            if pid not in self.g:
                names = [p.name for p in self.pdus(rack)]
                self._error(
                    (*path, "cords", c, "pdu"),
                    f"rack {rack.name} has no PDU {cord.pdu!r} (it has: "
                    f"{', '.join(names) or 'none'})",
                )
                return None
            out.append((pid, cord.phase))
        return out

    def _add_device(
        self,
        dev: DeviceNode,
        cords: list[tuple[str, str | None]] | None,
        pdu_ids: list[str],
    ) -> None:
        if cords is None and pdu_ids:
            # PSU k plugs into PDU k mod n, in the order the design lists the PDUs.
            n_cords = _psu_count(dev.spec) or len(pdu_ids)
            cords = [(pdu_ids[k % len(pdu_ids)], None) for k in range(n_cords)]
        self.g.add_node(dev.id, obj=dev)
        self.g.add_edge(dev.rack, dev.id, rel="contains")
        # PSUs are the bulk of a large design's nodes: they go in with one
        # add_nodes_from / add_edges_from per rack (see _add_rack), ~3x faster.
        for k, (pid, phase) in enumerate(cords or []):
            psu = PsuNode(f"psu:{dev.id[4:]}/{k}", f"{dev.name} PSU {k + 1}", dev.path,
                          self.file, device=dev.id, pdu=pid, phase=phase,
                          feed=self.node(pid).feed)  # fmt: skip
            dev.psus.append(psu)
            self._psu_nodes.append((psu.id, {"obj": psu}))
            self._psu_edges += [(pid, psu.id, _POWER), (psu.id, dev.id, _POWER)]

    def _add_loop(self, i: int, loop: Loop) -> None:
        path = ("cooling", "loops", i)
        lid = f"loop:{loop.name}"
        if lid in self.g:
            self._error((*path, "name"), f"duplicate loop name {loop.name!r}")
            return
        node = LoopNode(lid, loop.name, path, self.file, spec=loop)
        self.g.add_node(lid, obj=node)
        self.g.add_edge("site", lid, rel="contains")
        for k, ref in enumerate(loop.cdus):
            spec = self._component(ref.model, ("cdu",), (*path, "cdus", k, "model"))
            for _ in range(ref.count if spec is not None else 0):
                n = len(node.units)
                unit = CduNode(f"cdu:{loop.name}/{n}", f"{loop.name} CDU {n + 1}",
                               (*path, "cdus", k), self.file, loop=lid, spec=spec)  # fmt: skip
                node.units.append(unit)
                self.g.add_node(unit.id, obj=unit)
                self.g.add_edge(lid, unit.id, rel="contains")
                self.g.add_edge(unit.id, lid, rel="cooling")
        for k, served in enumerate(loop.serves):
            for name in self._expand(served, (*path, "serves", k)):
                rid = f"rack:{name}"
                if rid not in self.g:
                    self._error((*path, "serves", k), f"no rack named {name!r}")
                    break
                self.g.add_edge(lid, rid, rel="cooling")


_POWER = {"rel": "power"}  # one dict for every PSU edge, shared: never changed


def _psu_count(spec: DeviceSpec) -> int:
    psus = spec.power.psus if spec.power else None
    return psus.count if psus else 0


def _positions(
    ref: DeviceRef, spec: DeviceSpec, rack_spec: Rack | RackSystem
) -> list[int | None] | None:
    """The lowest U of each instance: a list as given, or stacked from one start (by
    the height each takes in the rack's pitch: EIA U or ORv3 OpenU)."""
    from rackcheck.graph.physical import spans

    if ref.position is None:
        return [None] * ref.count
    if isinstance(ref.position, list):
        return list(ref.position) if len(ref.position) == ref.count else None
    height = spans(spec.rack_units or 0, spec, rack_spec)
    return [ref.position + n * height for n in range(ref.count)]
