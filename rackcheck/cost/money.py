"""Money: `decimal.Decimal` amounts with an explicit currency, parsed from user text.

No float ever holds an amount. A price is read from YAML text or a spreadsheet cell;
YAML numbers arrive as Python floats, which are turned back into the shortest decimal
text that names the same float (`repr`), i.e. the figure as the user typed it. Mixing
currencies needs a stated rate (`Rates`), or it is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

CURRENCY = re.compile(r"^[A-Z]{3}$")
CENT = Decimal("0.01")
_AMOUNT = re.compile(r"^\s*([A-Z]{3}|[$€£])?\s*([-+]?[\d,]*\.?\d+)\s*([A-Z]{3})?\s*$")
_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP"}


class MoneyError(ValueError):
    """Text that is not an amount of money (the message suits a user)."""


def decimal(value: object, what: str = "a number") -> Decimal:
    """A Decimal from YAML/cell data: int, float (via its shortest text) or text."""
    if isinstance(value, bool) or value is None:
        raise MoneyError(f"expected {what}, not {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace(",", "").replace("_", "")
    try:
        out = Decimal(text)
    except InvalidOperation:
        raise MoneyError(f"expected {what}, not {value!r}") from None
    if not out.is_finite():
        raise MoneyError(f"expected {what}, not {value!r}")
    return out


def amount(value: object, currency: str | None) -> tuple[Decimal, str | None]:
    """(amount, currency) from `1234.50`, `"1,234.50"`, `"USD 1234.50"`, `"$1,234.50"`.
    A currency written in the text must agree with `currency` when both are given."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return decimal(value, "an amount"), currency
    m = _AMOUNT.match(str(value)) if isinstance(value, str) else None
    if m is None:
        raise MoneyError(f"expected an amount of money, not {value!r}")
    written = m.group(1) or m.group(3)
    written = _SYMBOL.get(written, written) if written else None
    if written and currency and written != currency:
        raise MoneyError(
            f"{value!r} is in {written}, but the currency here is {currency}"
        )
    return decimal(m.group(2), "an amount"), written or currency


def cents(x: Decimal) -> Decimal:
    return x.quantize(CENT)


def text(x: Decimal | None, places: int = 2) -> str | None:
    """An amount as a decimal string for JSON ("1234.50"), None stays None."""
    if x is None:
        return None
    return str(x.quantize(Decimal(1).scaleb(-places)))


def show(x: Decimal | None, currency: str, places: int = 0) -> str:
    """`USD 1,234,567` for people."""
    if x is None:
        return "not priced"
    q = x.quantize(Decimal(1).scaleb(-places))
    return f"{currency} {q:,}"


@dataclass
class Rates:
    """Stated exchange rates into the reporting currency: `rates["EUR"]` is how many
    units of `to` one EUR buys, with where each rate came from."""

    to: str
    rates: dict[str, Decimal] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)

    def convert(self, x: Decimal, currency: str) -> Decimal:
        if currency == self.to:
            return x
        if currency not in self.rates:
            raise MoneyError(
                f"an amount in {currency} cannot be added to {self.to} amounts "
                f"without a stated rate (set one: --set fx.{currency}=RATE, an "
                f"`exchange_rate` in the quote, or fx.{currency} in an assumptions file)"
            )
        return x * self.rates[currency]
