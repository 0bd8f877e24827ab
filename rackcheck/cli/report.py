"""`rackcheck report DESIGN -o FILE.html` and `rackcheck render rack DESIGN RACK -o
FILE.svg`: the design review page and a rack's elevation (rackcheck/report/html/)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from rackcheck.cli import _input_errors, _resolve, _settings_options, cli

if TYPE_CHECKING:
    from rackcheck.findings import Report
    from rackcheck.graph.build import DesignGraph
    from rackcheck.report.html.progress import Progress
    from rackcheck.settings import Settings


def _checked(
    design: str, kw: dict[str, Any], progress: Progress | None = None
) -> tuple[Report, DesignGraph, Settings]:
    """The design checked (exit 2 with located messages when it cannot be read)."""
    from rackcheck.api import check_with_graph
    from rackcheck.findings import InputError

    settings = _resolve([design], kw)
    if progress is not None:
        progress.stage(f"checking {design}")
    try:  # an unreadable baseline raises; a design that cannot be read is reported
        report, graph = check_with_graph(design, settings)
        if report.input_errors or graph is None:
            raise InputError(report.input_errors)
    except InputError as exc:
        if progress is not None:
            progress.done()  # clear the progress line before the messages
        _input_errors(exc)
    return report, graph, settings


def _derating(settings: Settings) -> float | None:
    """POW001's `derating` option where set; else each PDU's own continuous rating."""
    value = settings.options.get("POW001", {}).get("derating")
    return None if value is None else float(value)


def _write(out: str | None, text: str) -> None:
    from pathlib import Path

    from rackcheck.outputs import write_atomic

    if out is None or out == "-":
        sys.stdout.write(text)
    else:
        write_atomic(Path(out), text)


@cli.command("report")
@click.argument("design", type=click.Path(dir_okay=False))
@click.option(
    "--output",
    "-o",
    "out",
    metavar="FILE.html",
    help="Write the page here (atomically) [default: stdout].",
)
@click.option(
    "--elevations",
    type=click.Choice(["auto", "each", "grouped"]),
    default="auto",
    show_default=True,
    help="Draw every rack, or one rack per configuration with the racks that "
    "share it (auto: every rack up to 200 racks).",
)
@click.option(
    "--scenarios",
    is_flag=True,
    help="Also try every single failure and add the scenarios' table (where "
    "this rackcheck has `rackcheck scenarios`).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display on stderr.")
@_settings_options
def report_cmd(design: str, out: str | None, elevations: str, scenarios: bool,
               quiet: bool, **kw: Any) -> None:  # fmt: skip
    """One self-contained HTML page for a design review: summary, rack elevations,
    power and cooling headroom, fabrics, findings with each rule's documentation.
    The page is written whatever the findings; the exit code is `check`'s: 1 when a
    finding is at or above --fail-on (0 with --exit-zero), 2 when the design cannot
    be read (nothing written)."""
    import gc

    gc.disable()  # a short process whose objects live to its end, as `check` does
    from rackcheck.report.html import render_report
    from rackcheck.report.html.progress import Progress

    progress = Progress(sys.stderr, quiet)
    report, graph, settings = _checked(design, kw, progress)
    html = render_report(
        report, graph, _derating(settings), elevations, progress, scenarios
    )
    progress.stage("writing")
    _write(out, html)
    progress.done()
    code = report.exit_code(settings.fail_on)
    sys.exit(0 if kw["exit_zero"] and code == 1 else code)


@cli.group("render")
def render_group() -> None:
    """Draw parts of a design as SVG."""


@render_group.command("rack")
@click.argument("design", type=click.Path(dir_okay=False))
@click.argument("rack")
@click.option(
    "--output",
    "-o",
    "out",
    metavar="FILE.svg",
    help="Write the SVG here (atomically) [default: stdout].",
)
@_settings_options
def render_rack_cmd(design: str, rack: str, out: str | None, **kw: Any) -> None:
    """The elevation of RACK (devices at their U positions, power and heat beside it,
    findings flagged) as a standalone SVG file."""
    from rackcheck.report.html import UnknownRack, render_rack

    report, graph, settings = _checked(design, kw)
    try:
        svg = render_rack(report, graph, rack, _derating(settings))
    except UnknownRack as exc:
        hint = f"; did you mean {', '.join(map(repr, exc.close))}?" if exc.close else ""
        raise click.UsageError(f"design has no rack {rack!r}{hint}") from None
    _write(out, svg)
