"""Figures computed once per catalog entry, shared by every device or PDU of it."""

from __future__ import annotations

from typing import Any

_PER_SPEC: dict[tuple[Any, ...], tuple[Any, Any, Any]] = {}


def per_spec(what: str, spec: Any, extra: Any, compute: Any) -> Any:
    """A figure that depends only on a catalog entry (and one more value): computed once
    for the thousands of devices or PDUs that share the entry. Keyed on identity, and
    checked, since pydantic entries with pint fields are costly to hash."""
    key = (what, id(spec), id(extra) if not isinstance(extra, float) else extra)
    hit = _PER_SPEC.get(key)
    if hit is not None and hit[0] is spec and (hit[1] is extra or hit[1] == extra):
        return hit[2]
    value = compute()
    _PER_SPEC[key] = (spec, extra, value)
    return value
