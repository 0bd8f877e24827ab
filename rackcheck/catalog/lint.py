"""`rackcheck catalog lint`: the catalog checked as a linter checks code.

Each entry is validated against the format (units of the right kind, a `source:` on
every entry), then held against itself: enough PSU capacity for the maximum power at
the stated redundancy, typical power no higher than maximum, parts that fit the space,
references to other entries that exist, part numbers used once, and a switch's ports
within its stated switching capacity. The summary counts entries and figures by the
quality of their source: primary (the vendor's document), second-hand (a document
quoting the vendor) and measured (a benchmark result, `basis: measured`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, InputError, Location, Severity
from rackcheck.model.load import Catalog, bundled_catalog_files
from rackcheck.source import shown_path

if TYPE_CHECKING:
    from rackcheck.model.catalog import Component


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    entries: Counter[str] = field(default_factory=Counter)  # by source quality
    figures: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)


def _figures(value: object) -> int:
    """How many unit-carrying figures a loaded entry holds."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return sum(_figures(getattr(value, k)) for k in type(value).model_fields)
    if isinstance(value, list):
        return sum(_figures(v) for v in value)
    return 1 if hasattr(value, "magnitude") and hasattr(value, "units") else 0


def _measured(comp: Component) -> int:
    """How many of a storage entry's throughput figures are benchmark results."""
    basis_of = getattr(comp, "basis_of", None)
    if basis_of is None:
        return 0
    return sum(
        1
        for fig in ("read", "write")
        if getattr(comp, fig, None) is not None and basis_of(fig) == "measured"
    )


def _find(code: str, sev: Severity, msg: str, where: Location) -> Finding:
    return Finding(code, sev, msg, where)


def _psu_capacity(cat: Catalog, comp: Component, where: Location) -> list[Finding]:
    power = getattr(comp, "power", None)
    if power is None or power.psus is None or power.max is None:
        return []
    psus = power.psus
    if psus.model is None:
        return []
    psu = cat.get(psus.model)
    if psu is None or psu.kind not in ("psu", "power-shelf"):
        return [_find("CAT006", Severity.ERROR,
                      f"{comp.id}: PSU model {psus.model!r} is not a catalog PSU",
                      where)]  # fmt: skip
    need = psus.required or psus.count
    capacity = need * psu.rating
    if capacity < power.max:
        return [_find("CAT001", Severity.ERROR,
                      f"{comp.id}: {need} x {psu.rating:~P} = {capacity.to('kW'):.2f~P}"
                      f" of PSUs carry less than its {power.max.to('kW'):.2f~P} maximum",
                      where)]  # fmt: skip
    return []


def _typical(comp: Component, where: Location) -> list[Finding]:
    power = getattr(comp, "power", None)
    if power is None or power.max is None or power.typical is None:
        return []
    if power.typical > power.max:
        return [_find("CAT002", Severity.ERROR,
                      f"{comp.id}: typical power {power.typical:~P} is above maximum "
                      f"{power.max:~P}", where)]  # fmt: skip
    return []


def _space(cat: Catalog, comp: Component, where: Location) -> list[Finding]:
    from rackcheck.units import q

    out = []
    if comp.kind == "rack" and comp.rack_units and comp.height is not None:
        pitch = q(48.0, "mm") if (comp.standard or "").lower().startswith("orv3") else (
            q(44.45, "mm"))  # fmt: skip
        space = comp.rack_units * pitch
        if space > comp.height:
            out.append(_find("CAT003", Severity.ERROR,
                             f"{comp.id}: {comp.rack_units} U x {pitch:~P} = "
                             f"{space.to('mm'):.0f~P} is taller than the rack's "
                             f"{comp.height.to('mm'):.0f~P}", where))  # fmt: skip
    if comp.kind == "rack-system":
        used, missing = 0, []
        for part in comp.contains:
            sub = cat.get(part.model)
            if sub is None:
                out.append(_find("CAT006", Severity.ERROR,
                                 f"{comp.id}: contains unknown model {part.model!r}",
                                 where))  # fmt: skip
            elif sub.rack_units is None:
                missing.append(part.model)
            else:
                used += part.count * sub.rack_units
        if comp.rack_units and not missing and used > comp.rack_units:
            out.append(_find("CAT003", Severity.ERROR,
                             f"{comp.id}: its parts take {used} U of its "
                             f"{comp.rack_units} U", where))  # fmt: skip
    return out


def _switch_capacity(comp: Component, where: Location) -> list[Finding]:
    stated = getattr(comp, "switching_capacity", None)
    if comp.kind != "switch" or stated is None:
        return []
    total = sum((p.count * p.speed for p in comp.ports), start=0 * stated)
    # Datasheets state switching capacity counting both directions or one: accept
    # either, flag anything else.
    if total > stated:
        return [_find("CAT005", Severity.ERROR,
                      f"{comp.id}: ports add up to {total.to('Tbit/s'):.1f~P}, more "
                      f"than the stated {stated.to('Tbit/s'):.1f~P}", where)]  # fmt: skip
    return []


def _duplicates(cat: Catalog, valid: list[str]) -> list[Finding]:
    seen: dict[str, str] = {}
    out = []
    for ident in sorted(valid, key=lambda i: cat.where[i]):
        pn = cat.components[ident].part_number
        if not pn:
            continue
        if pn in seen:
            out.append(_find("CAT004", Severity.WARNING,
                             f"{ident}: part number {pn!r} is also {seen[pn]!r}",
                             cat.where[ident]))  # fmt: skip
        else:
            seen[pn] = ident
    return out


def lint_catalogs(paths: list[Path] | None = None) -> LintResult:
    """Lint the given catalog files (default: the bundled catalog)."""
    files = paths if paths else bundled_catalog_files()
    cat = Catalog()
    result = LintResult()
    for path in files:
        try:
            cat.add_file(path, shown_path(path), lazy=True)
        except InputError as exc:
            result.findings.extend(exc.findings)
    valid = []
    for ident in list(cat.components):
        where = cat.where[ident]
        try:
            comp = cat.components[ident]
        except InputError as exc:
            result.findings.extend(exc.findings)
            continue
        valid.append(ident)
        result.by_kind[comp.kind] += 1
        result.entries[comp.source_quality] += 1
        measured = _measured(comp)
        result.figures[comp.source_quality] += _figures(comp) - measured
        if measured:
            result.figures["measured"] += measured
        for check in (_typical, _switch_capacity):
            result.findings += check(comp, where)
        result.findings += _psu_capacity(cat, comp, where)
        result.findings += _space(cat, comp, where)
    result.findings += _duplicates(cat, valid)
    result.findings.sort(key=Finding.sort_key)
    return result
