"""Checks a design graph makes before and while it is built: size limits (INP007,
before anything is allocated) and a component's own references (INP004)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.findings import Finding, InputError, Location, Severity
from rackcheck.model.refs import DEVICE_KINDS, did_you_mean

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.model.catalog import Base


def check_limits(graph: DesignGraph) -> None:
    """Refuse a design too large to check before allocating any of it (INP007)."""
    from rackcheck.model.limits import over_limits

    def psus_of(model: str) -> int:
        comp = graph.catalog.get(model)
        power = None if comp is None else comp.power
        return power.psus.count if power is not None and power.psus else 0

    errors = [
        Finding("INP007", Severity.ERROR, msg, graph.source.at(path))
        for msg, path in over_limits(graph.design, psus_of)
    ]
    if errors:
        raise InputError(errors)


def check_refs(graph: DesignGraph, comp: Base) -> None:
    """A component's own references (a rack system's trays, a server's PSU model)
    name catalog entries of the right kind: located where the component is."""
    index = next(
        (i for i, c in enumerate(graph.design.components) if c.id == comp.id), None
    )

    def where(*sub: str | int) -> Location:
        if index is None:
            return graph.catalog.where[comp.id]
        return graph.source.at(("components", index, *sub))

    refs: list[tuple[str, tuple[str, ...], tuple[str | int, ...]]] = []
    for k, part in enumerate(getattr(comp, "contains", [])):
        refs.append((part.model, DEVICE_KINDS, ("contains", k, "model")))
    power = getattr(comp, "power", None)
    if power is not None and power.psus is not None and power.psus.model:
        refs.append((power.psus.model, ("psu",), ("power", "psus", "model")))
    for ident, kinds, sub in refs:
        ref = graph.catalog.get(ident)
        if ref is None or ref.kind not in kinds:
            close = did_you_mean(ident, [c.id for c in graph.catalog.of_kind(*kinds)])
            what = (
                f"unknown model {ident!r}{close}"
                if ref is None
                else f"{ident!r} is a {ref.kind}, expected one of: {', '.join(kinds)}"
            )
            graph.errors.append(
                Finding("INP004", Severity.ERROR, f"{comp.id}: {what}", where(*sub))
            )
