"""`rackcheck scenarios` on the command line, its bad inputs, and the progress bar."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from click.testing import CliRunner
from scenhelp import SCEN

from rackcheck.cli import cli
from rackcheck.scenarios.progress import Bar

ROW = str(SCEN / "row-gb200-one-chiller.yaml")

GOOD_HEAD = """rackcheck: 1
name: bad facility
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
    devices:
      - {model: dgx-h100}
"""


def test_text_table_and_depth_two_count():
    r = CliRunner().invoke(cli, ["scenarios", ROW, "--depth", "2"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[2].split()[:4] == ["chiller-1", "576", "0", "0.0"]
    assert (
        "20 single failure(s) tried, 21 pair(s) tried (pruned: each alone "
        "strained)" in r.output
    )


def test_json_to_file(tmp_path):
    out = tmp_path / "s.json"
    r = CliRunner().invoke(cli, ["scenarios", ROW, "--format", "json", "-o", str(out)])
    assert r.exit_code == 0 and r.output == ""
    data = json.loads(out.read_text())
    assert data["version"] == 1
    top = data["scenarios"][0]
    assert (top["fails"], top["gpus_dark"], top["loops_over"]) == (
        ["chiller-1"], 576, ["row-b"])  # fmt: skip


def test_missing_file_exit_2():
    r = CliRunner().invoke(cli, ["scenarios", "nope.yaml"])
    assert r.exit_code == 2
    assert "nope.yaml:1:1: error INP001 no such file or folder" in r.output


BAD = {
    "unknown-source": (
        "facility:\n  elements:\n    - {name: bw, kind: busway, from: [ups]}\n"
        "  feeds: [{feed: A, from: bw}]\n",
        "d.yaml:12:39: error INP004 no facility element named 'ups'",
    ),
    "loop-in-from": (
        "facility:\n  elements:\n    - {name: x, kind: switchboard, from: [y]}\n"
        "    - {name: y, kind: switchboard, from: [x]}\n"
        "  feeds: [{feed: A, from: x}]\n",
        "d.yaml:12:42: error INP004 elements feed each other in a loop: x, y",
    ),
    "feed-unmapped": (
        "facility:\n  elements:\n    - {name: u, kind: utility}\n",
        "d.yaml:11:3: error INP004 feed 'A' of rack r01 hangs on no facility element",
    ),
    "unknown-member": (
        "facility:\n  elements:\n    - {name: u, kind: utility}\n"
        "  feeds: [{feed: A, from: u}]\n"
        "  members: [{member: 'switch:spine9', domains: [d]}]\n",
        "d.yaml:14:22: error INP004 'switch:spine9' names nothing in the design",
    ),
    "air-zone-rack": (
        "facility:\n  elements:\n    - {name: u, kind: utility}\n"
        "  feeds: [{feed: A, from: u}]\n"
        "  air: [{name: z, racks: [r99], supply: '1000 CFM'}]\n",
        "d.yaml:14:27: error INP004 no rack named 'r99'",
    ),
    "loop-from-power-element": (
        "facility:\n  elements:\n    - {name: u, kind: utility}\n"
        "  feeds: [{feed: A, from: u}]\n  loops: [{loop: l1, from: u}]\n",
        "d.yaml:14:28: error INP004 'u' is not a chiller, dry cooler or water loop",
    ),
    "wrong-unit": (
        "facility:\n  elements:\n    - {name: u, kind: utility, rating: '10 kg'}\n",
        "d.yaml:12:40: error INP003 rating: '10 kg' is not a power",
    ),
    "unknown-kind": (
        "facility:\n  elements:\n    - {name: u, kind: nuclear}\n",
        "d.yaml:12:23: error INP002 kind: Input should be 'utility'",
    ),
    "unknown-key": (
        "requirements:\n  survive: [any-single]\n  budget: 3\n",
        "d.yaml:12:3: error INP002 unknown key 'budget'",
    ),
}


def test_bad_facilities_are_located(write):
    for name, (tail, want) in sorted(BAD.items()):
        path = write("d.yaml", GOOD_HEAD + tail)
        r = CliRunner().invoke(cli, ["scenarios", str(path)])
        assert r.exit_code == 2, name
        assert want in r.output, (name, r.output)
        assert "Traceback" not in r.output


def test_installed_script(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "rackcheck", "scenarios", ROW, "--limit", "1"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[2].startswith("chiller-1 ")
    assert out.stderr == ""  # not a terminal: no progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_with_work_left():
    quiet = io.StringIO()
    bar = Bar(quiet)
    bar.start -= 100.0  # 100 s for the first item: lots left
    bar(1, 10)
    assert quiet.getvalue() == ""
    tty = Tty()
    bar = Bar(tty)
    bar.start -= 100.0
    bar(1, 10)
    assert "scenarios: 1/10, ~900 s left" in tty.getvalue()
    bar(10, 10)
    assert tty.getvalue().endswith("\r")  # cleared at the end
    fast = Tty()
    Bar(fast)(1, 2)  # the rest takes well under a second: nothing shown
    assert fast.getvalue() == ""


def test_output_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    r = CliRunner().invoke(cli, ["scenarios", ROW, "-o", str(blocker / "s.json")])
    assert r.exit_code == 2
    assert f"{blocker / 's.json'}: cannot write:" in r.output
    assert blocker.read_text() == "x"
