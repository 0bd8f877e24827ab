"""`rackcheck diff`: figure deltas, findings new and fixed, budgets, Markdown marker;
two files, two folders, or `--base-ref` through git."""

from __future__ import annotations

import json
import subprocess

import pytest
from prhelp import BAD, GOOD, run

pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.fixture(autouse=True)
def _no_rack_load_note(clean_env, monkeypatch: pytest.MonkeyPatch):
    """These tests are about `rackcheck diff`, shown on a POW001 finding: the DAT003 note every
    AR3100 design also gets (its load rating is not published) is left out here;
    tests/test_baseline.py and tests/rules/test_power_physics.py cover it."""
    monkeypatch.setenv("RACKCHECK_EXTEND_IGNORE", "DAT003")


def diff_json(*args: str) -> dict:
    r = run("diff", "--format", "json", *args)
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.output)


def figures(doc: dict) -> dict[str, tuple]:
    return {
        f["key"]: (f["base"], f["head"], f["delta"], f["unit"]) for f in doc["figures"]
    }


def test_two_files(project):
    doc = diff_json("good.yaml", "bad.yaml")
    fig = figures(doc)
    assert fig["totals.gpus"] == (32, 24, -8, "")
    assert fig["totals.it_power_kw"] == (40.8, 30.6, -10.2, "kW")
    assert fig["totals.heat_air_kw"] == (40.8, 30.6, -10.2, "kW")
    assert fig["totals.heat_liquid_kw"] == (0, 0, 0, "kW")
    assert [(f["rule_id"], f["location"]["line"]) for f in doc["new"]] == [
        ("POW001", 7)
    ]
    assert doc["fixed"] == []
    back = diff_json("bad.yaml", "good.yaml")
    assert [f["rule_id"] for f in back["fixed"]] == ["POW001"] and back["new"] == []


def test_text_and_exit_codes(project):
    r = run("diff", "good.yaml", "bad.yaml")
    assert r.exit_code == 1  # a new error
    lines = r.output.splitlines()
    assert lines[0] == "rackcheck diff: good.yaml -> bad.yaml"
    assert any(
        line.split() == ["IT", "power", "40.8", "kW", "30.6", "kW", "-10.2", "kW"]
        for line in lines
    )
    assert "1 new finding:" in lines and "0 fixed findings" in lines
    assert run("diff", "bad.yaml", "good.yaml").exit_code == 0
    assert run("diff", "--exit-zero", "good.yaml", "bad.yaml").exit_code == 0
    (project / "broken.yaml").write_text("rackcheck: 1\n")
    assert run("diff", "good.yaml", "broken.yaml").exit_code == 2


def test_markdown_has_marker_and_table(project):
    r = run("diff", "--format", "markdown", "good.yaml", "bad.yaml")
    md = r.output
    assert md.startswith("<!-- rackcheck-diff -->\n")
    assert "| IT power | 40.8 kW | 30.6 kW | **-10.2 kW** |" in md
    assert "| GPUs | 32 | 24 | **-8** |" in md
    assert "**New findings: 1**" in md and "`bad.yaml:7:7` error **POW001**" in md


def test_changed_figure_is_not_a_new_finding(project):
    (project / "worse.yaml").write_text(BAD.replace("count: 3", "count: 4"))
    doc = diff_json("bad.yaml", "worse.yaml")
    assert doc["new"] == [] and doc["fixed"] == []


def test_folders(project):
    for side, text in (("base", GOOD), ("head", BAD)):
        (project / side / "hall").mkdir(parents=True)
        (project / side / "hall/a.yaml").write_text(text)
        (project / side / "b.yaml").write_text(GOOD)
    doc = diff_json("base", "head")
    assert figures(doc)["totals.gpus"] == (64, 56, -8, "")
    assert [f["location"]["path"] for f in doc["new"]] == ["head/hall/a.yaml"]


def test_budget_fails_diff(project):
    (project / "rackcheck.toml").write_text("[budgets]\nit_power_kw = 35\n")
    r = run("diff", "bad.yaml", "good.yaml")
    assert r.exit_code == 1
    assert (
        "  FAIL  budget it_power_kw: total IT power 40.8 kW, limit <= 35 kW" in r.output
    )
    md = run("diff", "--format", "markdown", "bad.yaml", "good.yaml").output
    assert "| it_power_kw (total IT power) | 40.8 kW | ≤ 35 kW | ❌ over |" in md
    assert run("diff", "good.yaml", "bad.yaml").exit_code == 1  # POW001 new, budget ok


def test_output_files(project):
    r = run("diff", "good.yaml", "bad.yaml", "-o", "markdown=c.md", "-o", "json=d.json")
    assert r.exit_code == 1
    assert (project / "c.md").read_text().startswith("<!-- rackcheck-diff -->")
    assert json.loads((project / "d.json").read_text())["version"] == 1


def test_usage(project):
    assert run("diff", "good.yaml").exit_code == 2


def test_base_ref_reads_git(project):
    def git(*args: str) -> None:
        subprocess.run(
            [
                "git",
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.com",
                "-c",
                "commit.gpgsign=false",
                *args,
            ],
            cwd=project,
            check=True,
            capture_output=True,
        )

    (project / "designs/cat").mkdir(parents=True)
    (project / "designs/cat/extra.yaml").write_text("catalog: 1\ncomponents: []\n")
    (project / "designs/a.yaml").write_text(
        GOOD.replace("rackcheck: 1\n", "rackcheck: 1\ncatalogs: [cat/extra.yaml]\n")
    )
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    (project / "designs/a.yaml").write_text(BAD)
    (project / "designs/new.yaml").write_text(GOOD)
    doc = diff_json("--base-ref", "HEAD", "designs")
    assert doc["base"] == "HEAD" and doc["head"] == "working tree"
    assert figures(doc)["totals.gpus"] == (32, 56, 24, "")
    assert figures(doc)["totals.it_power_kw"] == (40.8, 71.4, 30.6, "kW")
    assert [(f["rule_id"], f["location"]["path"]) for f in doc["new"]] == [
        ("POW001", "designs/a.yaml")
    ]
    assert doc["input_errors"] == {"base": [], "head": []}
    bad = run("diff", "--base-ref", "no-such-ref", "designs")
    assert bad.exit_code == 2 and "git:" in bad.output


def test_figures_read_whatever_metrics_hold():
    from rackcheck.diff import figures, rows

    head = {
        "totals": {"gpus": 1024, "it_power_kw": 1310.4, "capex_usd": 5e7},
        "fabrics": {"compute": {"leaf": 32, "spine": 16, "core": 0,
                                "bisection_gbps": 204800.0, "switch_power_kw": None}},
        "storage": {"aggregate_read_gbs": 184.14, "per_node_gbs": {"x": 1.0}},
        "cost": {"tco_usd": 9e7},
    }  # fmt: skip
    assert figures(head) == {
        "totals.gpus": 1024.0,
        "totals.it_power_kw": 1310.4,
        "totals.capex_usd": 5e7,
        "storage.aggregate_read_gbs": 184.14,
        "fabrics.compute.switches": 48.0,
        "fabrics.compute.bisection_gbps": 204800.0,
        "cost.tco_usd": 9e7,
    }
    table = {r.label: (r.base, r.head, r.unit) for r in rows({"totals": {}}, head)}
    assert table["fabric compute: switches"] == (None, 48.0, "")
    assert table["fabric compute: bisection"] == (None, 204800.0, "Gbit/s")
    assert table["storage read throughput"] == (None, 184.14, "GB/s")
    assert table["capex"] == (None, 5e7, "USD") and table["TCO"] == (None, 9e7, "USD")
    assert rows({}, {}) == []
