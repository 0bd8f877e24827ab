"""`rackcheck diff` as text, JSON and a Markdown pull-request comment.

The Markdown starts with the hidden marker `<!-- rackcheck-diff -->`, so a bot can find
its own comment and edit it in place instead of adding one per push.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rackcheck.findings import Finding
from rackcheck.report.numbers import delta, num

if TYPE_CHECKING:
    from rackcheck.budget import Verdict
    from rackcheck.jsontypes import JSONObject
    from rackcheck.report.diffshape import DiffLike


MARKER = "<!-- rackcheck-diff -->"
DIFF_JSON_VERSION = 1


def _line(f: Finding) -> str:
    return f"{f.location}: {f.severity} {f.rule_id} {f.message}"


def text(d: DiffLike) -> str:
    out = [f"rackcheck diff: {d.base_label} -> {d.head_label}", ""]
    if d.rows:
        w = max(len(r.label) for r in d.rows)
        cells = [
            (r.label, num(r.base, r.unit), num(r.head, r.unit), delta(r.delta, r.unit))
            for r in d.rows
        ]
        wb = max(len("base"), *(len(c[1]) for c in cells))
        wh = max(len("head"), *(len(c[2]) for c in cells))
        out.append(f"{'':{w}}  {'base':>{wb}}  {'head':>{wh}}  change")
        out += [f"{a:{w}}  {b:>{wb}}  {h:>{wh}}  {c}" for a, b, h, c in cells]
        out.append("")
    out += _bom_text(d)
    for title, found in (("new", d.new), ("fixed", d.fixed)):
        out.append(
            f"{len(found)} {title} finding{'s' if len(found) != 1 else ''}"
            + (":" if found else "")
        )
        out += [f"  {_line(f)}" for f in found]
    for side, rep in (("base", d.base), ("head", d.head)):
        if rep.input_errors:
            out.append(f"{side} cannot be checked:")
            out += [f"  {_line(f)}" for f in rep.input_errors]
    if d.budgets:
        out.append("budgets:")
        out += [f"  {_verdict(v):4}  {v.describe()}" for v in d.budgets]
    return "\n".join(out) + "\n"


def _bom_text(d: DiffLike) -> list[str]:
    """Bill-of-materials lines added, removed or changed in quantity."""
    changes = getattr(d, "bom", [])
    if not changes:
        return []
    out = ["bill of materials:"]
    w = max(len(c.id) for c in changes)
    for c in changes:
        out.append(f"  {c.design}: {c.id:{w}}  {c.base:>7,} -> {c.head:>7,}  "
                   f"{delta(c.head - c.base)}  {c.change}")  # fmt: skip
    return [*out, ""]


def _verdict(v: Verdict) -> str:
    return {True: "ok", False: "FAIL", None: "n/a"}[v.ok]


def document(d: DiffLike) -> JSONObject:
    return {
        "version": DIFF_JSON_VERSION,
        "base": d.base_label,
        "head": d.head_label,
        "figures": [
            {
                "key": r.key,
                "label": r.label,
                "unit": r.unit,
                "base": r.base,
                "head": r.head,
                "delta": r.delta,
            }
            for r in d.rows
        ],
        "new": [f.as_dict() for f in d.new],
        "fixed": [f.as_dict() for f in d.fixed],
        "bom": [c.as_dict() for c in getattr(d, "bom", [])],
        "budgets": [
            {
                "name": v.name,
                "label": v.label,
                "unit": v.unit,
                "value": v.value,
                "max": v.max,
                "min": v.min,
                "ok": v.ok,
            }
            for v in d.budgets
        ],
        "input_errors": {
            "base": [f.as_dict() for f in d.base.input_errors],
            "head": [f.as_dict() for f in d.head.input_errors],
        },
    }


def json_(d: DiffLike) -> str:
    return json.dumps(document(d), indent=2) + "\n"


def markdown(d: DiffLike) -> str:
    from rackcheck.report.markdown import cell

    failed = [v for v in d.budgets if v.ok is False]
    icon = "❌" if failed or d.head.input_errors else "⚠️" if d.new else "✅"
    out = [
        MARKER,
        f"## rackcheck diff {icon}",
        "",
        f"`{cell(d.base_label)}` → `{cell(d.head_label)}`",
        "",
    ]
    from rackcheck.report import costdiff

    out += costdiff.top(d)
    if d.rows:
        out += ["| figure | base | head | change |", "|---|--:|--:|--:|"]
        for r in d.rows:
            change = delta(r.delta, r.unit)
            if r.delta:
                change = f"**{change}**"
            out.append(
                f"| {cell(r.label)} | {num(r.base, r.unit)} | "
                f"{num(r.head, r.unit)} | {change} |"
            )
        out.append("")
    if getattr(d, "bom", []):
        out += ["| bill of materials | base | head | change |", "|---|--:|--:|--:|"]
        out += [f"| {cell(c.design)}: `{cell(c.id)}` | {num(c.base)} | {num(c.head)} "
                f"| **{delta(c.head - c.base)}** ({c.change}) |" for c in d.bom]  # fmt: skip
        out.append("")
    for title, found in (("New findings", d.new), ("Fixed findings", d.fixed)):
        out.append(f"**{title}: {len(found)}**")
        out += [
            f"- `{cell(str(f.location))}` {f.severity} **{f.rule_id}** "
            f"{cell(f.message)}"
            for f in found
        ]
        out.append("")
    if d.head.input_errors:
        out.append("**HEAD cannot be checked:**")
        out += [
            f"- `{f.location}` {f.rule_id} {cell(f.message)}"
            for f in d.head.input_errors
        ]
        out.append("")
    out += _budget_table(d)
    out += costdiff.foot(d)
    return "\n".join(out)


def _budget_table(d: DiffLike) -> list[str]:
    """The budgets of the HEAD side, each against its limits (Markdown rows)."""

    if not d.budgets:
        return []
    out = ["| budget | value | limit | |", "|---|--:|---|---|"]
    mark = {True: "✅", None: "n/a"}
    for v in d.budgets:
        limit = " and ".join(
            s
            for s in (
                f"≤ {num(v.max, v.unit)}" if v.max is not None else "",
                f"≥ {num(v.min, v.unit)}" if v.min is not None else "",
            )
            if s
        )
        ok = mark.get(v.ok, "❌ over" if _over(v) else "❌ under")
        out.append(
            f"| {v.name} ({v.label}) | {num(v.value, v.unit)} | {limit} | {ok} |"
        )
    out.append("")
    return out


def _over(v: Verdict) -> bool:
    return v.max is not None and v.value is not None and v.value > v.max


RENDER = {"text": text, "json": json_, "markdown": markdown}
