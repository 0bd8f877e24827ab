"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation a
finding, on the changed line in the pull request, then the full text report (GitHub
shows only the first ten annotations of a step, so the log keeps everything).

Chosen by default when `GITHUB_ACTIONS=true`. Paths are relative to the repository root,
as GitHub wants them. Escaping follows the runner: in the message `%`, CR and LF; in
properties also `:` and `,`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Report, Severity
from rackcheck.report import text

if TYPE_CHECKING:
    from rackcheck.rules.engine import Rule

COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.NOTE: "notice",
}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    from rackcheck.repo import relative

    loc = f.location
    path = relative(loc.path) or loc.path
    props = ",".join(
        f"{k}={escape_property(str(v))}"
        for k, v in (
            ("file", path),
            ("line", loc.line),
            ("col", loc.column),
            ("title", f"rackcheck {f.rule_id}"),
        )
    )
    return (
        f"::{COMMANDS[f.severity]} {props}::{escape_data(f'{f.rule_id} {f.message}')}"
    )


def render(report: Report, rules: list[Rule] | None = None, **kw: object) -> str:
    lines = [annotation(f) for f in report.sorted()]
    return "\n".join(lines) + ("\n" if lines else "") + text.render(report, rules, **kw)
