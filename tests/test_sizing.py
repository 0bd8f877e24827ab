"""Fabric sizing: derived from the radix, checked against NVIDIA's published counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rackcheck.api import size_fabric
from rackcheck.findings import InputError

# NVIDIA DGX SuperPOD H100 / B200 reference architectures, "larger SuperPOD component
# counts": QM9700 (64 x 400G), 32 DGX per SU, 8 rails, full fat tree.
# (SU, nodes, GPUs, leaf, spine, core, node-leaf, leaf-spine, spine-core)
SUPERPOD = [
    (2, 64, 512, 16, 8, 0, 512, 512, 0),
    (4, 128, 1024, 32, 16, 0, 1024, 1024, 0),
    (8, 256, 2048, 64, 32, 0, 2048, 2048, 0),
    (16, 512, 4096, 128, 128, 64, 4096, 4096, 4096),
    (32, 1024, 8192, 256, 256, 128, 8192, 8192, 8192),
    (64, 2048, 16384, 512, 512, 256, 16384, 16384, 16384),
]

# NVIDIA DGX SuperPOD B300 with Quantum-X800 (Q3400, 144 x 800G), component-count table:
# (SU, nodes, leaf, spine, node-leaf, leaf-spine). 72 DGX per SU; note 18 and 36 spines.
B300_XDR = [
    (1, 72, 8, 4, 576, 576),
    (2, 144, 16, 8, 1152, 1152),
    (4, 288, 32, 18, 2304, 2304),
    (8, 576, 64, 36, 4608, 4608),
    (18, 1296, 144, 72, 10368, 10368),
]


@pytest.mark.parametrize("row", SUPERPOD, ids=[f"{r[0]}SU" for r in SUPERPOD])
def test_superpod_h100_counts(row):
    su, nodes, gpus, leaf, spine, core, n_l, l_s, s_c = row
    r = size_fabric(nodes, 8, "qm9700", node="dgx-h100")
    assert r["endpoints"] == gpus
    assert r["scalable_units"] == su and r["su_size"] == 32
    assert (r["leaf"], r["spine"], r["core"]) == (leaf, spine, core)
    assert r["cables"] == {"node_leaf": n_l, "leaf_spine": l_s, "spine_core": s_c}
    assert r["tiers"] == (3 if core else 2)
    assert r["oversubscription"]["leaf"] == 1.0
    # non-blocking: bisection = half of nodes x 8 x 400 Gbit/s, by max-flow and analytic
    assert r["bisection_gbps"] == r["bisection_analytic_gbps"] == gpus * 400 / 2


@pytest.mark.parametrize("row", B300_XDR, ids=[f"{r[0]}SU" for r in B300_XDR])
def test_q3400_matches_superpod_b300_xdr(row):
    su, nodes, leaf, spine, n_l, l_s = row
    r = size_fabric(nodes, 8, "q3400")
    assert (r["radix"], r["link_speed_gbps"], r["su_size"]) == (144, 800.0, 72)
    assert (r["tiers"], r["leaf"], r["spine"], r["core"]) == (2, leaf, spine, 0)
    assert r["cables"] == {"node_leaf": n_l, "leaf_spine": l_s, "spine_core": 0}


def test_radix_limits():
    assert size_fabric(64, 8, "qm9700")["max_endpoints"] == {
        "2_tier": 2048,
        "3_tier": 65536,
    }
    q3400 = size_fabric(72, 8, "q3400")["max_endpoints"]
    assert q3400 == {"2_tier": 144**2 // 2, "3_tier": 144**3 // 4}
    sn5600 = size_fabric(64, 8, "sn5600", speed="400 Gbit/s")
    assert sn5600["radix"] == 128  # 64 x 800G split 2 x 400G
    assert sn5600["max_endpoints"] == {"2_tier": 8192, "3_tier": 524288}


def test_sn5600_breakout_consistent_with_qm9700():
    """128 x 400G after breakout: half the switches of a QM9700 fabric, same lanes."""
    qm = size_fabric(128, 8, "qm9700", node="dgx-h100")
    sn = size_fabric(128, 8, "sn5600", node="dgx-h100")
    assert (sn["radix"], sn["su_size"], sn["leaf"], sn["spine"]) == (128, 64, 16, 8)
    assert (qm["leaf"] + qm["spine"]) * 64 == (sn["leaf"] + sn["spine"]) * 128
    assert sn["cables"] == qm["cables"]
    assert sn["bisection_gbps"] == qm["bisection_gbps"] == 204800.0
    # the SuperPOD's 32-node SU on SN5600: 32 uplinks per leaf keep 1:1, spread over
    # 8 spines (4 links a pair) -- not 16 spines with the leaves at 1:2 (issue 9)
    half = size_fabric(128, 8, "sn5600", node="dgx-h100", su_size=32)
    assert (half["leaf"], half["spine"], half["oversubscription"]["leaf"]) == (
        32,
        8,
        1.0,
    )


def test_two_and_three_tier_boundary():
    assert size_fabric(256, 8, "qm9700")["tiers"] == 2  # 64 leaves = k
    r = size_fabric(257, 8, "qm9700")
    # fewest switches: 9 pods of one SU (8 spines, 4 links per leaf-spine pair), 8
    # core planes of 8 cores: 208 switches (pods of 4 SUs took 232)
    assert (r["tiers"], r["leaf"], r["pods"]) == (3, 72, 9)
    assert (r["spine"], r["core"]) == (72, 64)


def test_65536_gpus_is_the_three_tier_limit():
    r = size_fabric(8192, 8, "qm9700", node="dgx-h100")
    assert (r["tiers"], r["pods"], r["leaf"], r["spine"], r["core"]) == (
        3,
        64,
        2048,
        2048,
        1024,
    )
    assert r["bisection_gbps"] == 65536 * 400 / 2
    with pytest.raises(InputError, match=r"at most 64 pods \(65536 endpoints\)"):
        size_fabric(8193, 8, "qm9700")


def test_extra_endpoints_use_free_ports_then_a_service_leaf():
    # 127 DGX leave one free port per rail leaf: 4 UFM appliances fit
    r = size_fabric(127, 8, "qm9700", extra_endpoints=4)
    assert (r["endpoints"], r["leaf"], r["spine"]) == (1020, 32, 16)
    # 128 DGX fill every leaf: a 33rd leaf, and balanced ECMP needs 32 spines
    r = size_fabric(128, 8, "qm9700", extra_endpoints=4)
    assert (r["endpoints"], r["leaf"], r["spine"]) == (1028, 33, 32)


def test_oversubscribed_leaf():
    r = size_fabric(96, 8, "qm9700", oversubscription="3:1")
    assert (r["su_size"], r["leaf"], r["spine"]) == (48, 16, 4)  # 48 down, 16 up
    assert r["oversubscription"]["leaf"] == 3.0
    assert r["bisection_gbps"] == r["bisection_analytic_gbps"] == 16 * 16 * 400 / 2
    assert size_fabric(96, 8, "qm9700", oversubscription="1:3") == r  # same ratio


def test_three_tier_with_oversubscribed_spines():
    r = size_fabric(
        1792,
        8,
        "sn5600",
        speed="400 Gbit/s",
        tiers=3,
        oversubscription={"leaf": "1:1", "spine": "1:7"},
    )
    # fewest switches: 4 pods of 56 leaves, 32 spines each with 2 links per leaf (112
    # down, 16 up: 7:1); 32 core planes of one core taking 4 x 16 links (2 pods of 112
    # leaves took 64 cores)
    assert (r["pods"], r["leaf"], r["spine"], r["core"]) == (4, 224, 128, 32)
    assert r["oversubscription"] == {"leaf": 1.0, "spine": 7.0}
    full = 1792 * 8 * 400 / 2
    assert r["bisection_gbps"] == r["bisection_analytic_gbps"] == full / 7
    assert r["bisection_cut"] in ("index", "pod", "spectral")


def test_transceivers_count_twin_port_cages_once():
    r = size_fabric(64, 8, "qm9700", node="dgx-h100")
    # switch side: (16 leaves + 8 spines) x 64 ports / 2 per OSFP cage
    # node side: a DGX H100 has its 8 compute ports in 4 twin-port OSFP cages
    assert r["transceivers"] == {"switch": 24 * 64 // 2, "node": 64 * 4}


def test_switch_power_unknown_is_null():
    assert size_fabric(64, 8, "qm9700")["switch_power_kw"] is None


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (
            (64, 8, "qm97000"),
            {},
            "switch: no switch 'qm97000' in the catalog; did you mean 'qm9700'",
        ),
        ((64, 0, "qm9700"), {}, "rails: rails must be at least 1"),
        (
            (512, 8, "qm9700"),
            {"tiers": 2},
            "tiers: 2 tiers of qm9700 (radix 64) reach at most 64",
        ),
        ((64, 9, "qm9700"), {"node": "dgx-h100"}, "rails: 9 rails, but dgx-h100 has 8"),
        (
            (64, 8, "qm9700"),
            {"oversubscription": "fast"},
            "oversubscription: 'fast' is not",
        ),
        ((64, 8, "qm9700"), {"speed": "400 GB"}, "speed: '400 GB' is not a bitrate"),
    ],
)
def test_bad_input_is_an_input_error(args, kwargs, message):
    with pytest.raises(InputError) as exc:
        size_fabric(*args, **kwargs)
    f = exc.value.findings[0]
    assert f.rule_id.startswith("INP") and f.message.startswith(message)


@settings(max_examples=40, deadline=None)
@given(
    nodes=st.integers(2, 700),
    rails=st.integers(1, 8),
    ratio=st.sampled_from(["1:1", "2:1", "3:1"]),
    switch=st.sampled_from(["qm9700", "q3400"]),
)
def test_invariants(nodes, rails, ratio, switch):
    from rackcheck.graph.fabric.plan import plan
    from rackcheck.graph.fabric.view import from_plan
    from rackcheck.model.fabric import ratio_value
    from rackcheck.model.load import load_catalog

    spec = load_catalog().get(switch)
    p = plan(spec, nodes, rails, ratio_leaf=ratio_value(ratio))
    k = p.lanes.k
    view = from_plan(p)
    # no switch uses more lanes than it has; ECMP: every leaf as many links per spine
    assert max(p.leaf_down) + p.up_leaf <= k
    assert p.up_leaf % p.spines_per_pod == 0
    assert max(p.spine_down()) + p.up_spine <= k
    lanes = view.pcount.tolist()
    assert len(set(lanes[: p.leaves * p.spines_per_pod])) == 1
    r = size_fabric(nodes, rails, switch, oversubscription=ratio)
    # bisection never exceeds full bisection (whole nodes on each side: floor(n/2)
    # nodes' injection); a full fat tree attains it
    half = nodes // 2 * rails * r["link_speed_gbps"]
    assert r["bisection_gbps"] <= half
    if ratio == "1:1":
        assert r["bisection_gbps"] == r["bisection_analytic_gbps"] == half
    # more nodes never need fewer leaves
    more = size_fabric(nodes + 1, rails, switch, oversubscription=ratio)
    assert more["leaf"] >= r["leaf"]
