"""The derived BOM: quantities from the graph the checks use, in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from rackcheck.api import check, load_graph
from rackcheck.bom import derive_bom
from rackcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent.parent
HALL = ROOT / "designs/hall-a-dgx-h100.yaml"
ONE = ROOT / "designs/one-rack-dgx-h100.yaml"


def _qty(bom, line_id, for_=None):
    return sum(x.quantity for x in bom.lines
               if x.id == line_id and (for_ is None or x.for_ == for_))  # fmt: skip


def test_hall_counts_match_the_metrics():
    bom = derive_bom(load_graph(HALL))
    fabrics = check([str(HALL)]).metrics["fabrics"]
    comp = fabrics["compute"]
    assert _qty(bom, "dgx-h100") == 128
    assert _qty(bom, "apc-netshelter-sx-ar3100") == 33
    assert _qty(bom, "pdu-415v-3ph-60a-apc") == 32 * 3 + 2
    assert _qty(bom, "power-cord-c19-c20") == 128 * 6  # one cord per PSU, C20 inlet
    assert _qty(bom, "qm9700", "fabric compute, leaf") == comp["leaf"] == 32
    assert _qty(bom, "qm9700", "fabric compute, spine") == comp["spine"] == 16
    assert _qty(bom, "qm9700", "fabric storage, leaf") == 9
    sides = {x.for_: x.quantity for x in bom.lines if x.kind == "transceiver"}
    assert sides == {
        "fabric compute, switch side": comp["transceivers"]["switch"],
        "fabric compute, node side": comp["transceivers"]["node"],
    }
    assert comp["transceivers"] == {"switch": 1536, "node": 512}
    fibre = {x.for_: x.quantity for x in bom.lines if x.id == "fibre-cable"}
    assert fibre == {"fabric compute, node-leaf": comp["cables"]["node_leaf"],
                     "fabric compute, leaf-spine": comp["cables"]["leaf_spine"]}  # fmt: skip
    storage = fabrics["storage"]["cables"]
    assert (
        _qty(bom, "cable-400g", "fabric storage, leaf-spine") == storage["leaf_spine"]
    )
    node_leaf = _qty(bom, "cable-400g", "fabric storage, node-leaf") + _qty(
        bom, "cable-200g", "fabric storage, node-leaf"
    )
    assert node_leaf == storage["node_leaf"] == 256 + 16


def test_line_carries_part_number_and_why():
    bom = derive_bom(load_graph(HALL))
    pdu = next(x for x in bom.lines if x.id == "pdu-415v-3ph-60a-apc")
    assert (pdu.kind, pdu.part_number) == ("pdu", "APDU11450ME")
    assert pdu.for_ == "33 racks: su1-r01 ... st01"
    sw = next(x for x in bom.lines if x.id == "qm9700")
    assert sw.part_number == "MQM9700-NS2F"


def test_json_contract():
    r = CliRunner().invoke(cli, ["bom", str(ONE), "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert doc["version"] == 1 and doc["design"] == "one-rack-dgx-h100"
    assert all(list(x) == ["id", "kind", "part_number", "description", "quantity",
                           "for"] for x in doc["lines"])  # fmt: skip
    dgx = next(x for x in doc["lines"] if x["id"] == "dgx-h100")
    assert (dgx["kind"], dgx["quantity"], dgx["for"]) == ("server", 4, "rack r01")


def test_csv_and_text():
    r = CliRunner().invoke(cli, ["bom", "--format", "csv", str(ONE)])
    rows = list(csv.DictReader(io.StringIO(r.output)))
    cords = next(x for x in rows if x["id"] == "power-cord-c19-c20")
    assert (cords["section"], cords["quantity"]) == ("power", "24")
    t = CliRunner().invoke(cli, ["bom", str(ONE)])
    assert "  4  dgx-h100    NVIDIA DGX H100  [rack r01]" in t.output.splitlines()
    assert (
        "  24  power-cord-c19-c20                 power cord, IEC 60320 C19 to C20  "
        "[rack r01]" in t.output.splitlines()
    )


def test_xlsx_sheets_and_determinism(tmp_path):
    from openpyxl import load_workbook

    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (a, b):
        r = CliRunner().invoke(cli, ["bom", str(HALL), "-o", f"xlsx={out}"])
        assert r.exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    wb = load_workbook(a)
    assert wb.sheetnames == ["summary", "racks", "power", "systems", "switches",
                             "cables", "transceivers"]  # fmt: skip
    summary = {r[0]: r[1] for r in wb["summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["qm9700"] == 61 and summary["transceiver-osfp-800g"] == 2048


def test_missing_design_exit_2_nothing_written(tmp_path):
    out = tmp_path / "bom.json"
    r = CliRunner().invoke(
        cli, ["bom", str(tmp_path / "nope.yaml"), "-o", f"json={out}"]
    )
    assert r.exit_code == 2 and "nope.yaml:1:1: error INP001" in r.output
    assert not out.exists()


def test_bad_output_spec_is_usage_error():
    r = CliRunner().invoke(cli, ["bom", str(ONE), "-o", "pdf=x.pdf"])
    assert r.exit_code == 2 and "FORMAT=PATH" in r.output


def test_power_shelf_psus_and_cdus(write):
    path = write(
        "d.yaml",
        """\
rackcheck: 1
name: shelves
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
    devices:
      - {model: orv3-power-shelf-33kw, count: 2}
cooling:
  loops:
    - {name: l1, cdus: [{model: cdu-vertiv-xdu1350, count: 2}], serves: [r01]}
""",
    )
    bom = derive_bom(load_graph(path))
    assert _qty(bom, "orv3-power-shelf-33kw") == 2
    assert _qty(bom, "psu-orv3-5500w") == 12  # 6 per shelf
    assert _qty(bom, "cdu-vertiv-xdu1350", "loop l1") == 2
    assert any("manifolds" in n for n in bom.notes)
