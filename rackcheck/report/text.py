"""`path:line:col: severity RULE message`, one line a finding, then a summary line.

Findings one YAML line causes many times over (a device line under a range of 32 racks)
are one line with the count: `... [+31 more like this]`. They are alike when rule,
place and message agree but for names and figures with digits in them (`r01`, `r02`).
`statistics` is `check --statistics`: a count per rule, as ruff prints it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Report

if TYPE_CHECKING:
    from rackcheck.rules.engine import Rule

_NAMES = re.compile(r"\S*\d\S*")
Key = tuple[object, ...]  # what makes findings alike: place, rule, severity, message


def line(f: Finding) -> str:
    return f"{f.location}: {f.severity} {f.rule_id} {f.message}"


def _key(f: Finding) -> Key:
    return (f.location, f.rule_id, f.severity, _NAMES.sub("#", f.message))


def grouped(findings: list[Finding]) -> list[tuple[Finding, int]]:
    """(first finding, how many are alike) in the order given."""
    first: dict[Key, Finding] = {}
    counts: Counter[Key] = Counter()
    for f in findings:
        k = _key(f)
        first.setdefault(k, f)
        counts[k] += 1
    return [(f, counts[k]) for k, f in first.items()]


def render(report: Report, rules: list[Rule] | None = None, **_: object) -> str:
    out = []
    for f, n in grouped(report.sorted()):
        out.append(line(f) + (f" [+{n - 1} more like this]" if n > 1 else ""))
        if getattr(f, "fix", ""):
            out.append(f"  help: {f.fix}")
    out.append(summary(report))
    return "\n".join(out) + "\n"


def summary(report: Report) -> str:
    c = report.counts()
    files = len(report.files)
    parts = [f"{c[k]} {k}{'s' if c[k] != 1 and k != 'suppressed' else ''}"
             for k in ("error", "warning", "note") if c[k]]  # fmt: skip
    if c["suppressed"]:
        parts.append(f"{c['suppressed']} suppressed")
    if c.get("baselined"):
        parts.append(f"{c['baselined']} in baseline")
    text = ", ".join(parts) if parts else "no findings"
    return f"{text} in {files} design{'s' if files != 1 else ''}"


def statistics(report: Report) -> str:
    """One line per rule: count, id, name; most frequent first (ruff --statistics)."""
    from rackcheck.codes import known_rules

    names = {r.id: r.name for r in known_rules()}
    counts = Counter(f.rule_id for f in report.sorted())
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    out = [f"{n:>{width}}\t{rid}\t{names.get(rid, '')}" for rid, n in rows]
    out.append(summary(report))
    return "\n".join(out) + "\n"
