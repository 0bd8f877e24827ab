"""Reduced fabric views: what a switch failure cuts off and the ECMP imbalance left."""

from __future__ import annotations

import numpy as np

from rackcheck.graph.fabric.bisection import bisection
from rackcheck.graph.fabric.view import FabricView
from rackcheck.scenarios.network import imbalance, reduced


def small() -> FabricView:
    """Leaves 0 and 1 (two 400G endpoints each), spines 2 and 3; leaf 0 has two links
    to spine 2, every other pair one."""
    i64 = np.int64
    return FabricView(
        "f", ["l0", "l1", "s0", "s1"],
        np.array([0, 0, 1, 1], dtype=np.int8), np.full(4, -1, i64),
        np.full(4, -1, i64), np.full(4, -1, i64),
        np.array([0, 0, 1, 1], i64), np.array([2, 3, 2, 3], i64),
        np.array([800_000, 400_000, 400_000, 400_000], i64), np.array([2, 1, 1, 1], i64),
        np.array([0, 0, 1, 1], i64), np.full(4, 400_000, i64),
        np.array([0, 1, 2, 3], i64), np.zeros(4, i64), np.full(4, -1, i64),
        ["n0", "n1", "n2", "n3"],
    )  # fmt: skip


def test_spine_failure_leaves_ecmp_imbalance():
    view = small()
    assert imbalance(view) == 1200_000 / 800_000  # 1.5 before any failure
    after, cut = reduced(view, {3}, set())
    assert cut == 0
    assert imbalance(after) == 2.0  # leaf 0: 800G up, leaf 1: 400G up
    assert bisection(after).mbps == 400_000  # leaf 1's one remaining uplink


def test_leaf_failure_cuts_off_its_endpoints():
    after, cut = reduced(small(), {0}, set())
    assert cut == 2
    assert after.endpoints == 2
    dark, cut = reduced(small(), {0}, {0})  # node 0 is dark: not counted as cut off
    assert cut == 1
