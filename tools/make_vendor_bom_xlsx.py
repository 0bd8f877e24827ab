"""Write designs/vendor-boms/hall-a-dgx-h100-vendor.xlsx from the CSV next to it.

The workbook holds the same rows as the CSV on a sheet named "Quote", with the title
block's first line merged across the table's width (as vendor quotes often have). The
output is deterministic: run it again and the file is byte-identical.

    python tools/make_vendor_bom_xlsx.py
"""

from __future__ import annotations

import csv
from pathlib import Path

from rackcheck.bom.xlsx import deterministic_bytes

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "designs/vendor-boms/hall-a-dgx-h100-vendor.csv"
DST = SRC.with_suffix(".xlsx")


def _value(text: str) -> str | int | None:
    if text == "":
        return None
    return int(text) if text.isdigit() else text


def main() -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with SRC.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    wb = Workbook()
    ws = wb.active
    ws.title = "Quote"
    for row in rows:
        ws.append([_value(v) for v in row])
    width = max(len(r) for r in rows)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws["A1"].font = Font(bold=True)
    header = next(i for i, r in enumerate(rows, start=1) if "Part Number" in r)
    for cell in ws[header]:
        cell.font = Font(bold=True)
    DST.write_bytes(deterministic_bytes(wb))
    print(f"wrote {DST.relative_to(ROOT)} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
