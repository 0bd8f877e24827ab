"""Issue 9, network items: figures that were wrong or silent before, each with the
source of the right figure."""

from __future__ import annotations

from rackcheck.api import check

STRANDED_LEAF = """\
rackcheck: 1
name: leaf2 has endpoints and no uplink
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4, position: 3}
fabrics:
  - name: compute
    oversubscription: "1:1"
    switches:
      - {name: "leaf{1..2}", model: qm9700}
      - {name: "spine{1..2}", model: qm9700}
    links:
      - {from: "r01/dgx-h100-{1..2}", to: leaf1, count: 8}
      - {from: "r01/dgx-h100-{3..4}", to: leaf2, count: 8}
      - {from: leaf1, to: "spine{1..2}", count: 8}
"""


def test_leaf_without_uplinks_is_infinitely_oversubscribed(write):
    # A leaf whose endpoints cannot leave it: down 16 x 400G, up 0, so down/up is
    # unbounded (the definition of oversubscription, NET004's docstring); before the
    # fix the leaf was skipped and the 1:1 target passed.
    report = check([str(write("d.yaml", STRANDED_LEAF))])
    net = [
        (f.rule_id, f.location.line, f.location.column, f.message)
        for f in report.findings
        if f.rule_id == "NET004"
    ]
    assert net == [
        (
            "NET004",
            10,
            23,
            "fabric compute: leaf tier oversubscribed 2:1 (down 12.8 Tbit/s, up 6.4 "
            "Tbit/s); worst leaf2 1:0 (no uplink) > target 1:1",
        )
    ]
    fab = report.metrics["fabrics"]["compute"]
    assert fab["oversubscription"]["leaf"] == "inf"
    assert fab["oversubscription_tier"]["leaf"] == 2.0


def test_a_lone_switch_needs_no_uplink(write):
    one = STRANDED_LEAF.replace('"leaf{1..2}"', "leaf1").replace(
        '      - {name: "spine{1..2}", model: qm9700}\n', ""
    )
    one = one.replace("to: leaf2", "to: leaf1").replace(
        '      - {from: leaf1, to: "spine{1..2}", count: 8}\n', ""
    )
    report = check([str(write("d.yaml", one))])
    assert [f.rule_id for f in report.findings if f.rule_id == "NET004"] == []
