"""The first worksheet of an XLSX workbook as rows of values, read faster than
openpyxl's read-only worksheet and equal to what it yields.

openpyxl finds the workbook's parts (the manifest, the sheet list and relationships,
the shared strings, the styles); only the sheet's own XML is read here, with the C
parser of the standard library, at about a third of the time openpyxl's per-cell
objects take (100,000 rows: docs/performance.md). Each cell is read as openpyxl's
`WorkSheetParser.parse_cell` reads it with `data_only=True`, and the rows are laid out
as `ReadOnlyWorksheet.iter_rows(values_only=True)` lays them out: padded to the
sheet's stated dimension, or to each row's last cell when none is stated.

A workbook with anything this reader does not handle the same way — a date or time
cell, a cell type it does not know, a damaged part — gets `None`, and the caller reads
it with openpyxl (tabular.py), which also words the errors. tests/source/ compares the
two on every workbook of the test suite and on generated ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from rackcheck.source.tabular import Value

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _V, _IS, _T, _R = (f"{_NS}{n}" for n in ("row", "c", "v", "is", "t", "r"))
_DIMENSION, _DATA = f"{_NS}dimension", f"{_NS}sheetData"
Rows = list[tuple[int, list["Value"]]]


class Unlike(Exception):
    """Something openpyxl would read otherwise: let it read the workbook."""


def first_sheet(path: Path) -> tuple[str, str, Rows] | None:
    """(sheet title, sheet part, rows numbered from 1) of the first worksheet, or None
    where openpyxl must read it. The cyclic garbage collector is off meanwhile: the
    parse makes millions of objects without a cycle among them, and its passes over
    them cost more than the parse (100,000 rows: 3.5 s -> 2.0 s of CPU)."""
    import gc

    was_on = gc.isenabled()
    gc.disable()
    try:
        return _first_sheet(path)
    except Exception:  # any surprise: openpyxl reads it and words what is wrong
        return None
    finally:
        if was_on:
            gc.enable()


def _first_sheet(path: Path) -> tuple[str, str, Rows] | None:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    reader = ExcelReader(str(path), read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        for sheet, rel in reader.parser.find_sheets():
            if rel.target not in reader.valid_files or "chartsheet" in rel.Type:
                continue
            dates = set(reader.wb._date_formats) | set(reader.wb._timedelta_formats)
            with reader.archive.open(rel.target) as src:
                rows = _rows(src, list(reader.shared_strings), dates)
            return sheet.name, rel.target, rows
        return None
    finally:
        reader.archive.close()


def _rows(src: IO[bytes], strings: list[str], dates: set[int]) -> Rows:
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import range_boundaries

    size: tuple[int, int] | None = None  # (max column, max row) as stated
    parsed: list[tuple[int, list[tuple[int, Value]]]] = []
    row_no, past_data = 0, False
    columns: dict[str, int] = {}
    for _, el in iterparse(src):  # end events only: half the events of start + end
        tag = el.tag
        if tag == _ROW:
            row_no = _row_number(el.get("r"), row_no)
            parsed.append((row_no, _cells(el, strings, dates, columns)))
            el.clear()
        elif tag == _DIMENSION:
            if parsed or past_data:  # after the cells: openpyxl would not see it
                raise Unlike("dimension after the sheet data")
            _, _, max_col, max_row = range_boundaries(el.get("ref", ""))
            if max_col is None or max_row is None:
                raise Unlike("a dimension without rows or columns")
            size = (max_col, max_row)
        elif tag == _DATA:
            past_data = True
    return _layout(parsed, size)


def _row_number(attr: str | None, previous: int) -> int:
    if attr is None:
        return previous + 1
    try:
        return int(attr)
    except ValueError:
        value = float(attr)
        if not value.is_integer():
            raise Unlike(attr) from None
        return int(value)


def _cells(
    row: Element, strings: list[str], dates: set[int], columns: dict[str, int]
) -> list[tuple[int, Value]]:
    out: list[tuple[int, Value]] = []
    col = 0
    for c in row:
        ref = c.get("r")
        col = _column(ref, columns) if ref else col + 1
        out.append((col, _value(c, strings, dates)))
    return out


def _column(ref: str, columns: dict[str, int]) -> int:
    """The column of a cell reference ("AB12" -> 28), the letters cached."""
    letters = ref.rstrip("0123456789")
    col = columns.get(letters)
    if col is None:
        from openpyxl.utils.cell import coordinate_to_tuple

        col = columns[letters] = coordinate_to_tuple(ref)[1]  # checks the reference
    return col


def _value(c: Element, strings: list[str], dates: set[int]) -> Value:
    """One cell's value as openpyxl gives it with data_only=True (its parse_cell),
    then as tabular._cell keeps it (booleans as text)."""
    kind = c.get("t", "n")
    if kind == "inlineStr":
        child = c.find(_IS)
        return None if child is None else _text(child)
    value = c.findtext(_V, None) or None
    if value is None:
        return None
    if kind == "n":
        style = c.get("s", 0)
        if style and int(style) in dates:
            raise Unlike("a date or time cell")
        return (
            float(value) if "." in value or "E" in value or "e" in value else int(value)
        )
    if kind == "s":
        return strings[int(value)]
    if kind == "b":
        return str(bool(int(value)))
    if kind in ("str", "e"):
        return value
    raise Unlike(f"cell type {kind!r}")


def _text(node: Element) -> str:
    """openpyxl's Text.content: the plain text and each run's, phonetic runs left out."""
    parts = []
    plain = node.find(_T)
    if plain is not None:
        parts.append(plain.text or "")
    for run in node.findall(_R):
        t = run.find(_T)
        if t is not None:
            parts.append(t.text or "")
    return "".join(parts)


def _layout(parsed: list[tuple[int, list[tuple[int, Value]]]],
            size: tuple[int, int] | None) -> Rows:  # fmt: skip
    """Rows as ReadOnlyWorksheet._cells_by_row yields them from row 1: with a stated
    dimension every row has its width and rows run to its last; without one, a row is
    as wide as its last cell and a missing row is empty."""
    max_col, max_row = size if size is not None else (None, None)
    empty: list[Value] = [None] * max_col if max_col is not None else []
    out: Rows = []
    counter, idx = 1, 1
    for idx, cells in parsed:
        if max_row is not None and idx > max_row:
            break
        while counter < idx:
            out.append((len(out) + 1, list(empty)))
            counter += 1
        if counter <= idx:
            out.append((len(out) + 1, _row(cells, max_col)))
            counter += 1
    if max_row is not None and max_row < idx:
        out.extend((len(out) + 1, list(empty)) for _ in range(counter, max_row + 1))
    return out


def _row(cells: list[tuple[int, Value]], max_col: int | None) -> list[Value]:
    if not cells and not max_col:
        return []
    width = max_col or cells[-1][0]
    row: list[Value] = [None] * width
    for col, value in cells:
        if 1 <= col <= width:
            row[col - 1] = value
    return row
