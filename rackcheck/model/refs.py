"""The one way a reference error is worded: an unknown name with a did-you-mean
(INP004) and a name defined twice (INP005). Used by the catalog merge
(model/load.py) and by every reference check of the design graph."""

from __future__ import annotations

from collections.abc import Iterable

from rackcheck.findings import Finding, Location, Severity

# What a rack's `devices:` entry (or a rack system's `contains:`) may name.
DEVICE_KINDS = (
    "server",
    "tray",
    "switch",
    "storage",
    "rack-system",
    "cdu",
    "power-shelf",
)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """'; did you mean 'x'?' for the closest of `options`, else ''. Candidates are
    difflib's close matches; among them the fewest edits wins, then the name in order,
    so `ar3101` suggests `ar3100`, whatever else the catalog holds."""
    import difflib

    close = difflib.get_close_matches(word, sorted(set(options)), n=10)
    if not close:
        return ""
    best = min(close, key=lambda c: (_edits(word, c), c))
    return f"; did you mean {best!r}?"


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def unknown(message: str, loc: Location) -> Finding:
    """INP004: the design names what does not exist (`message` says what)."""
    return Finding("INP004", Severity.ERROR, message, loc)


def already_defined(what: str, ident: str, first: object, loc: Location) -> Finding:
    """INP005: `ident` is defined again at `loc` (first at `first`)."""
    return Finding(
        "INP005",
        Severity.ERROR,
        f"{what} {ident!r} is already defined at {first}",
        loc,
    )
