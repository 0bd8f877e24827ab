"""The cable plan: one row per cable, ports in order, lengths from the layout."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from rackcheck.api import check, load_graph
from rackcheck.bom.cables import cable_plan
from rackcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent.parent
HALL = ROOT / "designs/hall-a-dgx-h100.yaml"

LAID_OUT = """\
rackcheck: 1
name: two racks and a spine
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: dgx-h100, count: 2, position: 3}
      - {model: qm9700, name: leaf, position: 40}
  - name: r02
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: qm9700, name: spine, position: 40}
layout:
  rows: [{name: A, racks: [r01, r02]}]
  pitch: "600 mm"
  slack: "2.5 m"
fabrics:
  - name: compute
    links:
      - {from: "r01/dgx-h100-{1..2}", to: r01/leaf, count: 8, medium: DAC,
         cable: mcp7y00-nxxx}
      - {from: r01/leaf, to: r02/spine, count: 4, medium: fibre,
         transceiver: mma4z00-ns}
"""


def test_hall_one_row_per_cable_matches_the_metrics():
    rows = cable_plan(load_graph(HALL))
    cables = check([str(HALL)]).metrics["fabrics"]
    total = sum(sum(f["cables"].values()) for f in cables.values())
    assert len(rows) == total == 2048 + 272 + 144
    first = rows[0]
    assert (first.cable, first.fabric, first.tier, first.from_device, first.from_port,
            first.to_device, first.to_port, first.speed_gbps) == (
        "C0001", "compute", "node-leaf", "su1-r01/dgx-h100-1", "compute1", "leaf1",
        "1/1", 400)  # fmt: skip
    assert first.transceivers == "transceiver-osfp-800g + transceiver-osfp-800g"
    assert first.length_m is None and first.length_class == ""
    ddn = [r for r in rows if r.from_device == "st01/ddn-ai400x2-turbo-1"]
    assert [r.to_port for r in ddn[:3]] == ["1/1", "1/2", "2/1"]
    assert {r.speed_gbps for r in ddn} == {200}


def test_lengths_from_the_layout_with_slack(write):
    rows = cable_plan(load_graph(write("d.yaml", LAID_OUT)))
    dac = [r for r in rows if r.tier == "node-leaf"]
    assert len(dac) == 16 and dac[0].part == "mcp7y00-nxxx"
    assert (dac[0].length_m, dac[0].length_class) == (2.5, "3 m")  # same rack: slack
    up = [r for r in rows if r.tier == "leaf-spine"]
    assert [r.from_port for r in up] == ["9/1", "9/2", "10/1", "10/2"]
    assert (up[0].length_m, up[0].length_class) == (3.1, "4 m")  # 0.6 m + 2.5 m
    assert up[0].part == "fibre-mmf-cable-4m"
    assert up[0].transceivers == "mma4z00-ns + mma4z00-ns"


def test_cli_formats(write, tmp_path):
    path = str(write("d.yaml", LAID_OUT))
    r = CliRunner().invoke(cli, ["cables", path])
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert r.exit_code == 0 and len(rows) == 20
    assert rows[-1]["length_m"] == "3.1" and rows[-1]["to_device"] == "r02/spine"
    j = CliRunner().invoke(cli, ["cables", path, "--format", "json"])
    doc = json.loads(j.output)
    assert doc["version"] == 1 and doc["cables"][0]["from_port"] == "compute1"
    out = tmp_path / "plan.xlsx"
    x = CliRunner().invoke(cli, ["cables", path, "-o", f"xlsx={out}"])
    from openpyxl import load_workbook

    ws = load_workbook(out)["cables"]
    assert x.exit_code == 0 and ws.max_row == 21 and ws["A2"].value == "C01"


def test_unreadable_design_exit_2(write, tmp_path):
    bad = write("bad.yaml", "rackcheck: 1\nname: x\nracks: [\n")
    out = tmp_path / "plan.csv"
    r = CliRunner().invoke(cli, ["cables", str(bad), "-o", f"csv={out}"])
    assert r.exit_code == 2 and "bad.yaml:4:1: error INP001" in r.output
    assert not out.exists()
