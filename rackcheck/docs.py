"""Rule documentation and JSON Schemas, rendered from the code (docstrings, models)."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Protocol

    from rackcheck.findings import Severity

    class DocumentedRule(Protocol):
        """A rule as its documentation reads it (rules.engine.Rule, a layer above)."""

        @property
        def id(self) -> str: ...
        @property
        def name(self) -> str: ...
        @property
        def severity(self) -> Severity: ...
        @property
        def family(self) -> str: ...
        @property
        def doc(self) -> str: ...
        @property
        def summary(self) -> str: ...
        def option_defaults(self) -> dict[str, object]: ...


DOCS_URL = "https://github.com/rackcheck/rackcheck/blob/main/docs/rules.md"


def examples(rule: DocumentedRule) -> dict[str, str]:
    """The **Fails** and **Passes** YAML blocks of a rule's docstring."""
    out = {}
    for label in ("Fails", "Passes"):
        m = re.search(rf"\*\*{label}\*\*\s*```yaml\n(.*?)```", rule.doc, re.S)
        if m:
            out[label.lower()] = m.group(1)
    return out


def anchor(rule: DocumentedRule) -> str:
    return f"{rule.id.lower()}-{rule.name}"


def explain_text(rule: DocumentedRule) -> str:
    opts = rule.option_defaults()
    head = f"{rule.id} {rule.name} ({rule.severity}, {rule.family})\n\n"
    tail = f"\nOptions: {json.dumps(opts)}\n" if opts else "\n"
    return f"{head}{rule.doc}\n{tail}Docs: {DOCS_URL}#{anchor(rule)}\n"


def rules_json(rules: Sequence[DocumentedRule]) -> str:
    return json.dumps(
        [
            {
                "id": r.id,
                "name": r.name,
                "severity": str(r.severity),
                "family": r.family,
                "summary": r.summary,
                "options": r.option_defaults(),
                "help_uri": f"{DOCS_URL}#{anchor(r)}",
            }
            for r in rules
        ],  # fmt: skip
        indent=2,
    )


def rules_markdown(rules: Sequence[DocumentedRule]) -> str:
    out = ["# Rules", "", "Generated from the rule docstrings by "
           "`rackcheck rules --format markdown`; do not edit by hand.", "",
           "| id | name | severity | summary |", "|---|---|---|---|"]  # fmt: skip
    for r in rules:
        out.append(
            f"| [{r.id}](#{anchor(r)}) | {r.name} | {r.severity} | {r.summary} |"
        )
    for r in rules:
        out += ["", f"## {r.id} {r.name}", "", f"Severity: {r.severity}. Family: "
                f"{r.family}.", ""]  # fmt: skip
        opts = r.option_defaults()
        if opts:
            out += [f"Options (defaults): `{json.dumps(opts)}`", ""]
        out.append(r.doc)
    return "\n".join(out) + "\n"


def json_schema(which: str) -> str:
    if which == "design":
        from rackcheck.model.design import Design as model
    else:
        from rackcheck.model.catalog import CatalogFile as model  # type: ignore[assignment]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://rackcheck.dev/schemas/{which}.schema.json"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
