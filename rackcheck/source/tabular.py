"""CSV and XLSX files as located cells: every value knows its `file:ROW:COL` (and, for
a workbook, its sheet). What cannot be read is an INP001 input error at the place it
happens - a byte that is not UTF-8, a merged cell, an encrypted workbook - never a
traceback. Limits are checked before the file is read into memory.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from rackcheck.findings import Location, input_error

MAX_BYTES = 256 * 1024 * 1024  # a vendor BOM is megabytes; refuse what is not one
MAX_ROWS = 2_000_000
Value = str | int | float | None
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and legacy .xls


@dataclass
class Table:
    """Rows of cells. `rows[i]` is (ROW, values); ROW is the CSV line where the record
    starts, or the sheet row. Columns are 1-based positions in the row."""

    path: str  # as shown in messages
    sheet: str | None = None
    rows: list[tuple[int, list[Value]]] = field(default_factory=list)
    merged: list[tuple[int, int, str]] = field(default_factory=list)  # row, col, A1:C1

    def at(self, row: int, col: int) -> Location:
        return Location(self.path, row, col)

    def where(self) -> str:
        """'sheet 'BOM': ' for a workbook, '' for a CSV - the prefix of messages."""
        return f"sheet {self.sheet!r}: " if self.sheet is not None else ""


def read_table(path: Path, shown: str) -> Table:
    """A CSV (UTF-8) or the first sheet of an XLSX workbook; raises InputError."""
    if not path.is_file():
        raise input_error("INP001", "no such file", Location(shown, 1, 1))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise input_error("INP001", f"file of {size} bytes is larger than the "
                          f"{MAX_BYTES} bytes rackcheck reads", Location(shown, 1, 1))  # fmt: skip
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx(path, shown)
    if path.suffix.lower() == ".csv":
        return _csv(path, shown)
    raise input_error("INP001", "not a .csv or .xlsx file", Location(shown, 1, 1))


def _csv(path: Path, shown: str) -> Table:
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise input_error("INP001", "the file is UTF-16 (it starts with a UTF-16 byte "
                          "order mark); save it as CSV UTF-8", Location(shown, 1, 1))  # fmt: skip
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[start : exc.start].decode("utf-8", "replace")) + 1
        raise input_error("INP001", f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be "
                          "decoded (a Windows-1252 or Latin-1 export?); save it as "
                          "CSV UTF-8", Location(shown, line, col)) from None  # fmt: skip
    table = Table(shown)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True,
                        delimiter=_delimiter(text[:65536]))  # fmt: skip
    line = 1
    try:
        for record in reader:
            table.rows.append((line, record))  # type: ignore[arg-type]
            line = reader.line_num + 1
            if len(table.rows) > MAX_ROWS:
                raise input_error("INP001", f"more than {MAX_ROWS} rows",
                                  Location(shown, line, 1))  # fmt: skip
    except csv.Error as exc:
        raise input_error("INP001", f"not valid CSV: {exc}",
                          Location(shown, reader.line_num, 1)) from None  # fmt: skip
    return table


def _delimiter(head: str) -> str:
    """',' unless ';' or a tab is more common in the file's head (a European Excel
    export writes ';', a "text" export tabs)."""
    counts = {d: head.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _xlsx(path: Path, shown: str) -> Table:
    import zipfile

    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE:
        raise input_error("INP001", "the workbook is password-protected (encrypted) or "
                          "an old .xls file: save an unprotected .xlsx",
                          Location(shown, 1, 1))  # fmt: skip
    from rackcheck.source.xlsxrows import first_sheet

    fast = first_sheet(path)
    if fast is not None:
        title, part, rows = fast
        table = Table(shown, sheet=title)
        for r, values in rows:
            if r > MAX_ROWS:
                raise input_error("INP001", f"more than {MAX_ROWS} rows",
                                  Location(shown, r, 1))  # fmt: skip
            table.rows.append((r, values))
        table.merged = _merged(path, part)
        return table
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:  # what the fast reader leaves (dates, damaged parts): openpyxl reads and words
        wb = load_workbook(path, read_only=True, data_only=True)
        ws = wb.worksheets[0] if wb.worksheets else None
        if ws is None:
            raise input_error("INP001", "no worksheet", Location(shown, 1, 1))
        table = Table(shown, sheet=ws.title)
        for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
            table.rows.append((r, [_cell(v) for v in values]))
            if r > MAX_ROWS:
                raise input_error("INP001", f"more than {MAX_ROWS} rows",
                                  Location(shown, r, 1))  # fmt: skip
        table.merged = _merged(path, ws._worksheet_path)
        wb.close()
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError,
            TypeError) as exc:  # fmt: skip
        # a damaged part raises KeyError/ValueError/TypeError from openpyxl's parsers
        raise input_error("INP001", f"not a readable .xlsx workbook: {exc}",
                          Location(shown, 1, 1)) from None  # fmt: skip
    return table


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+\d+))?"')


def _merged(path: Path, sheet_xml: str) -> list[tuple[int, int, str]]:
    """(row, col, 'B3:B4') of each merged range: read from the sheet's XML, as the
    read-only workbook (fast on 100,000 rows) does not parse them."""
    import zipfile

    from openpyxl.utils import column_index_from_string

    with zipfile.ZipFile(path) as z:
        xml = z.read(sheet_xml)
    out = []
    for col, row, end in _MERGE.findall(xml):
        coord = f"{col.decode()}{row.decode()}" + (f":{end.decode()}" if end else "")
        out.append((int(row), column_index_from_string(col.decode()), coord))
    return sorted(out)


def _cell(v: object) -> Value:
    if v is None or isinstance(v, (str, int, float)):
        return v if not isinstance(v, bool) else str(v)
    return str(v)  # dates, times: as text
