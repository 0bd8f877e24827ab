"""`rackcheck quotes compare --format xlsx`: a workbook with sheets Quotes, Left out,
Sweep (when asked) and Assumptions. Amounts are written as numbers with two decimals
from their Decimal text (a spreadsheet cell holds a double; the JSON keeps the exact
decimal string)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from rackcheck.cost.render import QUOTE_COLUMNS, TCO_COLUMNS, document

if TYPE_CHECKING:
    from rackcheck.cost import Comparison


def render_xlsx(c: Comparison) -> bytes:
    from openpyxl import Workbook

    doc = document(c)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Quotes"
    cols, tco = QUOTE_COLUMNS, TCO_COLUMNS
    ws.append(["currency", *cols, *[f"tco_{k}" for k in tco]])
    for q in doc["quotes"]:
        ws.append(
            [
                doc["currency"],
                *[_cell(q[k]) for k in cols],
                *[_cell(q["tco"][k]) for k in tco],
            ]
        )
    _missing(wb, doc)
    _sweep(wb, doc)
    _assumptions(wb, doc)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(x: Any) -> Any:
    if isinstance(x, str):
        try:
            return float(x)
        except ValueError:
            return x
    return x


def _missing(wb: Any, doc: dict[str, Any]) -> None:
    ws = wb.create_sheet("Left out")
    ws.append(["quote", "id", "quantity", f"priced_at ({doc['currency']})"])
    for q in doc["quotes"]:
        for m in q["missing"]:
            price = _cell(m["priced_at"]) if m["priced_at"] else "not priced"
            ws.append([q["name"], m["id"], m["quantity"], price])


def _sweep(wb: Any, doc: dict[str, Any]) -> None:
    if "sweep" not in doc:
        return
    ws = wb.create_sheet("Sweep")
    s = doc["sweep"]
    names = [q["name"] for q in doc["quotes"]]
    ws.append([s["name"], *[f"TCO {n}" for n in names], "best"])
    for p in s["points"]:
        ws.append(
            [_cell(p["value"]), *[_cell(p["tco"][n]) for n in names], p["order"][0]]
        )
    for f in s["flips"]:
        ws.append([f"flips at {f['at']}", f["from"], f["to"]])


def _assumptions(wb: Any, doc: dict[str, Any]) -> None:
    ws = wb.create_sheet("Assumptions")
    ws.append(["name", "value", "unit", "source", "as_of", "origin"])
    for name, x in doc["assumptions"].items():
        ws.append(
            [name, _cell(x["value"]), x["unit"], x["source"], x["as_of"], x["origin"]]
        )
