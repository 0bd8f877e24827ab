"""The shape of what rackcheck writes as JSON (metrics, reports, SARIF, cost renders):
one recursive alias, and small readers for code that reads its own JSON back (the
report renderers reading `metrics`), which narrow a value instead of trusting it."""

from __future__ import annotations

from typing import TypeAlias

JSONValue: TypeAlias = (
    dict[str, "JSONValue"] | list["JSONValue"] | str | int | float | bool | None
)
JSONObject: TypeAlias = dict[str, JSONValue]


def obj(value: JSONValue) -> JSONObject:
    """`value` if it is a JSON object, else {} (a part the metrics left out)."""
    return value if isinstance(value, dict) else {}


def seq(value: JSONValue) -> list[JSONValue]:
    """`value` if it is a JSON array, else []."""
    return value if isinstance(value, list) else []


def number(value: JSONValue) -> float | None:
    """`value` if it is a number (an int stays an int), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def text(value: JSONValue) -> str | None:
    """`value` if it is a string, else None."""
    return value if isinstance(value, str) else None
