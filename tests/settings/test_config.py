"""Config files found upward, `extend`, select/ignore by prefix, severities, options,
budgets; precedence command line > environment > file > defaults, with origins;
invalid config located, exit 2."""

from __future__ import annotations

import json

import pytest
from prhelp import BAD, note, run

from rackcheck.findings import InputError, Severity
from rackcheck.settings import Settings
from rackcheck.settings.layers import resolve

pytestmark = pytest.mark.usefixtures("clean_env")


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


# -- one table of settings, one table of figures --------------------------------------
BUDGET_AMOUNTS = [
    ('it_power_kw = "1.2 GW"', "it_power_kw", 1_200_000.0),
    ('it_power_kw = "300 W"', "it_power_kw", 0.3),
    ('apparent_power_kva = "1.5 MVA"', "apparent_power_kva", 1500.0),
    ('weight_kg = "2 t"', "weight_kg", 2000.0),
    ('units_used = "40 U"', "units_used", 40.0),
    ('capex_usd = "5 USD"', "capex_usd", 5.0),
    ("gpus = 1024", "gpus", 1024.0),
]


@pytest.mark.parametrize(("line", "name", "amount"), BUDGET_AMOUNTS)
def test_budget_amounts_through_the_unit_registry(project, line, name, amount):
    (project / "rackcheck.toml").write_text(f"[budgets]\n{line}\n")
    s = resolve(["."], env={})
    assert s.budgets[name] == {"max": pytest.approx(amount, rel=1e-12), "min": None}
    assert s.origins[f"budgets.{name}"] == "rackcheck.toml:2:1"


BAD_AMOUNTS = [
    ('it_power_kw = "1.2 MVA"', "expected a number of kW or text like '1.2 MW'"),
    ('apparent_power_kva = "5 kW"', "expected a number of kVA or text like '1.2 MVA'"),
    ('it_power_kw = "3 kg"', "expected a number of kW or text like '1.2 MW'"),
    ('capex_usd = "5 EUR"', "expected a number of USD or text like '1.2 USD'"),
    ('gpus = "12 U"', "expected a number of items, not '12 U'"),
]


@pytest.mark.parametrize(("line", "message"), BAD_AMOUNTS)
def test_budget_amount_in_another_unit_is_located(project, line, message):
    """W and VA stay apart; a mass is no power; money only in its currency."""
    (project / "rackcheck.toml").write_text(f"fail-on = 'error'\n[budgets]\n{line}\n")
    with pytest.raises(InputError) as exc:
        resolve(["."], env={})
    [f] = exc.value.findings
    assert (f.rule_id, str(f.location)) == ("CFG001", "rackcheck.toml:3:1")
    assert message in f.message


def test_settings_are_frozen():
    import dataclasses

    s = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.fail_on = Severity.ERROR  # type: ignore[misc]
    assert dataclasses.replace(s, fail_on=Severity.ERROR).fail_on is Severity.ERROR


def test_flags_arrive_as_values_not_text():
    """--require-reason is True and --no-inline-suppressions False, not 'true' text."""
    from rackcheck.settings.layers import command_line

    kw = {"require_reason": True, "no_inline_suppressions": True, "select": "POW",
          "exit_zero": True, "isolated": False, "fail_on": None}  # fmt: skip
    assert command_line(kw) == {
        "select": "POW",
        "inline-suppressions": False,
        "require-reason": True,
    }
    s = resolve(["."], command_line(kw), isolated=True, env={})
    assert (s.require_reason, s.inline_suppressions) == (True, False)
    assert s.origins["require-reason"] == "command line --require-reason"


def test_every_setting_of_the_table_has_its_flag_and_variable(project):
    """Each entry of settings/table.py with a flag is an option of `check`; each with
    a variable is read from the environment, with its origin."""
    from rackcheck.settings.table import SETTINGS

    help_text = run("check", "--help").output
    flags = [s.flag for s in SETTINGS if s.flag]
    assert flags == ["--fail-on", "--exit-zero", "--select", "--ignore",
                     "--extend-select", "--extend-ignore", "--config", "--isolated",
                     "--no-inline-suppressions", "--require-reason", "--baseline"]  # fmt: skip
    assert all(f in help_text for f in flags)
    env = {"RACKCHECK_FAIL_ON": "note", "RACKCHECK_INLINE_SUPPRESSIONS": "off",
           "RACKCHECK_REQUIRE_REASON": "yes", "RACKCHECK_IGNORE": "COOL",
           "RACKCHECK_EXTEND_IGNORE": "NET001", "RACKCHECK_BASELINE": "b.json"}  # fmt: skip
    s = resolve(["."], env=env)
    assert (s.fail_on, s.inline_suppressions, s.require_reason) == (
        Severity.NOTE,
        False,
        True,
    )
    assert s.ignore == ["COOL", "NET001"]
    assert s.baseline == str(project / "b.json")
    assert s.origins["extend-ignore"] == "env RACKCHECK_EXTEND_IGNORE"


def test_figures_label_diff_rows_and_budgets():
    from rackcheck import diff
    from rackcheck.figures import BUDGETS, find

    assert diff.label("totals.it_power_kw") == ("IT power", "kW")
    assert diff.label("a.yaml: fabrics.ib.switch_power_kw") == (
        "a.yaml: fabric ib: switch power",
        "kW",
    )
    assert diff.label("phases.p1.storage_read_gbs") == (
        "phase p1: storage read",
        "GB/s",
    )
    assert diff.label("phases.p1.ib_bisection_gbps") == (
        "phase p1: ib bisection",
        "Gbit/s",
    )
    assert diff.label("cost.priced_capex_usd") == ("priced capex", "USD")
    assert diff.label("totals.units_used") == ("units used", "")
    assert list(BUDGETS)[:4] == [
        "it_power_kw",
        "apparent_power_kva",
        "heat_liquid_kw",
        "heat_air_kw",
    ]
    assert BUDGETS["it_power_kw"].limits == "total IT power"
    fig = find("fabrics.roce.bisection_gbps")
    assert fig is not None and (fig.unit, fig.higher) == ("Gbit/s", "better")


def test_every_budget_figure_is_in_the_metrics(project, monkeypatch):
    """Each budget's key points at a figure a priced design's metrics hold."""
    from pathlib import Path

    from rackcheck.api import check
    from rackcheck.budget import metric
    from rackcheck.figures import BUDGETS

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "cost"))
    from costhelp import BOOK, ONE_RACK

    (project / "book.yaml").write_text(BOOK)
    (project / "priced.yaml").write_text(ONE_RACK)
    m = check([str(project / "priced.yaml")], Settings()).metrics
    got = {name: metric(m, f.key) for name, f in BUDGETS.items()}
    assert got["it_power_kw"] == 40.8 and got["gpus"] == 32.0
    assert got["weight_kg"] == 521.8 and got["units_used"] == 32.0
    assert got["capex_usd"] == 1210100.0 and got["tco_usd"] == 1859933.84
    assert got["switches"] is None  # no fabric, no switches total
