"""Stable, versioned JSON: findings plus every computed figure (metrics)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rackcheck.findings import Report

if TYPE_CHECKING:
    from rackcheck.jsontypes import JSONObject
    from rackcheck.rules.engine import Rule

JSON_VERSION = 1


def document(report: Report) -> JSONObject:
    return {
        "version": JSON_VERSION,
        "files": [*report.files],
        "findings": [f.as_dict() for f in report.sorted()],
        "suppressed": [
            {**f.as_dict(), **_why(report, i)} for i, f in enumerate(report.suppressed)
        ],
        "baselined": [f.as_dict() for f in report.baselined],
        "summary": {**report.counts()},
        "metrics": report.metrics,
    }


def render(report: Report, rules: list[Rule] | None = None, **_: object) -> str:
    return json.dumps(document(report), indent=2, sort_keys=False) + "\n"


def _why(report: Report, i: int) -> JSONObject:
    """The reason and place of the i-th suppression, where the engine recorded them."""
    if i >= len(report.suppressions):
        return {}
    d = report.suppressions[i]
    return {"reason": d["reason"], "suppressed_at": d["suppressed_at"]}
