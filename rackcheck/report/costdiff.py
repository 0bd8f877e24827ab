"""The cost part of `rackcheck diff --format markdown`, in the manner of Infracost's
pull-request comment: totals first, then what changed, the assumptions at the foot."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.jsontypes import obj
from rackcheck.report.numbers import delta, num

if TYPE_CHECKING:
    from rackcheck.jsontypes import JSONObject
    from rackcheck.report.diffshape import DiffLike, DiffRow

# The cost figures (rackcheck/figures.py) led with, in this order, as Infracost does.
_TOTALS = ("cost.tco_usd", "cost.capex_usd", "cost.annual_opex_usd",
           "cost.cost_per_gpu_hour_usd")  # fmt: skip


def _cost_rows(d: DiffLike) -> list[DiffRow]:
    return [r for r in d.rows if r.key.rpartition(": ")[2].startswith("cost.")]


def top(d: DiffLike) -> list[str]:
    """Totals (TCO, capex, annual opex, cost per GPU-hour: base -> head, change),
    then every other cost figure that changed."""
    rows = _cost_rows(d)
    if not rows:
        return []
    out = ["### 💰 Cost", ""]

    def total(r: DiffRow) -> str:
        return str(r.key.rpartition(": ")[2])

    lead = sorted(
        (r for r in rows if total(r) in _TOTALS),
        key=lambda r: (r.label.rpartition(": ")[0], _TOTALS.index(total(r))),
    )
    for r in lead:
        change = delta(r.delta, r.unit)
        out.append(
            f"- **{r.label}**: {num(r.base, r.unit)} → {num(r.head, r.unit)} "
            f"({'**' + change + '**' if r.delta else 'no change'})"
        )
    changed = [r for r in rows if r not in lead and r.delta]
    if changed:
        out += ["", "| what changed | base | head | change |", "|---|--:|--:|--:|"]
        out += [
            f"| {r.label} | {num(r.base, r.unit)} | {num(r.head, r.unit)} | "
            f"{delta(r.delta, r.unit)} |"
            for r in changed
        ]
    if any(r.head is None for r in lead):
        out += [
            "",
            "_Not priced on HEAD: a part of the design has no price (see "
            "`metrics.cost.not_priced`)._",
        ]
    return [*out, ""]


def foot(d: DiffLike) -> list[str]:
    """The assumptions HEAD's cost figures rest on, with source and date."""
    m = d.head.metrics
    found = m.get("designs")
    designs: JSONObject = found if isinstance(found, dict) else {"": m}
    rows = []
    for path, dm in sorted(designs.items()):
        assumptions = obj(obj(obj(dm).get("cost")).get("assumptions"))
        for name, found_a in sorted(assumptions.items()):
            a = obj(found_a)
            where = f"{path}: " if path else ""
            when = a.get("as_of") or "—"
            value = f"{a['value']} {a['unit']}".strip()
            rows.append(
                f"| {where}{name} | {value} | {when} | "
                f"{str(a['source']).replace('|', '/')} |"
            )
    if not rows:
        return []
    return [
        "<details><summary>Cost assumptions (HEAD)</summary>",
        "",
        "| assumption | value | as of | source |",
        "|---|--:|---|---|",
        *rows,
        "",
        "</details>",
        "",
    ]
