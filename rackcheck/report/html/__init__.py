"""`rackcheck report` and `rackcheck render rack`: the design review page and its
drawings, built from a checked design (its report with metrics, and its graph).

Public entry points: `render_report(report, graph, ...)` -> HTML text and
`render_rack(report, graph, rack)` -> SVG text. Standard library only."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.findings import Report
    from rackcheck.graph.build import DesignGraph
    from rackcheck.report.html.progress import Progress
    from rackcheck.report.html.racks import RackView

EACH_LIMIT = 200  # up to this many racks, `auto` draws every rack; above, one per kind
ELEVATIONS = ("auto", "each", "grouped")


class UnknownRack(KeyError):
    """The design has no rack of that name; `close` holds near matches."""

    def __init__(self, name: str, close: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.close = close


def _views(
    report: Report, graph: DesignGraph, derating: float | None
) -> tuple[list[RackView], dict[int, list[str]]]:
    from rackcheck.report.html.racks import attach_findings, rack_views

    views = rack_views(graph, report.metrics, derating)
    racks_of = attach_findings(graph, report.findings, views)
    return views, racks_of


def render_rack(
    report: Report, graph: DesignGraph, rack: str, derating: float | None = None
) -> str:
    """The elevation of one rack as a standalone SVG document."""
    from rackcheck.report.html.elevation import elevation

    views, _ = _views(report, graph, derating)
    view = next((v for v in views if v.name == rack), None)
    if view is None:
        import difflib

        names = [v.name for v in views]
        raise UnknownRack(rack, difflib.get_close_matches(rack, names, n=3))
    svg = elevation(view, report.findings, "e0", link=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"


def render_report(
    report: Report,
    graph: DesignGraph,
    derating: float | None = None,
    elevations: str = "auto",
    progress: Progress | None = None,
    scenarios: bool = False,
) -> str:
    """The whole page. `elevations`: `each` draws every rack; `grouped` draws one rack
    per configuration with the racks that share it; `auto` is `each` up to
    EACH_LIMIT racks. `scenarios`: try every single failure (where this rackcheck
    has `rackcheck.scenarios`) and add their table."""
    from rackcheck.jsontypes import obj
    from rackcheck.report.html import page
    from rackcheck.report.html.charts import cooling_chart, heat_chart, power_chart
    from rackcheck.report.html.extras import optional_sections
    from rackcheck.report.html.fabric import fabric_picture
    from rackcheck.report.html.findings import findings_table
    from rackcheck.report.html.landed import landed_sections
    from rackcheck.report.html.racks import grouped

    views, racks_of = _views(report, graph, derating)
    if elevations == "grouped" or (elevations == "auto" and len(views) > EACH_LIMIT):
        views = grouped(graph, views)
    anchor_of = {m: f"rack-{v.name}" for v in views for m in v.members}
    design = graph.design
    parts: list[tuple[str, str, str]] = [
        ("summary", "Summary", page.summary(report)),
        ("elevations", "Rack elevations", _elevations(report, views, progress)),
    ]
    headroom = [power_chart(views), heat_chart(views, graph)]
    if report.metrics.get("loops") or design.site.air_cooling is not None:
        headroom.append(cooling_chart(report.metrics, graph))
    headroom.append(page.feeds_table(report.metrics.get("feeds_kva", {})))
    parts.append(("headroom", "Power and cooling headroom", "".join(headroom)))
    fabrics = obj(report.metrics.get("fabrics", {}))
    storage = page.storage_table(report.metrics.get("storage"))
    if fabrics or storage:
        pics = [fabric_picture(n, obj(f)) for n, f in sorted(fabrics.items())]
        parts.append(("fabrics", "Fabrics and storage", "".join(pics) + storage))
    parts.extend(landed_sections(graph, report.metrics, scenarios, progress))
    parts.extend(optional_sections(report.metrics))
    parts.append(
        ("findings", "Findings", findings_table(report.findings, racks_of, anchor_of))
    )
    return page.document(
        f"rackcheck report: {design.name}", _body(report, graph, parts)
    )


def _body(
    report: Report, graph: DesignGraph, parts: list[tuple[str, str, str]]
) -> list[str]:
    from rackcheck import __version__
    from rackcheck.report.html import page
    from rackcheck.report.html.svg import esc

    d = graph.design
    about = f"{graph.file}" + (f" — {d.description}" if d.description else "")
    head = f'<header><h1>{esc(d.name)}</h1><p class="muted">{esc(about)}</p></header>'
    foot = (
        f'<footer class="muted"><p>rackcheck {esc(__version__)}: figures from '
        f"<code>rackcheck check --format json {esc(graph.file)}</code>.</p></footer>"
    )
    body = [head, page.nav([(i, h) for i, h, _ in parts])]
    body += [page.section(i, h, html) for i, h, html in parts]
    return [*body, foot]


def _elevations(
    report: Report, views: list[RackView], progress: Progress | None
) -> str:
    """The legend, then the racks; under a heading per row when the design gives rows
    (and every rack is drawn on its own)."""
    from rackcheck.report.html.page import legend
    from rackcheck.report.html.svg import esc

    if not views:
        return legend() + "<p>The design has no racks.</p>"
    if progress is not None:
        progress.stage("drawing racks")
    by_row = any(v.row for v in views) and all(len(v.members) == 1 for v in views)
    out = [legend()]
    for i, v in enumerate(views):
        new_row = by_row and i > 0 and v.row != views[i - 1].row
        if new_row:
            out.append("</div>")
        if by_row and (i == 0 or new_row):
            heading = f"row {v.row}" if v.row else "racks without a row"
            out.append(f'<h3 class="row">{esc(heading)}</h3>')
        if i == 0 or new_row:
            out.append('<div class="racks">')
        out.append(_figure(report, v, i))
        if progress is not None:
            progress.step(i + 1, len(views))
    out.append("</div>")
    return "".join(out)


def _figure(report: Report, v: RackView, i: int) -> str:
    from rackcheck.report.html.elevation import elevation
    from rackcheck.report.html.svg import esc

    flagged = ' class="flagged"' if v.findings else ""  # styled in the SVG
    svg = elevation(v, report.findings, f"e{i}")
    cap = ""
    if len(v.members) > 1:
        names = ", ".join(esc(n) for n in v.members)
        cap = (f"<figcaption><details><summary>{len(v.members):,} racks drawn as "
               f"{esc(v.name)}</summary>{names}</details></figcaption>")  # fmt: skip
    return f'<figure id="rack-{esc(v.name)}"{flagged}>{svg}{cap}</figure>'
