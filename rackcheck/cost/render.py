"""`rackcheck quotes compare` as JSON, text, Markdown and CSV (XLSX: xlsx.py)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import TYPE_CHECKING

from rackcheck.cost.money import show, text
from rackcheck.jsontypes import obj

if TYPE_CHECKING:
    from rackcheck.cost import Comparison
    from rackcheck.cost.compare import Result
    from rackcheck.cost.sweep import Sweep
    from rackcheck.jsontypes import JSONObject

FORMATS = ("text", "markdown", "csv", "xlsx", "json")


def _d(x: Decimal | None, places: int = 2) -> str | None:
    return text(x, places)


def quote_dict(r: Result) -> JSONObject:
    t = r.tco
    return {
        "name": r.quote.name,
        "vendor": r.quote.vendor,
        "capex": _d(t.capex),
        "complete": r.complete,
        "missing": [
            {"id": m.id, "quantity": m.quantity, "priced_at": _d(m.priced_at)}
            for m in r.missing
        ],
        "it_power_kw": _d(t.it_power_kw, 3),
        "facility_power_kw": _d(t.facility_power_kw, 3),
        "tco": {
            "years": t.years,
            "total": _d(t.total),
            "capex": _d(t.capex),
            "energy": _d(t.energy),
            "colocation": _d(t.colocation),
            "maintenance": _d(t.maintenance),
            "financing": _d(t.financing),
        },
        "cost_per_gpu": _d(t.cost_per_gpu),
        "cost_per_gpu_hour": _d(t.cost_per_gpu_hour, 4),
        "breakeven_months": _d(t.breakeven_months, 1),
        "breakeven_utilisation": _d(t.breakeven_utilisation, 4),
        "lead_time_days": r.lead_time_days,
        "valid_until": r.quote.valid_until,
        "expired": r.expired,
        "rank": r.rank,
        "reason": r.reason,
    }


def document(c: Comparison) -> JSONObject:
    """The JSON document, which the XLSX writer reads back too."""
    out: JSONObject = {
        "version": 1,
        "currency": c.currency,
        "design": c.design,
        "as_of": c.today.isoformat(),
        "gpus": c.gpus,
        "assumptions": {k: {**a} for k, a in c.assumptions.table().items()},
        "quotes": [quote_dict(r) for r in c.ranked()],
        "findings": [f.as_dict() for f in c.findings],
    }
    if c.sweep is not None:
        s = c.sweep
        out["sweep"] = {
            "name": s.name,
            "unit": s.unit,
            "points": [
                {
                    "value": str(p.value),
                    "order": [*p.order],
                    "tco": {k: _d(v) for k, v in sorted(p.totals.items())},
                    "breakeven_months": {
                        k: _d(v, 1) for k, v in sorted(p.breakeven_months.items())
                    },
                }
                for p in s.points
            ],
            "flips": [{"at": _d(v, 4), "from": a, "to": b} for v, a, b in s.flips],
        }
    return out


def render_json(c: Comparison) -> str:
    return json.dumps(document(c), indent=2) + "\n"


def _months(x: Decimal | None) -> str:
    return "never" if x is None else f"{x:.1f} months"


def _rows(c: Comparison) -> list[list[str]]:
    cur = c.currency
    rows = []
    for r in c.ranked():
        t = r.tco
        rows.append(
            [
                str(r.rank),
                r.quote.name,
                show(t.capex, cur),
                show(t.total, cur),
                f"{t.cost_per_gpu_hour:.4f}"
                if t.cost_per_gpu_hour is not None
                else "-",
                _months(t.breakeven_months),
                f"{t.breakeven_utilisation:.1%}"
                if t.breakeven_utilisation is not None
                else "-",
                f"{r.lead_time_days} d" if r.lead_time_days is not None else "-",
            ]
        )
    return rows


def _head(c: Comparison) -> list[str]:
    years = c.results[0].tco.years if c.results else 0
    return [
        "rank",
        "quote",
        "capex",
        f"{years}-year TCO",
        f"{c.currency}/GPU-h",
        "break-even",
        "break-even util.",
        "lead time",
    ]


def _breakdown(c: Comparison) -> tuple[list[str], list[list[str]]]:
    head = [
        "quote",
        "capex",
        "energy",
        "colocation",
        "maintenance",
        "financing",
        "total",
        "IT kW",
        "facility kW",
    ]
    rows = [
        [
            r.quote.name,
            *(show(getattr(r.tco, k), "").strip() for k in head[1:6]),
            show(r.tco.total, "").strip(),
            f"{r.tco.it_power_kw:.1f}",
            f"{r.tco.facility_power_kw:.1f}",
        ]
        for r in c.ranked()
    ]
    return head, rows


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    w = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    return [
        "  ".join(x.ljust(n) for x, n in zip(r, w, strict=True)).rstrip()
        for r in [head, *rows]
    ]


def _assumption_lines(c: Comparison) -> list[tuple[str, str, str]]:
    out = []
    for name, a in c.assumptions.table().items():
        when = f"as of {a['as_of']}; " if a["as_of"] else ""
        out.append(
            (
                name,
                f"{a['value']} {a['unit']}".strip(),
                f"{a['source']} ({when}{a['origin']})",
            )
        )
    return out


def render_text(c: Comparison) -> str:
    out = [
        f"rackcheck quotes: {len(c.results)} quote(s) for {c.design} ({c.gpus:,} GPUs), "
        f"{c.currency}, as of {c.today.isoformat()}",
        "",
    ]
    out += _table(_head(c), _rows(c)) + [""]
    out += [f"  {r.rank}. {r.quote.name}: {r.reason}" for r in c.ranked()] + [""]
    head, rows = _breakdown(c)
    out += [f"TCO breakdown ({c.currency}):", *_table(head, rows), ""]
    for r in c.ranked():
        for m in r.missing:
            price = (
                show(m.priced_at, c.currency, 2) + " each"
                if m.priced_at is not None
                else "not priced"
            )
            out.append(f"left out by {r.quote.name}: {m.quantity} x {m.id} ({price})")
    out += _sweep_text(c)
    if c.findings:
        out += ["", "findings:"] + [
            f"  {f.location}: {f.severity} {f.rule_id} {f.message}" for f in c.findings
        ]
    out += ["", "assumptions:"] + [
        f"  {n} = {v}  # {s}" for n, v, s in _assumption_lines(c)
    ]
    return "\n".join(out) + "\n"


def _sweep_rows(c: Comparison, s: Sweep) -> tuple[list[str], list[list[str]]]:
    names = [r.quote.name for r in c.ranked()]
    head = [
        f"{s.name} ({s.unit})" if s.unit else s.name,
        *[f"TCO {n}" for n in names],
        "best",
        "break-even (best)",
    ]
    rows = [
        [
            str(p.value),
            *[show(p.totals[n], "").strip() for n in names],
            p.order[0],
            _months(p.breakeven_months[p.order[0]]),
        ]
        for p in s.points
    ]
    return head, rows


def _sweep_text(c: Comparison) -> list[str]:
    if c.sweep is None:
        return []
    head, rows = _sweep_rows(c, c.sweep)
    out = ["", f"sensitivity to {c.sweep.name}:", *_table(head, rows)]
    out += [
        f"ranking flips at {c.sweep.name} = {v:.4f}: {a} -> {b}"
        for v, a, b in c.sweep.flips
    ]
    if not c.sweep.flips:
        out.append(f"the best quote does not change over this range of {c.sweep.name}")
    return out


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    def cell(x: str) -> str:
        return x.replace("|", "\\|")

    return [
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
        *["| " + " | ".join(cell(x) for x in r) + " |" for r in rows],
    ]


def render_markdown(c: Comparison) -> str:
    out = [
        f"## Quotes for `{c.design}` ({c.gpus:,} GPUs, {c.currency}, as of {c.today.isoformat()})",
        "",
    ]
    out += _md_table(_head(c), _rows(c)) + [""]
    out += [f"{r.rank}. **{r.quote.name}**: {r.reason}" for r in c.ranked()] + [""]
    head, rows = _breakdown(c)
    out += ["### TCO breakdown", "", *_md_table(head, rows), ""]
    missing = [
        [r.quote.name, m.id, str(m.quantity), show(m.priced_at, c.currency, 2)]
        for r in c.ranked()
        for m in r.missing
    ]
    if missing:
        out += [
            "### Left out of a quote",
            "",
            *_md_table(["quote", "part", "quantity", "priced at (each)"], missing),
            "",
        ]
    if c.sweep is not None:
        h, s_rows = _sweep_rows(c, c.sweep)
        out += [f"### Sensitivity to {c.sweep.name}", "", *_md_table(h, s_rows), ""]
        out += [
            f"Ranking flips at {c.sweep.name} = {v:.4f}: {a} → {b}"
            for v, a, b in c.sweep.flips
        ] + [""]
    if c.findings:
        out += (
            ["### Findings", ""]
            + [
                f"- `{f.location}` {f.severity} **{f.rule_id}** {f.message}"
                for f in c.findings
            ]
            + [""]
        )
    out += [
        "<details><summary>Assumptions</summary>",
        "",
        *_md_table(
            ["name", "value", "source"], [list(x) for x in _assumption_lines(c)]
        ),
        "",
        "</details>",
        "",
    ]
    return "\n".join(out)


# The columns of a quote table (CSV here, the Quotes sheet of the XLSX), then the TCO's.
QUOTE_COLUMNS = [
    "rank",
    "name",
    "vendor",
    "capex",
    "complete",
    "it_power_kw",
    "facility_power_kw",
    "cost_per_gpu_hour",
    "breakeven_months",
    "breakeven_utilisation",
    "lead_time_days",
    "reason",
]
TCO_COLUMNS = ["years", "total", "energy", "colocation", "maintenance", "financing"]


def render_csv(c: Comparison) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    keys, tco_keys = QUOTE_COLUMNS, TCO_COLUMNS
    w.writerow(["currency", *keys, *[f"tco_{k}" for k in tco_keys]])
    for r in c.ranked():
        d = quote_dict(r)
        t = obj(d["tco"])
        w.writerow([c.currency, *[d[k] for k in keys], *[t[k] for k in tco_keys]])
    # the assumptions used, as a second table after a blank line
    w.writerow([])
    w.writerow(["assumption", "value", "unit", "source", "as_of", "origin"])
    for name, a in c.assumptions.table().items():
        w.writerow([name, a["value"], a["unit"], a["source"], a["as_of"], a["origin"]])
    return buf.getvalue()


RENDER = {
    "text": render_text,
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
}
