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


@dataclass(slots=True)  # not frozen: frozen __init__ costs ~1 us a field a row
class VendorRow:
    part: str
    quantity: int
    description: str
    price: Decimal | None
    currency: str
    lead_time: str
    path: str
    row: int
    part_col: int
    qty_col: int
    price_col: int | None
    sheet: str | None

    @property
    def loc(self) -> Location:
        """The part-number cell."""
        return Location(self.path, self.row, self.part_col)

    @property
    def qty_loc(self) -> Location:
        return Location(self.path, self.row, self.qty_col)

    @property
    def price_loc(self) -> Location | None:
        return None if self.price_col is None else Location(self.path, self.row,
                                                             self.price_col)  # fmt: skip


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
    out = _rows(table, head, cols, errors)
    if errors:
        raise InputError(errors)
    if not out:
        raise InputError([_err(table, header_row, 1, "no rows below the header")])
    return out


def _rows(
    table: Table, head: int, cols: dict[str, int], errors: list[Finding]
) -> list[VendorRow]:
    """The data rows. The common row - a part, a whole quantity, no price - is read
    inline (100,000 rows in well under a second); any other goes through _row()."""
    out: list[VendorRow] = []
    pc, qc = cols["part"], cols["quantity"]
    dc, cc, lc, prc = (cols.get(k) for k in ("description", "currency", "lead_time",
                                              "price"))  # fmt: skip
    need = max(pc, qc)
    path, sheet = table.path, table.sheet
    for row, values in table.rows[head + 1 :]:
        if len(values) >= need:
            part, qty = values[pc - 1], values[qc - 1]
            price = values[prc - 1] if prc is not None and prc <= len(values) else None
            if (type(part) is str and part and not part[0].isspace()
                    and not part[-1].isspace() and type(qty) is str and qty.isdigit()
                    and (price is None or price == "")):  # fmt: skip
                out.append(VendorRow(
                    part, int(qty), _text(values, dc), None, _text(values, cc).upper(),
                    _text(values, lc), path, row, pc, qc, prc, sheet))  # fmt: skip
                continue
        got = _row(table, row, values, cols, errors)
        if got is not None:
            out.append(got)
        if len(errors) >= MAX_ERRORS:
            break
    return out


def _text(values: list[Value], col: int | None) -> str:
    if col is None or col > len(values):
        return ""
    v = values[col - 1]
    return "" if v is None else str(v).strip()


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
    pc, qc = cols["part"], cols["quantity"]
    part, qty = _get(values, pc), _get(values, qc)
    if part is None or part == "":
        if all(v is None or v == "" for v in values) or qty is None or qty == "":
            return None  # blank, or a note / subtotal row without part or quantity
        errors.append(_err(table, row, pc, "a quantity without a part number"))
        return None
    if type(qty) is int and qty >= 0:
        n: int | str = qty
    elif type(qty) is str and qty.isdigit():
        n = int(qty)
    else:
        n = _quantity(qty)
    if isinstance(n, str):
        errors.append(_err(table, row, qc, n))
        return None
    price, prc = None, cols.get("price")
    if prc is not None:
        raw = _get(values, prc)
        if raw is not None and raw != "":
            price = _money(raw)
            if price is None:
                errors.append(_err(table, row, prc, f"unit price {raw!r} is not a "
                                   "number"))  # fmt: skip
                return None
    desc, cur, lead = (
        cols.get("description"),
        cols.get("currency"),
        cols.get("lead_time"),
    )
    return VendorRow(
        str(part), n, str(_get(values, desc) or "") if desc else "", price,
        str(_get(values, cur) or "").upper() if cur else "",
        str(_get(values, lead) or "") if lead else "", table.path, row, pc, qc, prc,
        table.sheet,
    )  # fmt: skip


def _quantity(v: Value) -> int | str:
    """A whole count >= 0, or the message why not."""
    if v in (None, ""):
        return "no quantity (a section heading? put it in a column other than the part number)"
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
