"""`rackcheck rules`, `explain` and `schema`: what the rules and file formats are."""

from __future__ import annotations

import click

from rackcheck.cli import cli


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True)  # fmt: skip
def rules_cmd(fmt: str) -> None:
    """List every rule."""
    from rackcheck.codes import known_rules
    from rackcheck.docs import rules_json, rules_markdown

    rules = known_rules()
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
    from rackcheck.codes import known_rules
    from rackcheck.docs import explain_text

    rules = {r.id: r for r in known_rules()}
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
