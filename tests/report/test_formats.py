"""Every output format carries the rule id at its line:column; several formats in one
run; nothing is written when the input cannot be checked."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from prhelp import ROOT, run

pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.fixture(autouse=True)
def _no_rack_load_note(clean_env, monkeypatch: pytest.MonkeyPatch):
    """These tests are about output formats, shown on a POW001 finding: the DAT003 note every
    AR3100 design also gets (its load rating is not published) is left out here;
    tests/test_baseline.py and tests/rules/test_power_physics.py cover it."""
    monkeypatch.setenv("RACKCHECK_EXTEND_IGNORE", "DAT003")


SARIF_SCHEMA = json.loads((ROOT / "tests/data/sarif-schema-2.1.0.json").read_text())
POW001 = (
    "bad.yaml:7:7: error POW001 rack r01 draws 30.6 kW = 32.2 kVA > 25.9 kVA "
    "continuous PDU capacity (3 PDU(s) at 80%: NEC 210.20(A)/215.3, assumed: no "
    "site.country or site.electrical_code)"
)

# The fix hint the text format prints under POW001 (issue 8).
HELP = (
    "  help: add a PDU or use larger ones: 6.3 kVA more continuous capacity is needed"
)


def sarif(*args: str) -> dict:
    r = run("check", "--format", "sarif", *args)
    doc = json.loads(r.output)
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(doc)
    return doc


def test_text(project):
    r = run("check", "bad.yaml", "good.yaml")
    assert r.exit_code == 1
    assert r.output.splitlines() == [POW001, HELP, "1 error in 2 designs"]


def test_json_is_versioned_and_located(project):
    doc = json.loads(run("check", "--format", "json", "bad.yaml").output)
    assert doc["version"] == 1
    [f] = doc["findings"]
    assert (f["rule_id"], f["location"]["line"], f["location"]["column"]) == (
        "POW001",
        7,
        7,
    )
    assert doc["summary"] == {
        "error": 1,
        "warning": 0,
        "note": 0,
        "suppressed": 0,
        "baselined": 0,
    }
    assert doc["metrics"]["totals"]["it_power_kw"] == 30.6


def test_sarif_validates_and_locates(project):
    doc = sarif("bad.yaml")
    run_ = doc["runs"][0]
    [res] = run_["results"]
    assert res["ruleId"] == "POW001" and res["level"] == "error"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "bad.yaml", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 7, "startColumn": 7}
    assert (
        run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        == project.resolve().as_uri() + "/"
    )
    rules = run_["tool"]["driver"]["rules"]
    assert rules[res["ruleIndex"]]["id"] == "POW001"
    pow001 = rules[res["ruleIndex"]]
    assert pow001["helpUri"].endswith("docs/rules.md#pow001-pdu-capacity")
    assert "continuous rating" in pow001["help"]["text"]
    assert {"SUP001", "SUP002", "SUP003", "BUD001"} <= {r["id"] for r in rules}
    assert res["partialFingerprints"]["rackcheck/v1"].endswith(":1")


def test_sarif_clean_has_empty_results(project):
    doc = sarif("good.yaml")
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_sarif_uri_is_relative_to_repo_root(project, monkeypatch):
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(project))  # no git here: the workspace
    doc = sarif("../bad.yaml")
    loc = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "bad.yaml"


def test_fingerprint_survives_line_moves_and_new_figures(project):
    before = sarif("bad.yaml")["runs"][0]["results"][0]["partialFingerprints"]
    moved = "# a comment\n# another\n" + (project / "bad.yaml").read_text()
    (project / "bad.yaml").write_text(moved.replace("count: 3", "count: 4"))
    res = sarif("bad.yaml")["runs"][0]["results"][0]
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 9
    assert "40.8 kW" in res["message"]["text"]
    assert res["partialFingerprints"] == before


def test_github_annotations_then_full_text(project):
    r = run("check", "--format", "github", "bad.yaml")
    lines = r.output.splitlines()
    assert lines[0] == (
        "::error file=bad.yaml,line=7,col=7,title=rackcheck POW001::POW001 rack r01 "
        "draws 30.6 kW = 32.2 kVA > 25.9 kVA continuous PDU capacity (3 PDU(s) at "
        "80%25: NEC 210.20(A)/215.3, assumed: no site.country or site.electrical_code)"
    )
    assert lines[1:] == [POW001, HELP, "1 error in 1 design"]


def test_github_is_default_on_actions(project):
    r = run("check", "bad.yaml", env={"GITHUB_ACTIONS": "true"})
    assert r.output.startswith("::error file=bad.yaml,line=7,col=7,")
    assert run(
        "check", "--format", "text", "bad.yaml", env={"GITHUB_ACTIONS": "true"}
    ).output.startswith("bad.yaml:7:7")


def test_github_escaping():
    from rackcheck.report.github import escape_data, escape_property

    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_junit(project):
    r = run("check", "--format", "junit", "bad.yaml", "good.yaml")
    root = ET.fromstring(r.output)
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    bad, good = root.findall("testsuite")
    case = bad.find("testcase")
    assert case.get("name") == "POW001 7:7"
    assert case.find("failure").get("type") == "error"
    assert good.get("name") == "good.yaml" and good.find("testcase/failure") is None


def test_junit_below_fail_on_passes(project):
    (project / "rackcheck.toml").write_text('severity = {POW001 = "note"}\n')
    r = run("check", "--format", "junit", "bad.yaml")
    assert r.exit_code == 0
    case = ET.fromstring(r.output).find("testsuite/testcase")
    assert case.find("failure") is None
    assert case.find("system-out").text.startswith("bad.yaml:7:7: note POW001")


def test_markdown(project):
    r = run("check", "--format", "markdown", "bad.yaml", "good.yaml")
    assert r.output.startswith("<!-- rackcheck-check -->\n## rackcheck ❌")
    assert "**1 error in 2 designs**" in r.output
    assert "| ❌ | `bad.yaml:7:7` | [POW001](" in r.output
    assert "GPUs **56**" in r.output and "IT power **71.4 kW**" in r.output


def test_several_outputs_in_one_run(project):
    r = run(
        "check",
        "bad.yaml",
        "-o",
        "sarif=out/r.sarif",
        "--output",
        "json=r.json",
        "--output",
        "junit=r.xml",
        "--output",
        "markdown=r.md",
    )
    assert r.exit_code == 1
    assert r.output.startswith(POW001)  # stdout keeps its own format
    assert (
        json.loads((project / "r.json").read_text())["findings"][0]["rule_id"]
        == "POW001"
    )
    jsonschema.validate(json.loads((project / "out/r.sarif").read_text()), SARIF_SCHEMA)
    assert ET.parse(project / "r.xml").getroot().get("failures") == "1"
    assert "`bad.yaml:7:7`" in (project / "r.md").read_text()
    assert not list(project.rglob("*.tmp"))


def test_input_error_writes_nothing(project):
    (project / "r.sarif").write_text("old")
    (project / "broken.yaml").write_text("rackcheck: 1\nname: [unclosed\n")
    r = run(
        "check", "broken.yaml", "good.yaml", "-o", "sarif=r.sarif", "-o", "json=r.json"
    )
    assert r.exit_code == 2
    assert "broken.yaml:3:1: error INP001" in r.output
    assert (project / "r.sarif").read_text() == "old"
    assert not (project / "r.json").exists()


@pytest.mark.parametrize("spec", ["sarif", "xml=r.xml", "=r.json", "json="])
def test_bad_output_spec_is_usage_error(project, spec):
    r = run("check", "good.yaml", "--output", spec)
    assert r.exit_code == 2 and "FORMAT=PATH" in r.output


def test_exit_zero_and_fail_on(project):
    assert run("check", "--exit-zero", "bad.yaml").exit_code == 0
    (project / "broken.yaml").write_text("rackcheck: 1\n")
    assert run("check", "--exit-zero", "broken.yaml").exit_code == 2
    assert run("check", "--fail-on", "error", "bad.yaml").exit_code == 1


def test_rules_formats_list_engine_codes():
    rules = json.loads(run("rules", "--format", "json").output)
    by_id = {r["id"]: r for r in rules}
    assert by_id["SUP002"]["severity"] == "warning"
    assert by_id["POW001"]["options"] == {"derating": None}
    md = run("rules", "--format", "markdown").output
    assert "## SUP001 unknown-suppression" in md and "## BUD001 budget" in md


def test_explain_engine_code_links_docs():
    r = run("explain", "sup002")
    assert r.exit_code == 0
    assert r.output.startswith("SUP002 unused-suppression (warning, suppress)")
    assert r.output.rstrip().endswith("docs/rules.md#sup002-unused-suppression")


def test_installed_script_writes_sarif(project):
    import subprocess

    out = subprocess.run(
        ["rackcheck", "check", "bad.yaml", "-o", "sarif=r.sarif"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1 and out.stdout.startswith(POW001)
    doc = json.loads(Path(project / "r.sarif").read_text())
    assert doc["runs"][0]["results"][0]["ruleId"] == "POW001"
