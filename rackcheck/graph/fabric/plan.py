"""Size a rail-optimized fat tree (folded Clos) with the fewest switches.

Everything is derived from the radix k (ports per switch at the endpoint speed, after
breakout: one 800G port = two 400G) and the oversubscription targets (down:up):

- A leaf has at most d down ports, the most with d + ceil(d / r) <= k. A scalable unit
  (SU) of `su_size` nodes gets one leaf per rail: NIC i of every node lands on rail i's
  leaf. Without `su_size`, every SU size that keeps 2 tiers is tried.
- A switch with e links down needs ceil(e / r) up: the ratio closest to the target and
  not above it. Balanced ECMP: every leaf has x links to every spine of its pod, every
  spine y links to every core of its plane; S * x uplinks must fit a leaf's free ports,
  L * x a spine's.
- 2 tiers while the spines reach every leaf; 3 tiers (pods of whole SUs, spine j of
  every pod in core plane j) above that. The pod size, x, S, y and C with the fewest
  switches in total win; ties go to fewer uplinks, then fewer pods. This reproduces
  NVIDIA's DGX SuperPOD tables and never takes more switches than equal link counts
  per divisor did (1,024 DGX x 8 rails on QM9700 at spine 2:1: 576, not 832).

Speeds are integers in Mbit/s inside; pint quantities are made only at the boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rackcheck.graph.fabric.ports import (  # the plan's parts, used from here too
    Lanes as Lanes,
)
from rackcheck.graph.fabric.ports import (
    PlanError as PlanError,
)
from rackcheck.graph.fabric.ports import (
    gbit as gbit,
)
from rackcheck.graph.fabric.ports import (
    lanes as lanes,
)
from rackcheck.graph.fabric.ports import (
    mbps as mbps,
)
from rackcheck.graph.fabric.ports import (
    split_ports as split_ports,
)

if TYPE_CHECKING:
    from rackcheck.model.catalog import Switch

MEDIA_KEYS = ("node_leaf", "leaf_spine", "spine_core")


@dataclass
class Plan:
    """A sized fabric: counts, and the wiring as plain lists (see `wiring`)."""

    switch: Switch
    nodes: int
    rails: int
    lanes: Lanes
    node_speed: int  # Mbit/s of the nodes' ports
    node_per_cage: int
    su_size: int
    leaves_per_su: int
    ratio_leaf: float
    ratio_spine: float
    tiers: int
    down_leaf: int
    up_leaf: int
    down_spine: int = 0
    up_spine: int = 0
    extra: int = 0
    media: dict[str, str] = field(default_factory=dict)
    # wiring
    leaf_su: list[int] = field(default_factory=list)  # -1: a service leaf for extras
    leaf_rail: list[int] = field(default_factory=list)  # -1: no rail
    leaf_down: list[int] = field(default_factory=list)  # endpoints on each leaf
    ep_leaf: list[int] = field(
        default_factory=list
    )  # per endpoint (nodes x rails, extras)
    pods: int = 1
    leaves_per_pod: int = 0
    spines_per_pod: int = 0
    cores_per_plane: int = 0

    # -- counts ---------------------------------------------------------------
    @property
    def speed(self) -> int:
        """Every link of the fabric runs at this many Mbit/s: the slower end."""
        return min(self.node_speed, self.lanes.lane)

    @property
    def endpoints(self) -> int:
        return self.nodes * self.rails + self.extra

    @property
    def leaves(self) -> int:
        return len(self.leaf_su)

    @property
    def spines(self) -> int:
        return self.pods * self.spines_per_pod

    @property
    def cores(self) -> int:
        return self.spines_per_pod * self.cores_per_plane if self.tiers == 3 else 0

    def names(self) -> list[str]:
        """Switch names, leaves then spines then cores: leaf7, spine2-5, core3-1."""
        out = [f"leaf{i + 1}" for i in range(self.leaves)]
        for pod in range(self.pods):
            for j in range(self.spines_per_pod):
                out.append(
                    f"spine{pod + 1}-{j + 1}" if self.tiers == 3 else f"spine{j + 1}"
                )
        for j in range(self.spines_per_pod if self.tiers == 3 else 0):
            out += [f"core{j + 1}-{c + 1}" for c in range(self.cores_per_plane)]
        return out

    def leaf_pod(self, leaf: int) -> int:
        return leaf // self.leaves_per_pod

    def leaf_spine_links(self) -> int:
        return self.up_leaf // self.spines_per_pod  # per (leaf, spine) pair

    def spine_core_links(self) -> int:
        return self.up_spine // self.cores_per_plane if self.tiers == 3 else 0

    def cables(self) -> dict[str, int]:
        return {
            "node_leaf": self.endpoints,
            "leaf_spine": self.leaves * self.up_leaf,
            "spine_core": self.spines * self.up_spine if self.tiers == 3 else 0,
        }

    def spine_down(self) -> list[int]:
        """Down links in use on each spine (a partial last pod uses fewer)."""
        per_pair = self.leaf_spine_links()
        out = []
        for p in range(self.pods):
            in_pod = min(self.leaves_per_pod, self.leaves - p * self.leaves_per_pod)
            out += [in_pod * per_pair] * self.spines_per_pod
        return out

    def transceivers(self) -> dict[str, int]:
        """Optical modules: switch side per cage (a twin-port cage holds one), node side
        per node cage. Tiers whose medium is DAC/ACC/AOC need none."""
        per_cage = self.lanes.per_cage * self.lanes.split
        optic = {
            k: self.media.get(k, "transceiver") == "transceiver" for k in MEDIA_KEYS
        }

        def cages(links: int) -> int:
            return -(-links // per_cage)

        switch = 0
        if optic["node_leaf"]:
            switch += sum(cages(d) for d in self.leaf_down)
        if optic["leaf_spine"]:
            switch += self.leaves * cages(self.up_leaf)
            switch += sum(cages(d) for d in self.spine_down())
        if self.tiers == 3 and optic["spine_core"]:
            switch += self.spines * cages(self.up_spine)
            per_core = self.pods * self.spine_core_links()
            switch += self.cores * cages(per_core)
        node = 0
        if optic["node_leaf"]:
            node = self.nodes * -(-self.rails // self.node_per_cage) + self.extra
        return {"switch": switch, "node": node}

    def oversubscription(self) -> dict[str, float | None]:
        """Worst switch of each tier: down / up capacity (all links run one speed)."""
        leaf = max(self.leaf_down) / self.up_leaf if self.up_leaf else None
        spine = None
        if self.tiers == 3 and self.up_spine:
            spine = max(self.spine_down()) / self.up_spine
        return {"leaf": leaf, "spine": spine}

    def tier_oversubscription(self) -> dict[str, float | None]:
        """Each tier as a whole: all its down capacity over all its up capacity."""
        leaf = (
            sum(self.leaf_down) / (self.leaves * self.up_leaf) if self.up_leaf else None
        )
        spine = None
        if self.tiers == 3 and self.up_spine:
            spine = sum(self.spine_down()) / (self.spines * self.up_spine)
        return {"leaf": leaf, "spine": spine}

    def switch_power_kw(self) -> float | None:
        """Total switch power, or None when the catalog has no power figure."""
        power = self.switch.power
        each = None
        if power is not None:
            each = power.max if power.max is not None else power.typical
        if each is None:
            return None
        return float(each.to("kW").magnitude) * (self.leaves + self.spines + self.cores)

    def analytic_bisection(self) -> int:
        """Fat-tree bisection in Mbit/s: half the narrowest of injection, leaf uplinks
        (when there are leaves on both sides) and spine uplinks (pods on both sides):
        a cut between halves of the leaves (pods) crosses half of that layer."""
        s = self.speed
        half = (self.nodes + self.extra) // 2  # endpoints on the smaller side
        few = min(self.extra, half)  # single-port extras inject least
        layers = [(few + (half - few) * self.rails) * s * 2]
        if self.leaves > 1:
            layers.append(self.leaves * self.up_leaf * s)
        if self.tiers == 3 and self.pods > 1:
            layers.append(self.spines * self.up_spine * s)
        return min(layers) // 2

    def max_endpoints(self) -> dict[str, int]:
        """The radix limits: k x d in 2 tiers (k^2/2 at 1:1), k x d_s x d in 3
        (k^3/4 at 1:1)."""
        k = self.lanes.k
        d_s, _ = split_ports(k, self.ratio_spine)
        return {"2_tier": k * self.down_leaf, "3_tier": k * d_s * self.down_leaf}


def plan(
    switch: Switch,
    nodes: int,
    rails: int,
    *,
    node_speed: int | None = None,
    node_per_cage: int = 1,
    su_size: int | None = None,
    pod_size: int | None = None,
    extra: int = 0,
    ratio_leaf: float | None = None,
    ratio_spine: float | None = None,
    tiers: int | None = None,
    media: dict[str, str] | None = None,
) -> Plan:
    """Size the fabric with the fewest switches; raises PlanError (with the option at
    fault) when it cannot be built. `node_speed` in Mbit/s (None: the switch's fastest
    native speed). Without `su_size`, every SU size that keeps 2 tiers is tried (the
    same number of SUs with fewer nodes each needs fewer uplinks)."""
    if nodes < 1 and extra < 1:
        raise PlanError("a fabric needs at least one endpoint", "nodes")
    if rails < 1:
        raise PlanError("rails must be at least 1", "rails")
    ln = lanes(switch, node_speed)
    node_speed = ln.lane if node_speed is None else node_speed
    r_leaf, r_spine = ratio_leaf or 1.0, ratio_spine or 1.0
    d_leaf, u_leaf = split_ports(ln.k, r_leaf)
    if d_leaf < 1 or u_leaf < 1:
        raise PlanError(
            f"{switch.id} has {ln.k} ports: too few for a leaf at {r_leaf:g}:1",
            "switch",
        )

    from rackcheck.graph.fabric.tiers import layout_nodes, tiers_for, two_tier

    def layout(su: int) -> Plan:
        p = Plan(switch, nodes, rails, ln, node_speed, node_per_cage, su, 0, r_leaf,
                 r_spine, 0, d_leaf, u_leaf, extra=extra, media=dict(media or {}))  # fmt: skip
        layout_nodes(p, su)
        return p

    if su_size is None and tiers != 3 and nodes > 0:
        best: tuple[int, int] | None = None
        for n_su in range(-(-nodes // d_leaf), nodes + 1):
            if n_su * rails > ln.k:
                break
            su = -(-nodes // n_su)
            if best is not None and su == best[1]:
                continue
            cand = layout(su)
            found = two_tier(cand)
            if found is not None and (best is None or found[0] + cand.leaves < best[0]):
                best = (found[0] + cand.leaves, su)
        if best is not None:
            p = layout(best[1])
            tiers_for(p, 2, pod_size)
            return p
    p = layout(su_size or d_leaf)
    tiers_for(p, tiers, pod_size)
    return p


def summary(
    p: Plan, bisection_mbps: int | None = None, cut: str | None = None
) -> dict[str, Any]:
    """The sizing as plain data: the JSON of `rackcheck fabric size` and of
    `metrics.fabrics.<name>` for a generated fabric."""
    over = p.oversubscription()
    power = p.switch_power_kw()
    return {
        "switch": p.switch.id,
        "radix": p.lanes.k,
        "link_speed_gbps": p.speed / 1000,
        "nodes": p.nodes,
        "rails": p.rails,
        "su_size": p.su_size,
        "scalable_units": -(-p.nodes // p.su_size) if p.nodes else 0,
        "endpoints": p.endpoints,
        "tiers": p.tiers,
        "pods": p.pods if p.tiers == 3 else None,
        "leaf": p.leaves,
        "spine": p.spines,
        "core": p.cores,
        "cables": p.cables(),
        "transceivers": p.transceivers(),
        "switch_power_kw": None if power is None else round(power, 3),
        "bisection_gbps": None if bisection_mbps is None else bisection_mbps / 1000,
        "bisection_cut": cut,
        "bisection_analytic_gbps": p.analytic_bisection() / 1000,
        "oversubscription": {
            k: None if v is None else round(v, 4) for k, v in over.items()
        },
        "oversubscription_tier": {
            k: None if v is None else round(v, 4)
            for k, v in p.tier_oversubscription().items()
        },
        "max_endpoints": p.max_endpoints(),
    }
