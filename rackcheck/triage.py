"""What happens to raw findings after the rules ran: inline suppressions per file, then
for the whole run the budgets (BUD001) and the baseline. api.check calls these two."""

from __future__ import annotations

import re
from pathlib import Path

from rackcheck.findings import Finding, Report
from rackcheck.settings import Settings


def file_findings(
    path: Path, shown: str, findings: list[Finding], settings: Settings, report: Report
) -> list[Finding]:
    """Apply the inline suppressions of one design file; return the findings kept."""
    if not settings.inline_suppressions:
        return findings
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return findings
    if re.search(r"#\s*rackcheck\s*:", text) is None:
        return findings  # no suppression comment: skip the rule registry import
    from rackcheck import suppress
    from rackcheck.codes import known_ids
    from rackcheck.rules import all_rules

    ran = {r.id for r in all_rules() if settings.enabled(r.id)}
    result = suppress.apply(text, shown, findings, settings, ran, known_ids())
    report.suppressed.extend(result.suppressed)
    report.suppressions.extend(result.details)
    return result.kept


def run_findings(report: Report, settings: Settings) -> None:
    """Budgets over the run's totals, then the baseline; keeps findings sorted."""
    from rackcheck import budget

    if report.files and not report.input_errors:
        report.findings.extend(budget.findings(report.metrics, settings))
    if settings.baseline:
        from rackcheck import baseline

        baseline.apply(report, Path(settings.baseline))
    report.findings.sort(key=Finding.sort_key)
