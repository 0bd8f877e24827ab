"""JUnit XML, for CI test-report views: a test suite per design file, a test case per
finding. Findings at or above `--fail-on` are failures; those below it pass with the
finding as their output. A clean file is one passing case, so every file shows."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from rackcheck.findings import Finding, Report, Severity

if TYPE_CHECKING:
    from rackcheck.rules.engine import Rule


def render(
    report: Report,
    rules: list[Rule] | None = None,
    fail_on: Severity | None = Severity.WARNING,
    **_: object,
) -> str:
    by_file: dict[str, list[Finding]] = {f: [] for f in report.files}
    for finding in report.sorted():
        by_file.setdefault(finding.location.path, []).append(finding)
    root = ET.Element("testsuites", name="rackcheck")
    total = failed = 0
    for path, found in by_file.items():
        suite = ET.SubElement(root, "testsuite", name=path)
        fails = 0
        cases: list[Finding | None] = list(found) or [None]
        for f in cases:
            case = ET.SubElement(suite, "testcase", classname=path)
            if f is None:
                case.set("name", "rackcheck")
                continue
            case.set("name", f"{f.rule_id} {f.location.line}:{f.location.column}")
            case.set("file", f.location.path)
            case.set("line", str(f.location.line))
            text = f"{f.location}: {f.severity} {f.rule_id} {f.message}"
            if fail_on is not None and f.severity >= fail_on:
                fails += 1
                el = ET.SubElement(
                    case, "failure", message=f.message, type=str(f.severity)
                )
                el.text = text
            else:
                ET.SubElement(case, "system-out").text = text
        n = len(found) or 1
        suite.set("tests", str(n))
        suite.set("failures", str(fails))
        suite.set("errors", "0")
        total, failed = total + n, failed + fails
    root.set("tests", str(total))
    root.set("failures", str(failed))
    ET.indent(root)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"
    )
