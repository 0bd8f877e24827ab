"""`rackcheck catalog list | show | lint`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from rackcheck.cli import _input_errors, catalog

if TYPE_CHECKING:
    from rackcheck.model.load import Catalog


def _load() -> Catalog:
    from rackcheck.findings import InputError
    from rackcheck.model.load import load_catalog

    try:
        return load_catalog()
    except InputError as exc:
        _input_errors(exc)


@catalog.command("list")
@click.option("--kind", help="Only components of this kind (server, pdu, cdu, ...).")
@click.option("--vendor", help="Only this vendor's components (any case).")
@click.option("--search", help="Only entries whose id, model, part number or notes "
              "contain this text.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "markdown"]),
              default="text", show_default=True)  # fmt: skip
def catalog_list(kind: str | None, vendor: str | None, search: str | None,
                 fmt: str) -> None:  # fmt: skip
    """List catalog components."""
    from rackcheck.catalog import list_entries, render_list
    from rackcheck.model.catalog import KINDS

    if kind is not None and kind not in KINDS:
        raise click.BadParameter(
            f"{kind!r}; one of {', '.join(KINDS)}", param_hint="--kind"
        )
    cat = _load()
    click.echo(render_list(cat, list_entries(cat, kind, vendor, search), fmt), nl=False)


@catalog.command("show")
@click.argument("ident", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
def catalog_show(ident: str, fmt: str) -> None:
    """Every figure of one entry, with its unit and source."""
    import difflib

    from rackcheck.catalog import show_entry

    cat = _load()
    if ident not in cat.components:
        close = difflib.get_close_matches(ident, list(cat.components), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise click.BadParameter(f"no catalog entry {ident!r}{hint}", param_hint="ID")
    click.echo(show_entry(cat, ident, fmt), nl=False)


@catalog.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
def catalog_lint(paths: tuple[str, ...], fmt: str) -> None:
    """Lint catalog files (default: the bundled catalog): format, sources, units, and
    figures that contradict each other. Exit 1 on findings, 2 on unreadable files."""
    import json
    import sys
    from pathlib import Path

    from rackcheck.catalog import lint_catalogs

    result = lint_catalogs([Path(p) for p in paths])
    unreadable = any(f.rule_id.startswith("INP") for f in result.findings)
    if fmt == "json":
        click.echo(json.dumps({
            "version": 1,
            "findings": [f.as_dict() for f in result.findings],
            "entries": dict(sorted(result.entries.items())),
            "figures": dict(sorted(result.figures.items())),
            "kinds": dict(sorted(result.by_kind.items())),
        }, indent=2))  # fmt: skip
    else:
        for f in result.findings:
            click.echo(f"{f.location}: {f.severity} {f.rule_id} {f.message}")
        total = sum(result.entries.values())
        quality = ", ".join(f"{n} {q}" for q, n in sorted(result.entries.items()))
        figs = ", ".join(f"{n} {q}" for q, n in sorted(result.figures.items()))
        click.echo(f"{total} entries ({quality}); figures: {figs}; "
                   f"{len(result.findings)} finding(s)")  # fmt: skip
    sys.exit(2 if unreadable else 1 if result.findings else 0)
