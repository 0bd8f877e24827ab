"""Lint UX of issue 8: repeats grouped with their count, `--statistics`, fix hints in
text/JSON/SARIF, did-you-mean for units and rule ids, per-rack suppressions within a
range, `diff` with a side that cannot load, `--base-ref` outside git, device names
that survive a count going from 2 to 1, an empty folder, outputs written atomically."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from rackcheck.cli import cli

RANGE = """\
rackcheck: 1
name: four racks, two feeds of four PDUs
racks:
  - name: "r{01..04}"
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A, count: 4, name: pa}
      - {model: pdu-415v-3ph-60a-apc, feed: B, count: 4, name: pb}
    devices:
      - {model: dgx-h100, count: 4}
"""

SUPPRESSED = """\
rackcheck: 1
name: end of row racks may draw more
site:
  max_rack_power: "30 kW"
racks:
  - name: "r{01..04}"  # rackcheck: ignore[POW005@r{02..03}] end of row: 60 kW positions
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4}
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_repeats_from_one_line_are_one_finding_with_a_count(here: Path):
    (here / "d.yaml").write_text(RANGE)
    r = run("check", "--no-cache", "--isolated", "d.yaml")
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert lines == [
        "d.yaml:5:12: note DAT003 rack max_load (static load rating) not published for "
        "apc-netshelter-sx-ar3100: the weight they carry (PHY002) cannot be checked",
        "d.yaml:10:17: error POW002 when feed A fails, dgx-h100-1 in rack r01 keeps 2 "
        "of 6 PSUs (2 x 3.30 kW = 6.6 kW, needs 4 for full load): it is left 6.6 kW of "
        "its 10.2 kW maximum and power-caps or trips (and 3 more like it) "
        "[+3 more like this]",
        "4 errors, 1 note in 1 design",
    ]


def test_statistics_counts_per_rule(here: Path):
    (here / "d.yaml").write_text(RANGE)
    r = run("check", "--no-cache", "--isolated", "--statistics", "d.yaml")
    assert r.exit_code == 1
    assert r.output.splitlines() == [
        "4\tPOW002\tfeed-loss",
        "1\tDAT003\tunchecked",
        "4 errors, 1 note in 1 design",
    ]


def test_fix_hint_in_text_json_and_sarif(here: Path):
    root = Path(__file__).resolve().parents[2]
    design = root / "designs/broken/pow001-pdu-capacity.yaml"
    (here / "d.yaml").write_text(design.read_text())
    hint = "add a PDU or use larger ones: 6.3 kVA more continuous capacity is needed"
    text = run("check", "--no-cache", "--isolated", "d.yaml").output.splitlines()
    assert text[2] == f"  help: {hint}"  # [0] is DAT003, [1] the POW001 finding
    doc = json.loads(run("check", "--isolated", "--format", "json", "d.yaml").output)
    assert [f.get("fix") for f in doc["findings"]] == [None, hint]
    sarif = json.loads(run("check", "--isolated", "--format", "sarif", "d.yaml").output)
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "POW001"]
    assert result["properties"] == {"help": hint}
    assert result["message"]["markdown"].endswith(f"**help:** {hint}")


def test_per_rack_suppression_within_a_range(here: Path):
    (here / "d.yaml").write_text(SUPPRESSED)
    r = run("check", "--no-cache", "--isolated", "--format", "json", "d.yaml")
    doc = json.loads(r.output)
    kept = [
        (f["rule_id"], f["subject"], f["location"]["line"]) for f in doc["findings"]
    ]
    assert kept == [("POW005", "r01", 6), ("POW005", "r04", 6), ("DAT003", "r01", 7)]
    assert doc["summary"]["suppressed"] == 2


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--ignore",
            "POW0011",
            "'POW0011' is not a rule id or prefix (did you mean 'POW001'?)",
        ),
        (
            "--select",
            "COOL0001",
            "'COOL0001' is not a rule id or prefix (did you mean 'COOL001'?)",
        ),
        ("--select", "PWO", "'PWO' is not a rule id or prefix (did you mean 'POW'?)"),
    ],
)
def test_rule_ids_did_you_mean(here: Path, option: str, value: str, message: str):
    (here / "d.yaml").write_text(RANGE)
    r = run("check", "--isolated", option, value, "d.yaml")
    assert r.exit_code == 2
    assert f"command line {option}:1:1: error CFG001 {message}" in r.output


@pytest.mark.parametrize(
    ("written", "hint"),
    [('"45 kw"', "did you mean 'kW'?"), ('"45 mw"', "did you mean 'MW'?")],
)
def test_unit_did_you_mean(here: Path, written: str, hint: str):
    (here / "d.yaml").write_text(
        f"rackcheck: 1\nname: u\nsite:\n  max_rack_power: {written}\n"
    )
    r = run("check", "--no-cache", "--isolated", "d.yaml")
    assert r.exit_code == 2
    assert "d.yaml:4:19: error INP003 max_rack_power: " in r.output
    assert hint in r.output


def test_diff_with_a_side_that_cannot_load_shows_the_error(here: Path):
    (here / "a.yaml").write_text(RANGE)
    (here / "b.yaml").write_text("rackcheck: 1\nname: b\nracks: 5\n")
    for base, head in (("a.yaml", "b.yaml"), ("b.yaml", "a.yaml")):
        r = run("diff", "--isolated", base, head)
        assert r.exit_code == 2
        assert (
            "b.yaml:3:8: error INP002 racks: Input should be a valid list" in r.output
        )
        assert "IT power" not in r.output  # no table of dashes


def test_diff_base_ref_outside_git_says_so(here: Path):
    (here / "a.yaml").write_text(RANGE)
    r = run("diff", "--isolated", "--base-ref", "main", "a.yaml")
    assert r.exit_code == 2
    assert "--base-ref needs a git repository" in r.output


def test_device_names_survive_count_2_to_1(here: Path):
    design = (
        "rackcheck: 1\nname: n\nracks:\n  - name: r1\n"
        "    model: apc-netshelter-sx-ar3100\n"
        "    devices:\n      - {model: dgx-h100, count: COUNT}\n"
        "fabrics:\n  - name: f\n    switches:\n"
        "      - {name: leaf1, model: qm9700, tier: leaf}\n"
        "    links:\n      - {from: LINK, to: leaf1}\n"
    )
    (here / "d.yaml").write_text(
        design.replace("COUNT", "1").replace("LINK", "r1/dgx-h100-1")
    )
    r = run("check", "--no-cache", "--isolated", "--select", "NET", "d.yaml")
    assert r.exit_code == 0, r.output
    (here / "d.yaml").write_text(
        design.replace("COUNT", "1").replace("LINK", "r1/dgx-h100-2")
    )
    r = run("check", "--no-cache", "--isolated", "d.yaml")
    assert r.exit_code == 2
    assert (
        "d.yaml:13:16: error INP004 fabric f has no switch 'r1/dgx-h100-2' and no "
        "device has that path (write rack/device); rack r1 has: dgx-h100, dgx-h100-1"
    ) in r.output


def test_folder_without_designs_is_a_warning(here: Path):
    (here / "empty").mkdir()
    (here / "empty" / "notes.yaml").write_text("a: 1\n")
    r = CliRunner().invoke(cli, ["check", "--isolated", "empty"])
    assert r.exit_code == 0
    assert r.stderr == "warning: no design files found under empty\n"
    assert r.stdout == "no findings in 0 designs\n"


def test_outputs_keep_the_umask_mode_and_symlinks(here: Path):
    (here / "d.yaml").write_text(RANGE)
    (here / "real.json").write_text("old")
    os.chmod(here / "real.json", 0o640)
    (here / "link.json").symlink_to("real.json")
    old = os.umask(0o027)
    try:
        run("check", "--isolated", "-o", "json=new.json", "-o", "sarif=link.json",
            "d.yaml")  # fmt: skip
    finally:
        os.umask(old)
    assert stat.S_IMODE((here / "new.json").stat().st_mode) == 0o640
    assert (here / "link.json").is_symlink()
    assert stat.S_IMODE((here / "real.json").stat().st_mode) == 0o640
    assert json.loads((here / "real.json").read_text())["version"] == "2.1.0"


NO_SPARE = """\
rackcheck: 1
name: a server without a spare PSU
components:
  - {id: srv, kind: server, vendor: v, model: m, source: quote Q-1,
     power: {max: "2 kW", psus: {count: 2, required: 2}}}
racks:
  - name: r1
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
    devices:
      - {model: srv, count: COUNT}
"""


def test_baseline_survives_a_count_going_from_2_to_1(here: Path):
    (here / "d.yaml").write_text(NO_SPARE.replace("COUNT", "2"))
    r = run("baseline", "create", "--isolated", "d.yaml", "-o", "base.json")
    entries = json.loads((here / "base.json").read_text())["findings"]
    assert [
        (e["rule_id"], e["subject"]) for e in entries if e["rule_id"] == "POW003"
    ] == [("POW003", "srv-1")]
    (here / "d.yaml").write_text(NO_SPARE.replace("COUNT", "1"))
    r = run("check", "--no-cache", "--isolated", "--format", "json", "--baseline",
            "base.json", "d.yaml")  # fmt: skip
    doc = json.loads(r.output)
    assert [f["rule_id"] for f in doc["findings"]] == []
    baselined = [(f["rule_id"], f["subject"]) for f in doc["baselined"]]
    assert ("POW003", "srv") in baselined


def test_only_designs_never_opens_a_fifo(here: Path):
    os.mkfifo(here / "pipe.yaml")  # opening it would block: no writer
    (here / "d.yaml").write_text(NO_SPARE.replace("COUNT", "1"))
    r = run("check", "--no-cache", "--isolated", "--only-designs", "--select", "POW003",
            "pipe.yaml", "d.yaml")  # fmt: skip
    assert r.exit_code == 1
    assert r.output.splitlines()[-1] == "1 error in 1 design"


def test_a_folder_name_that_is_not_utf8_never_crashes_a_writer(here: Path):
    folder = os.fsdecode(b"d\xfe")
    Path(folder).mkdir()
    (Path(folder) / "c.yaml").write_text(NO_SPARE.replace("COUNT", "1"))
    outs = [x for f in ("text", "json", "sarif", "junit", "markdown", "github")
            for x in ("-o", f"{f}=out/r.{f}")]  # fmt: skip
    r = run("check", "--no-cache", "--isolated", "--select", "POW003", *outs, folder)
    assert r.exit_code == 1
    assert r.output.startswith("d\ufffd/c.yaml:13:17: error POW003 srv: 2 PSUs")
    sarif = json.loads((here / "out/r.sarif").read_text(encoding="utf-8"))
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"].endswith("/c.yaml")
