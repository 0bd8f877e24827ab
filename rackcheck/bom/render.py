"""The BOM as text, CSV, JSON and XLSX (one sheet per section plus a summary)."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from rackcheck.bom.lines import SECTIONS, Bom, BomLine

if TYPE_CHECKING:
    from rackcheck.bom.xlsx import Cell

COLUMNS = ("id", "kind", "part_number", "description", "quantity", "for")
FORMATS = ("text", "csv", "json", "xlsx")


def render(bom: Bom, fmt: str) -> str | bytes:
    if fmt == "xlsx":
        return xlsx(bom)
    return {"text": text, "csv": csv_text, "json": json_text}[fmt](bom)


def _row(line: BomLine) -> list[str | int | float | None]:
    return [line.id, line.kind, line.part_number, line.description, line.quantity,
            line.for_]  # fmt: skip


def json_text(bom: Bom) -> str:
    return json.dumps(bom.as_dict(), indent=2) + "\n"


def csv_text(bom: Bom) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["section", *COLUMNS])
    for line in bom.lines:
        w.writerow([line.section, *_row(line)])
    return out.getvalue()


def text(bom: Bom) -> str:
    out = [f"Bill of materials: {bom.design} ({bom.file})"]
    for section in SECTIONS:
        lines = bom.section(section)
        if not lines:
            continue
        out += ["", section.upper()]
        wid = max(len(x.id) for x in lines)
        wq = max(len(str(x.quantity)) for x in lines)
        wp = max(len(x.part_number) for x in lines)
        for x in lines:
            out.append(f"  {x.quantity:>{wq}}  {x.id:{wid}}  {x.part_number:{wp}}  "
                       f"{x.description}  [{x.for_}]".rstrip())  # fmt: skip
    out += ["", "TOTALS"]
    totals = bom.totals()
    out += [f"  {qty:>7}  {pid}" for pid, qty in totals.items()]
    out += [f"note: {n}" for n in bom.notes]
    return "\n".join(out) + "\n"


def xlsx(bom: Bom) -> bytes:
    from rackcheck.bom.xlsx import workbook_bytes

    summary: list[list[Cell]] = [[pid, qty] for pid, qty in bom.totals().items()]
    summary += [[f"note: {n}", None] for n in bom.notes]
    sheets = [("summary", ["id", "quantity"], summary)]
    for section in SECTIONS:
        lines = bom.section(section)
        if lines:
            sheets.append((section, list(COLUMNS), [_row(x) for x in lines]))
    return workbook_bytes(sheets)
