"""Inline suppressions: YAML comments that accept a known finding, with a reason.

    - {model: dgx-h100, count: 4}  # rackcheck: ignore[POW005] hall B: 60 kW, FAC-12
    # rackcheck: ignore[POW001, PHY002] lab rack, signed off by facilities
    - name: r07
    # rackcheck: ignore-file[DAT001] vendor quotes pending

`ignore[...]` at the end of a line covers findings reported on that line; on a line of
its own it covers the next line that is not a comment or blank (so several can stack).
`ignore-file[...]` anywhere in the file covers the whole file. Rule ids are exact.
`RULE@RACKS` narrows a suppression to some racks of a range (a name or a range):

    - name: "su1-r{01..08}"   # rackcheck: ignore[POW005@su1-r{07..08}] row end, 60 kW

The
problems of suppressions are findings too: SUP001 unknown id or malformed comment,
SUP002 a suppression that matched nothing (for rules that ran), SUP003 no reason while
`require-reason` is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rackcheck.findings import Finding, Location, Severity
from rackcheck.settings import Settings

_DIRECTIVE = re.compile(r"^\s*rackcheck\s*:\s*ignore")
_GRAMMAR = re.compile(
    r"^\s*rackcheck\s*:\s*(?P<kind>ignore-file|ignore)\s*"
    r"\[(?P<ids>[^\]]*)\](?P<reason>.*)$"
)
_ID = re.compile(r"(?P<rule>[A-Za-z0-9_-]+)(?:@(?P<racks>[^\s,\]]+))?")


@dataclass
class Suppression:
    kind: str  # "line" or "file"
    ids: list[tuple[str, int]]  # (rule id, 1-based column of the id)
    reason: str
    line: int  # where the comment is
    column: int  # of the '#'
    target: int = 0  # the line it covers (line suppressions)
    used: set[str] = field(default_factory=set)
    racks: dict[int, frozenset[str]] = field(default_factory=dict)  # id index -> racks


@dataclass
class Result:
    kept: list[Finding]
    suppressed: list[Finding]
    details: list[dict[str, str]]  # per suppressed finding: rule_id, location, ...


def comment_start(line: str) -> int | None:
    """Index of the '#' that starts a YAML comment on `line`, outside quotes."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"':
                continue
        elif ch in "'\"" and (i == 0 or line[i - 1] in " \t[{,:-"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
    return None


def parse(text: str, shown: str) -> tuple[list[Suppression], list[Finding]]:
    """Every suppression comment of a file, and SUP001 findings for malformed ones."""
    lines = text.splitlines()
    found: list[Suppression] = []
    bad: list[Finding] = []
    for n, line in enumerate(lines, start=1):
        at = comment_start(line)
        if at is None:
            continue
        body = line[at + 1 :]
        if not _DIRECTIVE.match(body):
            continue
        m = _GRAMMAR.match(body)
        if m is None:
            bad.append(
                Finding(
                    "SUP001",
                    Severity.WARNING,
                    "malformed suppression: write "
                    "`# rackcheck: ignore[RULE] reason` or "
                    "`# rackcheck: ignore-file[RULE] reason`",
                    Location(shown, n, at + 1),
                )
            )
            continue
        base = at + 1 + m.start("ids") + 1  # 1-based column of the ids' text
        tokens = list(_ID.finditer(m["ids"]))
        ids = [(t["rule"].upper(), base + t.start()) for t in tokens]
        racks, problem = _racks(tokens)
        if problem:
            bad.append(
                Finding("SUP001", Severity.WARNING, problem, Location(shown, n, at + 1))
            )
            continue
        if not ids:
            bad.append(
                Finding(
                    "SUP001",
                    Severity.WARNING,
                    "suppression names no rule: write ignore[RULE]",
                    Location(shown, n, at + 1),
                )
            )
            continue
        kind = "file" if m["kind"] == "ignore-file" else "line"
        s = Suppression(kind, ids, m["reason"].strip(), n, at + 1, racks=racks)
        if kind == "line":
            s.target = n if line[:at].strip() else _next_content(lines, n)
        found.append(s)
    return found, bad


def _racks(tokens: list[re.Match[str]]) -> tuple[dict[int, frozenset[str]], str]:
    """{index of the id: its racks} for ids written `RULE@RACKS`; a problem text."""
    from rackcheck.model.names import expand

    out: dict[int, frozenset[str]] = {}
    for i, t in enumerate(tokens):
        if t["racks"] is None:
            continue
        try:
            out[i] = frozenset(expand(t["racks"]))
        except ValueError as exc:
            return {}, f"malformed suppression: {exc}"
    return out, ""


def _next_content(lines: list[str], n: int) -> int:
    """The first line after line `n` (1-based) that is not blank or only a comment."""
    for i in range(n, len(lines)):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i + 1
    return n


def apply(
    text: str,
    shown: str,
    findings: list[Finding],
    settings: Settings,
    ran: set[str],
    known: set[str],
) -> Result:
    """Split `findings` of one file into kept and suppressed; add SUP findings."""
    sups, problems = parse(text, shown)
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    details: list[dict[str, str]] = []
    for f in findings:
        s = _match(f, shown, sups) if f.location.path == shown else None
        if s is None:
            kept.append(f)
            continue
        s.used.add(f.rule_id)
        suppressed.append(f)
        details.append(
            {
                "rule_id": f.rule_id,
                "location": str(f.location),
                "suppressed_at": f"{shown}:{s.line}:{s.column}",
                "reason": s.reason,
            }
        )
    for s in sups:
        problems.extend(_problems(s, shown, settings, ran, known))
    kept.extend(_configured(problems, settings))
    return Result(kept, suppressed, details)


def _problems(
    s: Suppression, shown: str, settings: Settings, ran: set[str], known: set[str]
) -> list[Finding]:
    """SUP001 (unknown rule), SUP002 (unused) and SUP003 (no reason) of one comment."""
    out: list[Finding] = []
    where = Location(shown, s.line, s.column)
    for rid, col in s.ids:
        if rid not in known:
            out.append(
                Finding(
                    "SUP001",
                    Severity.WARNING,
                    f"unknown rule {rid!r} in suppression",
                    Location(shown, s.line, col),
                )
            )
        elif rid in ran and rid not in s.used:
            what = "in this file" if s.kind == "file" else f"on line {s.target}"
            out.append(
                Finding(
                    "SUP002",
                    Severity.WARNING,
                    f"unused suppression: {rid} reports nothing {what}",
                    Location(shown, s.line, col),
                )
            )
    if settings.require_reason and not s.reason:
        out.append(
            Finding(
                "SUP003",
                Severity.WARNING,
                "suppression without a reason: say why after the brackets",
                where,
            )
        )
    return out


def _match(f: Finding, shown: str, sups: list[Suppression]) -> Suppression | None:
    for s in sups:
        ids = any(
            rid == f.rule_id and (i not in s.racks or f.rack in s.racks[i])
            for i, (rid, _) in enumerate(s.ids)
        )
        if ids and (s.kind == "file" or s.target == f.location.line):
            return s
    return None


def _configured(problems: list[Finding], settings: Settings) -> list[Finding]:
    """SUP findings obey select/ignore and severity overrides like rule findings."""
    out = []
    for p in problems:
        if settings.enabled(p.rule_id):
            sev = settings.severity.get(p.rule_id, p.severity)
            out.append(replace(p, severity=sev) if sev != p.severity else p)
    return out
