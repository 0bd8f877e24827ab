"""Effective settings of a run: which rules, their severities and options, --fail-on.

Built from defaults, then a config file, then the environment, then the command line
(see config.py); this module only holds the result and applies select/ignore.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rackcheck.findings import Severity


@dataclass
class Settings:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_on: Severity | None = Severity.WARNING
    inline_suppressions: bool = True
    require_reason: bool = False
    budgets: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(
        default_factory=dict
    )  # setting -> where it came from
    baseline: str | None = None  # a baseline file: report only findings not in it
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
