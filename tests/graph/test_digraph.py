"""The design graph's own DiGraph: networkx's layout and order, shared edge dicts."""

from __future__ import annotations

from rackcheck.graph.digraph import DiGraph


def test_add_edges_from_copies_attributes_per_edge() -> None:
    g = DiGraph()
    attrs = {"rel": "link", "fabric": "compute"}
    g.add_edges_from([("a", "b", attrs), ("a", "c", attrs)], speed=400)
    assert g.edges["a", "b"] == {"rel": "link", "speed": 400, "fabric": "compute"}
    assert list(g.edges["a", "b"]) == ["speed", "rel", "fabric"]  # networkx's order
    assert g.edges["a", "b"] is not g.edges["a", "c"]
    assert g.succ["a"]["b"] is g.pred["b"]["a"]
    assert attrs == {"rel": "link", "fabric": "compute"}


def test_add_edges_shared_keeps_one_dict_for_all_its_edges() -> None:
    g = DiGraph()
    power = {"rel": "power"}
    g.add_edges_shared([("pdu", "psu0", power), ("psu0", "dev", power)])
    assert list(g) == ["pdu", "psu0", "dev"]
    assert g.edges["pdu", "psu0"] is power
    assert g.pred["dev"]["psu0"] is power
    assert list(g.out_edges("psu0", data="rel")) == [("psu0", "dev", "power")]


def test_add_edges_shared_on_an_existing_edge_leaves_the_shared_dict_alone() -> None:
    g = DiGraph()
    rail0, rail1 = {"rel": "link", "ports": (0,)}, {"rel": "link", "ports": (1,)}
    g.add_edges_shared([("nic", "leaf", rail0), ("nic2", "leaf", rail0)])
    g.add_edges_shared([("nic", "leaf", rail1)])  # the same pair again
    assert g.edges["nic", "leaf"] == {"rel": "link", "ports": (1,)}
    assert g.succ["nic"]["leaf"] is g.pred["leaf"]["nic"]
    assert rail0 == {"rel": "link", "ports": (0,)}
    assert g.edges["nic2", "leaf"] is rail0


def test_nodes_by_attribute_in_insertion_order() -> None:
    g = DiGraph()
    g.add_node("site", obj=None)
    g.add_nodes_from([("rack:r1", {"obj": 1}), "bare", ("rack:r2", {"obj": 2})])
    g.add_nodes_from([("rack:r1", {"obj": 3})], kind="rack")
    assert list(g.nodes(data="obj")) == [
        ("site", None),
        ("rack:r1", 3),
        ("bare", None),
        ("rack:r2", 2),
    ]
    assert g.nodes["rack:r1"] == {"obj": 3, "kind": "rack"}
    assert g.nodes is g.nodes  # one view per graph
