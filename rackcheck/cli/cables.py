"""`rackcheck cables DESIGN`: the point-to-point cable plan."""

from __future__ import annotations

import click

from rackcheck.cli import _outputs, cli


@cli.command()
@click.argument("design")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]),
              default="csv", show_default=True)  # fmt: skip
@click.option("--output", "-o", "outputs", multiple=True, metavar="FORMAT=PATH",
              help="Also write FORMAT (csv, xlsx, json) to PATH (repeatable).")  # fmt: skip
def cables(design: str, fmt: str, outputs: tuple[str, ...]) -> None:
    """One row per cable of DESIGN's fabrics: from device/port, to device/port,
    fabric, tier, cable or transceiver pair, length (from the layout with slack)."""
    from rackcheck.bom.cables import FORMATS, cable_plan, render
    from rackcheck.cli.bom import load_graph_or_exit, write_out
    from rackcheck.outputs import write_all

    files = _outputs(outputs, list(FORMATS))
    rows = cable_plan(load_graph_or_exit(design))
    write_out(render(rows, fmt))
    write_all(files, lambda f: render(rows, f))
