"""NetBox: device types in, bulk-import CSV out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml
from click.testing import CliRunner

from rackcheck.api import check
from rackcheck.cli import cli

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "netbox"
ROOT = HERE.parent.parent
HALL = str(ROOT / "designs/hall-a-dgx-h100.yaml")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def codes(output: str) -> list[str]:
    """'NBX001 test-switch-62-ports.yaml:16:1' per finding line."""
    out = []
    for line in output.splitlines():
        loc, _, rest = line.partition(": ")
        words = rest.split()
        if len(words) > 1 and words[1][:3] in ("NBX", "INP"):
            path, r, c = loc.rsplit(":", 2)
            out.append(f"{words[1]} {Path(path).name}:{r}:{c}")
    return out


def test_library_errors_are_findings_exit_1(tmp_path):
    out = tmp_path / "imported.yaml"
    r = run("catalog", "import-netbox", str(FIXTURES), "-o", str(out))
    assert r.exit_code == 1
    warnings = [c for c in codes(r.output) if not c.startswith("NBX004")]
    assert warnings == [
        "NBX003 apc-ap8886.yaml:7:1",
        "NBX002 test-switch-62-ports.yaml:9:1",
        "NBX001 test-switch-62-ports.yaml:16:1",
        "NBX001 test-switch-62-ports.yaml:16:1",
    ]
    assert (
        "62 data interfaces listed, but the model or comments state 64 ports"
        in r.output
    )
    assert "interfaces swp17, swp18 are missing: 62 of swp1..swp64 listed" in r.output
    assert "2 power ports but 3 PSU bays" in r.output
    assert "rating only in comments (22.0kW, 32A, 17.3kW, 24A)" in r.output
    assert "2 catalog entries from 3 device type files" in r.output


def test_entries_and_what_netbox_does_not_carry(tmp_path):
    out = tmp_path / "imported.yaml"
    r = run("catalog", "import-netbox", str(FIXTURES / "nvidia-dgx-h100.yaml"), "-o",
            str(out))  # fmt: skip
    assert r.exit_code == 0  # notes only
    notes = r.output
    assert "PSU redundancy (power.psus.required)" in notes
    assert "liquid/air split" in notes and "the cage (OSFP, QSFP112)" in notes
    assert "not taken: airflow, is_full_depth" in notes
    doc = yaml.safe_load(out.read_text())
    (dgx,) = doc["components"]
    assert dgx["id"] == "nvidia-dgx-h100" and dgx["rack_units"] == 8
    assert dgx["weight"] == "130.45 kg"
    assert dgx["power"] == {"psus": {"count": 6}, "inlet": "C20"}
    assert dgx["ports"][0] == {"role": "any", "count": 8, "speed": "400 Gbit/s"}


def test_imported_catalog_is_usable_by_a_design(tmp_path, write):
    cat = tmp_path / "netbox.yaml"
    run("catalog", "import-netbox", str(FIXTURES), "-o", str(cat))
    design = write(
        "d.yaml",
        """\
rackcheck: 1
name: imported
catalogs: [netbox.yaml]
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: nvidia-dgx-h100, count: 2}
""",
    )
    report = check([str(design)])
    assert report.input_errors == []
    assert report.metrics["totals"]["devices"] == 2


def test_pdu_not_written_and_said_so():
    r = run("catalog", "import-netbox", str(FIXTURES / "apc-ap8886.yaml"))
    assert (
        "PDU not written: its voltage and current are not in a NetBox device type"
        in r.output
    )
    assert "4 outlets (3 x C13, 1 x C19) on 3 feed legs" in r.output
    assert "0 catalog entries from 1 device type file" in r.output


def test_unreadable_input_exit_2_nothing_written(tmp_path, write):
    out = tmp_path / "out.yaml"
    bad = write("bad.yaml", "manufacturer: X\nmodel: [unclosed\n")
    r = run("catalog", "import-netbox", str(bad), str(FIXTURES), "-o", str(out))
    assert r.exit_code == 2 and codes(r.output) == ["INP001 bad.yaml:3:1"]
    assert not out.exists()
    missing = write("m.yaml", "manufacturer: X\nmodel: Y\ninterfaces: 3\n")
    r = run("catalog", "import-netbox", str(missing), "-o", str(out))
    assert r.exit_code == 2 and codes(r.output) == ["INP002 m.yaml:1:1",
                                                    "INP002 m.yaml:3:13"]  # fmt: skip
    assert "required key 'slug' is missing" in r.output and not out.exists()
    r = run("catalog", "import-netbox", str(tmp_path / "nope.yaml"))
    assert r.exit_code == 2 and "no such file or folder" in r.output
    r = run("catalog", "import-netbox", str(write("list.yaml", "- a\n- b\n")))
    assert r.exit_code == 2 and "a device type is a mapping of keys" in r.output


def test_export_netbox_csv(tmp_path):
    r = run("export", "netbox", HALL, "-o", str(tmp_path))
    assert r.exit_code == 0

    def rows(name):
        return list(csv.DictReader(io.StringIO((tmp_path / name).read_text())))

    racks, devices, cables = rows("racks.csv"), rows("devices.csv"), rows("cables.csv")
    assert len(racks) == 33 and racks[0] == {"site": "hall-a", "name": "su1-r01",
        "status": "planned", "width": "19", "u_height": "42"}  # fmt: skip
    names = {d["name"] for d in devices}
    assert len(devices) == 98 + 130 + 61 == len(names)
    dgx = next(d for d in devices if d["name"] == "su1-r01/dgx-h100-2")
    assert (dgx["position"], dgx["face"], dgx["device_type"]) == (
        "11",
        "front",
        "DGX H100",
    )
    assert len(cables) == 2464
    assert {c["side_a_device"] for c in cables} <= names
    assert {c["side_b_device"] for c in cables} <= names
    ifaces = {(i["device"], i["name"]) for i in rows("interfaces.csv")}
    assert ("compute/leaf1", "1/1") in ifaces and len(ifaces) == 2 * 2464


def test_export_bad_design_exit_2(tmp_path, write):
    bad = write(
        "bad.yaml", "rackcheck: 1\nname: x\nracks:\n  - {name: r, model: nope}\n"
    )
    r = run("export", "netbox", str(bad), "-o", str(tmp_path / "out"))
    assert r.exit_code == 2 and "INP004" in r.output
    assert not (tmp_path / "out").exists()
