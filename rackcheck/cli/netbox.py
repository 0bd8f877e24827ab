"""`rackcheck catalog import-netbox PATH...` and `rackcheck export netbox DESIGN -o DIR`."""

from __future__ import annotations

import sys

import click

from rackcheck.cli import SEVERITIES, _input_errors, catalog, cli


@catalog.command("import-netbox")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", "out", type=click.Path(dir_okay=False),
              help="Write the entries to this catalog file (FILE.yaml), which a design "
              "can name under `catalogs:`.")  # fmt: skip
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="warning",
              show_default=True)  # fmt: skip
def import_netbox(paths: tuple[str, ...], out: str | None, fail_on: str) -> None:
    """Read NetBox device types (community device-type library YAML) into catalog
    entries; report library errors (NBX001-NBX003) and what NetBox does not carry
    (NBX004). Exit 1 on findings, 2 on unreadable input."""
    from pathlib import Path

    from rackcheck.bom.netbox_import import catalog_yaml
    from rackcheck.bom.netbox_import import import_netbox as run
    from rackcheck.findings import InputError, Report, Severity
    from rackcheck.outputs import write_atomic
    from rackcheck.report.text import line

    try:
        result = run(list(paths))
    except InputError as exc:
        _input_errors(exc)
    for f in result.findings:
        click.echo(line(f))
    n = len(result.entries)
    click.echo(f"{n} catalog entr{'y' if n == 1 else 'ies'} from "
               f"{len(result.files)} device type file{'s' if len(result.files) != 1 else ''}")  # fmt: skip
    if out is not None:
        write_atomic(Path(out), catalog_yaml(result))
        click.echo(f"wrote {out}")
    code = Report(findings=result.findings).exit_code(Severity.parse(fail_on))
    sys.exit(code)


@cli.group()
def export() -> None:
    """Write a design in another tool's format."""


@export.command("netbox")
@click.argument("design")
@click.option("--output", "-o", "out", required=True,
              type=click.Path(file_okay=False), help="Folder for the CSV files.")  # fmt: skip
def export_netbox(design: str, out: str) -> None:
    """Racks, devices and cables of DESIGN as NetBox bulk-import CSV (racks.csv,
    devices.csv, cables.csv)."""
    from pathlib import Path

    from rackcheck.bom.netbox_export import export_files
    from rackcheck.cli.bom import load_graph_or_exit
    from rackcheck.outputs import write_atomic

    files = export_files(load_graph_or_exit(design))
    for name, text in files.items():
        write_atomic(Path(out) / name, text)
    click.echo(f"wrote {', '.join(sorted(files))} to {out}")
