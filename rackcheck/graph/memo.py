"""The one cache of the design graph: `DesignGraph.memo`.

Rules, metrics and outputs ask the same questions of a built graph many times (a rack's
power, a fabric's bisection); each answer is computed once and kept here, on the graph
it describes, so it lives exactly as long as the graph. Two kinds of key:

- `query(key, compute)`: a question about the graph (key: names and node ids). With
  `growing=True` (the node lists, which change while the graph is built) it is kept only
  once the graph is final; while building, computed afresh.
- `per_entry(what, entry, extra, compute)`: a figure that depends only on a catalog
  entry (and one more value), shared by the thousands of devices or PDUs of that entry.
  Keyed on identity and checked, since pydantic entries with pint fields are costly to
  hash; kept from the start, since entries never change.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")
_MISSING = object()


class Memo(dict[Hashable, Any]):
    """Query results of one design graph (a dict, so a test can look inside)."""

    def __init__(self) -> None:
        super().__init__()
        self.final = False

    def query(
        self, key: Hashable, compute: Callable[[], T], *, growing: bool = False
    ) -> T:
        """`compute()`, once per key (`growing`: only once the graph is built)."""
        # Asked ~150,000 times of a 65,536-GPU design: one lookup on a hit.
        if growing and not self.final:
            return compute()
        hit = self.get(key, _MISSING)
        if hit is _MISSING:
            hit = self[key] = compute()
        return cast(T, hit)

    def per_entry(
        self, what: str, entry: object, extra: object, compute: Callable[[], T]
    ) -> T:
        """`compute()`, once per catalog entry (and `extra`)."""
        key = (
            "entry",
            what,
            id(entry),
            extra if isinstance(extra, float) else id(extra),
        )
        hit = cast("tuple[object, object, T] | None", self.get(key))
        if hit is not None and hit[0] is entry and (hit[1] is extra or hit[1] == extra):
            return hit[2]
        value = compute()
        self[key] = (entry, extra, value)
        return value
