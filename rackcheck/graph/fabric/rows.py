"""The rows of `layout:`: where each rack stands, for the cable reach between racks
(NET003) and the cable plan's lengths."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph


def place_racks(g: DesignGraph) -> None:
    """Each rack's (row index, place in the row), kept in graph.memo['layout']. A name
    that is no rack, or a rack in two rows, is a located INP004 error."""
    seen: dict[str, tuple[int, int]] = {}
    assert g.design.layout is not None
    rows = g.design.layout.rows
    for i, row in enumerate(rows):
        place = 0
        for k, pattern in enumerate(row.racks):
            path = ("layout", "rows", i, "racks", k)
            for name in g._expand(pattern, path):
                if f"rack:{name}" not in g.g:
                    g._error(path, f"no rack named {name!r}")
                    return
                if name in seen:
                    g._error(
                        path,
                        f"rack {name!r} is already in row {rows[seen[name][0]].name!r}",
                    )
                    return
                seen[name] = (i, place)
                place += 1
    g.memo[("layout",)] = seen
