"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

- `results` is always present (empty when clean); suppressed and baselined findings are
  left out.
- Artifact URIs are relative to the repository root (git toplevel, else the working
  directory) with `uriBaseId: "%SRCROOT%"`; files outside it get absolute file URIs.
- `tool.driver.rules` holds every rule and engine code, with the docstring as help and
  `helpUri` pointing at its section of docs/rules.md.
- `partialFingerprints["rackcheck/v1"]`: SHA-256 of rule id, repo-relative path, subject
  and the message with its standalone numbers blanked (`41.2 kW` -> `# kW`, but `L1`
  and `r01` stay), plus `:n` for the n-th identical one. Moving a finding to another
  line or changing a figure keeps its fingerprint, so code scanning keeps one alert.
- Columns count Unicode code points (`columnKind: unicodeCodePoints`), as YAML marks do.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from rackcheck.findings import Finding, Location, Report, Severity

if TYPE_CHECKING:
    from rackcheck.jsontypes import JSONObject, JSONValue
    from rackcheck.rules.engine import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}
_NUMBER = re.compile(r"(?<![A-Za-z0-9_])[-+]?\d+(?:[.,]\d+)*")


def fingerprint(f: Finding, rel: str) -> str:
    text = "\0".join((f.rule_id, rel, f.subject, _NUMBER.sub("#", f.message)))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _uri(path: str, root: Path) -> JSONObject:
    from rackcheck.repo import relative

    rel = relative(path, root)
    if rel is None:
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(rel), "uriBaseId": "%SRCROOT%"}


def _physical(loc: Location, root: Path) -> JSONObject:
    return {
        "physicalLocation": {
            "artifactLocation": _uri(loc.path, root),
            "region": {"startLine": loc.line, "startColumn": loc.column},
        }
    }


def rule_entry(rule: Rule) -> JSONObject:
    from rackcheck.docs import DOCS_URL, anchor

    paragraphs = [p.strip() for p in rule.doc.split("\n\n") if p.strip()]
    full = " ".join(paragraphs[1].split()) if len(paragraphs) > 1 else rule.summary
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {
            "text": rule.doc or rule.summary,
            "markdown": rule.doc or rule.summary,
        },
        "helpUri": f"{DOCS_URL}#{anchor(rule)}",
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.family]},
    }


def document(
    report: Report, rules: list[Rule] | None = None, root: Path | None = None
) -> JSONObject:
    from rackcheck import __version__
    from rackcheck.repo import relative
    from rackcheck.repo import root as repo_root

    if rules is None:
        from rackcheck.codes import known_rules

        rules = known_rules()
    root = root or repo_root()
    index = {r.id: i for i, r in enumerate(rules)}
    seen: Counter[str] = Counter()
    results: list[JSONValue] = []
    for f in report.sorted():
        rel = relative(f.location.path, root) or f.location.path
        fp = fingerprint(f, rel)
        seen[fp] += 1
        message: JSONObject = {"text": f.message}
        result: JSONObject = {
            "ruleId": f.rule_id,
            "level": LEVELS[f.severity],
            "message": message,
            "locations": [_physical(f.location, root)],
            "partialFingerprints": {"rackcheck/v1": f"{fp}:{seen[fp]}"},
        }
        if f.rule_id in index:
            result["ruleIndex"] = index[f.rule_id]
        if f.fix:
            message["markdown"] = f"{f.message}\n\n**help:** {f.fix}"
            result["properties"] = {"help": f.fix}
        if f.related:
            result["relatedLocations"] = [
                {"id": i, **_physical(loc, root)} for i, loc in enumerate(f.related)
            ]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "rackcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/rackcheck/rackcheck",
                        "rules": [rule_entry(r) for r in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": not report.input_errors}],
                "results": results,
            }
        ],
    }


def render(report: Report, rules: list[Rule] | None = None, **_: object) -> str:
    return json.dumps(document(report, rules), indent=2) + "\n"
