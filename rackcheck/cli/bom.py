"""`rackcheck bom DESIGN` (the derived bill of materials) and `rackcheck bom check
DESIGN VENDOR_BOM` (a vendor's BOM against the design)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from rackcheck.cli import FORMATS, SEVERITIES, _input_errors, _outputs, cli

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph

BOM_FORMATS = ["text", "csv", "json", "xlsx"]


class _BomGroup(click.Group):
    """`bom DESIGN` runs the hidden `derive` command; `bom check ...` the subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["derive", *args]
        return super().parse_args(ctx, args)


@cli.group(cls=_BomGroup)
def bom() -> None:
    """The bill of materials. `rackcheck bom DESIGN [--format text|csv|json|xlsx]`
    lists every part the design needs; `rackcheck bom check DESIGN VENDOR_BOM` checks a
    vendor's BOM (CSV or XLSX) against it (BOM001-BOM006)."""


def write_out(data: str | bytes) -> None:
    """Text to stdout; a workbook's bytes to stdout's binary stream."""
    if isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)


def load_graph_or_exit(design: str) -> DesignGraph:
    from pathlib import Path

    from rackcheck.api import load_graph
    from rackcheck.findings import InputError, Location, input_error

    try:
        if not Path(design).is_file():
            raise input_error("INP001", "no such file", Location(design, 1, 1))
        return load_graph(Path(design))
    except InputError as exc:
        _input_errors(exc)


@bom.command("derive", hidden=True)
@click.argument("design")
@click.option("--format", "fmt", type=click.Choice(BOM_FORMATS), default="text",
              show_default=True)  # fmt: skip
@click.option("--output", "-o", "outputs", multiple=True, metavar="FORMAT=PATH",
              help="Also write FORMAT (text, csv, json, xlsx) to PATH (repeatable).")  # fmt: skip
def derive(design: str, fmt: str, outputs: tuple[str, ...]) -> None:
    """Every part DESIGN needs: racks, PDUs, cords, systems, switches, NICs, cables,
    transceivers, CDUs."""
    from rackcheck.bom import derive_bom
    from rackcheck.bom.render import render
    from rackcheck.outputs import write_all

    files = _outputs(outputs, BOM_FORMATS)
    result = derive_bom(load_graph_or_exit(design))
    write_out(render(result, fmt))
    write_all(files, lambda f: render(result, f))


@bom.command("check")
@click.argument("design")
@click.argument("vendor_bom")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format [default: text; github when GITHUB_ACTIONS=true].")  # fmt: skip
@click.option("--output", "-o", "outputs", multiple=True, metavar="FORMAT=PATH",
              help="Also write FORMAT to PATH (repeatable), e.g. sarif=bom.sarif.")  # fmt: skip
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="warning",
              show_default=True, help="Exit 1 when a finding is at least this severe.")  # fmt: skip
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with findings.")
def check_cmd(design: str, vendor_bom: str, fmt: str | None, outputs: tuple[str, ...],
              fail_on: str, exit_zero: bool) -> None:  # fmt: skip
    """Check VENDOR_BOM (CSV or XLSX) against DESIGN: BOM001 missing, BOM002 short,
    BOM003 excess, BOM004 unknown part number, BOM005 does not fit, BOM006 two
    prices. Findings point at the BOM's file:ROW:COL or at the design line."""
    import gc
    import os
    from pathlib import Path

    gc.disable()  # a short process whose objects live to its end, as `check` does

    from rackcheck.bom.check import check_bom
    from rackcheck.findings import InputError, Severity
    from rackcheck.outputs import write_all
    from rackcheck.report import renderers
    from rackcheck.source import shown_path

    files = _outputs(outputs, FORMATS)
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    graph = load_graph_or_exit(design)
    try:
        report = check_bom(graph, Path(vendor_bom), shown_path(Path(vendor_bom)))
    except InputError as exc:
        _input_errors(exc)
    level = Severity.parse(fail_on)
    render = renderers()
    sys.stdout.write(render[fmt](report, fail_on=level))
    write_all(files, lambda f: render[f](report, fail_on=level))
    code = report.exit_code(level)
    sys.exit(0 if exit_zero and code == 1 else code)
