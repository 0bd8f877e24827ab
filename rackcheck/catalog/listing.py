"""`rackcheck catalog list` and `rackcheck catalog show`."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from rackcheck.model.load import Catalog

if TYPE_CHECKING:
    from rackcheck.model.catalog import Component

LIST_KEYS = ("id", "kind", "vendor", "model", "part_number", "source")


def list_entries(
    cat: Catalog,
    kind: str | None = None,
    vendor: str | None = None,
    search: str | None = None,
) -> list[Component]:
    """Entries filtered by kind, vendor (case-insensitive) and a search text found in
    the id, vendor, model, part number or notes; sorted by (kind, id)."""
    rows: list[Component] = []
    needle = search.casefold() if search else None
    for ident in cat.components:
        if kind is not None and cat.components.kind(ident) != kind:
            continue
        comp = cat.components[ident]
        if vendor is not None and comp.vendor.casefold() != vendor.casefold():
            continue
        if needle is not None:
            hay = " ".join(
                str(x)
                for x in (
                    comp.id,
                    comp.vendor,
                    comp.model,
                    comp.part_number,
                    comp.notes,
                )
                if x  # fmt: skip
            )
            if needle not in hay.casefold():
                continue
        rows.append(comp)
    rows.sort(key=lambda c: (c.kind, c.id))
    return rows


def _row(cat: Catalog, comp: Component) -> dict[str, Any]:
    return {
        "id": comp.id,
        "kind": comp.kind,
        "vendor": comp.vendor,
        "model": comp.model,
        "part_number": comp.part_number,
        "source": list(comp.source),
        "where": str(cat.where[comp.id]),
    }


def render_list(cat: Catalog, rows: list[Component], fmt: str) -> str:
    """text, json (a list of {id, kind, vendor, model, part_number, source, where}) or
    csv (one row per entry; several sources joined with ' | ')."""
    if fmt == "json":
        return json.dumps([_row(cat, c) for c in rows], indent=2) + "\n"
    if fmt == "markdown":
        from rackcheck.catalog.docs import render_markdown

        return render_markdown(cat)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([*LIST_KEYS, "where"])
        for c in rows:
            r = _row(cat, c)
            r["source"] = " | ".join(r["source"])
            writer.writerow([r[k] if r[k] is not None else "" for k in (*LIST_KEYS,
                                                                       "where")])  # fmt: skip
        return buf.getvalue()
    return "".join(f"{c.kind:12} {c.id:34} {c.vendor} {c.model}\n" for c in rows)


def _plain(value: Any) -> Any:
    """A loaded value as JSON: quantities as strings with their units."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return {
            k: _plain(getattr(value, k))
            for k in type(value).model_fields
            if getattr(value, k) not in (None, [], {})
        }
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        return f"{value:~P}".replace("°", "deg")
    return value


def _flat(data: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(data, dict):
        out: list[tuple[str, str]] = []
        for k, v in data.items():
            out += _flat(v, f"{prefix}.{k}" if prefix else k)
        return out
    if isinstance(data, list) and data and isinstance(data[0], dict):
        out = []
        for i, v in enumerate(data):
            out += _flat(v, f"{prefix}[{i}]")
        return out
    if isinstance(data, list):
        return [(prefix, ", ".join(str(v) for v in data))]
    return [(prefix, str(data))]


def show_entry(cat: Catalog, ident: str, fmt: str) -> str:
    """One entry: every figure with its unit, then its sources and notes."""
    comp = cat.components[ident]
    data = _plain(comp)
    if fmt == "json":
        data["where"] = str(cat.where[ident])
        return json.dumps(data, indent=2) + "\n"
    lines = [f"{comp.id}: {comp.vendor} {comp.model} ({comp.kind})",
             f"  defined at {cat.where[ident]}"]  # fmt: skip
    skip = {"id", "kind", "vendor", "model", "source", "notes"}
    figures = [
        (k, v) for k, v in _flat(data) if k.split(".")[0].split("[")[0] not in skip
    ]
    width = max((len(k) for k, _ in figures), default=0)
    lines += [f"  {k:{width}}  {v}" for k, v in figures]
    lines.append("  source:")
    lines += [f"    - {s}" for s in comp.source]
    if comp.notes:
        lines.append(f"  notes: {comp.notes}")
    return "\n".join(lines) + "\n"
