"""Headroom charts as SVG: horizontal bars of what is drawn against what is available,
every bar with its numbers written beside it. Bars over a limit turn red and
cross-hatched, so they stand out in greyscale too."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rackcheck.jsontypes import number, obj
from rackcheck.report.html.svg import (
    esc,
    fig,
    line,
    open_svg,
    patterns,
    rect,
    text,
    title,
)

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.jsontypes import JSONObject
    from rackcheck.report.html.racks import RackView

LABEL = 130.0
BAR = 300.0
NOTE = 380.0
ROW = 20.0
HEAD = 34.0
DASHES = ("", "5 3", "2 2")  # first limit solid, then dashed, then dotted


@dataclass
class Bar:
    label: str
    value: float
    limits: list[float | None] = field(default_factory=list)
    note: str = ""
    href: str | None = None

    @property
    def over(self) -> bool:
        return any(lim is not None and self.value > lim for lim in self.limits)


def bar_chart(
    name: str, heading: str, legend: list[str], bars: list[Bar], prefix: str,
    per_row: bool = False,
) -> str:  # fmt: skip
    """One chart: a bar per row, a vertical mark per limit (legend names them in order:
    the bar first, then each limit). `per_row` scales each row to itself (rows that
    are not comparable, e.g. one coolant loop and the room)."""
    width = LABEL + BAR + NOTE
    height = HEAD + ROW * max(len(bars), 1) + 8
    top = max((max([b.value, *[x for x in b.limits if x]]) for b in bars), default=0.0)
    out = [
        open_svg(width, height, heading, class_="chart", data_chart=name),
        title(heading),
        patterns(prefix),
        text(0, 13, heading, font_size=12, font_weight="bold"),
        _legend(legend),
    ]
    for i, b in enumerate(bars):
        scale_top = max([b.value, *[x for x in b.limits if x]]) if per_row else top
        out.append(_row(b, HEAD + i * ROW, scale_top or 1.0, prefix))
    if not bars:
        out.append(text(0, HEAD + 12, "nothing to show", font_size=10))
    out.append("</svg>")
    return "".join(out)


def _legend(names: list[str]) -> str:
    parts = []
    x = 0.0
    for i, label in enumerate(names):
        if i == 0:
            parts.append(rect(x, 19, 14, 8, fill="#4e79a7"))
        else:
            dash = DASHES[(i - 1) % len(DASHES)] or None
            parts.append(line(x + 7, 17, x + 7, 29, stroke="#000", stroke_width=2,
                              stroke_dasharray=dash))  # fmt: skip
        parts.append(text(x + 18, 27, label, font_size=9))
        x += 24 + len(label) * 5.2
    return "".join(parts)


def _row(b: Bar, y: float, top: float, prefix: str) -> str:
    scale = BAR / top
    w = max(b.value * scale, 0.5)
    fill = "#c62828" if b.over else "#4e79a7"
    label = text(LABEL - 6, y + 13, b.label, font_size=10, text_anchor="end")
    if b.href:
        label = f'<a href="{esc(b.href)}">{label}</a>'
    over = ' data-over="1"' if b.over else ""
    parts = [f'<g class="bar"{over}>', label]
    parts.append(rect(LABEL, y + 4, BAR, ROW - 8, fill="#eee"))
    parts.append(rect(LABEL, y + 4, w, ROW - 8, fill=fill))
    if b.over:
        parts.append(rect(LABEL, y + 4, w, ROW - 8, fill=f"url(#{prefix}-over)"))
    for i, lim in enumerate(b.limits):
        if lim is None:
            continue
        x = LABEL + min(lim * scale, BAR)
        dash = DASHES[i % len(DASHES)] or None
        parts.append(line(x, y + 1, x, y + ROW - 1, stroke="#000", stroke_width=2,
                          stroke_dasharray=dash))  # fmt: skip
    note = ("OVER · " if b.over else "") + b.note
    parts.append(text(LABEL + BAR + 8, y + 13, note, font_size=10,
                      font_weight="bold" if b.over else None))  # fmt: skip
    parts.append("</g>")
    return "".join(parts)


def _pct(x: float, of: float | None) -> str:
    return f" ({100 * x / of:.0f} %)" if of else ""


def _label(v: RackView) -> str:
    more = len(v.members) - 1
    return v.name if more == 0 else f"{v.name} +{more}"


def power_chart(views: list[RackView]) -> str:
    bars = []
    for v in views:
        load = float(v.figure("apparent_power_kva") or 0.0)
        cap = v.figure("pdu_capacity_kva")
        worst = v.worst_feed
        note = f"{fig(load, 'kVA')} of {fig(cap, 'kVA')}{_pct(load, cap)}"
        if worst is not None:
            note += (
                f"; feed {worst[0]} down: {fig(worst[1], 'kVA')}{_pct(load, worst[1])}"
            )
        limits = [cap, worst[1] if worst else None]
        bars.append(Bar(_label(v), load, limits, note, f"#rack-{v.name}"))
    legend = ["load (kVA)", "derated PDU capacity", "left after the worst feed failure"]
    return bar_chart(
        "power", "Power per rack: load vs PDU capacity", legend, bars, "cp"
    )


def heat_chart(views: list[RackView], graph: DesignGraph) -> str:
    limit = graph.design.site.max_rack_air_heat
    lim = None if limit is None else float(limit.to("kW").magnitude)
    bars = []
    for v in views:
        air = float(v.figure("heat_air_kw") or 0.0)
        note = f"air {fig(air, 'kW')}" + (
            f" of {fig(lim, 'kW')}{_pct(air, lim)}" if lim else ""
        )
        note += f"; liquid {fig(v.figure('heat_liquid_kw'), 'kW')}"
        bars.append(Bar(_label(v), air, [lim], note, f"#rack-{v.name}"))
    legend = ["heat to room air (kW)", "site limit per rack (max_rack_air_heat)"]
    return bar_chart(
        "heat", "Heat per rack: room air vs the site's limit", legend, bars, "ch"
    )


def cooling_chart(metrics: JSONObject, graph: DesignGraph) -> str:
    """Per coolant loop: liquid heat vs CDU capacity and with the largest CDU failed
    (N+1); coolant flow needed vs the CDUs' rated flow; room air vs the site's air
    cooling."""
    bars = []
    for name, found in sorted(obj(metrics.get("loops", {})).items()):
        loop = obj(found)
        heat = float(number(loop["heat_liquid_kw"]) or 0.0)
        cap = number(loop["cdu_capacity_kw"])
        n1 = number(loop["cdu_capacity_n_minus_1_kw"])
        note = (f"{fig(heat, 'kW')} of {fig(cap, 'kW')}{_pct(heat, cap)}; "
                f"N+1: {fig(n1, 'kW')}{_pct(heat, n1)}")  # fmt: skip
        bars.append(Bar(f"loop {name}", heat, [cap, n1], note))
        need = number(loop.get("flow_required_l_min"))
        have = number(loop.get("flow_available_l_min"))
        if need is not None:
            flow = f"{fig(need, 'L/min')} needed of {fig(have, 'L/min')} rated"
            if have is None:
                flow = f"{fig(need, 'L/min')} needed; CDU flow not published"
            bars.append(Bar(f"loop {name} flow", float(need), [have], flow))
    site_air = graph.design.site.air_cooling
    total = number(obj(metrics.get("totals", {})).get("heat_air_kw"))
    if total is not None:
        cap = None if site_air is None else float(site_air.to("kW").magnitude)
        note = f"{fig(total, 'kW')}" + (
            f" of {fig(cap, 'kW')}{_pct(total, cap)}"
            if cap
            else "; no site air_cooling given"
        )
        bars.append(Bar("room air", float(total), [cap], note))
    legend = ["load", "capacity (all CDUs / site air)", "with the largest CDU failed"]
    heading = "Cooling: coolant loops (N and N+1) and room air"
    return bar_chart("cooling", heading, legend, bars, "cc", per_row=True)
