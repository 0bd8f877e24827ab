"""Effective settings of a run: which rules, their severities and options, --fail-on.

Each setting is declared once in settings/table.py. Built from defaults, then a config
file (settings/toml.py), then the environment, then the command line
(settings/layers.py); `Settings` only holds the frozen result and applies
select/ignore.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rackcheck.findings import Severity
from rackcheck.settings.table import BY_KEY

if TYPE_CHECKING:
    from rackcheck.rules.engine import OptionValue


def default(key: str) -> Any:
    """The default of setting `key` (settings/table.py), as `Settings` holds it."""
    s = BY_KEY[key]
    if s.kind == "ids":
        return list(s.default)
    if s.kind == "severity":
        return Severity.parse(s.default) if s.default else None
    return s.default


@dataclass(frozen=True)
class Settings:
    select: list[str] = field(default_factory=lambda: default("select"))
    ignore: list[str] = field(default_factory=lambda: default("ignore"))
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, OptionValue]] = field(default_factory=dict)
    fail_on: Severity | None = default("fail-on")
    inline_suppressions: bool = default("inline-suppressions")
    require_reason: bool = default("require-reason")
    budgets: dict[str, dict[str, float | None]] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # setting -> its origin
    baseline: str | None = default("baseline")  # report only findings not in it
    config_file: str | None = None  # the configuration file read, if any

    def enabled(self, rule_id: str) -> bool:
        """Longest matching prefix wins between select and ignore ('ALL' matches all)."""
        best_len, on = -1, False
        for prefixes, value in ((self.select, True), (self.ignore, False)):
            for p in prefixes:
                n = 0 if p == "ALL" else len(p)
                if (p == "ALL" or rule_id.startswith(p)) and n >= best_len:
                    best_len, on = n, value
        return on
