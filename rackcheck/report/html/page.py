"""The report page: one self-contained HTML file. No script, no external style, font or
image; a Content-Security-Policy that forbids every request, so the browser would
refuse one even if a design's text tried."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.jsontypes import number, obj
from rackcheck.report.html.svg import KINDS, esc, fig, open_svg, patterns, rect, text

if TYPE_CHECKING:
    from rackcheck.findings import Report
    from rackcheck.jsontypes import JSONValue

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CSS = """
body{font-family:sans-serif;margin:0 2rem 3rem;color:#111;background:#fff}
h1{margin:1.2rem 0 .2rem}h2{border-bottom:2px solid #333;padding-top:1rem}
nav a{margin-right:1rem}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;padding:0;list-style:none}
.cards li{border:1px solid #999;border-radius:4px;padding:.4rem .8rem;min-width:9rem}
.cards b{display:block;font-size:1.3rem}
.racks{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
figure{margin:0;border:1px solid #ddd;padding:.3rem}
figcaption{font-size:.8rem;max-width:420px}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:left;vertical-align:top}
td.loc{font-family:monospace;white-space:nowrap}
tr.sev-error td.sev{font-weight:bold;text-decoration:underline}
tr.sev-warning td.sev{font-style:italic}
tr:target{outline:3px solid #c62828}
table.data{display:block;overflow-x:auto;max-width:100%}
details pre{background:#f4f4f4;padding:.4rem;overflow:auto}
.muted{color:#555;font-size:.85rem}
@media print{nav{display:none}}
"""


def document(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        + "".join(body)
        + "</body></html>\n"
    )


def section(ident: str, heading: str, body: str) -> str:
    return f'<section id="{esc(ident)}"><h2>{esc(heading)}</h2>{body}</section>'


def nav(sections: list[tuple[str, str]]) -> str:
    links = "".join(f'<a href="#{esc(i)}">{esc(h)}</a>' for i, h in sections)
    return f"<nav>{links}</nav>"


def summary(report: Report) -> str:
    m = report.metrics
    t = obj(m.get("totals", {}))
    cards: list[tuple[str, str]] = [
        ("GPUs", fig(number(t.get("gpus", 0)))),
        ("racks", fig(number(t.get("racks", 0)))),
        ("IT power", fig(number(t.get("it_power_kw")), "kW")),
        ("apparent power", fig(number(t.get("apparent_power_kva")), "kVA")),
        ("heat to liquid", fig(number(t.get("heat_liquid_kw")), "kW")),
        ("heat to air", fig(number(t.get("heat_air_kw")), "kW")),
    ]
    for name, f in sorted(obj(m.get("fabrics", {})).items()):
        gbps = number(obj(f).get("bisection_gbps"))
        cards.append(
            (f"bisection, {name}", "n/a" if gbps is None else fig(gbps / 1000, "Tb/s"))
        )
    sto = obj(m.get("storage"))
    if sto:
        read, write = sto.get("aggregate_read_gbs"), sto.get("aggregate_write_gbs")
        cards.append(("storage read", fig(number(read), "GB/s")))
        cards.append(("storage write", fig(number(write), "GB/s")))
    capex = _capex(m.get("cost"))
    if capex is not None:
        cards.append(("capex", capex))
    counts = report.counts()
    for sev in ("error", "warning", "note"):
        cards.append((f"{sev}s", fig(counts[sev])))
    items = "".join(
        f'<li data-figure="{esc(label)}"><b>{esc(value)}</b>{esc(label)}</li>'
        for label, value in cards
    )
    return f'<ul class="cards">{items}</ul>'


def _capex(cost: object) -> str | None:
    """`metrics.cost`'s capex: `capex_<currency>` (or `capex`) with `currency`; when
    some parts have no price, the priced part as a lower bound, never a made-up total."""
    if not isinstance(cost, dict):
        return None
    cur = str(cost.get("currency") or "")
    value = cost.get(f"capex_{cur.lower()}", cost.get("capex"))
    if value is not None:
        if isinstance(value, dict) and {"amount", "currency"} <= set(value):
            return f"{value['amount']} {value['currency']}"
        return f"{value} {cur}".strip()
    priced = cost.get(f"priced_capex_{cur.lower()}")
    missing = cost.get("not_priced") or []
    if priced is None:
        return None
    return f"≥ {priced} {cur} ({len(missing)} part(s) not priced)"


def legend() -> str:
    """The key to device colours and hatches."""
    width = 120.0 * len(KINDS)
    out = [open_svg(width, 24, "device kinds", class_="legend"), patterns("lg")]
    for i, (kind, (colour, pattern)) in enumerate(KINDS.items()):
        x = 120.0 * i
        out.append(rect(x, 4, 16, 14, fill=colour, stroke="#222"))
        if pattern != "none":
            out.append(rect(x, 4, 16, 14, fill=f"url(#lg-{pattern})"))
        out.append(text(x + 20, 15, kind, font_size=11))
    out.append("</svg>")
    return "".join(out)


def storage_table(found: JSONValue) -> str:
    """`metrics.storage` as a table ("" when the design has no storage)."""
    sto = obj(found)
    if not sto:
        return ""

    def shown(part: dict[str, JSONValue], key: str, unit: str = "GB/s") -> str:
        return fig(number(part.get(key)), unit)

    rows = [
        ("aggregate read", shown(sto, "aggregate_read_gbs")),
        ("aggregate write", shown(sto, "aggregate_write_gbs")),
        ("storage fabric path", shown(sto, "path_gbs")),
        ("GPU nodes' NICs", shown(sto, "nodes_nic_gbs")),
        ("capacity", shown(sto, "capacity_tb", "TB")),
        ("binding constraint (write)", str(sto.get("binding_constraint") or "n/a")),
        ("checkpoint", f"{shown(sto, 'checkpoint_tb', 'TB')} in "
                       f"{shown(sto, 'checkpoint_seconds', 's')}"),
    ]  # fmt: skip
    need = obj(sto.get("required"))
    if need:
        rows.append(("required read / write",
                     f"{shown(need, 'aggregate_read_gbs')} / "
                     f"{shown(need, 'aggregate_write_gbs')} ({need.get('basis')})"))  # fmt: skip
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f'<h3>Storage</h3><table class="kv">{body}</table>'


def feeds_table(found: JSONValue) -> str:
    """`metrics.feeds_kva` as a table."""
    feeds = obj(found)
    if not feeds:
        return ""
    body = "".join(
        f"<tr><th>feed {esc(k)}</th><td>{esc(fig(number(v), 'kVA'))}</td></tr>"
        for k, v in sorted(feeds.items())
    )
    return f'<h3>Load per feed (all feeds up)</h3><table class="kv">{body}</table>'
