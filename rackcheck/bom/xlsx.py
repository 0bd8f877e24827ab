"""Deterministic XLSX writing: the same sheets give byte-identical files.

openpyxl stamps the workbook with the time it was made (docProps/core.xml) and each zip
member with the time it was written; both are set to one fixed instant here.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook

FIXED = datetime(2000, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
Cell = str | int | float | None


def workbook_bytes(
    sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Cell]]]],
) -> bytes:
    """One sheet per (title, header, rows); header row bold, first row frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title=title[:31])
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append(list(row))
        ws.freeze_panes = "A2"
    return deterministic_bytes(wb)


def deterministic_bytes(wb: Workbook) -> bytes:
    """An openpyxl Workbook saved with fixed times: byte-identical for equal content."""
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "rackcheck"
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_times(raw.getvalue())


def _fixed_times(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps save time
                data = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            dst.writestr(fixed, data)
    return out.getvalue()
