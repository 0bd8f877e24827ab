"""Fabric sizing: lay the nodes out on rail leaves, then choose the tiers above with
the fewest switches (see graph/fabric/plan.py for the rules)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rackcheck.graph.fabric.ports import PlanError, split_ports

if TYPE_CHECKING:
    from rackcheck.graph.fabric.plan import Plan


def layout_nodes(p: Plan, su: int) -> None:
    """One leaf per rail per SU (more when an SU has more nodes than a leaf has down
    ports): NIC i of every node lands on rail i's leaf; then the extra endpoints."""
    d_leaf, nodes, rails = p.down_leaf, p.nodes, p.rails
    per_rail = -(-su // d_leaf)  # leaves per rail in one SU
    per_leaf = -(-su // per_rail)
    p.leaves_per_su = rails * per_rail
    n_su = -(-nodes // su)
    for s in range(n_su):
        for r in range(rails):
            for _ in range(per_rail):
                p.leaf_su.append(s)
                p.leaf_rail.append(r)
                p.leaf_down.append(0)
    for n in range(nodes):
        s, pos = divmod(n, su)
        for r in range(rails):
            leaf = s * p.leaves_per_su + r * per_rail + pos // per_leaf
            p.ep_leaf.append(leaf)
            p.leaf_down[leaf] += 1
    _place_extras(p, p.extra)


def _place_extras(p: Plan, extra: int) -> None:
    """Extra endpoints take free leaf ports, first leaves first; the rest get service
    leaves of their own (which need uplinks like any leaf)."""
    left = extra
    for leaf in range(len(p.leaf_down)):
        while left and p.leaf_down[leaf] < p.down_leaf:
            p.ep_leaf.append(leaf)
            p.leaf_down[leaf] += 1
            left -= 1
    while left:
        leaf = len(p.leaf_su)
        take = min(left, p.down_leaf)
        p.leaf_su.append(-1)
        p.leaf_rail.append(-1)
        p.leaf_down.append(take)
        p.ep_leaf += [leaf] * take
        left -= take


def _uplinks(down: int, ratio: float, free: int) -> tuple[int, int]:
    """(least, most) uplinks of a switch with `down` links held to `ratio`."""
    least = max(1, math.ceil(down / ratio - 1e-9)) if down else 1
    return least, free


def _spread(need: tuple[int, int], reach: int) -> tuple[int, int] | None:
    """(switches above, links to each): the fewest switches S, with x links from every
    switch below to each (x <= reach, the ports an upper switch has for each one
    below) and S * x uplinks within `need` (least, most). Ties: fewest uplinks."""
    least, most = need
    best: tuple[int, int] | None = None
    for x in range(1, reach + 1):
        n = -(-least // x)
        if n * x > most:
            continue
        if best is None or (n, n * x) < (best[0], best[0] * best[1]):
            best = (n, x)
    return best


def two_tier(p: Plan) -> tuple[int, int] | None:
    """(spines, links per leaf-spine pair) for 2 tiers, or None."""
    k, leaves = p.lanes.k, p.leaves
    if leaves > k:
        return None
    dmax = max(p.leaf_down, default=0)
    return _spread(_uplinks(dmax, p.ratio_leaf, k - dmax), k // leaves)


def tiers_for(p: Plan, tiers: int | None, pod_size: int | None) -> None:
    k, leaves = p.lanes.k, p.leaves
    two = two_tier(p) if tiers != 3 else None
    if tiers == 2 or (tiers is None and two is not None):
        if two is None:
            raise PlanError(
                f"2 tiers of {p.switch.id} (radix {k}) reach at most {k} leaves "
                f"({k * p.down_leaf} endpoints); this fabric needs {leaves} leaves "
                f"({p.endpoints} endpoints): use 3 tiers",
                "tiers",
            )
        spines, x = two
        p.tiers, p.pods, p.leaves_per_pod, p.spines_per_pod = 2, 1, leaves, spines
        p.up_leaf = spines * x
        return
    _three_tiers(p, pod_size)


def _three_tiers(p: Plan, pod_size: int | None) -> None:
    """Pods of whole SUs; each pod's leaves spread over its spines (x links a pair),
    spine j of every pod in core plane j (y links per spine-core pair). The pod size,
    spines and cores with the fewest switches win (ties: fewest uplinks, fewest pods);
    a partial last pod keeps a full set of spines so the core planes stay regular."""
    k, leaves, per_su = p.lanes.k, p.leaves, p.leaves_per_su
    dmax = max(p.leaf_down, default=0)
    up_leaf = _uplinks(dmax, p.ratio_leaf, k - dmax)
    d_s, _ = split_ports(k, p.ratio_spine)  # a spine's most down ports at its ratio
    if d_s < 1:
        raise PlanError(f"{p.switch.id}: too few ports for a spine tier", "switch")
    if pod_size is not None:
        sizes = [pod_size * per_su]
        if sizes[0] > d_s:
            raise PlanError(
                f"a pod of {pod_size} SUs has {sizes[0]} leaves, more than a spine's "
                f"{d_s} down ports",
                "pod_size",
            )
    else:
        step = per_su if per_su <= d_s else 1
        sizes = list(range(step, min(leaves, d_s) + 1, step)) or [min(leaves, d_s)]
    best: tuple[tuple[int, int, int, int], tuple[int, int, int, int, int]] | None = None
    for per_pod in sizes:
        pods = -(-leaves // per_pod)
        for x in range(1, k // per_pod + 1):
            sp = -(-up_leaf[0] // x)
            if sp * x > up_leaf[1]:
                continue
            down_s = per_pod * x
            up_s = _uplinks(down_s, p.ratio_spine, k - down_s)
            if up_s[0] > up_s[1] or pods > k:
                continue
            core = _spread(up_s, k // pods)
            if core is None:
                continue
            cp, y = core
            total = leaves + pods * sp + sp * cp
            key = (total, sp * x, pods, cp * y)
            if best is None or key < best[0]:
                best = (key, (per_pod, pods, sp, cp, x))
    if best is None:
        most = k * d_s * p.down_leaf
        pods = -(-leaves // max(1, min(sizes)))
        raise PlanError(
            f"3 tiers of {p.switch.id} (radix {k}) reach at most {k} pods ({most} "
            f"endpoints); this fabric needs {pods} pods ({p.endpoints} endpoints)",
            "switch",
        )
    (_, up_l, _, up_s_n), (per_pod, pods, sp, cp, x) = best
    p.tiers, p.up_leaf, p.up_spine = 3, up_l, up_s_n
    p.down_spine = per_pod * x
    p.pods, p.leaves_per_pod, p.spines_per_pod, p.cores_per_plane = (
        pods,
        per_pod,
        sp,
        cp,
    )
