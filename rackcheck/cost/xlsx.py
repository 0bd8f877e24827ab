"""`rackcheck quotes compare --format xlsx`: a workbook with sheets Quotes, Left out,
Sweep (when asked) and Assumptions. Amounts are written as numbers with two decimals
from their Decimal text (a spreadsheet cell holds a double; the JSON keeps the exact
decimal string)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rackcheck.cost.render import QUOTE_COLUMNS, TCO_COLUMNS, document
from rackcheck.jsontypes import obj, seq

if TYPE_CHECKING:
    from openpyxl import Workbook

    from rackcheck.cost import Comparison
    from rackcheck.jsontypes import JSONObject, JSONValue


def render_xlsx(c: Comparison) -> bytes:
    from openpyxl import Workbook

    doc = document(c)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Quotes"
    cols, tco = QUOTE_COLUMNS, TCO_COLUMNS
    ws.append(["currency", *cols, *[f"tco_{k}" for k in tco]])
    for q in map(obj, seq(doc["quotes"])):
        t = obj(q["tco"])
        ws.append(
            [doc["currency"], *[_cell(q[k]) for k in cols], *[_cell(t[k]) for k in tco]]
        )
    _missing(wb, doc)
    _sweep(wb, doc)
    _assumptions(wb, doc)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(x: JSONValue) -> JSONValue:
    if isinstance(x, str):
        try:
            return float(x)
        except ValueError:
            return x
    return x


def _missing(wb: Workbook, doc: JSONObject) -> None:
    ws = wb.create_sheet("Left out")
    ws.append(["quote", "id", "quantity", f"priced_at ({doc['currency']})"])
    for q in map(obj, seq(doc["quotes"])):
        for m in map(obj, seq(q["missing"])):
            price = _cell(m["priced_at"]) if m["priced_at"] else "not priced"
            ws.append([q["name"], m["id"], m["quantity"], price])


def _sweep(wb: Workbook, doc: JSONObject) -> None:
    if "sweep" not in doc:
        return
    ws = wb.create_sheet("Sweep")
    s = obj(doc["sweep"])
    names = [str(obj(q)["name"]) for q in seq(doc["quotes"])]
    ws.append([s["name"], *[f"TCO {n}" for n in names], "best"])
    for p in map(obj, seq(s["points"])):
        t = obj(p["tco"])
        ws.append(
            [_cell(p["value"]), *[_cell(t[n]) for n in names], seq(p["order"])[0]]
        )
    for f in map(obj, seq(s["flips"])):
        ws.append([f"flips at {f['at']}", f["from"], f["to"]])


def _assumptions(wb: Workbook, doc: JSONObject) -> None:
    ws = wb.create_sheet("Assumptions")
    ws.append(["name", "value", "unit", "source", "as_of", "origin"])
    for name, found in obj(doc["assumptions"]).items():
        x = obj(found)
        ws.append(
            [name, _cell(x["value"]), x["unit"], x["source"], x["as_of"], x["origin"]]
        )
