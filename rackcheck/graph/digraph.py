"""A directed graph as dicts: the part of `networkx.DiGraph` the design graph uses.

The design graph is a container (nodes with an `obj`, edges with a `rel`); no networkx
algorithm runs on it, and importing networkx costs ~100 ms of every cold check. This
class keeps networkx's layout and order (nodes and neighbours in insertion order, one
attribute dict per edge shared by `succ` and `pred`), so every query answers in the
same order as before. networkx itself is imported only where its algorithms run
(graph/fabric/bisection.py: Kernighan-Lin, on small fabrics only).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from operator import methodcaller
from typing import Any

Attrs = dict[str, Any]


class NodeView(Mapping[str, Attrs]):
    """`g.nodes[n]` is n's attribute dict; `g.nodes(data="obj")` yields (n, obj)."""

    def __init__(self, nodes: dict[str, Attrs]) -> None:
        self._nodes = nodes

    def __getitem__(self, n: str) -> Attrs:
        return self._nodes[n]

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def __call__(self, data: str) -> Iterator[tuple[str, Any]]:
        # zip/map run in C: `nodes(cls)` walks all ~80,000 nodes of a large design
        values = map(methodcaller("get", data), self._nodes.values())
        return zip(self._nodes, values, strict=True)


class EdgeView:
    """`g.edges[u, v]` is the edge's attribute dict."""

    def __init__(self, succ: dict[str, dict[str, Attrs]]) -> None:
        self._succ = succ

    def __getitem__(self, e: tuple[str, str]) -> Attrs:
        return self._succ[e[0]][e[1]]


class DiGraph:
    """Nodes with attributes, directed edges with attributes; at most one edge u->v."""

    def __init__(self) -> None:
        self._node: dict[str, Attrs] = {}
        self._succ: dict[str, dict[str, Attrs]] = {}
        self._pred: dict[str, dict[str, Attrs]] = {}
        # One view each, made once (as networkx caches them): `g.nodes[n]` is asked
        # ~150,000 times of a 65,536-GPU design.
        self._nodes_view = NodeView(self._node)
        self._edges_view = EdgeView(self._succ)

    def __contains__(self, n: object) -> bool:
        try:
            return n in self._node
        except TypeError:
            return False

    def __iter__(self) -> Iterator[str]:
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)

    @property
    def nodes(self) -> NodeView:
        return self._nodes_view

    @property
    def edges(self) -> EdgeView:
        return self._edges_view

    @property
    def succ(self) -> Mapping[str, Mapping[str, Attrs]]:
        return self._succ

    @property
    def pred(self) -> Mapping[str, Mapping[str, Attrs]]:
        return self._pred

    def _ensure(self, n: str) -> None:
        if n not in self._node:
            self._succ[n] = {}
            self._pred[n] = {}
            self._node[n] = {}

    def add_node(self, n: str, **attr: Any) -> None:
        self._ensure(n)
        self._node[n].update(attr)

    def add_nodes_from(self, nodes: Iterable[Any], **attr: Any) -> None:
        """Each item a node id or a (node id, attribute dict) pair."""
        node, succ, pred = self._node, self._succ, self._pred
        for item in nodes:  # _ensure inlined: called for ~100,000 nodes at a time
            if isinstance(item, tuple):
                n, own = item
            else:
                n, own = item, None
            data = node.get(n)
            if data is None:
                succ[n] = {}
                pred[n] = {}
                node[n] = {**attr, **own} if own else dict(attr)
            else:
                data.update(attr)
                if own:
                    data.update(own)

    def add_edge(self, u: str, v: str, **attr: Any) -> None:
        self._ensure(u)
        self._ensure(v)
        data = self._succ[u].get(v, {})
        data.update(attr)
        self._succ[u][v] = data
        self._pred[v][u] = data

    def add_edges_from(self, edges: Iterable[tuple[Any, ...]], **attr: Any) -> None:
        """Each item (u, v) or (u, v, attribute dict); `attr` applies to all. Every
        new edge gets its own attribute dict, shared by `succ` and `pred`."""
        node, succ, pred = self._node, self._succ, self._pred
        for e in edges:  # _ensure inlined: ~330,000 edges of a 65,536-GPU design
            if len(e) == 3:
                u, v, own = e
            else:
                (u, v), own = e, None
            if u not in node:
                succ[u] = {}
                pred[u] = {}
                node[u] = {}
            if v not in node:
                succ[v] = {}
                pred[v] = {}
                node[v] = {}
            out = succ[u]
            data = out.get(v)
            if data is None:
                data = out[v] = pred[v][u] = {**attr, **own} if own else dict(attr)
            else:
                data.update(attr)
                if own:
                    data.update(own)

    def add_edges_shared(self, edges: Iterable[tuple[str, str, Attrs]]) -> None:
        """Each item (u, v, attribute dict), the dict kept as it is, not copied: one
        dict serves every edge that names it (a generated fabric's links, the PSU
        cords: ~300,000 edges of a 65,536-GPU design, ~60 MB of copies), so nothing
        may change it in place. An edge already there gets a new dict with the
        attributes added, as add_edges_from would give it."""
        node, succ, pred = self._node, self._succ, self._pred
        for u, v, attrs in edges:
            if u not in node:
                succ[u] = {}
                pred[u] = {}
                node[u] = {}
            if v not in node:
                succ[v] = {}
                pred[v] = {}
                node[v] = {}
            out = succ[u]
            data = out.get(v)
            out[v] = pred[v][u] = attrs if data is None else {**data, **attrs}

    def has_edge(self, u: str, v: str) -> bool:
        return u in self._succ and v in self._succ[u]

    def out_edges(self, n: str, data: str | bool) -> Iterator[tuple[str, str, Any]]:
        """(n, successor, the edge's `data` attribute, or all of them if True) for
        each edge out of n."""
        for v, d in self._succ.get(n, {}).items():
            yield n, v, _pick(d, data)

    def in_edges(self, n: str, data: str | bool) -> Iterator[tuple[str, str, Any]]:
        """(predecessor, n, the edge's `data` attribute, or all of them if True) for
        each edge into n."""
        for u, d in self._pred.get(n, {}).items():
            yield u, n, _pick(d, data)


def _pick(attrs: Attrs, data: str | bool) -> Any:
    return attrs if data is True else attrs.get(str(data))
