"""Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the verdict, the
totals computed, and a table of findings with links to each rule's documentation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.findings import Report, Severity
from rackcheck.jsontypes import obj

if TYPE_CHECKING:
    from rackcheck.rules.engine import Rule

MARKER = "<!-- rackcheck-check -->"
ICONS = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.NOTE: "ℹ️"}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render(report: Report, rules: list[Rule] | None = None, **_: object) -> str:
    from rackcheck.docs import DOCS_URL, anchor
    from rackcheck.figures import SUMMARY
    from rackcheck.report.text import render as text_render

    summary = text_render(report).splitlines()[-1]
    c = report.counts()
    icon = "❌" if c["error"] else "⚠️" if c["warning"] else "✅"
    out = [MARKER, f"## rackcheck {icon}", "", f"**{summary}**", ""]
    totals = obj(report.metrics.get("totals", {}))
    figures = [
        f"{f.label} **{totals[f.name]:,}{' ' + f.unit if f.unit else ''}**"
        for f in SUMMARY
        if f.name in totals
    ]
    if figures:
        out += [" · ".join(figures), ""]
    from rackcheck.report.data_tables import tables

    out += tables(report.metrics)
    found = report.sorted()
    if found:
        docs = {}
        if rules is None:
            from rackcheck.codes import known_rules

            rules = known_rules()
        docs = {r.id: f"{DOCS_URL}#{anchor(r)}" for r in rules}
        out += ["| | where | rule | message |", "|---|---|---|---|"]
        for f in found:
            rid = (
                f"[{f.rule_id}]({docs[f.rule_id]})" if f.rule_id in docs else f.rule_id
            )
            out.append(
                f"| {ICONS[f.severity]} | `{cell(str(f.location))}` | {rid} | "
                f"{cell(f.message)} |"
            )
        out.append("")
    if report.suppressed:
        out += [f"<details><summary>{len(report.suppressed)} suppressed</summary>", ""]
        out += [
            f"- `{d['location']}` {d['rule_id']}: {cell(d['reason']) or '(no reason)'}"
            for d in report.suppressions
        ]
        out += ["", "</details>", ""]
    return "\n".join(out)
