"""Helpers shared by the rack rules."""

from __future__ import annotations

import dataclasses

from rackcheck.findings import Finding, Severity
from rackcheck.rules.engine import RuleContext


def note(ctx: RuleContext[object], message: str, *path: str | int) -> Finding:
    """A finding at NOTE severity: a check that cannot run names the figure it lacks."""
    return dataclasses.replace(
        ctx.finding(None, message, *path), severity=Severity.NOTE
    )
