"""Output formats: each a pure function render(report, rules) -> str, by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Renderer = Callable[..., str]


def renderers() -> dict[str, Renderer]:
    from rackcheck.report import json_, text

    return {"text": text.render, "json": json_.render}
