"""The fast XLSX reader gives what openpyxl's read-only worksheet gives, row for row
and value for value, or steps aside (None) where it would read a cell otherwise."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from rackcheck.source.tabular import _cell, read_table
from rackcheck.source.xlsxrows import first_sheet

ROOT = Path(__file__).resolve().parents[2]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def by_openpyxl(path: Path) -> tuple[str, list[tuple[int, list[object]]]]:
    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    rows = [(r, [_cell(v) for v in values])
            for r, values in enumerate(ws.iter_rows(values_only=True), start=1)]  # fmt: skip
    title = ws.title
    wb.close()
    return title, rows


def same(path: Path) -> None:
    fast = first_sheet(path)
    assert fast is not None
    title, _, rows = fast
    assert (title, rows) == by_openpyxl(path)


def test_the_bundled_vendor_bom():
    path = ROOT / "designs/vendor-boms/hall-a-dgx-h100-vendor.xlsx"
    same(path)
    fast = first_sheet(path)
    assert fast is not None and len(fast[2]) > 10


@pytest.mark.parametrize("write_only", [False, True])
def test_workbooks_openpyxl_writes(tmp_path, write_only):
    """Numbers, text, booleans, gaps and ragged rows, with (normal) and without
    (write-only) a stated dimension."""
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("BOM") if write_only else wb.active
    if not write_only:
        ws.title = "BOM"
    rows = [["Quote 42"], [], ["Line", "Part", "Qty", "Price", "Flag"],
            [1, "MCP4Y10-N002", 4, 12.5, True], [2, "  spaced  ", None, 1e-3, False],
            [None, None, None, None, None, "far"], [3, "x", 7]]  # fmt: skip
    for row in rows:
        ws.append(row)
    path = tmp_path / "b.xlsx"
    wb.save(path)
    same(path)


def craft(tmp_path: Path, sheet: str, strings: str | None = None) -> Path:
    """A workbook whose first sheet's XML is `sheet` (and shared strings `strings`)."""
    base = tmp_path / "base.xlsx"
    wb = Workbook()
    wb.active["A1"] = 1
    wb.save(base)
    out = tmp_path / "crafted.xlsx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            elif strings is not None and info.filename == "xl/_rels/workbook.xml.rels":
                rel = ('<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://'
                       'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                       'sharedStrings"/></Relationships>')  # fmt: skip
                data = data.replace(b"</Relationships>", rel.encode())
            elif strings is not None and info.filename == "[Content_Types].xml":
                over = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                        "</Types>")  # fmt: skip
                data = data.replace(b"</Types>", over.encode())
            dst.writestr(info, data)
        if strings is not None:
            dst.writestr("xl/sharedStrings.xml", strings)
    return out


SHARED = (f'<sst {NS}><si><t>plain</t></si>'
          '<si><r><t>rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>'
          '<si><t xml:space="preserve">  kept  </t></si><si><t>a_x005F_b</t></si></sst>')  # fmt: skip


@pytest.mark.parametrize("dimension", ["", '<dimension ref="A1:D6"/>',
                                       '<dimension ref="A1:B3"/>', '<dimension ref="A1:H9"/>'])  # fmt: skip
def test_what_excel_writes(tmp_path, dimension):
    """Shared strings (rich runs, phonetic runs, kept spaces, _x005F_), inline
    strings, booleans, errors, a formula's text result and one without a cached value,
    cells without a reference, missing rows; against a dimension that is exact,
    narrower or wider than the data, or absent."""
    sheet = (f'<worksheet {NS}>{dimension}<sheetData>'
             '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
             '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="s"><v>3</v></c>'
             '<c r="D3" t="inlineStr"><is><t>inline</t></is></c></row>'
             '<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="e"><v>#N/A</v></c>'
             '<c r="C4" t="str"><f>A1</f><v>plain</v></c><c r="D4"><f>1+1</f></c></row>'
             '<row><c t="n"><v>7</v></c><c><v>2.50</v></c><c><v>1E3</v></c></row>'
             '<row r="6"><c r="B6"><v></v></c></row>'
             "</sheetData></worksheet>")  # fmt: skip
    same(craft(tmp_path, sheet, SHARED))


def test_a_date_cell_is_left_to_openpyxl(tmp_path):
    wb = Workbook()
    wb.active.append(["Quote date", datetime.date(2026, 11, 30)])
    path = tmp_path / "d.xlsx"
    wb.save(path)
    assert first_sheet(path) is None
    table = read_table(path, "d.xlsx")
    assert table.rows == [(1, ["Quote date", "2026-11-30 00:00:00"])]


def test_a_damaged_workbook_is_left_to_openpyxl(tmp_path):
    path = craft(tmp_path, f"<worksheet {NS}><sheetData><row r='x'>")
    assert first_sheet(path) is None
