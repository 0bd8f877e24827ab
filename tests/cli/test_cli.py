"""The command line: exit codes, formats, rules/explain/schema/catalog, a real run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner

from rackcheck import __version__
from rackcheck.cli import cli

ROOT = Path(__file__).resolve().parents[2]
ONE = str(ROOT / "designs/one-rack-dgx-h100.yaml")
BROKEN = str(ROOT / "designs/broken/pow001-pdu-capacity.yaml")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.output.strip() == f"rackcheck, version {__version__}"


def test_check_clean_exit_0():
    r = run("check", ONE)
    assert r.exit_code == 0
    assert r.output.strip().endswith("in 1 design")


def test_check_broken_text_line_exit_1():
    r = run("check", BROKEN)
    assert r.exit_code == 1
    assert "note DAT003 rack max_load" in r.output.splitlines()[0]  # AR3100: no rating
    assert r.output.splitlines()[1].endswith(
        ":11:7: error POW001 rack r01 draws 30.6 kW = 32.2 kVA > 25.9 kVA continuous "
        "PDU capacity (3 PDU(s) at 80%: NEC 210.20(A)/215.3, assumed: no site.country "
        "or site.electrical_code)"
    )


def test_fail_on_error_ignores_warnings():
    path = str(ROOT / "designs/broken/pow006-phase-balance.yaml")
    assert run("check", path).exit_code == 1  # default --fail-on warning
    assert run("check", "--fail-on", "error", path).exit_code == 0


def test_json_shape():
    r = run("check", "--format", "json", BROKEN)
    doc = json.loads(r.output)
    assert doc["version"] == 1
    f = doc["findings"][1]  # [0]: the DAT003 note (the AR3100's load rating)
    assert set(f) == {"rule_id", "severity", "message", "location", "subject", "fix"}
    assert f["fix"] == (
        "add a PDU or use larger ones: 6.3 kVA more continuous capacity is needed"
    )
    assert (f["rule_id"], f["location"]["line"], f["location"]["column"]) == (
        "POW001",
        11,
        7,
    )
    assert f["subject"] == "r01"
    r01 = doc["metrics"]["racks"]["r01"]
    for key in (
        "power_kw",
        "pdu_capacity_kw",
        "heat_liquid_kw",
        "heat_air_kw",
        "units_used",
        "weight_kg",
    ):
        assert key in r01
    assert r01["power_kw"] == 30.6


def test_output_is_deterministic():
    a = run("check", "--format", "json", str(ROOT / "designs")).output
    b = run("check", "--format", "json", str(ROOT / "designs")).output
    assert a == b


def test_folder_walks_designs_only():
    r = run("check", "--format", "json", str(ROOT / "designs"))
    files = json.loads(r.output)["files"]
    assert any(f.endswith("designs/broken/pow001-pdu-capacity.yaml") for f in files)
    assert not any("catalogs" in f for f in files)


def test_usage_error_is_exit_2():
    assert run("check").exit_code == 2
    assert run("check", "--format", "xml", ONE).exit_code == 2
    assert run("explain", "NOPE999").exit_code == 2


def test_rules_and_explain():
    r = run("rules")
    assert r.exit_code == 0
    assert any(
        line.startswith("POW001   error    pdu-capacity")
        for line in r.output.splitlines()
    )
    e = run("explain", "pow002")
    assert e.exit_code == 0
    assert e.output.startswith("POW002 feed-loss (error, power)")
    assert "**Fails**" in e.output and "Options:" in e.output


def test_schema_commands_match_committed_copies():
    for which in ("design", "catalog"):
        out = run("schema", which).output
        assert out == (ROOT / "schemas" / f"{which}.schema.json").read_text()


def test_designs_and_catalogs_validate_against_published_schemas():
    design = json.loads((ROOT / "schemas/design.schema.json").read_text())
    catalog = json.loads((ROOT / "schemas/catalog.schema.json").read_text())
    jsonschema.validators.validator_for(design).check_schema(design)
    jsonschema.validators.validator_for(catalog).check_schema(catalog)
    # one validator per schema: validate() would re-check the schema for every file
    designs = jsonschema.validators.validator_for(design)(design)
    catalogs = jsonschema.validators.validator_for(catalog)(catalog)
    for p in sorted((ROOT / "designs").rglob("*.yaml")):
        designs.validate(yaml.safe_load(p.read_text()))
    for p in sorted((ROOT / "catalogs").glob("*.yaml")):
        catalogs.validate(yaml.safe_load(p.read_text()))


def test_catalog_list_kind():
    r = run("catalog", "list", "--kind", "pdu")
    assert r.exit_code == 0
    ids = [line.split()[1] for line in r.output.splitlines()]
    assert "pdu-415v-3ph-60a-apc" in ids and all(i.startswith("pdu-") for i in ids)
    assert run("catalog", "list", "--kind", "toaster").exit_code == 2


def test_every_catalog_entry_has_a_source():
    for p in sorted((ROOT / "catalogs").glob("*.yaml")):
        for comp in yaml.safe_load(p.read_text())["components"]:
            assert comp.get("source"), comp["id"]


def test_installed_script_real_run():
    out = subprocess.run(
        ["rackcheck", "check", ONE, BROKEN], capture_output=True, text=True, check=False
    )
    assert out.returncode == 1
    assert "error POW001" in out.stdout
    assert out.stdout.strip().endswith("1 error, 2 notes in 2 designs")


def test_python_dash_m():
    out = subprocess.run(
        [sys.executable, "-m", "rackcheck", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0 and __version__ in out.stdout


def test_rules_doc_is_generated_from_docstrings():
    out = run("rules", "--format", "markdown").output
    assert out == (ROOT / "docs/rules.md").read_text()
