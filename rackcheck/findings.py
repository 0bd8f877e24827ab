"""Findings and the report: plain frozen dataclasses with no third-party imports."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.jsontypes import JSONObject


class Severity(enum.IntEnum):
    """How bad a finding is. Ordered, so `--fail-on warning` means >= WARNING."""

    NOTE = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based place in a file."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    """One thing a rule (or the loader) says about a design."""

    rule_id: str
    severity: Severity
    message: str
    location: Location
    subject: str = ""
    related: tuple[Location, ...] = ()
    fix: str = ""  # a fix hint where one is obvious: "add a PDU on feed B"
    rack: str = ""  # the rack it is about, if any: `ignore[RULE@rack]` matches it

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule_id, self.message)

    def as_dict(self) -> JSONObject:
        return {
            "rule_id": self.rule_id,
            "severity": str(self.severity),
            "message": self.message,
            "location": {
                "path": self.location.path,
                "line": self.location.line,
                "column": self.location.column,
            },
            "subject": self.subject,
            **({"fix": self.fix} if self.fix else {}),
        }


class InputError(Exception):
    """Input that cannot be checked: carries located findings, exit code 2."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f"{f.location}: {f.message}" for f in findings))
        self.findings = findings


def input_error(code: str, message: str, location: Location) -> InputError:
    return InputError([Finding(code, Severity.ERROR, message, location)])


@dataclass
class Report:
    """What one run found, plus every figure it computed (metrics)."""

    findings: list[Finding] = field(default_factory=list)
    input_errors: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    metrics: JSONObject = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    baselined: list[Finding] = field(default_factory=list)  # accepted by --baseline
    # per suppressed finding: rule_id, location, suppressed_at, reason
    suppressions: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # for stderr: empty folders ...

    def sorted(self) -> list[Finding]:
        return sorted(self.input_errors + self.findings, key=Finding.sort_key)

    def exit_code(self, fail_on: Severity | None) -> int:
        """0 clean, 1 a finding at or above `fail_on`, 2 input errors."""
        if self.input_errors:
            return 2
        if fail_on is None:
            return 0
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0

    def counts(self) -> dict[str, int]:
        out = {str(s): 0 for s in sorted(Severity, reverse=True)}
        for f in self.input_errors + self.findings:
            out[str(f.severity)] += 1
        out["suppressed"] = len(self.suppressed)
        out["baselined"] = len(self.baselined)
        return out
