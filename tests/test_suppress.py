"""Inline and file-level suppressions, their problems (SUP001-003), and their counts."""

from __future__ import annotations

import json

import pytest
from prhelp import BAD, run

from rackcheck.suppress import comment_start

pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.fixture(autouse=True)
def _no_rack_load_note(clean_env, monkeypatch: pytest.MonkeyPatch):
    """These tests are about inline suppressions, shown on a POW001 finding: the DAT003 note every
    AR3100 design also gets (its load rating is not published) is left out here;
    tests/test_baseline.py and tests/rules/test_power_physics.py cover it."""
    monkeypatch.setenv("RACKCHECK_EXTEND_IGNORE", "DAT003")


BAD_LINE = "      - {model: pdu-208v-3ph-30a-apc, feed: A}"  # line 7, where POW001 is


def write(project, text: str, name: str = "s.yaml") -> str:
    (project / name).write_text(text, encoding="utf-8")
    return name


def with_comment(comment: str, before: bool = False) -> str:
    if before:
        return BAD.replace(BAD_LINE, f"      {comment}\n{BAD_LINE}")
    return BAD.replace(BAD_LINE, f"{BAD_LINE}  {comment}")


def summary(r) -> str:
    return r.output.splitlines()[-1]


def test_same_line(project):
    name = write(
        project, with_comment("# rackcheck: ignore[POW001] lab rack, signed off")
    )
    r = run("check", name)
    assert r.exit_code == 0
    assert r.output == "1 suppressed in 1 design\n"


def test_line_before_and_stacked(project):
    text = BAD.replace(
        BAD_LINE,
        "      # rackcheck: ignore[POW001] lab rack\n"
        "      # rackcheck: ignore[POW006] phases spread later\n"
        f"{BAD_LINE}",
    )
    r = run("check", write(project, text))
    assert r.output.splitlines() == [
        "s.yaml:8:27: warning SUP002 unused suppression: POW006 reports nothing on "
        "line 9",
        "1 warning, 1 suppressed in 1 design",
    ]


def test_line_before_does_not_reach_further(project):
    text = BAD.replace(
        "    pdus:\n", "    # rackcheck: ignore[POW001] too far up\n    pdus:\n"
    )
    r = run("check", write(project, text))
    lines = r.output.splitlines()
    assert lines[0].startswith("s.yaml:6:25: warning SUP002 unused suppression: POW001")
    assert lines[1].startswith("s.yaml:8:7: error POW001")


def test_file_level(project):
    text = "# rackcheck: ignore-file[POW001] bench rack, not for production\n" + BAD
    r = run("check", "--format", "json", write(project, text))
    doc = json.loads(r.output)
    assert r.exit_code == 0 and doc["findings"] == []
    [s] = doc["suppressed"]
    assert (s["rule_id"], s["location"]["line"]) == ("POW001", 8)
    assert s["reason"] == "bench rack, not for production"
    assert s["suppressed_at"] == "s.yaml:1:1"
    assert doc["summary"]["suppressed"] == 1


def test_unknown_rule_id_is_reported_at_its_column(project):
    name = write(project, with_comment("# rackcheck: ignore[POW0001] typo"))
    lines = run("check", name).output.splitlines()
    assert lines[0] == "s.yaml:7:7: error POW001 " + lines[0].split(" POW001 ", 1)[1]
    assert lines[1].startswith("  help: add a PDU")
    assert (
        lines[2] == "s.yaml:7:69: warning SUP001 unknown rule 'POW0001' in suppression"
    )


@pytest.mark.parametrize(
    "comment",
    [
        "# rackcheck: ignore POW001",
        "# rackcheck: ignore[]",
        "# rackcheck: ignore-all[POW001]",
    ],
)
def test_malformed_is_sup001(project, comment):
    lines = run("check", write(project, with_comment(comment))).output.splitlines()
    assert any(line.startswith("s.yaml:7:49: warning SUP001") for line in lines), lines


def test_reason_required(project):
    name = write(project, with_comment("# rackcheck: ignore[POW001]"))
    assert run("check", name).exit_code == 0
    r = run("check", "--require-reason", name)
    assert r.output.splitlines() == [
        "s.yaml:7:49: warning SUP003 suppression without a reason: say why after the "
        "brackets",
        "1 warning, 1 suppressed in 1 design",
    ]
    (project / "rackcheck.toml").write_text("require-reason = true\n")
    assert run("check", name).exit_code == 1


def test_no_inline_suppressions(project):
    name = write(project, with_comment("# rackcheck: ignore[POW001] accepted"))
    r = run("check", "--no-inline-suppressions", name)
    assert r.exit_code == 1 and "s.yaml:7:7: error POW001" in r.output
    r = run("check", name, env={"RACKCHECK_INLINE_SUPPRESSIONS": "0"})
    assert r.exit_code == 1


def test_unused_only_for_rules_that_ran(project):
    name = write(project, with_comment("# rackcheck: ignore[POW001] accepted"))
    assert (
        run("check", "--ignore", "POW001,DAT003", name).output
        == "no findings in 1 design\n"
    )


def test_sup_codes_obey_ignore(project):
    name = write(project, with_comment("# rackcheck: ignore[NOPE1] x"))
    assert "SUP001" in run("check", name).output
    assert "SUP001" not in run("check", "--ignore", "SUP", name).output


def test_suppressed_left_out_of_sarif(project):
    name = write(project, with_comment("# rackcheck: ignore[POW001] accepted"))
    doc = json.loads(run("check", "--format", "sarif", name).output)
    assert doc["runs"][0]["results"] == []


def test_markdown_lists_suppressions(project):
    name = write(project, with_comment("# rackcheck: ignore[POW001] lab | rack"))
    md = run("check", "--format", "markdown", name).output
    assert "<summary>1 suppressed</summary>" in md
    assert "- `s.yaml:7:7` POW001: lab \\| rack" in md


def test_comment_start_respects_quotes():
    assert comment_start('name: "a # b"  # rackcheck: ignore[X]') == 15
    assert comment_start("name: it's # c") == 11
    assert comment_start("name: a#b") is None
    assert comment_start("# top") == 0
