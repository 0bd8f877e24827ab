"""`rackcheck fabric size`: size a rail-optimized fat tree without a design."""

from __future__ import annotations

from typing import Any

import click

from rackcheck.cli import FORMATS, cli


@cli.group()
def fabric() -> None:
    """Size network fabrics (rail-optimized fat trees)."""


@fabric.command("size")
@click.option("--nodes", type=click.IntRange(min=1, max=50_000), required=True,
              help="GPU servers.")  # fmt: skip
@click.option(
    "--rails",
    type=click.IntRange(min=1, max=64),
    required=True,
    help="NIC ports per node in this fabric (one leaf per rail per SU).",
)
@click.option("--switch", required=True, help="Catalog switch id (qm9700 ...).")
@click.option(
    "--su-size",
    type=click.IntRange(min=1, max=200_000),
    help="Nodes per scalable unit [default: the size with the fewest switches].",
)
@click.option(
    "--extra-endpoints",
    type=click.IntRange(min=0, max=200_000),
    default=0,
    show_default=True,
    help="Single-port endpoints beyond the nodes (UFM ...).",
)
@click.option(
    "--oversubscription",
    default="1:1",
    show_default=True,
    help="down:up per tier: '1:1', or 'leaf=1:1,spine=7:1'.",
)
@click.option("--tiers", type=click.Choice(["2", "3"]), help="[default: fewest to fit]")
@click.option("--pod-size", type=click.IntRange(min=1, max=10_000),
              help="SUs per pod (3 tiers).")  # fmt: skip
@click.option("--node", help="Catalog server id: port speed and NIC cages.")
@click.option(
    "--speed",
    help="Endpoint port speed, e.g. '400 Gbit/s' [default: the --node's, else the "
    "switch's].",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True
)
def fabric_size(
    fmt: str, tiers: str | None, oversubscription: str, **opts: Any
) -> None:
    """Leaf, spine and core switches, cables, transceivers, bisection of a fat tree."""
    import json

    from rackcheck.api import size_fabric
    from rackcheck.findings import InputError
    from rackcheck.sizing import render_text

    over: str | dict[str, str] = oversubscription
    if "=" in oversubscription:
        try:
            over = dict(part.split("=", 1) for part in oversubscription.split(","))
        except ValueError:
            raise click.BadParameter(
                oversubscription, param_hint="--oversubscription"
            ) from None
    try:
        result = size_fabric(
            oversubscription=over, tiers=int(tiers) if tiers else None, **opts
        )
    except InputError as exc:
        option, _, text = exc.findings[0].message.partition(": ")
        raise click.UsageError(f"--{option.replace('_', '-')}: {text}") from None
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(render_text(result), nl=False)
