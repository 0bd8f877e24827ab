"""Name ranges: `r{01..08}` stands for r01, r02, ... r08 (zero padding kept)."""

from __future__ import annotations

import re

_RANGE = re.compile(r"\{(\d+)\.\.(\d+)\}")
MAX_EXPANSION = 100_000


def expand(name: str) -> list[str]:
    """Expand every `{a..b}` in `name`, left to right, as a shell would.

    >>> expand("r{01..03}")
    ['r01', 'r02', 'r03']
    >>> expand("row{1..2}-r{1..2}")
    ['row1-r1', 'row1-r2', 'row2-r1', 'row2-r2']
    """
    m = _RANGE.search(name)
    if not m:
        return [name]
    start, stop = m.group(1), m.group(2)
    a, b = int(start), int(stop)
    if b < a:
        raise ValueError(f"range {m.group(0)} counts down; write {{{stop}..{start}}}")
    width = len(start) if start.startswith("0") else 0
    from rackcheck.model.limits import range_size

    if range_size(name) > MAX_EXPANSION:  # counted before a single name is made
        raise ValueError(f"{name!r} expands to more than {MAX_EXPANSION:,} names")
    heads = [name[: m.start()] + str(i).zfill(width) for i in range(a, b + 1)]
    tails = expand(name[m.end() :])
    if len(heads) * len(tails) > MAX_EXPANSION:
        raise ValueError(f"{name!r} expands to more than {MAX_EXPANSION} names")
    return [h + t for h in heads for t in tails]
