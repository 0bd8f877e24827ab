"""The pre-commit hook definitions run as written; the GitHub Action is well formed."""

from __future__ import annotations

import shlex
import shutil
import subprocess

import pytest
import yaml
from prhelp import BAD, GOOD, ROOT

pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.fixture(autouse=True)
def _no_rack_load_note(clean_env, monkeypatch: pytest.MonkeyPatch):
    """These tests are about the hooks and the action, shown on a POW001 finding: the DAT003 note every
    AR3100 design also gets (its load rating is not published) is left out here;
    tests/test_baseline.py and tests/rules/test_power_physics.py cover it."""
    monkeypatch.setenv("RACKCHECK_EXTEND_IGNORE", "DAT003")


HOOKS = {
    h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
}


def hook_command(hook: dict, files: list[str]) -> list[str]:
    """What pre-commit runs: entry + args (+ the staged files unless pass_filenames is
    false); `language: python` puts the installed `rackcheck` on PATH."""
    cmd = [*shlex.split(hook["entry"]), *hook.get("args", [])]
    return cmd if hook.get("pass_filenames", True) is False else cmd + files


def test_hooks_are_defined():
    assert set(HOOKS) == {"rackcheck", "rackcheck-all"}
    assert HOOKS["rackcheck"]["types"] == ["yaml"]
    assert HOOKS["rackcheck-all"]["pass_filenames"] is False
    assert all(h["language"] == "python" for h in HOOKS.values())


def test_per_file_hook_on_examples(tmp_path):
    assert shutil.which("rackcheck")
    one = str(ROOT / "designs/one-rack-dgx-h100.yaml")
    catalog = str(
        ROOT / "catalogs/pdu/apc-by-schneider-electric.yaml"
    )  # a staged YAML that is no design
    out = subprocess.run(
        hook_command(HOOKS["rackcheck"], [one, catalog]),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout == "no findings in 1 design\n"
    (tmp_path / "bad.yaml").write_text(BAD)
    out = subprocess.run(
        hook_command(HOOKS["rackcheck"], ["bad.yaml"]),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    assert out.stdout.startswith("bad.yaml:7:7: error POW001 rack r01 draws 30.6 kW")


def test_whole_repo_hook(tmp_path):
    (tmp_path / "designs/hall").mkdir(parents=True)
    (tmp_path / "designs/a.yaml").write_text(GOOD)
    (tmp_path / "designs/hall/b.yaml").write_text(GOOD)
    cmd = hook_command(HOOKS["rackcheck-all"], ["ignored.yaml"])
    assert cmd == ["rackcheck", "check", "designs/"]
    out = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout == "no findings in 2 designs\n"


def test_action_is_a_composite_that_uploads_sarif_and_summarises():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert '--output "sarif=$SARIF"' in scripts
    assert "GITHUB_STEP_SUMMARY" in scripts
    assert "rackcheck-diff" in scripts  # the comment is found by its marker
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "pass inputs through env, not into scripts"
