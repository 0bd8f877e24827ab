"""Vendor quotes: one model, read from YAML here and from CSV/XLSX in tabular.py.

```yaml
vendor: ACME Systems
currency: USD
quoted: 2026-11-02
valid_until: 2026-12-31
support_years: 3                 # optional: support included for the first N years
discount: "4%"                   # optional: a share of the subtotal, or an amount
it_power: "1310 kW"              # optional: IT power the vendor states for its offer
exchange_rate: {rate: "1.08", source: "...", as_of: 2026-11-02}  # optional (non-USD)
lines:
  - {part_number: X, id: dgx-h100, description: ..., quantity: 128,
     unit_price: "389000.00", line_total: "49792000.00", lead_time: "16 weeks"}
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rackcheck.cost.money import CURRENCY, MoneyError, amount, decimal
from rackcheck.findings import Finding, InputError, Location, Severity

if TYPE_CHECKING:
    from collections.abc import Callable

    # Locates a problem of one key or column (`at("currency")`).
    At = Callable[[str], Location]

MAX_LINES = 100_000
_TOP = {
    "vendor",
    "name",
    "currency",
    "quoted",
    "valid_until",
    "support_years",
    "discount",
    "it_power",
    "exchange_rate",
    "lines",
    "notes",
}
_LINE = {
    "part_number",
    "id",
    "description",
    "quantity",
    "unit_price",
    "line_total",
    "lead_time",
    "currency",
}
_LEAD = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(d|day|days|w|wk|wks|week|weeks|"
    r"mo|month|months)?\s*$",
    re.I,
)


@dataclass(frozen=True)
class Line:
    id: str | None
    part_number: str | None
    description: str
    quantity: int
    unit_price: Decimal
    currency: str
    line_total: Decimal | None
    lead_time_days: int | None
    where: Location
    total_where: Location


@dataclass
class Quote:
    name: str
    path: str
    vendor: str
    currency: str
    quoted: str | None
    valid_until: str | None
    lines: list[Line] = field(default_factory=list)
    discount: tuple[str, Decimal] | None = None  # ("percent" | "amount", value)
    support_years: int | None = None
    it_power_kw: Decimal | None = None
    rate: Decimal | None = None
    rate_source: str | None = None
    where: Location = Location("", 1, 1)


class Problems:
    """Collects located problems; raise them all at once."""

    def __init__(self) -> None:
        self.found: list[Finding] = []

    def add(self, where: Location, message: str, code: str = "INP002") -> None:
        self.found.append(Finding(code, Severity.ERROR, message, where))

    def raise_any(self) -> None:
        if self.found:
            raise InputError(sorted(self.found, key=Finding.sort_key))


def lead_days(raw: object) -> int:
    """`84`, `"84 days"`, `"12 weeks"`, `"3 months"` (30 days) -> days."""
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return raw
    m = _LEAD.match(str(raw)) if isinstance(raw, (str, float)) else None
    if m is None:
        raise MoneyError(f"lead time {raw!r} is not a number of days, weeks or months")
    unit = (m.group(2) or "d").lower()
    factor = 7 if unit.startswith("w") else 30 if unit.startswith("mo") else 1
    return int(Decimal(m.group(1)) * factor)


def quantity(raw: object) -> int:
    value = decimal(raw, "a quantity")
    if value <= 0 or value != value.to_integral_value():
        raise MoneyError(f"quantity must be a whole number > 0, not {raw!r}")
    return int(value)


def it_power(raw: object) -> Decimal:
    from rackcheck.units import UnitError, parse

    try:
        q = parse(raw, "power")
    except UnitError as exc:
        raise MoneyError(str(exc)) from None
    return decimal(repr(round(q.to("kW").magnitude, 6)))


def read_yaml(path: Path, shown: str) -> Quote:
    from rackcheck.source import load_yaml

    doc = load_yaml(path, shown)
    data, smap = doc.data, doc.source
    bad = Problems()
    if not isinstance(data, dict):
        bad.add(smap.at(()), "a quote is a mapping with vendor, currency and lines")
        bad.raise_any()
    for k in data:
        if k not in _TOP:
            bad.add(smap.at((k,), key=True), f"unknown key {k!r} in a quote")
    quote = header(data, lambda k: smap.at((k,)), path, shown, bad)
    lines = data.get("lines")
    if not isinstance(lines, list) or not lines or len(lines) > MAX_LINES:
        bad.add(smap.at(("lines",)), "a quote needs `lines:`, a list of quoted parts")
        bad.raise_any()
    for i, raw in enumerate(lines):
        row = {k: v for k, v in raw.items()} if isinstance(raw, dict) else None
        at = smap.at(("lines", i))
        if row is None:
            bad.add(at, "a quote line is a mapping (part_number or id, quantity, ...)")
            continue
        for k in row:
            if k not in _LINE:
                bad.add(
                    smap.at(("lines", i, k), key=True), f"unknown key {k!r} in a line"
                )

        def at_line(k: str, i: int = i) -> Location:
            return smap.at(("lines", i, k))

        line = make_line(row, at_line, at, quote, bad)
        if line is not None:
            quote.lines.append(line)
    check_duplicates(quote, bad)
    bad.raise_any()
    return quote


def header(
    data: dict[str, Any], at: At, path: Path, shown: str, bad: Problems
) -> Quote:
    """The quote's top: vendor, currency, dates, support, discount, power, rate."""
    import datetime as dt

    cur = data.get("currency")
    if cur is None:
        bad.add(
            at("currency") if "currency" in data else at("vendor"),
            "the quote states no currency (add `currency: USD`, or a Currency row)",
        )
    elif not (isinstance(cur, str) and CURRENCY.match(cur)):
        bad.add(
            at("currency"), f"currency must be an ISO 4217 code like USD, not {cur!r}"
        )
    q = Quote(
        str(data.get("name") or path.stem),
        shown,
        str(data.get("vendor") or path.stem),
        str(cur or "USD"),
        _opt(data.get("quoted")),
        _opt(data.get("valid_until")),
        where=at("vendor"),
    )
    for key in ("quoted", "valid_until"):
        if data.get(key) is not None:
            try:
                dt.date.fromisoformat(str(data[key]))
            except ValueError:
                bad.add(at(key), f"{key}: {data[key]!r} is not a date (YYYY-MM-DD)")
    try:
        if data.get("support_years") is not None:
            q.support_years = quantity(data["support_years"])
        if data.get("it_power") is not None:
            q.it_power_kw = it_power(data["it_power"])
        if data.get("discount") not in (None, ""):
            q.discount = _discount(data["discount"], q.currency)
        if data.get("exchange_rate") is not None:
            q.rate, q.rate_source = _rate(data["exchange_rate"], shown)
    except MoneyError as exc:
        bad.add(q.where, str(exc))
    return q


def _discount(raw: object, currency: str) -> tuple[str, Decimal]:
    text = str(raw).strip()
    if text.endswith("%"):
        pct = decimal(text[:-1], "a discount percentage")
        if not Decimal(0) <= pct <= Decimal(100):
            raise MoneyError(f"discount {raw!r} is not between 0 % and 100 %")
        return "percent", pct
    value, _ = amount(raw, currency)
    return "amount", abs(value)


def _rate(raw: object, shown: str) -> tuple[Decimal, str]:
    entry = raw if isinstance(raw, dict) else {"rate": raw}
    rate = decimal(entry.get("rate"), "an exchange rate")
    if rate <= 0:
        raise MoneyError(f"exchange rate must be > 0, not {entry.get('rate')!r}")
    src = str(entry.get("source") or f"stated in {shown}")
    as_of = entry.get("as_of")
    return rate, src + (f" (as of {as_of})" if as_of else "")


def make_line(
    row: dict[str, Any], at: At, where: Location, quote: Quote, bad: Problems
) -> Line | None:
    """One line from a mapping of canonical columns; problems located by `at(col)`."""
    pn, id_ = _opt(row.get("part_number")), _opt(row.get("id"))
    if pn is None and id_ is None:
        bad.add(where, "a quote line needs a part number or a catalog id")
        return None
    cur = _opt(row.get("currency")) or quote.currency
    if not CURRENCY.match(cur):
        bad.add(at("currency"), f"currency must be an ISO 4217 code, not {cur!r}")
        return None
    try:
        qty = quantity(row.get("quantity"))
    except MoneyError as exc:
        bad.add(at("quantity"), f"{pn or id_}: {exc}")
        return None
    try:
        price, cur2 = amount(row.get("unit_price"), cur)
        if price < 0:
            raise MoneyError(f"unit price {row.get('unit_price')!r} is negative")
    except MoneyError as exc:
        bad.add(at("unit_price"), f"{pn or id_}: unit price: {exc}")
        return None
    total = None
    try:
        if row.get("line_total") not in (None, ""):
            total, _ = amount(row["line_total"], cur2)
        lead = (
            None if row.get("lead_time") in (None, "") else lead_days(row["lead_time"])
        )
    except MoneyError as exc:
        bad.add(
            at("line_total") if "line_total" in row else at("lead_time"),
            f"{pn or id_}: {exc}",
        )
        return None
    return Line(
        id_,
        pn,
        str(row.get("description") or ""),
        qty,
        price,
        cur2 or cur,
        total,
        lead,
        where,
        at("line_total"),
    )


def check_duplicates(quote: Quote, bad: Problems) -> None:
    seen: dict[str, Location] = {}
    for line in quote.lines:
        key = line.part_number or line.id or ""
        if key in seen:
            bad.add(
                line.where,
                f"part {key!r} appears twice in the quote (first at "
                f"{seen[key]}); merge the rows or give each its own part number",
                "INP005",
            )
        else:
            seen[key] = line.where


def _opt(x: object) -> str | None:
    if x is None:
        return None
    text = str(x).strip()
    return text or None
