"""Numbers as `rackcheck diff` prints them (text and Markdown, cost part included):
shared by rackcheck/report/diffview.py and rackcheck/report/costdiff.py."""

from __future__ import annotations


def num(x: float | None, unit: str = "") -> str:
    if x is None:
        return "—"
    text = f"{x:,.0f}" if float(x).is_integer() else f"{x:,.3f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


def delta(x: float | None, unit: str = "") -> str:
    if x is None:
        return "—"
    if x == 0:
        return "0"
    return ("+" if x > 0 else "-") + num(abs(x), unit)
