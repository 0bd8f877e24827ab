"""`rackcheck fabric size` through click, and once as the installed script."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from rackcheck.cli import cli


def run(*args):
    return CliRunner().invoke(cli, ["fabric", "size", *args])


def test_json_for_16_su_superpod():
    r = run(
        "--nodes",
        "512",
        "--rails",
        "8",
        "--switch",
        "qm9700",
        "--node",
        "dgx-h100",
        "--format",
        "json",
    )
    assert r.exit_code == 0
    d = json.loads(r.output)
    assert (d["tiers"], d["leaf"], d["spine"], d["core"], d["pods"]) == (
        3,
        128,
        128,
        64,
        4,
    )
    assert d["cables"] == {"node_leaf": 4096, "leaf_spine": 4096, "spine_core": 4096}
    assert d["transceivers"] == {"switch": 5 * 4096 // 2, "node": 512 * 4}
    assert d["bisection_gbps"] == 819200.0 and d["switch_power_kw"] is None
    assert d["oversubscription"] == {"leaf": 1.0, "spine": 1.0}


def test_text_output():
    r = run(
        "--nodes", "128", "--rails", "8", "--switch", "qm9700", "--extra-endpoints", "4"
    )
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[3] == "switches     leaf 33, spine 32, core 0 (total 65)"
    assert (
        "switch power unknown: the catalog has no power figure for qm9700" in r.output
    )
    assert lines[-1] == "radix limit  2048 endpoints in 2 tiers, 65536 in 3"


def test_per_tier_oversubscription_option():
    r = run(
        "--nodes",
        "1792",
        "--rails",
        "8",
        "--switch",
        "sn5600",
        "--speed",
        "400 Gbit/s",
        "--oversubscription",
        "leaf=1:1,spine=7:1",
        "--tiers",
        "3",
        "--format",
        "json",
    )
    d = json.loads(r.output)
    assert d["oversubscription"] == {"leaf": 1.0, "spine": 7.0}
    assert d["bisection_gbps"] == 1792 * 8 * 400 / 2 / 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rails", "0", "--switch", "qm9700"], "Invalid value for '--rails'"),
        (
            ["--rails", "8", "--switch", "qm97"],
            "--switch: no switch 'qm97' in the catalog",
        ),
        (
            ["--rails", "8", "--switch", "qm9700", "--tiers", "2", "--nodes", "999"],
            "--tiers: 2 tiers of qm9700 (radix 64) reach at most 64 leaves",
        ),
        (
            ["--rails", "8", "--switch", "qm9700", "--tiers", "3", "--pod-size", "5"],
            "--pod-size: a pod of 5 SUs has 40 leaves, more than a spine's 32 down",
        ),
        (
            ["--rails", "8", "--switch", "q3400", "--speed", "fast"],
            "--speed: 'fast' is not",
        ),
    ],
)
def test_bad_options_exit_2_with_a_message(args, message):
    if "--nodes" not in args:
        args = ["--nodes", "64", *args]
    r = run(*args)
    assert r.exit_code == 2
    assert message in r.output and "Traceback" not in r.output


def test_installed_script():
    exe = shutil.which("rackcheck")
    assert exe is not None
    out = subprocess.run(
        [
            exe,
            "fabric",
            "size",
            "--nodes",
            "64",
            "--rails",
            "8",
            "--switch",
            "qm9700",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["spine"] == 8
