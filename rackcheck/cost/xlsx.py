"""`rackcheck quotes compare --format xlsx`: a workbook with sheets Quotes, Left out,
Sweep (when asked) and Assumptions. Amounts are written as numbers with two decimals
from their Decimal text (a spreadsheet cell holds a double; the JSON keeps the exact
decimal string)."""

from __future__ import annotations

import io
from typing import Any

from rackcheck.cost.render import document


def render_xlsx(c: Any) -> bytes:
    from openpyxl import Workbook

    doc = document(c)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Quotes"
    cols = [
        "rank",
        "name",
        "vendor",
        "capex",
        "complete",
        "it_power_kw",
        "facility_power_kw",
        "cost_per_gpu_hour",
        "breakeven_months",
        "breakeven_utilisation",
        "lead_time_days",
        "reason",
    ]
    tco = ["years", "total", "energy", "colocation", "maintenance", "financing"]
    ws.append(["currency", *cols, *[f"tco_{k}" for k in tco]])
    for q in doc["quotes"]:
        ws.append(
            [
                doc["currency"],
                *[_cell(q[k]) for k in cols],
                *[_cell(q["tco"][k]) for k in tco],
            ]
        )
    miss = wb.create_sheet("Left out")
    miss.append(["quote", "id", "quantity", f"priced_at ({doc['currency']})"])
    for q in doc["quotes"]:
        for m in q["missing"]:
            miss.append(
                [
                    q["name"],
                    m["id"],
                    m["quantity"],
                    _cell(m["priced_at"]) if m["priced_at"] else "not priced",
                ]
            )
    if "sweep" in doc:
        sw = wb.create_sheet("Sweep")
        s = doc["sweep"]
        names = [q["name"] for q in doc["quotes"]]
        sw.append([s["name"], *[f"TCO {n}" for n in names], "best"])
        for p in s["points"]:
            sw.append(
                [_cell(p["value"]), *[_cell(p["tco"][n]) for n in names], p["order"][0]]
            )
        for f in s["flips"]:
            sw.append([f"flips at {f['at']}", f["from"], f["to"]])
    a = wb.create_sheet("Assumptions")
    a.append(["name", "value", "unit", "source", "as_of", "origin"])
    for name, x in doc["assumptions"].items():
        a.append(
            [name, _cell(x["value"]), x["unit"], x["source"], x["as_of"], x["origin"]]
        )
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
