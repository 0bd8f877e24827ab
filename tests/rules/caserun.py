"""Run one rule case (tests/rules/cases/<RULE>.yaml) and describe what it found.

A case is a design (`design:` inline, or `path:` in the repository) checked with the
default settings, or a command (`argv:`, with `files:` written beside it). What it found
is the whole list of findings as `RULE:line:col` (prefixed `FILE:` when the finding is
in another file than the case's design), their messages (with the fix they suggest),
and for designs every figure
the run computed (`metrics`), each with its unit.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "rules" / "cases"
MAIN = "design.yaml"
LINE = re.compile(
    r"^\s*(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
    r"(?:error|warning|note) (?P<id>[A-Z]+\d{3}) (?P<msg>.*)$"
)
# The metrics name their unit in the key's suffix; a figure is printed with it.
UNITS = (
    ("_kva", "kVA"),
    ("_kw", "kW"),
    ("_kg", "kg"),
    ("_gbps", "Gbit/s"),
    ("_gbs", "GB/s"),
    ("_tb", "TB"),
    ("_l_min", "L/min"),
    ("_seconds", "s"),
    ("_days", "day"),
    ("bytes", "B"),
)


def _figure(key: str, value: Any) -> Any:
    """The value with the unit the innermost unit-named key gives (`feeds_kva.A`)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    for part in reversed(re.sub(r"\[\d+\]", "", key).split(".")):
        for suffix, unit in UNITS:
            if part.endswith(suffix):
                return f"{value} {unit}"
    return value


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """{"racks.r01.power_kw": "30.6 kW", ...}: every number and name of the metrics."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for k in sorted(value, key=str):
            out.update(flatten(value[k], f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.update(flatten(v, f"{prefix}[{i}]"))
    else:
        out[prefix] = _figure(prefix, value)
    return out


def _item(main: str, file: str, rule_id: str, line: int, col: int) -> str:
    where = f"{rule_id}:{line}:{col}"
    return where if file == main else f"{file}:{where}"


def _write(folder: Path, case: dict[str, Any]) -> None:
    files = dict(case.get("files") or {})
    if "design" in case:
        files[MAIN] = case["design"]
    for name, text in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


def run(case: dict[str, Any]) -> dict[str, Any]:
    """{"expect": [...], "messages": [...], "figures": {...}} of one case."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write(folder, case)
        cwd = os.getcwd()
        os.chdir(ROOT if "path" in case else folder)
        try:
            if "argv" in case:
                return _run_cli(case, folder)
            return _run_design(case)
        finally:
            os.chdir(cwd)


def _run_design(case: dict[str, Any]) -> dict[str, Any]:
    from rackcheck.api import check
    from rackcheck.settings import Settings

    main = case.get("path", MAIN)
    report = check([main], Settings())
    found = sorted(
        [*report.input_errors, *report.findings],
        key=lambda f: (f.location.path, f.location.line, f.location.column, f.rule_id),
    )
    loc = [
        (f.location.path, f.rule_id, f.location.line, f.location.column) for f in found
    ]
    return {
        "expect": [_item(main, *x) for x in loc],
        "messages": [f.message + (f" (fix: {f.fix})" if f.fix else "") for f in found],
        "figures": flatten(report.metrics),
    }


def _run_cli(case: dict[str, Any], folder: Path) -> dict[str, Any]:
    from click.testing import CliRunner

    from rackcheck.cli import cli

    main = case.get("path", MAIN)
    args = [
        a.replace("{root}", str(ROOT)).replace("{tmp}", str(folder))
        for a in case["argv"]
    ]
    r = CliRunner().invoke(cli, args, prog_name="rackcheck", catch_exceptions=False)
    text = (
        (r.stdout + r.stderr).replace(str(ROOT), "{root}").replace(str(folder), "{tmp}")
    )
    expect, messages = [], []
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            expect.append(
                _item(main, m["file"], m["id"], int(m["line"]), int(m["col"]))
            )
            messages.append(m["msg"])
    return {"expect": expect, "messages": messages, "exit": r.exit_code}
