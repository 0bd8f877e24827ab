"""Column headers of user spreadsheets (vendor BOMs, quotes): the synonyms each column
goes by, in one table, so every tabular reader understands the same headers."""

from __future__ import annotations

import re

# canonical column -> headers it is known by (compared lower-case, spaces collapsed,
# trailing ':' and '.' dropped)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "part_number": (
        "part number",
        "part no",
        "part #",
        "pn",
        "p/n",
        "sku",
        "item",
        "mpn",
        "part",
        "part_number",
        "vendor part number",
    ),
    "id": ("id", "catalog id", "rackcheck id", "model"),
    "quantity": ("qty", "quantity", "count", "units", "qty ordered"),
    "description": ("description", "desc", "item description", "product description"),
    "unit_price": (
        "unit price",
        "price",
        "unit cost",
        "price each",
        "each",
        "unit_price",
        "list price",
    ),
    "line_total": (
        "total",
        "line total",
        "extended price",
        "ext price",
        "amount",
        "extended",
        "line_total",
        "total price",
    ),
    "currency": ("currency", "cur", "ccy"),
    "lead_time": (
        "lead time",
        "leadtime",
        "lead",
        "delivery",
        "lead_time",
        "lead time (days)",
        "lead time days",
    ),
}
_INDEX = {name: canon for canon, names in SYNONYMS.items() for name in names}


def normal(header: object) -> str:
    text = re.sub(r"\s+", " ", str(header or "")).strip().lower()
    return text.rstrip(":.").strip()


def canonical(header: object) -> str | None:
    """The canonical column a header names, or None."""
    return _INDEX.get(normal(header))
