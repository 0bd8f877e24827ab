"""A rack elevation as SVG: devices at their U positions, coloured and hatched by kind,
labelled with their model; the rack's power, heat, space and weight beside it; a rack
with findings outlined (dashed, thick) and linked to them."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rackcheck.report.html.svg import (
    KINDS,
    OTHER,
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
    from rackcheck.findings import Finding
    from rackcheck.report.html.racks import RackView, Slot

U = 10.0  # px per rack unit
LEFT = 32.0  # U numbers
BODY = 170.0  # rack width
PANEL = 150.0  # figures beside the rack
TOP = 34.0
FLAG = "#c62828"


def elevation(
    view: RackView, findings: list[Finding], prefix: str, link: bool = True
) -> str:
    """The `<svg data-rack="NAME">` of one rack (or of a group of identical racks).
    `prefix` keeps pattern ids unique within a page; `link` makes findings links."""
    placed = [s for s in view.slots if s.bottom is not None]
    loose = [s for s in view.slots if s.bottom is None]
    panel = _panel(view, findings, link)
    extra = len(loose) + (1 if len(view.members) > 1 else 0)
    height = TOP + view.units * U + 14 + 13 * extra
    height = max(height, TOP + 14 * len(panel) + 10)
    width = LEFT + BODY + 12 + PANEL
    flagged = _flag(view, findings)
    head = open_svg(
        width,
        height,
        f"rack {view.name} elevation",
        class_="elevation" + (f" flagged-{flagged}" if flagged else ""),
        data_rack=view.name,
        data_racks=" ".join(view.members) if len(view.members) > 1 else None,
        data_findings=len(view.findings),
    )
    out = [head, title(_caption(view)), patterns(prefix)]
    out.append(text(LEFT, 14, view.name, font_size=13, font_weight="bold"))
    out.append(text(LEFT, 27, view.model, font_size=10, fill="#444"))
    frame_h = view.units * U
    out.append(_frame(view.units))
    out.extend(_slot(s, view.units, prefix) for s in placed)
    if flagged:
        out.append(_outline(frame_h, serious=flagged != "note"))
    y = TOP + frame_h + 14
    for s in loose:
        out.append(
            text(LEFT, y, f"no room: {s.name} ({s.model}, {s.height} U)", font_size=9)
        )
        y += 13
    if len(view.members) > 1:
        more = f"drawn once for {len(view.members)} racks of this configuration"
        out.append(text(LEFT, y, more, font_size=9, font_style="italic"))
    x = LEFT + BODY + 12
    for i, (body, href, style) in enumerate(panel):
        t = text(x, TOP + 10 + 14 * i, body, font_size=10, **style)
        out.append(f'<a href="{esc(href)}">{t}</a>' if href else t)
    out.append("</svg>")
    return "".join(out)


def _frame(units: int) -> str:
    """The rack: its outline, a line between units, every unit numbered."""
    out = [rect(LEFT, TOP, BODY, units * U, fill="#fafafa", stroke="#333")]
    for u in range(1, units + 1):
        y = TOP + (units - u) * U
        out.append(
            text(
                LEFT - 7, y + U - 2, str(u), font_size=7, text_anchor="end", fill="#555"
            )
        )
        if u > 1:
            out.append(line(LEFT, y + U, LEFT + BODY, y + U, stroke="#e4e4e4"))
    return "".join(out)


def _outline(frame_h: float, serious: bool) -> str:
    """Errors or warnings: thick red dashes; notes only: thin grey dots."""
    return rect(LEFT - 3, TOP - 3, BODY + 6, frame_h + 6, fill="none",
                stroke=FLAG if serious else "#555", stroke_width=4 if serious else 2,
                stroke_dasharray="8 4" if serious else "2 3")  # fmt: skip


def _flag(view: RackView, findings: list[Finding]) -> str:
    """The worst severity among the rack's findings ("" when none)."""
    if not view.findings:
        return ""
    return str(max(findings[i].severity for i in view.findings))


def _caption(view: RackView) -> str:
    f = view.figures
    return (
        f"rack {view.name}: {fig(view.figure('power_kw'), 'kW')}, "
        f"{f.get('units_used', 0)} of {view.units} U, {len(view.findings)} finding(s)"
    )


def _slot(s: Slot, units: int, prefix: str) -> str:
    colour, pattern = KINDS.get(s.kind, OTHER)
    assert s.bottom is not None
    top_u = s.bottom + s.height - 1
    y = TOP + (units - top_u) * U
    h = s.height * U
    w = BODY - 4
    x = LEFT + 2
    label = f"{s.model} · {s.name}" + ("" if s.placed else " (no position given)")
    size = 9 if s.height == 1 else 10
    fits = int(w / (size * 0.56))
    shown = label if len(label) <= fits else label[: fits - 1] + "…"
    span = f"U{s.bottom}" if s.height == 1 else f"U{s.bottom}-U{top_u}"
    where = span if s.placed else f"no position in the design; drawn at {span}"
    parts = [
        f'<g class="device" data-kind="{esc(s.kind)}">',
        title(f"{s.name}: {s.model} ({s.kind}), {where}"),
        rect(
            x,
            y + 0.5,
            w,
            h - 1,
            fill=colour,
            stroke="#222",
            stroke_dasharray=None if s.placed else "4 2",
            fill_opacity=None if s.placed else 0.6,
        ),
    ]
    if pattern != "none":
        parts.append(rect(x, y + 0.5, w, h - 1, fill=f"url(#{prefix}-{pattern})"))
    ty = y + h / 2 + size * 0.35
    parts.append(rect(x + 3, ty - size + 1, min(w - 6, len(shown) * size * 0.56 + 4),
                      size + 2, fill="#fff", fill_opacity=0.85))  # fmt: skip
    parts.append(text(x + 5, ty, shown, font_size=size))
    parts.append("</g>")
    return "".join(parts)


Row = tuple[str, str | None, dict[str, object]]


def _panel(view: RackView, findings: list[Finding], link: bool) -> list[Row]:
    """Lines of text beside the rack: (text, link target, style)."""
    f = view.figures
    bold: dict[str, object] = {"font_weight": "bold"}
    rows: list[Row] = [
        (f"power {fig(view.figure('power_kw'), 'kW')} = "
         f"{fig(view.figure('apparent_power_kva'), 'kVA')}", None, bold),
        (f"PDUs {fig(view.figure('pdu_capacity_kva'), 'kVA')} derated", None, {}),
    ]  # fmt: skip
    worst = view.worst_feed
    if worst is not None:
        rows.append((f"feed {worst[0]} down: {fig(worst[1], 'kVA')} left", None, {}))
    for body in (
        f"heat to air {fig(view.figure('heat_air_kw'), 'kW')}",
        f"heat to liquid {fig(view.figure('heat_liquid_kw'), 'kW')}",
        f"{f.get('units_used', 0)} of {view.units} U used",
        f"weight {fig(view.figure('weight_kg'), 'kg')}",
        f"GPUs {f.get('gpus', 0)}",
    ):
        rows.append((body, None, {}))
    if view.findings:
        flag: dict[str, object] = {"fill": FLAG, "font_weight": "bold"}
        rows.append((f"{len(view.findings)} finding(s):", None, flag))
        rules = Counter(findings[i].rule_id for i in view.findings)
        for rule_id, n in sorted(rules.items()):
            first = min(i for i in view.findings if findings[i].rule_id == rule_id)
            style: dict[str, object] = {"fill": FLAG, "text_decoration": "underline"}
            rows.append((f"{rule_id} × {n}", f"#f-{first}" if link else None, style))
    return rows
