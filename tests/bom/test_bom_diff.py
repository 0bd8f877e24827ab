"""`rackcheck diff` shows BOM lines added, removed and changed in quantity."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from rackcheck.bom.changes import BomChange, bom_changes
from rackcheck.cli import cli

ONE = Path(__file__).resolve().parent.parent.parent / "designs/one-rack-dgx-h100.yaml"


def test_changes_added_removed_changed():
    base = {"d": {"a": 1, "b": 2}, "gone": {"x": 3}}
    head = {"d": {"b": 5, "c": 1}}
    assert bom_changes(base, head) == [
        BomChange("d", "a", 1, 0), BomChange("d", "b", 2, 5), BomChange("d", "c", 0, 1),
        BomChange("gone", "x", 3, 0)]  # fmt: skip
    assert [c.change for c in bom_changes(base, head)] == [
        "removed", "changed", "added", "removed"]  # fmt: skip


def test_diff_json_and_text(write):
    text = ONE.read_text().replace("count: 4, position: 3", "count: 5, position: 3")
    text = text.replace("      - {model: pdu-415v-3ph-60a-apc, feed: C}\n", "")
    head = write("head.yaml", text)
    r = CliRunner().invoke(cli, ["diff", str(ONE), str(head), "--format", "json"])
    doc = json.loads(r.output)
    assert doc["bom"] == [
        {"design": "one-rack-dgx-h100", "id": "dgx-h100", "base": 4, "head": 5,
         "change": "changed"},
        {"design": "one-rack-dgx-h100", "id": "pdu-415v-3ph-60a-apc", "base": 3,
         "head": 2, "change": "changed"},
        {"design": "one-rack-dgx-h100", "id": "power-cord-c19-c20", "base": 24,
         "head": 30, "change": "changed"},
    ]  # fmt: skip
    t = CliRunner().invoke(cli, ["diff", str(ONE), str(head)])
    words = [line.split() for line in t.output.splitlines()]
    assert ["one-rack-dgx-h100:", "dgx-h100", "4", "->", "5", "+1", "changed"] in words
    assert ["one-rack-dgx-h100:", "pdu-415v-3ph-60a-apc", "3", "->", "2", "-1",
            "changed"] in words  # fmt: skip
    md = CliRunner().invoke(cli, ["diff", str(ONE), str(head), "--format", "markdown"])
    assert "| one-rack-dgx-h100: `dgx-h100` | 4 | 5 | **+1** (changed) |" in md.output


def test_no_bom_section_when_unchanged():
    r = CliRunner().invoke(cli, ["diff", str(ONE), str(ONE), "--format", "json"])
    assert json.loads(r.output)["bom"] == []
    t = CliRunner().invoke(cli, ["diff", str(ONE), str(ONE)])
    assert "bill of materials" not in t.output
