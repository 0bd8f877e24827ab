"""`rackcheck scenarios DESIGN`: every single failure (and pairs with --depth 2)."""

from __future__ import annotations

import sys

import click

from rackcheck.cli import _input_errors, cli


@cli.command("scenarios")
@click.argument("design")
@click.option(
    "--depth",
    type=click.IntRange(1, 2),
    default=1,
    show_default=True,
    help="1: every single failure; 2: also the pairs of failures that each "
    "leave something strained.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="Text: show the N worst scenarios only.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write to this file (whole, or not at all) instead of stdout.",
)
def scenarios_cmd(design: str, depth: int, fmt: str, limit: int | None,
                  output: str | None) -> None:  # fmt: skip
    """What the design loses when each element, feed, CDU, switch, storage system or
    failure domain fails, sorted by impact (GPUs lost, then GPU-hours at risk)."""
    from pathlib import Path

    from rackcheck.api import scenarios
    from rackcheck.findings import InputError
    from rackcheck.outputs import write_atomic
    from rackcheck.scenarios.progress import Bar
    from rackcheck.scenarios.render import to_json, to_table

    bar = Bar(sys.stderr)
    try:
        result = scenarios(design, depth, bar)
    except InputError as exc:
        bar.close()
        _input_errors(exc)
    bar.close()
    text = to_json(result) if fmt == "json" else to_table(result, limit)
    if output:
        try:
            write_atomic(Path(output), text)
        except OSError as exc:
            click.echo(f"{output}: cannot write: {exc.strerror or exc}", err=True)
            sys.exit(2)
    else:
        click.echo(text, nl=False)
