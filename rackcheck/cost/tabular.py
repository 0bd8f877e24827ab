"""Quotes as CSV or XLSX: an optional header block of `Key, value` rows (Vendor,
Currency, Quoted, Valid until, Support years, Discount, IT power, Exchange rate), then
a table whose header row uses the same column names as the BOM check
(rackcheck/source/columns.py). Problems are located at `file:ROW:COL` (XLSX: the sheet
is named in the message)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rackcheck.cost.quotes import (
    MAX_LINES,
    Problems,
    Quote,
    check_duplicates,
    header,
    make_line,
)
from rackcheck.findings import Finding, InputError, Location, Severity
from rackcheck.source.columns import canonical, normal

MAX_BYTES = 50_000_000
META: dict[str, tuple[str, ...]] = {
    "vendor": ("vendor", "supplier"),
    "name": ("quote", "quote name", "name"),
    "currency": ("currency", "ccy"),
    "quoted": ("quoted", "quote date", "date"),
    "valid_until": ("valid until", "valid_until", "expires", "validity", "valid to"),
    "support_years": ("support years", "support_years", "support"),
    "discount": ("discount",),
    "it_power": ("it power", "it_power", "power"),
    "exchange_rate": ("exchange rate", "exchange_rate", "fx rate"),
}
_META = {n: k for k, names in META.items() for n in names}

Rows = list[tuple[int, list[Any]]]  # (1-based row number, cells)


def _fail(shown: str, message: str, row: int = 1, col: int = 1) -> InputError:
    return InputError(
        [Finding("INP001", Severity.ERROR, message, Location(shown, row, col))]
    )


def read_csv(path: Path, shown: str, meta: dict[str, str]) -> Quote:
    import csv
    import io

    try:
        if path.stat().st_size > MAX_BYTES:
            raise _fail(shown, f"file is larger than {MAX_BYTES:,} bytes")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise _fail(shown, f"cannot read file: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise _fail(shown, f"file is not UTF-8: {exc.reason}") from None
    try:
        rows = [(i, r) for i, r in enumerate(csv.reader(io.StringIO(text)), 1)]
    except csv.Error as exc:
        raise _fail(shown, f"CSV error: {exc}") from None
    return _quote(rows, path, shown, "", meta)


def read_xlsx(path: Path, shown: str, meta: dict[str, str]) -> Quote:
    import zipfile

    from openpyxl import load_workbook

    try:
        if path.stat().st_size > MAX_BYTES:
            raise _fail(shown, f"file is larger than {MAX_BYTES:,} bytes")
        wb = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise _fail(shown, f"cannot read file: {exc.strerror}") from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _fail(shown, f"not an XLSX workbook: {exc}") from None
    try:
        ws = wb.worksheets[0]
        rows: Rows = []
        for i, r in enumerate(ws.iter_rows(values_only=True), 1):
            if i > MAX_LINES + 100:
                raise _fail(
                    shown, f"sheet {ws.title!r}: more than {MAX_LINES:,} rows", i
                )
            rows.append((i, list(r)))
        title = ws.title
    finally:
        wb.close()
    return _quote(rows, path, shown, f"sheet {title!r}: ", meta)


def _header_block(
    rows: Rows, shown: str
) -> tuple[dict[str, Any], dict[str, Location], int | None]:
    """`Key, value` rows above the table, and the index of its header row (the first
    row naming a quantity and a part number or id column)."""
    top: dict[str, Any] = {}
    top_at: dict[str, Location] = {}
    for n, (row_no, cells) in enumerate(rows):
        names = [canonical(c) for c in cells]
        if "quantity" in names and ("part_number" in names or "id" in names):
            return top, top_at, n
        key = _META.get(normal(cells[0])) if cells else None
        if key is not None and len(cells) > 1:
            value = cells[1]
            top[key] = value.isoformat()[:10] if hasattr(value, "isoformat") else value
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
