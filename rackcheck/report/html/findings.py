"""The findings table: file:line:column, severity, rule, message, the racks a finding
is about, and each rule's documentation inline (a <details> at the rule's first
finding; later findings of the rule link to it)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rackcheck.report.html.svg import esc

if TYPE_CHECKING:
    from rackcheck.findings import Finding
    from rackcheck.rules.engine import Rule

MAX_RACKS_SHOWN = 8


def doc_html(doc: str) -> str:
    """A rule docstring (Markdown-ish) as HTML: paragraphs, fenced code, **bold**,
    `code`. Everything is escaped first."""
    out = []
    parts = re.split(r"```[a-z]*\n(.*?)```", doc, flags=re.S)
    for i, part in enumerate(parts):
        if i % 2 == 1:
            out.append(f"<pre><code>{esc(part)}</code></pre>")
            continue
        for para in re.split(r"\n\s*\n", part.strip()):
            if not para.strip():
                continue
            body = esc(para)
            body = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", body)
            body = re.sub(r"`([^`]+)`", r"<code>\1</code>", body)
            out.append(f"<p>{body}</p>")
    return "".join(out)


def findings_table(
    findings: list[Finding], racks_of: dict[int, list[str]], anchor_of: dict[str, str]
) -> str:
    """`anchor_of`: rack name -> the id of the elevation that draws it."""
    from rackcheck.codes import known_rules

    if not findings:
        return '<p class="clean">No findings.</p>'
    rules: dict[str, Rule] = {r.id: r for r in known_rules()}
    documented: set[str] = set()
    rows = []
    for i, f in enumerate(findings):
        rule = rules.get(f.rule_id)
        if f.rule_id in documented or rule is None:
            cell = f'<a href="#doc-{esc(f.rule_id)}">{esc(f.rule_id)}</a>'
            if rule is None:
                cell = esc(f.rule_id)
        else:
            documented.add(f.rule_id)
            cell = (
                f'<details id="doc-{esc(f.rule_id)}"><summary>{esc(f.rule_id)} '
                f"{esc(rule.name)}</summary>{doc_html(rule.doc)}</details>"
            )
        sev = str(f.severity)
        rows.append(
            f'<tr id="f-{i}" class="sev-{sev}"><td class="loc">{esc(f.location)}</td>'
            f'<td class="sev">{esc(sev)}</td><td class="rule">{cell}</td>'
            f"<td>{esc(f.message)}</td><td>{_racks(racks_of.get(i, []), anchor_of)}</td></tr>"
        )
    head = (
        "<thead><tr><th>file:line:column</th><th>severity</th><th>rule</th>"
        "<th>message</th><th>racks</th></tr></thead>"
    )
    return f'<table class="findings">{head}<tbody>{"".join(rows)}</tbody></table>'


def _racks(names: list[str], anchor_of: dict[str, str]) -> str:
    links = [
        f'<a href="#{esc(anchor_of[n])}">{esc(n)}</a>' if n in anchor_of else esc(n)
        for n in names[:MAX_RACKS_SHOWN]
    ]
    more = len(names) - MAX_RACKS_SHOWN
    if more > 0:
        links.append(f"and {more:,} more")
    return ", ".join(links)
