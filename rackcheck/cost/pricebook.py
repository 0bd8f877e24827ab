"""Price books: dated prices per catalog id or part number (YAML).

```yaml
pricebook: 1
currency: USD                 # default for entries that do not name one
prices:
  - id: dgx-h100              # a catalog id, or part_number, or both
    part_number: DGXH-G640F+P2CMI36
    price: "389000.00"
    currency: USD
    as_of: 2026-10-01
    valid_until: 2027-03-31   # optional: past it, the price is a COST001 finding
    source: "ACME budgetary quote Q-1234"
    vendor: ACME              # optional
```
Every entry needs a price, a currency (its own or the book's), `as_of` and `source`.
Later books override earlier ones entry by entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rackcheck.cost.money import CURRENCY, MoneyError, amount
from rackcheck.findings import Finding, InputError, Location, Severity

if TYPE_CHECKING:
    from rackcheck.source import SourceMap

MAX_ENTRIES = 100_000
_KEYS = {
    "id",
    "part_number",
    "price",
    "currency",
    "as_of",
    "valid_until",
    "source",
    "vendor",
    "description",
}


@dataclass(frozen=True)
class Price:
    key: str  # catalog id, else part number
    id: str | None
    part_number: str | None
    price: Decimal
    currency: str
    as_of: str
    source: str
    valid_until: str | None
    vendor: str | None
    where: Location


@dataclass
class PriceBook:
    by_id: dict[str, Price] = field(default_factory=dict)
    by_part: dict[str, Price] = field(default_factory=dict)

    def find(self, id_: str | None, part_number: str | None = None) -> Price | None:
        if id_ is not None and id_ in self.by_id:
            return self.by_id[id_]
        if part_number is not None:
            return self.by_part.get(part_number)
        return None

    def id_for_part(self, part_number: str) -> str | None:
        p = self.by_part.get(part_number)
        return p.id if p is not None else None

    def expired(self, today: dt.date) -> list[Price]:
        seen = {id(p): p for p in [*self.by_id.values(), *self.by_part.values()]}
        return sorted(
            (p for p in seen.values() if _past(p.valid_until, today)),
            key=lambda p: (p.where.path, p.where.line),
        )


def _past(date: str | None, today: dt.date) -> bool:
    return date is not None and dt.date.fromisoformat(date) < today


def load(paths: list[tuple[Path, str]]) -> PriceBook:
    """Read price books (path, shown) in order; raise InputError with every problem."""
    from rackcheck.source import load_yaml

    book = PriceBook()
    errors: list[Finding] = []
    for path, shown in paths:
        doc = load_yaml(path, shown)
        _read(doc.data, doc.source, shown, book, errors)
    if errors:
        raise InputError(errors)
    return book


def _err(
    errors: list[Finding], where: Location, message: str, code: str = "INP002"
) -> None:
    errors.append(Finding(code, Severity.ERROR, message, where))


def _read(
    data: Any, smap: SourceMap, shown: str, book: PriceBook, errors: list[Finding]
) -> None:
    if not isinstance(data, dict) or data.get("pricebook") != 1:
        _err(errors, smap.at(()), "a price book starts with `pricebook: 1`")
        return
    default_cur = data.get("currency")
    if default_cur is not None and not (
        isinstance(default_cur, str) and CURRENCY.match(default_cur)
    ):
        _err(
            errors,
            smap.at(("currency",)),
            f"currency must be an ISO 4217 code, not {default_cur!r}",
        )
        return
    entries = data.get("prices")
    if not isinstance(entries, list) or len(entries) > MAX_ENTRIES:
        _err(
            errors,
            smap.at(("prices",)),
            f"`prices` must be a list (at most {MAX_ENTRIES:,} entries)",
        )
        return
    seen: dict[str, Location] = {}
    for i, e in enumerate(entries):
        at = smap.at(("prices", i))
        price = _entry(e, i, smap, default_cur, errors)
        if price is None:
            continue
        if price.key in seen:
            _err(
                errors,
                at,
                f"{price.key!r} is priced twice in this book (first at {seen[price.key]})",
                "INP005",
            )
            continue
        seen[price.key] = at
        if price.id is not None:
            book.by_id[price.id] = price
        if price.part_number is not None:
            book.by_part[price.part_number] = price


def _entry(
    e: object, i: int, smap: SourceMap, default_cur: str | None, errors: list[Finding]
) -> Price | None:
    at = smap.at(("prices", i))
    if not isinstance(e, dict):
        _err(
            errors,
            at,
            "a price entry is a mapping with id or part_number, price, as_of, source",
        )
        return None
    for k in e:
        if k not in _KEYS:
            _err(errors, smap.at(("prices", i, k), key=True), f"unknown key {k!r}")
            return None
    key = e.get("id") or e.get("part_number")
    if not key:
        _err(errors, at, "a price entry needs an `id` (catalog id) or a `part_number`")
        return None
    for need in ("price", "as_of", "source"):
        if e.get(need) in (None, ""):
            _err(errors, at, f"price for {key!r} has no {need!r}")
            return None
    cur = e.get("currency", default_cur)
    if cur is None or not (isinstance(cur, str) and CURRENCY.match(cur)):
        _err(
            errors,
            smap.at(("prices", i, "currency")) if "currency" in e else at,
            f"price for {key!r} has no currency (give `currency: USD` here or at the top)",
        )
        return None
    try:
        value, cur = amount(e["price"], cur)
    except MoneyError as exc:
        _err(errors, smap.at(("prices", i, "price")), f"price for {key!r}: {exc}")
        return None
    if not _dates_ok(e, i, smap, key, errors):
        return None
    if value < 0:
        _err(errors, smap.at(("prices", i, "price")), f"price for {key!r} is negative")
        return None
    assert cur is not None
    return Price(
        str(key),
        _s(e.get("id")),
        _s(e.get("part_number")),
        value,
        cur,
        str(e["as_of"]),
        " ".join(str(e["source"]).split()),
        _s(e.get("valid_until")),
        _s(e.get("vendor")),
        at,
    )


def _dates_ok(
    e: dict[str, Any], i: int, smap: SourceMap, key: object, errors: list[Finding]
) -> bool:
    """`as_of` and `valid_until` are dates, else a located error (the first only)."""
    for d in ("as_of", "valid_until"):
        try:
            if e.get(d) is not None:
                dt.date.fromisoformat(str(e[d]))
        except ValueError:
            where = smap.at(("prices", i, d))
            _err(
                errors,
                where,
                f"price for {key!r}: {d} {e[d]!r} is not a date (YYYY-MM-DD)",
            )
            return False
    return True


def _s(x: object) -> str | None:
    return None if x is None else str(x)
