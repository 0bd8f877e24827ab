"""Sections for what other parts of rackcheck compute, shown when the metrics hold
them and left out when they do not: bill of materials (`metrics.bom`), cost and TCO
(`metrics.cost`), phases (`metrics.phases`), sovereignty (`metrics.sovereignty`),
data flows (`metrics.flows`) and failure scenarios (`metrics.scenarios`). Their shape
is read as it comes: tables of mappings, lists of mappings, or key/value lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.report.html.svg import esc

if TYPE_CHECKING:
    from rackcheck.jsontypes import JSONObject

OPTIONAL = (
    ("bom", "Bill of materials"),
    ("cost", "Cost and TCO"),
    ("phases", "Phases"),
    ("sovereignty", "Sovereignty"),
    ("flows", "Data flows"),
    ("scenarios", "Failure scenarios"),
)
MAX_ROWS = 500


def optional_sections(metrics: JSONObject) -> list[tuple[str, str, str]]:
    """(key, heading, html) for each optional metrics key present."""
    out = []
    for key, heading in OPTIONAL:
        value = metrics.get(key)
        if value not in (None, {}, []):
            out.append((key, heading, table(value)))
    return out


def cell(value: object) -> str:
    """One value as HTML text: numbers with separators, yes/no, an amount with its
    currency, lists joined, a mapping as `key: value` pairs (empty ones left out)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return esc(f"{value:,.3f}".rstrip("0").rstrip("."))
    if isinstance(value, int):
        return esc(f"{value:,}")
    if value is None:
        return "n/a"
    if isinstance(value, dict):
        if {"amount", "currency"} <= set(value):
            return esc(f"{value['amount']} {value['currency']}")
        pairs = [f"{esc(k)}: {cell(v)}" for k, v in value.items() if v is not None]
        return "; ".join(pairs) or "none"
    if isinstance(value, list):
        if not value:
            return "none"
        nested = any(isinstance(v, dict | list) for v in value)
        return ("<br>" if nested else ", ").join(cell(v) for v in value)
    return esc(value)


def table(value: object, depth: int = 0) -> str:
    """Any JSON value as HTML tables, two levels deep, then compact JSON."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return _records([(str(i + 1), v) for i, v in enumerate(value)], "#")
    if isinstance(value, dict):
        children = [(k, v) for k, v in value.items() if isinstance(v, dict | list)]
        if value and all(isinstance(v, dict) for v in value.values()):
            return _records(list(value.items()), "")
        scalars = [(k, v) for k, v in value.items() if not isinstance(v, dict | list)]
        out = []
        if scalars:
            rows = "".join(
                f"<tr><th>{esc(k)}</th><td>{cell(v)}</td></tr>" for k, v in scalars
            )
            out.append(f'<table class="kv">{rows}</table>')
        for k, v in children:
            inner = table(v, depth + 1) if depth < 1 else cell(v)
            out.append(f"<h4>{esc(k)}</h4>{inner}")
        return "".join(out)
    return f"<p>{cell(value)}</p>"


def _records(items: list[tuple[str, dict[str, object]]], first: str) -> str:
    """Rows of mappings: one column per key (in first-seen order)."""
    columns: dict[str, None] = {}
    for _, row in items:
        columns.update(dict.fromkeys(row))
    head = f"<th>{esc(first)}</th>" + "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = []
    for name, row in items[:MAX_ROWS]:
        cells = "".join(f"<td>{cell(row.get(c))}</td>" for c in columns)
        body.append(f"<tr><th>{esc(name)}</th>{cells}</tr>")
    more = len(items) - MAX_ROWS
    tail = (
        f"<p>and {more:,} more rows (see `rackcheck check --format json`).</p>"
        if more > 0
        else ""
    )
    return f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>{tail}'
