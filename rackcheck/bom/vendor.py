"""A vendor's bill of materials (CSV or XLSX) as typed rows.

Tolerant of how it is laid out: the header row may sit below a title block (the first
row, within the first 50, that names a part-number column), column names are matched
by synonym whatever their case, spacing or a trailing unit in brackets, extra columns
are ignored. Strict about what it cannot read: no quantity column, a quantity that is
not a whole number >= 0, a price that is not a number, a merged cell in the table -
each an INP001 error at `file:ROW:COL` (with the sheet named), exit 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rackcheck.findings import Finding, InputError, Location, Severity
from rackcheck.source.tabular import Table, Value, read_table

SYNONYMS = {
    "part": ("part number", "pn", "p/n", "sku", "item", "part no", "part", "catalog id",
             "mpn", "part #"),
    "quantity": ("qty", "quantity"),
    "description": ("description", "desc"),
    "price": ("unit price", "price"),
    "currency": ("currency", "ccy"),
    "lead_time": ("lead time",),
}  # fmt: skip
HEADER_SEARCH = 50
MAX_ERRORS = 50
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$")
_MONEY = re.compile(r"^[$€£¥]?\s*(-?[\d,]*\.?\d+)\s*$")


@dataclass(frozen=True)
class VendorRow:
    part: str
    quantity: int
    description: str
    price: Decimal | None
    currency: str
    lead_time: str
    loc: Location  # the part-number cell
    qty_loc: Location
    price_loc: Location | None
    sheet: str | None


def header_key(text: object) -> str:
    """'Unit Price (USD)' -> 'unit price'; 'Part_No.' -> 'part no'."""
    t = re.sub(r"\(.*?\)|\[.*?\]", "", str(text)).lower()
    t = re.sub(r"[_\-]+", " ", t).strip().rstrip(".:").strip()
    return " ".join(t.split())


def read_vendor_bom(path: Path, shown: str) -> list[VendorRow]:
    table = read_table(path, shown)
    errors: list[Finding] = []
    head = _header(table)
    cols = _columns(table, head, errors)
    if errors:
        raise InputError(errors)
    header_row = table.rows[head][0]
    for row, col, coord in table.merged:
        if row >= header_row:
            errors.append(_err(table, row, col, f"merged cells {coord} in the table: "
                               "unmerge them so each row has its own values"))  # fmt: skip
    out = []
    for row, values in table.rows[head + 1 :]:
        got = _row(table, row, values, cols, errors)
        if got is not None:
            out.append(got)
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise InputError(errors)
    if not out:
        raise InputError([_err(table, header_row, 1, "no rows below the header")])
    return out


def _err(table: Table, row: int, col: int, message: str) -> Finding:
    return Finding(
        "INP001", Severity.ERROR, table.where() + message, table.at(row, col)
    )


def _header(table: Table) -> int:
    """Index into table.rows of the header row."""
    names = set(SYNONYMS["part"])
    for i, (_, values) in enumerate(table.rows[:HEADER_SEARCH]):
        if any(header_key(v) in names for v in values if v is not None):
            return i
    if not any(any(v not in (None, "") for v in vals) for _, vals in table.rows):
        raise InputError([_err(table, 1, 1, "the file is empty")])
    raise InputError([_err(table, 1, 1, "no header row with a part-number column "
                           "(Part Number, PN, SKU or Item) in the first "
                           f"{HEADER_SEARCH} rows")])  # fmt: skip


def _columns(table: Table, head: int, errors: list[Finding]) -> dict[str, int]:
    row, values = table.rows[head]
    cols: dict[str, int] = {}
    for c, v in enumerate(values, start=1):
        key = header_key(v) if v is not None else ""
        for name, words in SYNONYMS.items():
            if key in words:
                if name in cols:
                    errors.append(_err(table, row, c, f"a second {name.replace('_', ' ')} "
                                       f"column ({v!r}); column {cols[name]} is one "
                                       "already"))  # fmt: skip
                else:
                    cols[name] = c
    if "quantity" not in cols:
        errors.append(_err(table, row, 1, "no quantity column (a header Qty or "
                           "Quantity) in the header row"))  # fmt: skip
    return cols


def _get(values: list[Value], col: int | None) -> Value:
    if col is None or col > len(values):
        return None
    v = values[col - 1]
    return v.strip() if isinstance(v, str) else v


def _row(table: Table, row: int, values: list[Value], cols: dict[str, int],
         errors: list[Finding]) -> VendorRow | None:  # fmt: skip
    part, qty = _get(values, cols["part"]), _get(values, cols["quantity"])
    if all(v in (None, "") for v in values):
        return None
    if part in (None, ""):
        if qty in (None, ""):
            return None  # a note or subtotal row without part or quantity
        errors.append(
            _err(table, row, cols["part"], "a quantity without a part number")
        )
        return None
    n = _quantity(qty)
    if isinstance(n, str):
        errors.append(_err(table, row, cols["quantity"], n))
        return None
    price, price_loc = None, None
    if cols.get("price") is not None:
        raw = _get(values, cols["price"])
        price_loc = table.at(row, cols["price"])
        if raw not in (None, ""):
            price = _money(raw)
            if price is None:
                errors.append(_err(table, row, cols["price"], f"unit price {raw!r} is "
                                   "not a number"))  # fmt: skip
                return None
    return VendorRow(
        str(part), n, str(_get(values, cols.get("description")) or ""), price,
        str(_get(values, cols.get("currency")) or "").upper(),
        str(_get(values, cols.get("lead_time")) or ""), table.at(row, cols["part"]),
        table.at(row, cols["quantity"]), price_loc, table.sheet,
    )  # fmt: skip


def _quantity(v: Value) -> int | str:
    """A whole count >= 0, or the message why not."""
    if v in (None, ""):
        return "no quantity"
    if isinstance(v, str):
        text = v.replace(" ", "")
        if _GROUPED.match(text):
            text = text.replace(",", "")
        try:
            num = Decimal(text)
        except InvalidOperation:
            return f"quantity {v!r} is not a number"
    else:
        num = Decimal(str(v))
    if not num.is_finite():
        return f"quantity {v!r} is not a number"
    if num < 0:
        return f"quantity {v!r} is negative"
    if num != num.to_integral_value():
        return f"quantity {v!r} is not a whole number"
    return int(num)


def _money(v: Value) -> Decimal | None:
    if isinstance(v, (int, float)):
        return Decimal(str(v))
    m = _MONEY.match(str(v))
    if not m:
        return None
    try:
        return Decimal(m.group(1).replace(",", ""))
    except InvalidOperation:
        return None
