"""Storage: tier interpolation, Gbit/s vs GB/s, checkpoint time and its bottleneck."""

from __future__ import annotations

from pathlib import Path

import pytest

from rackcheck.api import check
from rackcheck.graph.storage import TIERS, tier_aggregate

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("tier", sorted(TIERS))
def test_tier_passes_through_the_published_points(tier):
    s_r, s_w, r1, w1, r4, w4 = TIERS[tier]
    assert tier_aggregate(s_r, r1, r4, 32) == r1
    assert tier_aggregate(s_r, r1, r4, 128) == r4
    assert tier_aggregate(s_w, w1, w4, 128) == w4


def test_tier_interpolation_between_and_below():
    # "better": 40 GB/s at 32 nodes, 160 at 128: 100 GB/s at 80 nodes, 8 at 1 node
    assert tier_aggregate(8, 40, 160, 80) == pytest.approx(100.0)
    assert tier_aggregate(8, 40, 160, 1) == 8.0  # never below the single-node need
    assert tier_aggregate(8, 40, 160, 16) == 20.0
    assert tier_aggregate(8, 40, 160, 256) == pytest.approx(320.0)


def test_hall_storage_metrics():
    m = check([str(ROOT / "designs/hall-a-dgx-h100.yaml")]).metrics["storage"]
    assert m["gpu_nodes"] == 128
    # MLPerf Storage v1.0 DDN AI400X2T: 92,065.18 MiB/s each (DLIO's "MB" is MiB)
    assert m["aggregate_read_gbs"] == 193.075
    assert m["aggregate_basis"] == {
        "read": "measured (benchmark)",
        "write": "measured (benchmark)",
    }
    assert m["aggregate_write_gbs"] == 160.0
    assert m["required"]["aggregate_read_gbs"] == 160.0
    assert m["required"]["aggregate_write_gbs"] == 80.0
    # DGX H100: 2 x 400 Gbit/s storage ports = 100 GB/s line rate, x 0.9
    assert m["per_node_gbs"] == {"dgx-h100": 90.0}
    # 70e9 parameters x 16 B = 1.12 TB at 160 GB/s = 7 s
    assert m["checkpoint_tb"] == pytest.approx(1.12)
    assert m["checkpoint_seconds"] == pytest.approx(7.0)
    assert m["binding_constraint"] == "storage systems' aggregate write"


def test_node_bandwidth_message_prints_bits_and_bytes(write):
    path = write(
        "d.yaml",
        """\
rackcheck: 1
name: t
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
workload:
  read_per_node: "120 GB/s"
""",
    )
    [f] = [f for f in check([str(path)]).findings if f.rule_id == "STO002"]
    assert (f.location.line, f.location.column) == (7, 17)
    assert f.message == (
        "dgx-h100 storage NICs give 2 x 400.0 Gbit/s = 100.0 GB/s line rate, 90.0 GB/s "
        "at 90% protocol efficiency < 120.0 GB/s single-node read needed (stated)"
    )


def test_checkpoint_from_parameters(write):
    path = write(
        "d.yaml",
        """\
rackcheck: 1
name: t
racks:
  - name: "c{01..32}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100}
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo}
workload:
  checkpoint:
    parameters: "405B"
    bytes_per_parameter: 16
    max_write_time: "60 s"
""",
    )
    [f] = [f for f in check([str(path)]).findings if f.rule_id == "STO004"]
    assert (f.location.line, f.location.column) == (16, 21)
    # 6.48 TB / 80 GB/s = 81 s
    assert f.message == (
        "checkpoint of 6.48 TB takes 81 s at 80.0 GB/s (storage "
        "systems' aggregate write) > 60 s allowed"
    )


def test_storage_path_by_max_flow():
    m = check([str(ROOT / "designs/hall-a-dgx-h100.yaml")]).metrics["storage"]
    # the two appliances' 16 x 200 Gbit/s ports bind: 3,200 Gbit/s = 400 GB/s x 0.9
    assert m["path_gbs"] == 360.0


def test_thin_uplink_only_path_rule_fires():
    path = ROOT / "designs/broken/sto003-storage-fabric-path.yaml"
    report = check([str(path)])
    bad = [f for f in report.findings if f.severity >= 2]
    assert [(f.rule_id, f.location.line, f.location.column) for f in bad] == [
        ("STO003", 28, 11)
    ]
    assert "carries 400 Gbit/s = 50.0 GB/s line rate" in bad[0].message
    m = report.metrics["storage"]
    assert m["aggregate_read_gbs"] == pytest.approx(96.537)  # fast enough
    assert m["path_gbs"] == 45.0
    assert m["binding_constraint"] == "storage fabric path"
    assert m["checkpoint_seconds"] is None


def test_mlperf_storage_figures_are_mib_per_second():
    # MLPerf Storage v1.0 Closed: DDN AI400X2T 92,065.18 and Huawei OceanStor A800
    # 695,480.28 "MB_per_second"; DLIO (dlio_benchmark/utils/statscounter.py) computes
    # that field as samples/s x record size / 1024 / 1024, so it is MiB/s.
    from rackcheck.model.load import load_catalog

    cat = load_catalog()
    ddn, a800 = cat.get("ddn-ai400x2-turbo"), cat.get("huawei-oceanstor-a800")
    assert f"{ddn.read.to('GB/s'):.1f~P}" == "96.5 GB/s"
    assert f"{a800.read.to('GB/s'):.1f~P}" == "729.3 GB/s"
    assert (ddn.basis_of("read"), a800.basis_of("read")) == ("measured", "measured")


def test_sto001_names_the_basis_of_the_figures(write):
    path = write(
        "d.yaml",
        """\
rackcheck: 1
name: one DDN for 128 nodes at better
racks:
  - name: "c{01..32}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 4}
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo}
workload:
  storage_tier: better
""",
    )
    found = [f for f in check([str(path)]).findings if f.rule_id == "STO001"]
    assert [f.message for f in found] == [
        "storage delivers 96.5 GB/s aggregate read (1 system(s), 772 Gbit/s; measured "
        "(benchmark)) < 160.0 GB/s needed (tier 'better' for 1024 GPUs = 128 x 8-GPU "
        "DGX)",
    ]


def test_catalog_basis_per_figure_and_bad_value(write, tmp_path):
    from rackcheck.model.catalog import Storage

    entry = {
        "id": "x",
        "kind": "storage",
        "vendor": "V",
        "model": "M",
        "source": "datasheet p. 2",
        "read": "10 GB/s",
        "write": "5 GB/s",
        "basis": {"read": "measured", "write": "rated"},
    }
    s = Storage.model_validate(entry)
    assert (s.basis_of("read"), s.basis_of("write")) == ("measured", "rated")
    assert Storage.model_validate({**entry, "basis": None}).basis_of("read") is None
    import pydantic

    with pytest.raises(pydantic.ValidationError, match="basis"):
        Storage.model_validate({**entry, "basis": "guessed"})


NVL72_ROW = """\
rackcheck: 1
name: two GB200 NVL72 racks at "best"
racks:
  - name: "b{01..02}"
    model: gb200-nvl72
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo}
workload:
  storage_tier: best
"""


def test_tiers_scale_by_gpus_not_nodes(write):
    # NVIDIA DGX SuperPOD H100 RA (RA-11333-001), Storage Architecture, Table 6: the
    # guideline is per DGX H100, i.e. per 8 GPUs ("best": 40 GB/s single-node read,
    # 125 GB/s per SU of 32 DGX). Two NVL72 racks: 36 trays of 4 GPUs = 144 GPUs = 18
    # DGX-equivalents, not 36 nodes: 125 x 18 / 32 = 70.3 GB/s (36 nodes gave 140.6).
    report = check([str(write("d.yaml", NVL72_ROW))])
    m = report.metrics["storage"]
    assert (m["gpu_nodes"], m["gpus"]) == (36, 144)
    assert m["required"]["aggregate_read_gbs"] == 70.312
    assert m["required"]["basis"] == "tier 'best' for 144 GPUs = 18 x 8-GPU DGX"
    # a 4-GPU tray needs half a DGX's 40 GB/s: its 2 x 400G BlueField-3 ports (90 GB/s
    # usable) pass; a stated per-node figure is taken as written
    assert [f for f in report.findings if f.rule_id == "STO002"] == []
    from rackcheck.graph.storage import Need
    from rackcheck.units import q

    need = Need(q(40, "GB/s"), q(20, "GB/s"), None, None, "t", True, False)
    r, w = need.for_node(4)
    assert (f"{r:~P}", f"{w:~P}") == ("20.0 GB/s", "20 GB/s")


FORGOTTEN_SU = """\
rackcheck: 1
name: a second group of racks added without storage links
racks:
  - name: "c{01..04}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 2}
  - name: s01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: ddn-ai400x2-turbo}
fabrics:
  - name: storage
    role: storage
    switches:
      - {name: leaf1, model: qm9700, tier: leaf}
    links:
      - {from: {racks: ["c{01..02}"]}, to: leaf1}
      - {from: s01/ddn-ai400x2-turbo, to: leaf1, count: 8, speed: "200 Gbit/s"}
storage:
  fabric: storage
workload:
  aggregate_read: "40 GB/s"
"""


def test_sto003_names_gpu_nodes_without_a_storage_path(write):
    # Every GPU node needs a path to the storage (issue 9, item 14): c03 and c04 have
    # no storage link, so their 4 DGX are named; the linked ones carry 2 x 400G each.
    report = check([str(write("d.yaml", FORGOTTEN_SU))])
    found = [
        (f.location.line, f.location.column, f.message)
        for f in report.findings
        if f.rule_id == "STO003"
    ]
    assert found == [
        (
            21,
            11,
            "storage fabric 'storage': 4 GPU node(s) have no path to the storage: "
            "c03/dgx-h100-1, c03/dgx-h100-2, c04/dgx-h100-1, c04/dgx-h100-2",
        )
    ]


def test_sto003_names_gpu_nodes_below_their_share(write):
    # Each DGX has one 400G link to the leaf (count 1): 50 GB/s line rate x 0.9 = 45
    # GB/s < its share of 400 GB/s over 4 DGX (100 GB/s): all four are named, with
    # their figures, though the aggregate path (4 x 45 < 400 fails too) is one figure.
    text = FORGOTTEN_SU.replace(
        'aggregate_read: "40 GB/s"', 'aggregate_read: "400 GB/s"'
    )
    text = text.replace("c{01..04}", "c{01..02}")
    report = check([str(write("d.yaml", text))])
    msgs = [f.message for f in report.findings if f.rule_id == "STO003"]
    assert msgs[-1] == (
        "storage fabric 'storage': 4 GPU node(s) reach the storage below their share "
        "of the 400.0 GB/s aggregate need (stated), at 90% protocol efficiency: "
        "c01/dgx-h100-1 45.0 GB/s < 100.0 GB/s; c01/dgx-h100-2 45.0 GB/s < 100.0 GB/s; "
        "c02/dgx-h100-1 45.0 GB/s < 100.0 GB/s; c02/dgx-h100-2 45.0 GB/s < 100.0 GB/s"
    )


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "    kind: storage\n    read: 10 GB/s\n    basis: guessed\n",
            "extra.yaml:9:12: error INP002 basis: 'guessed' is not a basis: write "
            "measured or rated, or {read: ..., write: ...}",
        ),
        (
            "    kind: storage\n    basis: {read: measured, iops: rated}\n",
            "extra.yaml:8:35: error INP002 iops: Input should be 'read' or 'write'",
        ),
        (
            "    kind: rack-system\n    nvlink: {domain_gpus: 0, per_gpu: 1.8 TB/s}\n",
            "extra.yaml:8:27: error INP002 domain_gpus: Input should be greater than "
            "or equal to 1",
        ),
        (
            "    kind: rack-system\n    nvlink: {domain_gpus: 72, per_gpu: 1.8 Tbit}\n",
            "extra.yaml:8:40: error INP003 per_gpu: '1.8 Tbit' is not a byterate (it "
            "is [information]); write e.g. '12 GB/s'",
        ),
    ],
)
def test_bad_basis_and_nvlink_in_a_catalog_are_located(write, entry, expected):
    from click.testing import CliRunner

    from rackcheck.cli import cli

    cat = write(
        "extra.yaml",
        "catalog: 1\ncomponents:\n  - id: mine\n    vendor: X\n    model: Y\n"
        "    source: test\n" + entry,
    )
    design = write(
        "d.yaml",
        f"rackcheck: 1\nname: t\ncatalogs: [{cat.name}]\nracks:\n  - name: r01\n"
        "    model: apc-netshelter-sx-ar3100\n",
    )
    result = CliRunner().invoke(cli, ["check", str(design)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if "extra.yaml" in line]
    assert [line[line.index("extra.yaml") :] for line in lines] == [expected]
