"""`rackcheck quotes compare QUOTE... --design DESIGN`: vendor quotes compared honestly
(capex, what each leaves out, TCO, cloud break-even, ranking, sensitivity)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from rackcheck.cli import _input_errors, _outputs, cli

if TYPE_CHECKING:
    from collections.abc import Callable

    from rackcheck.cost import Comparison

    Render = Callable[[Comparison], str | bytes]  # a comparison in one format

QUOTE_FORMATS = ["text", "markdown", "csv", "xlsx", "json"]


@cli.group()
def quotes() -> None:
    """Vendor quotes: compare them against a design (docs/cost.md)."""


@quotes.command("compare")
@click.argument("quote_files", metavar="QUOTE...", nargs=-1, required=True)
@click.option("--design", required=True, help="The design the quotes are for.")
@click.option(
    "--price-book",
    "books",
    multiple=True,
    help="Price book YAML (repeatable; after the design's own).",
)
@click.option(
    "--assumptions",
    "files",
    multiple=True,
    help="Assumptions YAML (repeatable; overrides defaults and the design).",
)
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override one assumption, e.g. --set pue=1.2 (repeatable).",
)
@click.option(
    "--sweep",
    metavar="NAME=LOW..HIGH[:STEP]",
    help="Sensitivity, e.g. --sweep energy_price=0.05..0.25.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Judge validity dates on this day (YYYY-MM-DD) [default: today, UTC].",
)
@click.option("--vendor", help="Vendor of CSV/XLSX quotes without a Vendor row.")
@click.option("--currency", help="Currency of CSV/XLSX quotes without a Currency row.")
@click.option("--valid-until", help="Validity of CSV/XLSX quotes without one.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUOTE_FORMATS),
    default="text",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    "outputs",
    multiple=True,
    metavar="FORMAT=PATH",
    help="Also write FORMAT to PATH (repeatable), e.g. xlsx=quotes.xlsx.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "note", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
def compare(
    quote_files: tuple[str, ...],
    design: str,
    books: tuple[str, ...],
    files: tuple[str, ...],
    sets: tuple[str, ...],
    sweep: str | None,
    as_of: str | None,
    fmt: str,
    outputs: tuple[str, ...],
    fail_on: str,
    **meta: Any,
) -> None:
    """Compare QUOTE files (YAML, CSV or XLSX) for DESIGN: capex, parts left out,
    IT and facility power, TCO, cost per GPU-hour, break-even against the cloud, lead
    time, a ranking with its reason. Exit 2 on unreadable input, 1 on findings at or
    above --fail-on."""
    import datetime as dt

    from rackcheck.api import compare_quotes
    from rackcheck.cost.render import RENDER
    from rackcheck.cost.xlsx import render_xlsx
    from rackcheck.findings import InputError, Severity
    from rackcheck.outputs import write_all

    files_out = _outputs(outputs, QUOTE_FORMATS)
    for s in sets:
        if "=" not in s:
            raise click.BadParameter(f"{s!r}: expected NAME=VALUE", param_hint="--set")
    try:
        today = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise click.BadParameter(
            f"{as_of!r} is not a date", param_hint="--as-of"
        ) from None
    try:
        result = compare_quotes(
            list(quote_files),
            design,
            price_books=list(books),
            assumption_files=list(files),
            sets=list(sets),
            sweep=sweep,
            today=today,
            meta={k: v for k, v in meta.items() if v},
        )
    except InputError as exc:
        _input_errors(exc)
    render: dict[str, Render] = {**RENDER, "xlsx": render_xlsx}
    out = render[fmt](result)
    if isinstance(out, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(out)
    else:
        sys.stdout.write(out)
    write_all(files_out, lambda f: render[f](result))
    level = None if fail_on == "never" else Severity.parse(fail_on)
    bad = level is not None and any(f.severity >= level for f in result.findings)
    sys.exit(1 if bad else 0)
