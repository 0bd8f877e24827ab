"""The command line. Thin: parse options, call the api, write output, exit."""

from __future__ import annotations

import sys
from typing import Any

import click

from rackcheck import __version__

FORMATS = ["text", "json"]
SEVERITIES = ["error", "warning", "note"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="rackcheck")
def cli() -> None:
    """Validate AI rack and cluster designs: power, cooling, space, network, storage."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")  # fmt: skip
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="warning",
              show_default=True, help="Exit 1 when a finding is at least this severe.")  # fmt: skip
def check(paths: tuple[str, ...], fmt: str, fail_on: str) -> None:
    """Check design files, or every design under the folders given."""
    from rackcheck.api import check as run_check
    from rackcheck.findings import Severity
    from rackcheck.report import renderers
    from rackcheck.settings import Settings

    settings = Settings(fail_on=Severity.parse(fail_on))
    report = run_check(list(paths), settings)
    sys.stdout.write(renderers()[fmt](report))
    sys.exit(report.exit_code(settings.fail_on))


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True)  # fmt: skip
def rules_cmd(fmt: str) -> None:
    """List every rule."""
    from rackcheck.docs import rules_json, rules_markdown
    from rackcheck.rules import all_rules

    rules = all_rules()
    if fmt == "json":
        click.echo(rules_json(rules))
    elif fmt == "markdown":
        click.echo(rules_markdown(rules), nl=False)
    else:
        for r in rules:
            click.echo(f"{r.id:8} {str(r.severity):8} {r.name:24} {r.summary}")


@cli.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print a rule's documentation."""
    from rackcheck.docs import explain_text
    from rackcheck.rules import by_id

    rules = by_id()
    rule = rules.get(rule_id.upper())
    if rule is None:
        raise click.UsageError(
            f"unknown rule {rule_id!r}; `rackcheck rules` lists them all"
        )
    click.echo(explain_text(rule), nl=False)


@cli.command()
@click.argument("which", type=click.Choice(["design", "catalog"]), default="design")
def schema(which: str) -> None:
    """Print the JSON Schema of design or catalog files."""
    from rackcheck.docs import json_schema

    click.echo(json_schema(which), nl=False)


@cli.group()
def catalog() -> None:
    """Look into the component catalog."""


@catalog.command("list")
@click.option("--kind", help="Only components of this kind (server, pdu, cdu, ...).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def catalog_list(kind: str | None, fmt: str) -> None:
    """List catalog components."""
    import json

    from rackcheck.findings import InputError
    from rackcheck.model.catalog import KINDS
    from rackcheck.model.load import load_catalog

    if kind is not None and kind not in KINDS:
        raise click.BadParameter(f"{kind!r}; one of {', '.join(KINDS)}", param_hint="--kind")
    try:
        cat = load_catalog()
    except InputError as exc:
        _input_errors(exc)
    rows = [c for c in cat.components.values() if kind is None or c.kind == kind]
    rows.sort(key=lambda c: (c.kind, c.id))
    if fmt == "json":
        out = [{"id": c.id, "kind": c.kind, "vendor": c.vendor, "model": c.model,
                "where": str(cat.where[c.id])} for c in rows]  # fmt: skip
        click.echo(json.dumps(out, indent=2))
        return
    for c in rows:
        click.echo(f"{c.kind:12} {c.id:34} {c.vendor} {c.model}")


def _input_errors(exc: Any) -> None:
    for f in exc.findings:
        click.echo(f"{f.location}: {f.severity} {f.rule_id} {f.message}", err=True)
    sys.exit(2)


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="rackcheck", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    return 0
