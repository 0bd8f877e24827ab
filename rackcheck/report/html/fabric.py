"""The fabric picture: tiers with switch counts, the links between tiers with their
counts and capacity, oversubscription per tier, and the bisection cut, as SVG."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.jsontypes import number, obj
from rackcheck.report.html.svg import fig, line, open_svg, rect, text, title

if TYPE_CHECKING:
    from rackcheck.jsontypes import JSONObject, JSONValue

WIDTH = 820.0
NOTES = 575.0  # x of the text beside the tiers
LAYER = 86.0
BOXES = 16  # switches drawn per tier; the count is written beside
TIERS = (("core", "spine_core"), ("spine", "leaf_spine"), ("leaf", "node_leaf"))


def _rate(gbps: float | None) -> str:
    if gbps is None:
        return "n/a"
    return fig(gbps / 1000, "Tb/s") if gbps >= 1000 else fig(gbps, "Gb/s")


def _ratio(x: JSONValue) -> str:
    return f"{float(x):.2f}:1" if isinstance(x, int | float | str) else "n/a"


def fabric_picture(name: str, f: JSONObject) -> str:
    """One fabric (an entry of `metrics.fabrics`)."""
    layers = [(t, link) for t, link in TIERS if int(number(f.get(t)) or 0) > 0]
    height = 40 + LAYER * (len(layers) + 1) + 30
    speed = number(f.get("link_speed_gbps"))
    switch = f" ({f['switch']})" if f.get("switch") else ""
    out = [
        open_svg(WIDTH, height, f"fabric {name}", class_="fabric", data_fabric=name),
        title(f"fabric {name}: {f.get('tiers')} tier(s), {f.get('endpoints')} endpoints"),
        text(0, 15, f"fabric {name}: {f.get('tiers')} tier(s){switch}", font_size=13,
             font_weight="bold"),
    ]  # fmt: skip
    cables = obj(f.get("cables", {}))
    over = obj(f.get("oversubscription"))
    y = 40.0
    for tier, link in layers:
        count = int(number(f.get(tier)) or 0)
        out.append(_boxes(y, count, "#888"))
        out.append(text(NOTES, y + 14, f"{tier} × {count:,}", font_size=12,
                        font_weight="bold"))  # fmt: skip
        n = int(number(cables.get(link)) or 0)
        cap = None if speed is None else n * float(speed)
        below = "nodes" if link == "node_leaf" else link.split("_")[0]
        notes = [
            f"{below}–{tier}: {n:,} links"
            + (f" × {fig(speed, 'Gb/s')} = {_rate(cap)}" if speed else ""),
            f"oversubscription at {tier}: {_ratio(over.get(tier))}"
            if (tier, link) != layers[0] or over.get(tier) is not None
            else f"{tier}: the top tier (no uplinks)",
        ]
        for k, note in enumerate(notes):
            out.append(text(NOTES, y + 32 + 13 * k, note, font_size=10))
        for x in (60.0, 200.0, 340.0, 480.0):
            out.append(line(x, y + 18, x - 20, y + LAYER, stroke="#555"))
            out.append(line(x, y + 18, x + 20, y + LAYER, stroke="#555"))
        y += LAYER
    out.append(_boxes(y, int(number(f.get("endpoints")) or 0), "#4e79a7", small=True))
    out.append(text(NOTES, y + 14, f"endpoints × {int(number(f.get('endpoints')) or 0):,}",
                    font_size=12, font_weight="bold"))  # fmt: skip
    bis = obj(f.get("bisection"))
    gbps = number(f.get("bisection_gbps"))
    mid = 270.0
    out.append(line(mid, 30, mid, y + 22, stroke="#c62828", stroke_width=3,
                    stroke_dasharray="10 5"))  # fmt: skip
    label = (f"bisection {_rate(gbps)} (cut: {f.get('bisection_cut') or 'n/a'}); "
             f"full bisection {_rate(number(bis.get('full_gbps')))}")  # fmt: skip
    out.append(text(8, y + 42, label, font_size=11, font_weight="bold", fill="#c62828"))
    out.append("</svg>")
    return "".join(out)


def _boxes(y: float, count: int, colour: str, small: bool = False) -> str:
    shown = min(count, BOXES)
    w = 22.0 if not small else 14.0
    gap = (520.0 - w) / max(shown - 1, 1) if shown > 1 else 0.0
    parts = [
        rect(10 + i * gap, y, w, 18, fill=colour, stroke="#222") for i in range(shown)
    ]
    if count > shown:
        parts.append(text(10 + 520 + 4, y + 13, "…", font_size=12))
    return "".join(parts)
