"""Sensitivity: move one assumption across a range and watch the ranking and the
break-even; find where the best quote changes (bisection between the points)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from rackcheck.cost.assumptions import SPEC, Assumptions
from rackcheck.cost.compare import Result
from rackcheck.cost.money import MoneyError, decimal
from rackcheck.cost.tco import Tco, tco

SWEEPABLE = (
    "energy_price",
    "utilisation",
    "pue",
    "years",
    "colocation_price",
    "interest_rate",
    "maintenance_rate",
    "cloud_price",
)
_NUM = r"(\d+(?:\.\d+)?)"
_SPEC = re.compile(rf"^\s*([a-z_]+)\s*=\s*{_NUM}\s*\.\.\s*{_NUM}\s*(?::\s*{_NUM})?\s*$")


@dataclass(frozen=True)
class Point:
    value: Decimal
    totals: dict[str, Decimal]
    order: list[str]
    breakeven_months: dict[str, Decimal | None]


@dataclass
class Sweep:
    name: str
    unit: str
    points: list[Point] = field(default_factory=list)
    flips: list[tuple[Decimal, str, str]] = field(default_factory=list)


def parse(spec: str) -> tuple[str, Decimal, Decimal, Decimal | None]:
    """`energy_price=0.05..0.25` (5 points) or `energy_price=0.05..0.25:0.02`."""
    m = _SPEC.match(spec)
    if m is None:
        raise MoneyError(
            f"--sweep {spec!r}: write NAME=LOW..HIGH or NAME=LOW..HIGH:STEP"
        )
    name = m.group(1)
    if name not in SWEEPABLE:
        raise MoneyError(
            f"--sweep: {name!r} cannot be swept; one of {', '.join(SWEEPABLE)}"
        )
    lo, hi = decimal(m.group(2)), decimal(m.group(3))
    step = decimal(m.group(4)) if m.group(4) else None
    if hi <= lo or (step is not None and step <= 0):
        raise MoneyError(f"--sweep {spec!r}: LOW must be below HIGH and STEP above 0")
    low, high = SPEC[name][1], SPEC[name][2]
    if lo < low or (high is not None and hi > high):
        raise MoneyError(
            f"--sweep {spec!r}: {name} must stay within {low}..{high or 'any'}"
        )
    return name, lo, hi, step


def values(name: str, lo: Decimal, hi: Decimal, step: Decimal | None) -> list[Decimal]:
    if name == "years":
        return [Decimal(y) for y in range(int(lo), int(hi) + 1)]
    if step is None:
        step = (hi - lo) / 4
    out: list[Decimal] = []
    v = lo
    while v <= hi and len(out) < 101:
        out.append(v)
        v += step
    return out


def _tcos(results: list[Result], gpus: int, a: Assumptions) -> dict[str, Tco]:
    return {
        r.quote.name: tco(r.capex, r.it_power_kw, gpus, a, r.quote.support_years or 0)
        for r in results
    }


def _order(results: list[Result], t: dict[str, Tco]) -> list[str]:
    return [
        r.quote.name
        for r in sorted(
            results, key=lambda r: (not r.complete, t[r.quote.name].total, r.quote.name)
        )
    ]


def run(spec: str, results: list[Result], gpus: int, a: Assumptions) -> Sweep:
    name, lo, hi, step = parse(spec)
    sw = Sweep(name, SPEC[name][0].format(cur=a.currency))

    def at(v: Decimal) -> tuple[dict[str, Tco], list[str]]:
        t = _tcos(results, gpus, a.with_value(name, v, "--sweep"))
        return t, _order(results, t)

    for v in values(name, lo, hi, step):
        t, order = at(v)
        sw.points.append(
            Point(
                v,
                {k: x.total for k, x in t.items()},
                order,
                {k: x.breakeven_months for k, x in t.items()},
            )
        )
    for p, q in zip(sw.points, sw.points[1:], strict=False):
        if p.order[0] == q.order[0]:
            continue
        lo_v, hi_v = p.value, q.value
        if name != "years":
            for _ in range(40):
                mid = (lo_v + hi_v) / 2
                if at(mid)[1][0] == p.order[0]:
                    lo_v = mid
                else:
                    hi_v = mid
        sw.flips.append((hi_v, p.order[0], q.order[0]))
    return sw
