"""Config files found upward, `extend`, select/ignore by prefix, severities, options,
budgets; precedence command line > environment > file > defaults, with origins;
invalid config located, exit 2."""

from __future__ import annotations

import json

import pytest
from prhelp import BAD, note, run

from rackcheck.config import resolve
from rackcheck.findings import InputError, Severity
from rackcheck.settings import Settings


def show(
    *args: str, env: dict[str, str] | None = None
) -> dict[str, tuple[object, str]]:
    r = run("config", "show", "--format", "json", *args, env=env)
    assert r.exit_code == 0, r.output
    return {
        s["key"]: (s["value"], s["origin"]) for s in json.loads(r.output)["settings"]
    }


def test_found_upward_from_the_file(project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.rackcheck]\nfail-on = "error"\n'
        'ignore = ["POW"]\n'
    )
    (project / "sub/deeper").mkdir(parents=True)
    (project / "sub/deeper/bad.yaml").write_text(BAD)
    r = run("check", "sub/deeper/bad.yaml")
    assert r.exit_code == 0
    assert r.output == note("sub/deeper/bad.yaml", 5) + "\n1 note in 1 design\n"
    s = resolve(["sub/deeper/bad.yaml"], env={})
    assert s.config_file == "pyproject.toml"
    assert s.origins["ignore"] == "pyproject.toml:6:1"


def test_pyproject_without_table_is_skipped_and_rackcheck_toml_wins(project):
    (project / "sub").mkdir()
    (project / "sub/pyproject.toml").write_text('[project]\nname = "x"\n')
    (project / "rackcheck.toml").write_text('fail-on = "note"\n')
    (project / "pyproject.toml").write_text('[tool.rackcheck]\nfail-on = "error"\n')
    s = resolve(["sub"], env={})
    assert s.config_file == "rackcheck.toml" and s.fail_on == Severity.NOTE


def test_extend_is_relative_to_its_file(project):
    (project / "shared").mkdir()
    (project / "shared/base.toml").write_text(
        'ignore = ["DAT"]\n[rules.POW001]\nderating = 1.0\n'
    )
    (project / "rackcheck.toml").write_text(
        'extend = "shared/base.toml"\nfail-on = "error"\n'
    )
    s = resolve(["bad.yaml"], env={})
    assert s.options == {"POW001": {"derating": 1.0}}
    assert s.origins["options.POW001.derating"] == "shared/base.toml:3:1"
    assert s.origins["fail-on"] == "rackcheck.toml:2:1"
    # derating 1.0: 3 x 10.8 kVA = 32.4 kVA >= 32.2 kVA, so POW001 no longer fires
    assert run("check", "bad.yaml").output == "no findings in 1 design\n"


def test_extend_cycle_is_an_error(project):
    (project / "a.toml").write_text('extend = "rackcheck.toml"\n')
    (project / "rackcheck.toml").write_text('extend = "a.toml"\n')
    r = run("check", "bad.yaml")
    assert r.exit_code == 2 and "extend each other in a cycle" in r.output


def test_longest_prefix_wins():
    s = Settings(select=["POW"], ignore=["POW00"])
    assert not s.enabled("POW001")
    s = Settings(select=["POW001"], ignore=["POW"])
    assert s.enabled("POW001") and not s.enabled("POW002")
    s = Settings(select=["ALL"], ignore=["COOL"])
    assert s.enabled("POW001") and not s.enabled("COOL001")


def test_severity_override(project):
    (project / "rackcheck.toml").write_text('[severity]\nPOW001 = "warning"\n')
    r = run("check", "--fail-on", "error", "bad.yaml")
    assert r.exit_code == 0
    assert r.output.splitlines()[1].startswith("bad.yaml:7:7: warning POW001")


def test_precedence_and_origins(project):
    (project / "rackcheck.toml").write_text(
        'select = ["POW", "COOL"]\nignore = ["COOL007"]\nfail-on = "note"\n'
    )
    got = show()
    assert got["select"] == (["POW", "COOL"], "rackcheck.toml:1:1")
    assert got["ignore"] == (["COOL007"], "rackcheck.toml:2:1")
    assert got["fail-on"] == ("note", "rackcheck.toml:3:1")
    assert got["require-reason"] == (False, "default")
    assert got["rules.POW001.derating"] == (None, "default")  # the site code decides
    env = {"RACKCHECK_FAIL_ON": "warning", "RACKCHECK_SELECT": "POW,PHY"}
    got = show(env=env)
    assert got["fail-on"] == ("warning", "env RACKCHECK_FAIL_ON")
    assert got["select"] == (["POW", "PHY"], "env RACKCHECK_SELECT")
    assert got["ignore"] == (["COOL007"], "rackcheck.toml:2:1")
    got = show("--fail-on", "error", "--select", "POW001", env=env)
    assert got["fail-on"] == ("error", "command line --fail-on")
    assert got["select"] == (["POW001"], "command line --select")


def test_extend_select_adds(project):
    (project / "rackcheck.toml").write_text(
        'select = ["POW"]\nextend-select = ["PHY"]\n'
    )
    s = resolve(["."], {"extend-select": "COOL001"}, env={})
    assert s.select == ["POW", "PHY", "COOL001"]
    assert (
        s.origins["extend-select"] == "rackcheck.toml:2:1, command line --extend-select"
    )


def test_config_show_text(project):
    (project / "rackcheck.toml").write_text('[budgets]\nit_power_kw = "1.2 MW"\n')
    r = run("config", "show")
    lines = r.output.splitlines()
    assert lines[0] == "config file: rackcheck.toml"
    [budget] = [line for line in lines if line.startswith("budgets.it_power_kw")]
    assert '"total IT power <= 1200 kW"' in budget and budget.endswith(
        "# rackcheck.toml:2:1"
    )


def test_explicit_config_and_isolated(project):
    (project / "rackcheck.toml").write_text('ignore = ["POW"]\n')
    (project / "other.toml").write_text('fail-on = "error"\n')
    assert run("check", "bad.yaml").exit_code == 0
    assert run("check", "--isolated", "bad.yaml").exit_code == 1
    s = resolve(["."], config="other.toml", env={})
    assert s.config_file == "other.toml" and s.ignore == []
    s = resolve(["."], env={"RACKCHECK_CONFIG": "other.toml"})
    assert s.config_file == "other.toml"


BAD_CONFIGS = [
    (
        'selct = ["POW"]\n',
        "rackcheck.toml:1:1: error CFG001 unknown key 'selct' (did you mean 'select'?)",
    ),
    (
        'ignore = ["DAT", "PWO"]\n',
        "rackcheck.toml:1:19: error CFG001 'PWO' is not a rule id or prefix",
    ),
    (
        'fail-on = "fatal"\n',
        "rackcheck.toml:1:1: error CFG001 expected one of error, "
        "warning, note, not 'fatal'",
    ),
    (
        '\n[severity]\nPOW009 = "note"\n',
        "rackcheck.toml:3:1: error CFG001 unknown rule 'POW009'",
    ),
    (
        '[rules.POW001]\nderating = "high"\n',
        "rackcheck.toml:2:1: error CFG001 "
        "POW001.derating: expected a number, not 'high'",
    ),
    (
        "rules = {POW001 = {deratin = 0.9}}\n",
        "rackcheck.toml:1:20: error CFG001 POW001 "
        "has no option 'deratin' (options: derating)",
    ),
    (
        "require-reason = 1\n",
        "rackcheck.toml:1:1: error CFG001 require-reason: expected true or false",
    ),
    (
        "budgets = {it_power = 5}\n",
        "rackcheck.toml:1:12: error CFG001 unknown budget 'it_power'",
    ),
    ("select = [\n", "rackcheck.toml:2:1: error CFG001 TOML syntax error"),
    (
        'name = "x"\nfail-on = = 1\n',
        "rackcheck.toml:2:11: error CFG001 TOML syntax error",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD_CONFIGS)
def test_invalid_config_is_located_exit_2(project, text, expected):
    (project / "rackcheck.toml").write_text(text)
    r = run("check", "bad.yaml")
    assert r.exit_code == 2
    assert r.output.startswith(expected), r.output


def test_invalid_pyproject_table_is_located(project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.rackcheck]\nselect = ["POW"]\n'
        'failon = "error"\n'
    )
    r = run("check", "bad.yaml")
    assert r.exit_code == 2
    assert r.output.startswith("pyproject.toml:6:1: error CFG001 unknown key 'failon'")


def test_invalid_environment_is_exit_2(project):
    r = run("check", "bad.yaml", env={"RACKCHECK_FAIL_ON": "loud"})
    assert r.exit_code == 2
    assert r.output.startswith("RACKCHECK_FAIL_ON:1:1: error CFG001 expected one of")
    with pytest.raises(InputError):
        resolve(["."], env={"RACKCHECK_REQUIRE_REASON": "maybe"})


def test_budget_fails_the_run_and_names_the_budget(project):
    (project / "rackcheck.toml").write_text(
        'fail-on = "error"\n[budgets]\nit_power_kw = 50\ngpus = {min = 64}\n'
    )
    r = run("check", "good.yaml", "bad.yaml")  # 71.4 kW, 56 GPUs
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert (
        "rackcheck.toml:3:1: error BUD001 budget it_power_kw: total IT power 71.4 kW, "
        "limit <= 50 kW: over budget" in lines
    )
    assert (
        "rackcheck.toml:4:1: error BUD001 budget gpus: GPUs 56, limit >= 64: below "
        "the floor" in lines
    )
    assert run("check", "good.yaml").output.count("BUD001") == 1  # 40.8 kW, 32 GPUs
    (project / "rackcheck.toml").write_text('[budgets]\nit_power_kw = "1.2 MW"\n')
    assert run("check", "good.yaml", "bad.yaml").exit_code == 1  # POW001 only
    assert "BUD001" not in run("check", "good.yaml", "bad.yaml").output


def test_budget_not_computed_is_a_note(project):
    (project / "rackcheck.toml").write_text("[budgets]\ncapex_usd = 1000000\n")
    r = run("check", "good.yaml")
    assert r.exit_code == 0
    assert (
        "rackcheck.toml:2:1: note BUD001 budget capex_usd (capex <= 1,000,000 USD): "
        "not computed" in r.output
    )
