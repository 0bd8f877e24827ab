"""`rackcheck baseline create` and `--baseline`: keyed on rule + file + subject, so
edits elsewhere and changed figures keep accepted findings accepted."""

from __future__ import annotations

import json

import pytest
from prhelp import BAD, run

pytestmark = pytest.mark.usefixtures("clean_env")

SECOND_RACK = """\
  - name: r02
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-208v-3ph-30a-apc, feed: A}
      - {model: pdu-208v-3ph-30a-apc, feed: B}
      - {model: pdu-208v-3ph-30a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 3}
"""


def test_create_and_apply(project):
    r = run("baseline", "create", "bad.yaml", "good.yaml", "-o", "base.json")
    assert r.exit_code == 0 and r.output == "wrote 3 findings to base.json\n"
    doc = json.loads((project / "base.json").read_text())
    assert doc["findings"] == [
        {"rule_id": "DAT003", "file": "bad.yaml", "subject": "r01", "count": 1},
        {"rule_id": "DAT003", "file": "good.yaml", "subject": "r01", "count": 1},
        {"rule_id": "POW001", "file": "bad.yaml", "subject": "r01", "count": 1},
    ]
    r = run("check", "--baseline", "base.json", "bad.yaml", "good.yaml")
    assert r.exit_code == 0 and r.output == "3 in baseline in 2 designs\n"


def test_only_new_findings_and_line_moves(project):
    run("baseline", "create", "bad.yaml", "-o", "base.json")
    edited = (
        "# moved down by a comment\n"
        + BAD.replace("count: 3", "count: 4")
        + SECOND_RACK
    )
    (project / "bad.yaml").write_text(edited)
    r = run("check", "--baseline", "base.json", "bad.yaml")
    assert r.exit_code == 1
    assert r.output.splitlines() == [
        "bad.yaml:16:7: error POW001 rack r02 draws 30.6 kW = 32.2 kVA > 25.9 kVA "
        "continuous PDU capacity (3 PDU(s) at 80%: NEC 210.20(A)/215.3, assumed: no "
        "site.country or site.electrical_code)",
        "  help: add a PDU or use larger ones: 6.3 kVA more continuous capacity is "
        "needed",
        "1 error, 2 in baseline in 1 design",
    ]


def test_baseline_from_config_and_other_cwd(project, monkeypatch):
    (project / "ci").mkdir()
    run("baseline", "create", "bad.yaml", "-o", "ci/base.json")
    (project / "rackcheck.toml").write_text('baseline = "ci/base.json"\n')
    monkeypatch.chdir(project / "ci")
    r = run("check", "../bad.yaml")
    assert r.exit_code == 0 and "2 in baseline" in r.output
    doc = json.loads(run("check", "--format", "json", "../bad.yaml").output)
    assert [f["rule_id"] for f in doc["baselined"]] == ["DAT003", "POW001"]


def test_bad_baseline_is_exit_2(project):
    (project / "base.json").write_text("{not json")
    r = run("check", "--baseline", "base.json", "bad.yaml")
    assert r.exit_code == 2 and r.output.startswith("base.json:1:2: error CFG001")
    r = run("check", "--baseline", "missing.json", "bad.yaml")
    assert r.exit_code == 2 and "cannot read baseline" in r.output


def test_budget_breaches_are_never_baselined(project):
    (project / "rackcheck.toml").write_text("[budgets]\nit_power_kw = 10\n")
    run("baseline", "create", "bad.yaml", "-o", "base.json")
    doc = json.loads((project / "base.json").read_text())
    assert [e["rule_id"] for e in doc["findings"]] == ["DAT003", "POW001"]
    r = run("check", "--baseline", "base.json", "bad.yaml")
    assert r.exit_code == 1
    assert r.output.startswith("rackcheck.toml:2:1: error BUD001 budget it_power_kw")
