"""Assumptions are data: every figure a TCO rests on, with its unit, source, date and
where the value in use came from (defaults < design `cost:` < --assumptions file <
--set). Shipped defaults live in `defaults.yaml` beside this module."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rackcheck.cost.money import CURRENCY, MoneyError, Rates, amount, decimal
from rackcheck.findings import InputError, Location, Severity, input_error

if TYPE_CHECKING:
    from typing import Protocol

    class Locates(Protocol):
        """What places a layer's values: a SourceMap, or one seen from a sub-path."""

        def at(
            self, data_path: tuple[str | int, ...], key: bool = False
        ) -> Location: ...

    # One layer of assumptions: its raw data, what locates it (None: no lines), and
    # the file it came from as shown.
    Layer = tuple[dict[str, Any], Locates | None, str]

DEFAULTS = Path(__file__).with_name("defaults.yaml")
# name -> (unit template, lowest, highest, money?) ; {cur} is the reporting currency
SPEC: dict[str, tuple[str, Decimal, Decimal | None, bool]] = {
    "pue": ("", Decimal(1), Decimal(5), False),
    "energy_price": ("{cur}/kWh", Decimal(0), None, True),
    "colocation_price": ("{cur}/kW/month", Decimal(0), None, True),
    "years": ("year", Decimal(1), Decimal(50), False),
    "interest_rate": ("1/year", Decimal(0), Decimal(1), False),
    "utilisation": ("", Decimal("0.000001"), Decimal(1), False),
    "maintenance_rate": ("1/year", Decimal(0), Decimal(1), False),
    "cloud_price": ("{cur}/GPU/h", Decimal(0), None, True),
}
EU = {
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
}


@dataclass(frozen=True)
class Assumption:
    name: str
    value: Decimal
    unit: str
    source: str
    as_of: str | None
    origin: str
    currency: str | None = None  # money-valued assumptions: the currency as stated

    def as_dict(self) -> dict[str, str | None]:
        return {
            "value": str(self.value),
            "unit": self.unit,
            "source": self.source,
            "as_of": self.as_of,
            "origin": self.origin,
        }


@dataclass
class Assumptions:
    """The assumptions in use and the reporting currency with its stated rates."""

    values: dict[str, Assumption]
    rates: Rates
    fx: dict[str, Assumption] = field(default_factory=dict)

    @property
    def currency(self) -> str:
        return self.rates.to

    def get(self, name: str) -> Decimal:
        """The value; money-valued ones converted into the reporting currency."""
        a = self.values[name]
        if a.currency is None:
            return a.value
        return self.rates.convert(a.value, a.currency)

    def with_value(self, name: str, value: Decimal, origin: str) -> Assumptions:
        a = self.values[name]
        cur = self.currency if a.currency is not None else None
        new = replace(
            a,
            value=value,
            origin=origin,
            currency=cur,
            unit=_unit(name, self.currency),
            source=origin,
            as_of=None,
        )
        return Assumptions({**self.values, name: new}, self.rates, self.fx)

    def table(self) -> dict[str, dict[str, str | None]]:
        """JSON `assumptions`: NAME -> {value, unit, source, as_of} (+ origin)."""
        out = {n: a.as_dict() for n, a in sorted(self.values.items())}
        for cur, a in sorted(self.fx.items()):
            out[f"fx.{cur}"] = a.as_dict()
        return out


def _unit(name: str, currency: str) -> str:
    return SPEC[name][0].format(cur=currency)


@lru_cache(maxsize=1)
def shipped() -> dict[str, Any]:
    from rackcheck.source import load_yaml

    data = load_yaml(DEFAULTS, "rackcheck/cost/defaults.yaml").data
    assert isinstance(data, dict)
    return data


def cloud_offers() -> dict[str, dict[str, Any]]:
    offers: dict[str, dict[str, Any]] = shipped()["cloud"]
    return offers


def defaults(country: str | None, gpu_model: str | None) -> dict[str, Assumption]:
    """The shipped defaults for a site country and a GPU model."""
    raw = shipped()["assumptions"]
    out: dict[str, Assumption] = {}
    for name, entry in raw.items():
        note = ""
        if name == "energy_price":
            region = "EU" if country in EU else "US"
            if country not in EU and country != "US":
                note = f" [site country {country or 'not given'}: US figure used]"
            entry = entry["by_region"][region]
        elif name == "cloud_price":
            offer = _offer_for(gpu_model, entry["by_gpu"])
            note = f" [offer {offer}]"
            entry = cloud_offers()[offer]
        value, cur = _stated(entry["value"], entry.get("unit", ""))
        out[name] = Assumption(
            name,
            value,
            str(entry.get("unit", "")),
            " ".join(str(entry["source"]).split()) + note,
            _date(entry.get("as_of")),
            "rackcheck defaults",
            cur,
        )
    return out


def _offer_for(gpu_model: str | None, table: dict[str, str]) -> str:
    for key, offer in table.items():
        if gpu_model and key in gpu_model.upper():
            return offer
    return table["H100"]


def _stated(value: object, unit: str) -> tuple[Decimal, str | None]:
    cur = unit.split("/", 1)[0] if "/" in unit and CURRENCY.match(unit[:3]) else None
    return decimal(value), cur


def _date(x: object) -> str | None:
    return None if x is None else str(x)


def resolve(
    country: str | None,
    gpu_model: str | None,
    layers: list[Layer],
    sets: list[str],
) -> Assumptions:
    """Defaults, then each layer (data, SourceMap or None, shown path), then --set.

    A layer is `{currency?, assumptions: {NAME: VALUE | {value, unit?, source, as_of}},
    fx?: {CUR: RATE | {...}}}`; `fx.EUR` may also appear among the assumptions."""
    values = defaults(country, gpu_model)
    currency = "USD"
    fx: dict[str, Assumption] = {}
    for data, smap, shown in layers:
        if data.get("currency") is not None:
            currency = _currency(data["currency"], _at(smap, shown, ("currency",)))
        for name, raw in (data.get("assumptions") or {}).items():
            where = _at(smap, shown, ("assumptions", name))
            _apply(name, raw, str(where), where, currency, values, fx)
        for cur, raw in (data.get("fx") or {}).items():
            where = _at(smap, shown, ("fx", cur))
            _apply(f"fx.{cur}", raw, str(where), where, currency, values, fx)
    for item in sets:
        name, _, raw = item.partition("=")
        name = name.strip()
        if name == "currency":
            currency = _currency(raw.strip(), Location("--set", 1, 1))
            continue
        _apply(
            name, raw.strip(), "--set", Location("--set", 1, 1), currency, values, fx
        )
    rates = Rates(
        currency,
        {c: a.value for c, a in fx.items()},
        {c: a.origin for c, a in fx.items()},
    )
    out = Assumptions(values, rates, fx)
    try:
        for name in values:
            out.get(name)
    except MoneyError as exc:
        raise input_error(
            "INP002", f"assumption {name}: {exc}", _loc(values[name].origin)
        ) from None
    return out


def _at(smap: Locates | None, shown: str, path: tuple[str, ...]) -> Location:
    if smap is None:
        return Location(shown, 1, 1)
    return smap.at(path)


def _loc(origin: str) -> Location:
    parts = origin.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return Location(parts[0], int(parts[1]), int(parts[2]))
    return Location(origin, 1, 1)


def _currency(raw: object, where: Location) -> str:
    if not isinstance(raw, str) or not CURRENCY.match(raw):
        raise input_error(
            "INP002", f"currency must be an ISO 4217 code like USD, not {raw!r}", where
        )
    return raw


def _apply(
    name: str,
    raw: object,
    origin: str,
    where: Location,
    currency: str,
    values: dict[str, Assumption],
    fx: dict[str, Assumption],
) -> None:
    is_fx = name.startswith("fx.")
    if not is_fx and name not in SPEC:
        near = difflib.get_close_matches(name, list(SPEC), n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        raise input_error(
            "INP002",
            f"unknown assumption {name!r}{hint}; known: {', '.join(SPEC)}, fx.CUR",
            where,
        )
    if is_fx and not CURRENCY.match(name[3:]):
        raise input_error("INP002", f"{name}: fx.CUR needs an ISO 4217 code", where)
    entry = raw if isinstance(raw, dict) else {"value": raw}
    unknown = set(entry) - {"value", "unit", "source", "as_of"}
    if unknown or "value" not in entry:
        what = f"unknown key {sorted(unknown)[0]!r}" if unknown else "no value"
        raise input_error("INP002", f"assumption {name}: {what}", where)
    source = str(entry.get("source") or origin)
    as_of = _date(entry.get("as_of"))
    try:
        value, cur = _value(name, entry["value"], currency)
    except MoneyError as exc:
        raise input_error("INP002", f"assumption {name}: {exc}", where) from None
    if is_fx:
        fx[name[3:]] = Assumption(
            name, value, f"{currency}/{name[3:]}", source, as_of, origin
        )
        return
    values[name] = Assumption(
        name, value, _unit(name, cur or currency), source, as_of, origin, cur
    )


def _value(name: str, raw: object, currency: str) -> tuple[Decimal, str | None]:
    if name == "cloud_price" and isinstance(raw, str) and raw in cloud_offers():
        offer = cloud_offers()[raw]
        return _stated(offer["value"], offer["unit"])
    if name.startswith("fx."):
        value = decimal(raw, "an exchange rate")
        if value <= 0:
            raise MoneyError(f"an exchange rate must be > 0, not {raw!r}")
        return value, None
    _, low, high, money = SPEC[name]
    if money:
        value, cur = amount(raw, currency)
    else:
        value, cur = decimal(raw), None
    if value < low or (high is not None and value > high):
        upper = f" and <= {high}" if high is not None else ""
        raise MoneyError(f"{raw!r} is out of range (>= {low}{upper})")
    if name == "years" and value != value.to_integral_value():
        raise MoneyError(f"years must be whole, not {raw!r}")
    return value, cur


__all__ = ["Assumption", "Assumptions", "InputError", "Severity", "resolve"]
