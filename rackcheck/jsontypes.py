"""The shape of what rackcheck writes as JSON (metrics, reports, SARIF, cost renders):
one recursive alias, for typing only (nothing here runs)."""

from __future__ import annotations

from typing import TypeAlias

JSONValue: TypeAlias = (
    dict[str, "JSONValue"] | list["JSONValue"] | str | int | float | bool | None
)
JSONObject: TypeAlias = dict[str, JSONValue]
