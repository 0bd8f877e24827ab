"""Baselines: accept today's findings, report only new ones.

A baseline file lists findings keyed on rule id + file + subject (the rack, PDU, loop...
a finding is about), never on line numbers or figures, so editing a design elsewhere,
or a load changing from 41 kW to 43 kW, keeps an accepted finding accepted. Keys are
counted: two accepted POW001 findings on rack r01 accept two, not three. File paths
are stored relative to the baseline file's folder, so it works from any directory.
Budget breaches (BUD001) are never baselined.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, InputError, Location, Report, Severity

if TYPE_CHECKING:
    from rackcheck.jsontypes import JSONObject, JSONValue

BASELINE_VERSION = 1
Key = tuple[str, str, str]


def key(f: Finding, folder: Path) -> Key:
    return (f.rule_id, rel_path(f.location.path, folder), f.subject)


def rel_path(path: str, folder: Path) -> str:
    p = Path(path).resolve()
    try:
        return p.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(p, folder.resolve())).as_posix()


def document(report: Report, path: Path) -> JSONObject:
    return _document(_counts(report, path))


def _counts(report: Report, path: Path) -> Counter[Key]:
    return Counter(key(f, path.parent) for f in report.findings if _accepts(f))


def _document(counts: Counter[Key]) -> JSONObject:
    entries: list[JSONValue] = [
        {"rule_id": r, "file": file, "subject": subj, "count": n}
        for (r, file, subj), n in sorted(counts.items())
    ]
    return {"version": BASELINE_VERSION, "tool": "rackcheck", "findings": entries}


def write(report: Report, path: Path) -> int:
    """Write the baseline of `report` to `path` atomically; return its count."""
    from rackcheck.outputs import write_atomic

    counts = _counts(report, path)
    text = json.dumps(_document(counts), indent=2) + "\n"
    write_atomic(path, text)  # OutputError (an OSError) on a bad path
    return sum(counts.values())


MAX_BYTES = 64 * 1024 * 1024


def load(path: Path) -> Counter[Key]:
    resolved, cwd = path.resolve(), Path.cwd().resolve()
    shown = (
        resolved.relative_to(cwd).as_posix()
        if resolved.is_relative_to(cwd)
        else str(path)
    )
    where = Location(shown, 1, 1)
    try:
        import stat

        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            from rackcheck.source.yamlsrc import file_kind

            raise _error(f"baseline is {file_kind(st.st_mode)}, not a file", where)
        size = st.st_size
        if size > MAX_BYTES:
            raise _error(f"baseline is larger than {MAX_BYTES // 2**20} MiB", where)
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _error(f"cannot read baseline: {exc.strerror}", where) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line, col = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        why = getattr(exc, "msg", None) or str(exc)
        raise _error(
            f"baseline is not JSON: {why}", Location(shown, line, col)
        ) from None
    except (RecursionError, ValueError) as exc:  # nested thousands deep; huge ints
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise _error(f"baseline is not readable JSON: {why}", where) from None
    if not isinstance(doc, dict) or doc.get("version") != BASELINE_VERSION:
        raise _error(
            f"not a rackcheck baseline of version {BASELINE_VERSION} "
            "(make one with `rackcheck baseline create`)",
            where,
        )
    entries = doc.get("findings", [])
    if not isinstance(entries, list):
        raise _error("baseline: `findings` must be a list", where)
    out: Counter[Key] = Counter()
    for i, e in enumerate(entries):
        out[_entry(e, i, where)] += _count(e, i, where)
    return out


def _entry(e: object, i: int, where: Location) -> Key:
    keys = ("rule_id", "file", "subject")
    if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in keys):
        raise _error(
            f"malformed baseline entry findings[{i}]: expected rule_id, file and "
            "subject as text",
            where,
        )
    return (e["rule_id"], e["file"], e["subject"])


def _count(e: dict[str, object], i: int, where: Location) -> int:
    n = e.get("count", 1)
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 10**9:
        raise _error(
            f"malformed baseline entry findings[{i}]: count must be a whole number "
            f"from 1 to 10**9, not {str(n)[:40]}",
            where,
        )
    return n


def apply(report: Report, path: Path) -> None:
    """Move the findings the baseline accepts to `report.baselined`."""
    accepted = load(path)
    kept: list[Finding] = []
    for f in report.findings:
        k = next((k for k in _keys(f, path.parent) if accepted[k] > 0), None)
        if _accepts(f) and k is not None:
            accepted[k] -= 1
            report.baselined.append(f)
        else:
            kept.append(f)
    report.findings = kept


def _keys(f: Finding, folder: Path) -> list[Key]:
    """The finding's key, and the name its subject had under another count: a device
    `dgx-h100` (count 1) was `dgx-h100-1` (count 2), and the other way round."""
    rule, file, subject = key(f, folder)
    head, sep, tail = subject.rpartition("-")
    other = head if sep and tail == "1" else f"{subject}-1" if subject else ""
    return [(rule, file, subject)] + ([(rule, file, other)] if other else [])


def _accepts(f: Finding) -> bool:
    """Budgets (BUD) are the team's own limits: a baseline never accepts a breach."""
    return not f.rule_id.startswith("BUD")


def _error(message: str, where: Location) -> InputError:
    return InputError([Finding("CFG001", Severity.ERROR, message, where)])
