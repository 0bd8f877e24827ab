"""`rackcheck bom check`: BOM001-BOM006, located, in every format of `check`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from rackcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent.parent
HALL = str(ROOT / "designs/hall-a-dgx-h100.yaml")
ONE = str(ROOT / "designs/one-rack-dgx-h100.yaml")
VENDOR = ROOT / "designs/vendor-boms/hall-a-dgx-h100-vendor"
HEAD = "Part Number,Description,Qty,Unit Price,Currency\n"
CLEAN = "AR3100,,1,,\nAPDU11450ME,,3,,\npower-cord-c19-c20,,24,,\ndgx-h100,,4,,\n"


def run(*args: str):
    return CliRunner().invoke(cli, ["bom", "check", *args])


def found(output: str) -> list[str]:
    """'BOM004 file:6:2' for each finding line of the text output."""
    out = []
    for line in output.splitlines():
        loc, _, rest = line.partition(": ")
        parts = rest.split()
        if len(parts) > 1 and parts[1].startswith(("BOM", "INP")):
            out.append(f"{parts[1]} {Path(loc.rsplit(':', 2)[0]).name}:"
                       f"{':'.join(loc.rsplit(':', 2)[1:])}")  # fmt: skip
    return out


def test_example_csv_short_typo_wrong_speed():
    r = run(HALL, str(VENDOR.with_suffix(".csv")))
    assert r.exit_code == 1
    assert found(r.output) == [
        "BOM001 hall-a-dgx-h100.yaml:25:9",
        "BOM004 hall-a-dgx-h100-vendor.csv:6:2",
        "BOM002 hall-a-dgx-h100-vendor.csv:12:4",
        "BOM002 hall-a-dgx-h100-vendor.csv:14:4",
        "BOM005 hall-a-dgx-h100-vendor.csv:16:2",
    ]
    assert "closest: APDU11450ME (pdu-415v-3ph-60a-apc)" in r.output
    assert (
        "transceiver-osfp-800g short: the design needs 2048, the vendor BOM "
        "quotes 1920" in r.output
    )
    assert "a 200 Gbit/s cable on 400 Gbit/s links" in r.output


def test_example_xlsx_names_the_sheet():
    r = run(HALL, str(VENDOR.with_suffix(".xlsx")))
    assert r.exit_code == 1
    assert (
        "hall-a-dgx-h100-vendor.xlsx:12:4: error BOM002 sheet 'Quote': "
        "transceiver-osfp-800g short" in r.output
    )
    assert len(found(r.output)) == 5


def test_clean_bom_exit_0(write):
    r = run(ONE, str(write("v.csv", HEAD + CLEAN)))
    assert r.exit_code == 0 and r.output == "no findings in 2 designs\n"


def test_synonyms_title_block_case_extra_columns(write):
    text = ("ACME quote 42,,,,\n,,,,\nsku,Notes,QUANTITY,unit price (USD),lead_time\n"
            "ar3100,x,1,,\napdu11450me,,3,,\nPOWER-CORD-C19-C20,,24,,\n"
            "dgx-h100,,\"4\",,6 weeks\n")  # fmt: skip
    r = run(ONE, str(write("v.csv", text)))
    assert r.exit_code == 0, r.output


def test_excess_and_unneeded(write):
    text = HEAD + CLEAN.replace("dgx-h100,,4", "dgx-h100,,5") + "sn2201,,2,,\n"
    r = run(ONE, str(write("v.csv", text)))
    assert r.exit_code == 1
    assert found(r.output) == ["BOM003 v.csv:5:3", "BOM003 v.csv:6:3"]
    assert "dgx-h100 excess: the design needs 4, the vendor BOM quotes 5" in r.output
    assert "sn2201: the design needs none, the vendor BOM quotes 2" in r.output
    strict = run(ONE, str(write("v.csv", text)), "--fail-on", "error")
    assert strict.exit_code == 0


def test_wrong_cord_and_pdu_voltage(write):
    text = HEAD + ("AR3100,,1,,\nAP8886,,3,,\npower-cord-c13-c14,,24,,\n"
                   "dgx-h100,,4,,\n")  # fmt: skip
    r = run(ONE, str(write("v.csv", text)))
    assert found(r.output) == ["BOM005 v.csv:3:1", "BOM005 v.csv:4:1",
                               "BOM001 one-rack-dgx-h100.yaml:23:9",
                               "BOM001 one-rack-dgx-h100.yaml:27:9"]  # fmt: skip
    assert (
        "AP8886 (3) does not fit the design: a 400 V PDU where the design's is "
        "415 V" in r.output
    )
    assert "a C13 cord for a C20 inlet" in r.output


def test_single_mode_optic_against_multimode_fibre(write):
    design = write(
        "d.yaml",
        """\
rackcheck: 1
name: optics
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: qm9700, name: leaf, position: 40}
fabrics:
  - name: f
    switches:
      - {name: spine, model: qm9700, tier: spine}
    links:
      - {from: r01/leaf, to: spine, count: 4, medium: fibre, transceiver: mma4z00-ns}
""",
    )
    text = HEAD + ("AR3100,,1,,\nMQM9700-NS2F,,2,,\nfibre-mmf-cable,,4,,\n"
                   "MMS4X00-NS,,4,,\n")  # fmt: skip
    r = run(str(design), str(write("v.csv", text)))
    assert "BOM005 v.csv:5:1" in found(r.output)
    assert (
        "a single-mode (SMF) transceiver against multimode (MMF) fibre cables"
        in r.output
    )
    assert "BOM001 d.yaml:9:5" in found(r.output)  # the MMF transceivers: none fit


def test_two_prices_for_one_part(write):
    text = HEAD + CLEAN.replace("dgx-h100,,4,,", "dgx-h100,,2,1000.00,USD\n"
                                "dgx-h100,,2,\"$1,100.00\",USD")  # fmt: skip
    r = run(ONE, str(write("v.csv", text)))
    assert found(r.output) == ["BOM006 v.csv:6:4"]
    assert "dgx-h100 is priced 1100.00 USD here and 1000.00 USD at row 5" in r.output


def test_sarif_and_json_formats(write, tmp_path):
    bom = str(write("v.csv", HEAD + CLEAN.replace("AR3100", "AR310")))
    sarif = tmp_path / "bom.sarif"
    r = run(ONE, bom, "--format", "json", "-o", f"sarif={sarif}")
    doc = json.loads(r.output)
    # sorted by path: the BOM (a temporary folder) before the design
    assert [f["rule_id"] for f in doc["findings"]] == ["BOM004", "BOM001"]
    assert doc["findings"][0]["location"]["line"] == 2
    s = json.loads(sarif.read_text())
    res = s["runs"][0]["results"]
    assert [x["ruleId"] for x in res] == ["BOM004", "BOM001"]
    rules = {x["id"] for x in s["runs"][0]["tool"]["driver"]["rules"]}
    assert {"BOM001", "BOM006"} <= rules
    assert res[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2, "startColumn": 1}  # fmt: skip


def test_bom_codes_listed_and_explained():
    r = CliRunner().invoke(cli, ["explain", "BOM005"])
    assert r.exit_code == 0 and "C13 cord for a C20 inlet" in r.output
    rules = CliRunner().invoke(cli, ["rules"]).output
    assert "BOM004   error    bom-unknown-part" in rules


def test_semicolon_csv_is_read(write):
    text = (
        "Part Number;Qty\nAR3100;1\nAPDU11450ME;3\npower-cord-c19-c20;24\ndgx-h100;4\n"
    )
    r = run(ONE, str(write("v.csv", text)))
    assert r.exit_code == 0 and r.output == "no findings in 2 designs\n"


def test_design_that_cannot_be_read_exit_2(write, tmp_path):
    design = write(
        "d.yaml", "rackcheck: 1\nname: x\nracks:\n  - {name: r, model: nope}\n"
    )
    out = tmp_path / "bom.sarif"
    r = run(str(design), str(write("v.csv", HEAD + CLEAN)), "-o", f"sarif={out}")
    assert (
        r.exit_code == 2
        and "d.yaml:4:22: error INP004 unknown model 'nope'" in r.output
    )
    assert not out.exists()


def test_every_check_format_renders(write):
    bom = str(write("v.csv", HEAD + CLEAN.replace("AR3100", "AR310")))
    gh = run(ONE, bom, "--format", "github").output
    assert "::error file=" in gh and "BOM004" in gh
    junit = run(ONE, bom, "--format", "junit").output
    assert junit.startswith("<?xml") and "BOM004" in junit
    md = run(ONE, bom, "--format", "markdown").output
    assert "BOM004" in md and "BOM001" in md


def test_each_example_design_passes_its_own_bom(tmp_path):
    """A vendor BOM that quotes exactly the derived totals has no findings."""
    from rackcheck.api import load_graph
    from rackcheck.bom import derive_bom

    designs = sorted((ROOT / "designs").glob("*.yaml"))
    assert len(designs) == 5
    for design in designs:
        bom = derive_bom(load_graph(design))
        text = HEAD + "".join(f"{pid},,{qty},,\n" for pid, qty in bom.totals().items())
        path = tmp_path / f"{design.stem}.csv"
        path.write_text(text, encoding="utf-8")
        r = run(str(design), str(path))
        assert (design.name, r.exit_code, r.output) == (
            design.name, 0, "no findings in 2 designs\n")  # fmt: skip
