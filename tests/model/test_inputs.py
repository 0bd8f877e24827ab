"""Malformed sovereignty and phase inputs: located errors, exit code 2, no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from rackcheck.api import check
from rackcheck.cli import cli

BASE = """\
rackcheck: 1
name: bad
sites:
  - {name: a, country: DE}
  - {name: b, country: FR}
"""

CASES = {
    "boolean-country": (
        "rackcheck: 1\nname: bad\nsites:\n  - name: oslo\n    country: no\n",
        "INP002:5:14",
        # designs are read as YAML 1.2 (issue 8): `no` stays text, and is no ISO code
        "'no' is not an ISO 3166-1 alpha-2 country code",
    ),
    "boolean-in-allowed-list": (
        BASE + "datasets:\n  - {name: d, residency: {allowed: [DE, off]}, "
        "stored_at: {site: a}}\n",
        "INP002:7:41",
        "'off' is neither an ISO 3166-1 alpha-2 country code nor a location group",
    ),
    "unknown-country": (
        "rackcheck: 1\nname: bad\nsites:\n  - {name: x, country: XX}\n",
        "INP002:4:24",
        "'XX' is not an ISO 3166-1 alpha-2 country code",
    ),
    "lower-case-country": (
        "rackcheck: 1\nname: bad\nsite: {name: x, country: de}\n",
        "INP002:3:26",
        "(codes are upper case)",
    ),
    "unknown-group": (
        BASE + "datasets:\n  - {name: d, residency: {allowed: [EUR]}, "
        "stored_at: {site: a}}\n",
        "INP002:7:37",
        "'EUR' is neither an ISO 3166-1 alpha-2 country code nor a location group",
    ),
    "unknown-site": (
        BASE + "datasets:\n  - {name: d, stored_at: {site: c}}\n",
        "INP004:7:33",
        "unknown site 'c' (sites: a, b)",
    ),
    "site-and-sites-disagree": (
        BASE.replace("name: bad", "name: bad\nsite: {name: a, country: IT}"),
        "INP002:3:26",
        "site a is DE in `sites`, not IT",
    ),
    "duplicate-site": (
        BASE + "  - {name: a, country: IT}\n",
        "INP005:6:12",
        "duplicate site 'a'",
    ),
    "link-to-nowhere": (
        BASE + "links:\n  - {name: l, between: [a, z], bandwidth: '10 Gbit/s'}\n",
        "INP004:7:28",
        "unknown site 'z'",
    ),
    "link-without-unit": (
        BASE + "links:\n  - {name: l, between: [a, b], bandwidth: 10}\n",
        "INP003:7:43",
        "bandwidth",
    ),
    "flow-without-size": (
        BASE + "flows:\n  - {name: f, from: a, to: b}\n",
        "INP002:7:5",
        "flow 'f' has no size",
    ),
    "exemption-without-reason": (
        BASE + "policy:\n  exemptions:\n    - {rule: SOV001, subject: a}\n",
        "INP002:8:7",
        "missing required key 'reason'",
    ),
    "storage-at-other-site": (
        BASE + "  - {name: c, country: IT, racks: [r1]}\n"
        "racks:\n  - {name: r1, model: apc-netshelter-sx-ar3100}\n"
        "datasets:\n  - {name: d, stored_at: {site: a, storage: r1}}\n",
        "INP004:10:45",
        "'r1' stands at site 'c', not 'a'",
    ),
    "rack-at-no-site": (
        BASE + "racks:\n  - {name: r1, model: apc-netshelter-sx-ar3100}\n",
        "INP004:7:12",
        "rack 'r1' stands at no site",
    ),
    "phase-unknown-rack": (
        "rackcheck: 1\nname: bad\nracks:\n  - {name: r1, model: "
        "apc-netshelter-sx-ar3100}\nphases:\n  - {name: p1, racks: [r2]}\n",
        "INP004:6:24",
        "unknown rack 'r2'",
    ),
    "rack-in-no-phase": (
        "rackcheck: 1\nname: bad\nracks:\n  - {name: 'r{1..2}', model: "
        "apc-netshelter-sx-ar3100}\nphases:\n  - {name: p1, racks: [r1]}\n",
        "INP004:4:12",
        "rack 'r2' is built in no phase",
    ),
    "rack-in-two-phases": (
        "rackcheck: 1\nname: bad\nracks:\n  - {name: r1, model: "
        "apc-netshelter-sx-ar3100}\nphases:\n  - {name: p1, racks: [r1]}\n"
        "  - {name: p2, racks: [r1]}\n",
        "INP005:7:24",
        "rack 'r1' is already built in phase p1",
    ),
    "cdus-on-last-phase": (
        "rackcheck: 1\nname: bad\nracks:\n  - {name: r1, model: "
        "apc-netshelter-sx-ar3100}\ncooling:\n  loops:\n    - {name: l, cdus: "
        "[{model: cdu-vertiv-xdu1350}], serves: [r1]}\nphases:\n"
        "  - {name: p1, racks: [r1], cdus: {l: 1}}\n",
        "INP002:9:39",
        "the last phase is the design as written",
    ),
    "final-size-of-explicit-fabric": (
        "rackcheck: 1\nname: bad\nracks:\n  - {name: r1, model: "
        "apc-netshelter-sx-ar3100}\nphases:\n  - {name: p1, racks: [r1], "
        "final_size: [compute]}\n",
        "INP004:6:42",
        "no generated fabric named 'compute'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES), ids=sorted(CASES))
def test_malformed_input_is_located(case, write):
    text, where, words = CASES[case]
    report = check([str(write("bad.yaml", text))])
    got = [f"{f.rule_id}:{f.location.line}:{f.location.column}"
           for f in report.input_errors]  # fmt: skip
    assert where in got, [f"{f.location}: {f.message}" for f in report.input_errors]
    assert any(words in f.message for f in report.input_errors)
    assert report.exit_code(None) == 2


def test_cli_exits_2_without_traceback(write):
    path = write("bad.yaml", CASES["boolean-country"][0])
    r = CliRunner().invoke(cli, ["check", str(path)])
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert f"{path}:5:14: error INP002" in r.output


NORWAY = """\
rackcheck: 1
name: oslo
sites:
  - name: oslo
    country: NO
  - {name: bergen, country: 'NO'}
datasets:
  - name: d
    residency: {allowed: [DE, NO]}
    stored_at: {site: oslo}
    used_by: [{workload: w, site: bergen}]
"""


def test_unquoted_norway_is_norway(write):
    report = check([str(write("no.yaml", NORWAY))])
    assert report.input_errors == []
    sov = report.metrics["sovereignty"]["d"]
    assert sov["stored"]["country"] == "NO" and sov["stored"]["allowed"] is True
    assert sov["policy"] == ["DE", "NO"]
