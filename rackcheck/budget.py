"""Budgets: limits on the totals of the designs checked together (BUD001).

`budgets = {it_power_kw = 1200}` in the config means "total IT power <= 1.2 MW";
`budgets.gpus = {min = 1024}` a floor. A breach is a BUD001 finding (error by default),
located at the budget's line in the config file, so it fails the run like any error.
A budget whose figure no design computes (capex before prices exist) is a BUD001 note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Location, Severity
from rackcheck.settings import Settings

if TYPE_CHECKING:
    from rackcheck.jsontypes import JSONObject


@dataclass(frozen=True)
class Verdict:
    name: str
    label: str
    unit: str
    value: float | None
    max: float | None
    min: float | None

    @property
    def ok(self) -> bool | None:
        if self.value is None:
            return None
        return not (
            (self.max is not None and self.value > self.max)
            or (self.min is not None and self.value < self.min)
        )

    def describe(self) -> str:
        u = f" {self.unit}" if self.unit else ""
        limit = " and ".join(
            s
            for s in (
                f"<= {_n(self.max)}{u}" if self.max is not None else "",
                f">= {_n(self.min)}{u}" if self.min is not None else "",
            )
            if s
        )
        if self.value is None:
            return f"budget {self.name} ({self.label} {limit}): not computed"
        return f"budget {self.name}: {self.label} {_n(self.value)}{u}, limit {limit}"


def _n(x: float) -> str:
    return f"{x:,.3f}".rstrip("0").rstrip(".")


def metric(metrics: JSONObject, dotted: str) -> float | None:
    node: object = metrics
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    if isinstance(node, str):  # amounts are decimal strings (metrics.cost)
        try:
            return float(node)
        except ValueError:
            return None
    return float(node) if isinstance(node, (int, float)) else None


def verdicts(metrics: JSONObject, settings: Settings) -> list[Verdict]:
    from rackcheck.figures import BUDGETS

    out = []
    for name, bounds in settings.budgets.items():
        f = BUDGETS[name]
        value = metric(metrics, f.key)
        out.append(
            Verdict(name, f.limits, f.unit, value, bounds.get("max"), bounds.get("min"))
        )
    return out


def findings(metrics: JSONObject, settings: Settings) -> list[Finding]:
    if not settings.budgets or not settings.enabled("BUD001"):
        return []
    out = []
    for v in verdicts(metrics, settings):
        if v.ok:
            continue
        where = location(settings.origins.get(f"budgets.{v.name}", ""))
        if v.ok is None:
            out.append(Finding("BUD001", Severity.NOTE, v.describe(), where, v.name))
        else:
            sev = settings.severity.get("BUD001", Severity.ERROR)
            over = v.max is not None and v.value is not None and v.value > v.max
            what = "over budget" if over else "below the floor"
            out.append(Finding("BUD001", sev, f"{v.describe()}: {what}", where, v.name))
    return out


def location(origin: str) -> Location:
    """`file:line:col` of a setting's origin (budgets come from config files)."""
    parts = origin.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return Location(parts[0], int(parts[1]), int(parts[2]))
    return Location(origin or "<config>", 1, 1)
