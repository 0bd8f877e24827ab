"""Quotes as CSV or XLSX: an optional header block of `Key, value` rows (Vendor,
Quote, Currency, Quoted, Valid until, Support years, Discount, IT power, Exchange
rate), then a table. Files are read by the shared tabular reader
(`rackcheck.source.tabular`: located cells, limits, sheet named) and column headers
go by the vendor-BOM check's synonyms (`rackcheck.bom.vendor.SYNONYMS`, normalised by
`header_key`), plus the line total a quote carries. Problems are located at
`file:ROW:COL` (XLSX: the sheet is named in the message)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rackcheck.cost.quotes import Problems, Quote, check_duplicates, header, make_line
from rackcheck.findings import Finding, InputError, Location, Severity

META: dict[str, tuple[str, ...]] = {
    "vendor": ("vendor", "supplier"),
    "name": ("quote", "quote name", "name"),
    "currency": ("currency", "ccy"),
    "quoted": ("quoted", "quote date", "date"),
    "valid_until": ("valid until", "expires", "validity", "valid to"),
    "support_years": ("support years", "support"),
    "discount": ("discount",),
    "it_power": ("it power", "power"),
    "exchange_rate": ("exchange rate", "fx rate"),
}
_META = {n: k for k, names in META.items() for n in names}
# a quote's own column beyond those of a vendor BOM
LINE_TOTAL = ("total", "line total", "extended price", "ext price", "amount",
              "total price", "extended")  # fmt: skip
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00:00$")

Rows = list[tuple[int, list[Any]]]  # (1-based row number, cells)


def columns() -> dict[str, tuple[str, ...]]:
    """Quote column -> the headers it goes by (the vendor-BOM synonyms, one table)."""
    from rackcheck.bom.vendor import SYNONYMS

    return {
        "part_number": SYNONYMS["part"],
        "quantity": SYNONYMS["quantity"],
        "description": SYNONYMS["description"],
        "unit_price": SYNONYMS["price"],
        "currency": SYNONYMS["currency"],
        "lead_time": SYNONYMS["lead_time"],
        "line_total": LINE_TOTAL,
    }


def canonical(cell: object) -> str | None:
    from rackcheck.bom.vendor import header_key

    if cell is None:
        return None
    key = header_key(cell)
    return next((c for c, names in columns().items() if key in names), None)


def read_tabular(path: Path, shown: str, meta: dict[str, str]) -> Quote:
    from rackcheck.source.tabular import read_table

    table = read_table(path, shown)
    return _quote(table.rows, path, shown, table.where(), meta)


def _fail(shown: str, message: str, row: int = 1, col: int = 1) -> InputError:
    where = Location(shown, row, col)
    return InputError([Finding("INP001", Severity.ERROR, message, where)])


def _header_block(
    rows: Rows, shown: str
) -> tuple[dict[str, Any], dict[str, Location], int | None]:
    """`Key, value` rows above the table, and the index of its header row (the first
    row naming a quantity and a part-number column)."""
    from rackcheck.bom.vendor import header_key

    top: dict[str, Any] = {}
    top_at: dict[str, Location] = {}
    for n, (row_no, cells) in enumerate(rows):
        names = [canonical(c) for c in cells]
        if "quantity" in names and "part_number" in names:
            return top, top_at, n
        key = _META.get(header_key(cells[0])) if cells and cells[0] else None
        if key is not None and len(cells) > 1:
            value = cells[1]
            m = _MIDNIGHT.match(value) if isinstance(value, str) else None
            top[key] = m.group(1) if m else value
            top_at[key] = Location(shown, row_no, 2)
    return top, top_at, None


def _quote(
    rows: Rows, path: Path, shown: str, sheet: str, meta: dict[str, str]
) -> Quote:
    bad = Problems()
    top, top_at, head_i = _header_block(rows, shown)
    if head_i is None:
        raise _fail(
            shown,
            f"{sheet}no header row with a part number (Part Number, PN, "
            "SKU, Item) and a quantity (Qty, Quantity) column",
        )
    for k, v in meta.items():
        top.setdefault(k, v)
    first = Location(shown, rows[head_i][0], 1)

    def at_top(k: str) -> Location:
        return top_at.get(k, first)

    quote = header(top, at_top, path, shown, bad)
    head_row, head = rows[head_i]
    cols: dict[str, int] = {}
    for j, cell in enumerate(head):
        c = canonical(cell)
        if c is not None and c not in cols:
            cols[c] = j
    if "unit_price" not in cols:
        bad.add(
            Location(shown, head_row, 1),
            f"{sheet}no unit price column (Unit Price, Price)",
        )
        bad.raise_any()
    for row_no, cells in rows[head_i + 1 :]:
        if not any(c not in (None, "") for c in cells):
            continue
        row = {c: (cells[j] if j < len(cells) else None) for c, j in cols.items()}

        def at(c: str, row_no: int = row_no) -> Location:
            return Location(shown, row_no, cols.get(c, 0) + 1)

        n0 = len(bad.found)
        line = make_line(row, at, Location(shown, row_no, 1), quote, bad)
        _name_sheet(bad, sheet, n0)
        if line is not None:
            quote.lines.append(line)
    if not quote.lines and not bad.found:
        bad.add(Location(shown, head_row, 1), f"{sheet}the quote has no lines")
    check_duplicates(quote, bad)
    bad.raise_any()
    return quote


def _name_sheet(bad: Problems, sheet: str, start: int) -> None:
    """Name the sheet in the messages added since `start` (XLSX only)."""
    for i in range(start, len(bad.found)):
        f = bad.found[i]
        bad.found[i] = Finding(f.rule_id, f.severity, sheet + f.message, f.location)
