"""Output formats: each a pure function render(report, rules) -> str, by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.findings import Report
    from rackcheck.rules.engine import Rule

Renderer = Callable[..., str]


def renderers() -> dict[str, Renderer]:
    return {name: _lazy(module) for name, module in MODULES.items()}


MODULES = {"text": "text", "json": "json_", "sarif": "sarif", "github": "github",
           "junit": "junit", "markdown": "markdown"}  # fmt: skip


def _lazy(module: str) -> Renderer:
    """A renderer that imports its module when called: a run pays only for its own."""

    def render(report: Report, rules: list[Rule] | None = None, **kw: object) -> str:
        from importlib import import_module

        mod = import_module(f"rackcheck.report.{module}")
        return mod.render(report, rules, **kw)  # type: ignore[no-any-return]

    return render
