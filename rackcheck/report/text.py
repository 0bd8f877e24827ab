"""`path:line:col: severity RULE message`, one line a finding, then a summary line."""

from __future__ import annotations

from typing import Any

from rackcheck.findings import Report


def line(f: Any) -> str:
    return f"{f.location}: {f.severity} {f.rule_id} {f.message}"


def render(report: Report, rules: Any = None, **_: Any) -> str:
    out = [line(f) for f in report.sorted()]
    c = report.counts()
    files = len(report.files)
    parts = [f"{c[k]} {k}{'s' if c[k] != 1 and k != 'suppressed' else ''}"
             for k in ("error", "warning", "note") if c[k]]  # fmt: skip
    if c["suppressed"]:
        parts.append(f"{c['suppressed']} suppressed")
    if c.get("baselined"):
        parts.append(f"{c['baselined']} in baseline")
    summary = ", ".join(parts) if parts else "no findings"
    out.append(f"{summary} in {files} design{'s' if files != 1 else ''}")
    return "\n".join(out) + "\n"
