"""Bad input: a located message and exit 2, never a traceback, never a partial result."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from rackcheck.api import check
from rackcheck.cli import cli

GOOD = """\
rackcheck: 1
name: t
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
    devices:
      - {model: dgx-h100, count: 1}
"""

CASES = [
    # (what, replace old -> new in GOOD, expected "CODE:line:col", message part)
    (
        "unknown key",
        ("    devices:", "    devicez:"),
        "INP002:8:5",
        "unknown key 'devicez'",
    ),
    ("wrong type", ("count: 1}", "count: one}"), "INP002:9:34", "valid integer"),
    ("string for int", ("count: 1}", "count: '1'}"), "INP002:9:34", "valid integer"),
    (
        "negative count",
        ("count: 1}", "count: -1}"),
        "INP002:9:34",
        "greater than or equal to 1",
    ),
    (
        "unknown model",
        ("dgx-h100", "dgx_h100"),
        "INP004:9:17",
        "did you mean 'dgx-h100'",
    ),
    (
        "wrong kind",
        ("model: dgx-h100", "model: pdu-415v-3ph-60a-apc"),
        "INP004:9:17",
        "is a pdu",
    ),
    (
        "rack model unknown",
        ("apc-netshelter-sx-ar3100", "nope"),
        "INP004:5:12",
        "unknown model 'nope'",
    ),
    (
        "syntax error",
        ("    devices:\n", "    devices: [\n"),
        "INP001:9:7",
        "YAML syntax error",
    ),
    (
        "duplicate key",
        ("name: t\n", "name: t\nname: u\n"),
        "INP005:3:1",
        "duplicate key 'name'",
    ),
    (
        "python tag",
        ("name: t", "name: !!python/object/apply:os.system [ls]"),
        "INP001:2:7",
        "is not allowed",
    ),
    (
        "version",
        ("rackcheck: 1", "rackcheck: 2"),
        "INP002:1:12",
        "rackcheck: Input should be 1",
    ),
]


@pytest.mark.parametrize("what,edit,where,text", CASES, ids=[c[0] for c in CASES])
def test_bad_design_is_located(what, edit, where, text, write):
    old, new = edit
    assert old in GOOD
    path = write("d.yaml", GOOD.replace(old, new, 1))
    report = check([str(path)])
    assert report.exit_code(None) == 2
    got = [
        f"{f.rule_id}:{f.location.line}:{f.location.column}"
        for f in report.input_errors
    ]
    assert got[0] == where, [f.message for f in report.input_errors]
    assert text in report.input_errors[0].message


UNIT_CASES = [
    ('"10 kg"', "'10 kg' is not a power (it is [mass])"),
    ('"-5 kW"', "'-5 kW' is negative"),
    ('"nan kW"', "is not a power with a unit"),
    ('"inf kW"', "is not a power with a unit"),
    ("45", "45 has no unit"),
    ('"10 florps"', "unknown unit in '10 florps'"),
]


@pytest.mark.parametrize("value,text", UNIT_CASES)
def test_impossible_units_are_located(value, text, write):
    design = GOOD.replace("name: t\n", f"name: t\nsite:\n  max_rack_power: {value}\n")
    report = check([str(write("d.yaml", design))])
    f = report.input_errors[0]
    assert (f.rule_id, f.location.line, f.location.column) == ("INP003", 4, 19)
    assert text in f.message


def test_missing_file_is_exit_2():
    report = check(["no/such/design.yaml"])
    assert report.exit_code(None) == 2
    assert report.input_errors[0].location.path == "no/such/design.yaml"


def test_dangling_cord_and_positions(write):
    design = GOOD.replace(
        "{model: dgx-h100, count: 1}",
        "{model: dgx-h100, count: 2, position: [3]}",
    )
    report = check([str(write("d.yaml", design))])
    f = report.input_errors[0]
    assert (f.rule_id, f.location.line) == ("INP004", 9)
    assert "1 positions given for count 2" in f.message


def test_serves_unknown_rack(write):
    design = GOOD + (
        "cooling:\n  loops:\n    - name: l1\n      cdus: [{model: cdu-vertiv-xdu1350}]\n"
        "      serves: [r01, r99]\n"
    )
    report = check([str(write("d.yaml", design))])
    f = report.input_errors[0]
    assert (f.rule_id, f.location.line, f.location.column) == ("INP004", 14, 21)
    assert f.message == "no rack named 'r99'"


def test_cli_exit_2_and_no_traceback(write):
    path = write("d.yaml", GOOD.replace("count: 1}", "count: 1.5}"))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert ":9:34: error INP002 count: Input should be a valid integer" in result.output


def test_billion_laughs_is_refused(write):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    path = write("bomb.yaml", "\n".join(lines) + "\n")
    report = check([str(path)])
    assert report.exit_code(None) == 2
    assert "expands to more than" in report.input_errors[0].message
