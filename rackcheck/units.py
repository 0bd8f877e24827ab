"""THE one pint UnitRegistry of rackcheck, and helpers to parse quantities from YAML text.

Two registries never mix, so everything that makes a quantity goes through `ureg` here.
pint is imported on first use only: `rackcheck --version` never pays for it.
"""

from __future__ import annotations

import math
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pint

# What each kind of figure must be, as pint dimensionality strings, with an example for
# error messages. Power and apparent power share a dimension in SI; rackcheck keeps them
# apart by field (loads in W, PDU capacities in VA) and converts only through a power factor.
DIMENSIONS: dict[str, tuple[str, str]] = {
    "power": ("[power]", "10.2 kW"),
    "apparent_power": ("[power]", "34.5 kVA"),
    "voltage": ("[electric_potential]", "415 V"),
    "current": ("[current]", "60 A"),
    "mass": ("[mass]", "130 kg"),
    "length": ("[length]", "600 mm"),
    "temperature": ("[temperature]", "45 degC"),
    "temperature_difference": ("[temperature]", "10 K"),
    "flow": ("[volume] / [time]", "1200 L/min"),
    "flow_per_power": ("[volume] / [time] / [power]", "1.5 L/min/kW"),
    "bitrate": ("[information] / [time]", "400 Gbit/s"),
    "byterate": ("[information] / [time]", "12 GB/s"),
    "information": ("[information]", "30.72 TB"),
    "time": ("[time]", "10 min"),
    "area_load": ("[mass] / [length] ** 2", "1200 kg/m**2"),
}

# "Gb/s" would parse as gilbert per second, "Mb" as millibarn: rewrite the usual network
# spellings to bits before pint sees them.
_BITS = re.compile(r"\b([kMGTP]?)(?:b|bit)(ps|/s)\b")


def _preprocess(text: str) -> str:
    return _BITS.sub(lambda m: f"{m.group(1)}bit/s", text)


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """Build the registry once. numpy is hidden while pint imports: rackcheck only
    computes scalars, and pint's optional numpy support costs ~90 ms at start-up."""
    hidden = "numpy" not in sys.modules
    if hidden:
        sys.modules["numpy"] = None  # type: ignore[assignment]
    try:
        import pint
    finally:
        if hidden:
            del sys.modules["numpy"]
    ureg: pint.UnitRegistry = pint.UnitRegistry(
        str(Path(__file__).with_name("units.txt")),
        autoconvert_offset_to_baseunit=True,
        preprocessors=[_preprocess],
        cache_folder=None,
    )
    ureg.formatter.default_format = "~P"
    _cache_unit_strings(ureg)
    return ureg


def _cache_unit_strings(ureg: pint.UnitRegistry) -> None:
    """`q.to("kW")` parses "kW" on every call (~85 us); with a cached Unit it costs a
    fifth of that. A design of 8,192 servers asks it ~400,000 times. The patch is on this
    registry's own Quantity class (pint builds one per registry), nowhere else."""
    cls = ureg.Quantity
    plain_to = cls.to

    def to(self: Any, other: Any = None, *contexts: Any, **ctx_kwargs: Any) -> Any:
        if isinstance(other, str):
            other = _unit_cached(ureg, other)
            # Already in those units (the metrics' ~12,000 `.to("kW")` of a large
            # design): the same float in a new quantity, as pint's factor 1.0 gives.
            if (
                type(self._magnitude) is float
                and not contexts
                and not ctx_kwargs
                and self._units == other._units
                and self._is_multiplicative
            ):
                return self.__class__(self._magnitude, self._units)
        return plain_to(self, other, *contexts, **ctx_kwargs)

    cls.to = to  # type: ignore[method-assign]


_UNITS: dict[str, Any] = {}


def _unit_cached(ureg: pint.UnitRegistry, name: str) -> Any:
    u = _UNITS.get(name)
    if u is None:
        u = _UNITS[name] = ureg.Unit(name)
    return u


class Quantity(Protocol):
    """A pint quantity as rackcheck uses it. pint's own type hints resolve to Any, so
    code that holds a quantity says `Quantity` and mypy checks that it is not mixed up
    with a bare number (a float is not a Quantity; `q * 2` is, `q.magnitude` is not)."""

    @property
    def magnitude(self) -> float: ...
    @property
    def m(self) -> float: ...
    @property
    def units(self) -> Any: ...
    @property
    def dimensionality(self) -> Any: ...
    def to(self, other: str | pint.Unit | None = None) -> Quantity: ...
    def m_as(self, units: str | pint.Unit) -> float: ...
    def check(self, dimension: str) -> bool: ...
    def unit_items(self) -> Any: ...
    def __add__(self, other: Quantity | int) -> Quantity: ...
    def __radd__(self, other: Quantity | int) -> Quantity: ...
    def __sub__(self, other: Quantity) -> Quantity: ...
    def __rsub__(self, other: Quantity) -> Quantity: ...
    def __mul__(self, other: float | Quantity) -> Quantity: ...
    def __rmul__(self, other: float) -> Quantity: ...
    def __truediv__(self, other: float | Quantity) -> Quantity: ...
    def __rtruediv__(self, other: float) -> Quantity: ...
    def __neg__(self) -> Quantity: ...
    def __abs__(self) -> Quantity: ...
    def __lt__(self, other: Quantity) -> bool: ...
    def __le__(self, other: Quantity) -> bool: ...
    def __gt__(self, other: Quantity) -> bool: ...
    def __ge__(self, other: Quantity) -> bool: ...
    def __format__(self, spec: str) -> str: ...


class UnitError(ValueError):
    """Text that is not a quantity of the expected kind."""


_NUMBER = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def parse(text: object, kind: str) -> Quantity:
    """Parse `"10.2 kW"` as a quantity of `kind` (a key of DIMENSIONS).

    Raises UnitError with a message fit for a user: wrong dimension, no unit, negative or
    non-finite number.
    """
    dim, example = DIMENSIONS[kind]
    label = kind.replace("_", " ")
    label = ("an " if label[0] in "aeiou" else "a ") + label
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise UnitError(f"expected {label} with a unit, e.g. '{example}'")
    if isinstance(text, (int, float)):
        raise UnitError(
            f"{text!r} has no unit: write {label} with its unit, e.g. '{example}'"
        )
    m = _NUMBER.match(text)
    if not m or not m.group(2):
        raise UnitError(f"{text!r} is not {label} with a unit: write e.g. '{example}'")
    value = float(m.group(1))
    if not math.isfinite(value):
        raise UnitError(f"{text!r} is not a finite number")
    ureg = registry()
    import pint

    try:
        q: Quantity = ureg.Quantity(value, m.group(2))
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError) as exc:
        hint = did_you_mean(m.group(2), kind)
        raise UnitError(f"unknown unit in {text!r}: {exc}{hint}") from None
    except Exception as exc:  # pint raises assorted errors on bad unit expressions
        raise UnitError(f"cannot read {text!r} as {label}: {exc}") from None
    if not q.check(dim):
        hint = did_you_mean(m.group(2), kind) or f"; write e.g. '{example}'"
        raise UnitError(f"{text!r} is not {label} (it is {q.dimensionality}){hint}")
    # W and VA share a dimension in SI but not a meaning: real power is W, apparent
    # power VA, and only a power factor turns one into the other.
    is_va = any("volt_ampere" in name for name, _ in q.unit_items())
    if kind == "power" and is_va:
        raise UnitError(
            f"{text!r} is apparent power (VA); write real power in W here "
            "(VA = W / power factor)"
        )
    if kind == "apparent_power" and not is_va:
        raise UnitError(
            f"{text!r} is not apparent power; write it in VA, e.g. '{example}'"
        )
    if kind not in ("temperature",) and value < 0:
        raise UnitError(f"{text!r} is negative; {label} must be >= 0")
    _check_range(q, kind, text, label)
    return q


# The widest figure of each kind rackcheck takes, in one unit: far beyond any real
# data centre, small enough that sums over a whole design stay finite.
RANGES: dict[str, tuple[str, float]] = {
    "power": ("W", 1e11),
    "apparent_power": ("VA", 1e11),
    "voltage": ("V", 1e6),
    "current": ("A", 1e6),
    "mass": ("kg", 1e7),
    "length": ("m", 1e6),
    "temperature": ("degC", 1e3),
    "temperature_difference": ("K", 1e3),
    "flow": ("L/min", 1e9),
    "flow_per_power": ("L/min/kW", 1e4),
    "bitrate": ("bit/s", 1e18),
    "byterate": ("B/s", 1e17),
    "information": ("B", 1e21),
    "time": ("s", 3.2e9),
    "area_load": ("kg/m**2", 1e7),
}
TINY = 1e-9  # a nonzero figure smaller than this (in the unit above) is a typo


def _check_range(q: Quantity, kind: str, text: str, label: str) -> None:
    """Refuse figures no design can mean: below absolute zero, beyond RANGES, or
    vanishingly small (they overflow or divide to infinity downstream)."""
    unit_name, top = RANGES[kind]
    value = float(q.to(unit_name).magnitude)
    if kind == "temperature":
        if value < -273.15:
            raise UnitError(f"{text!r} is below absolute zero (-273.15 degC)")
        value = abs(value)
    if not math.isfinite(value) or value > top:
        raise UnitError(
            f"{text!r} is out of range: {label} must be <= {top:g} {unit_name}"
        )
    if 0 < value < TINY and kind != "temperature":
        raise UnitError(
            f"{text!r} is too small to mean anything (below {TINY:g} {unit_name})"
        )


def parse_positive(text: object, kind: str) -> Quantity:
    """As parse, and refuse zero: a figure that is divided by (a temperature rise, a
    flow ratio, a time between failures)."""
    q = parse(text, kind)
    if q.magnitude == 0:
        raise UnitError(f"{text!r} must be greater than zero")
    return q


# The usual spellings of each kind's units: `10 kw` -> did you mean 'kW'?
SPELLINGS: dict[str, tuple[str, ...]] = {
    "power": ("W", "kW", "MW", "GW"),
    "apparent_power": ("VA", "kVA", "MVA"),
    "voltage": ("V", "kV", "mV"),
    "current": ("A", "kA", "mA"),
    "mass": ("kg", "g", "t", "lb"),
    "length": ("m", "mm", "cm", "km", "ft", "in"),
    "temperature": ("degC", "degF", "K"),
    "temperature_difference": ("K", "delta_degC"),
    "flow": ("L/min", "m^3/h", "L/s", "gal/min"),
    "flow_per_power": ("L/min/kW",),
    "bitrate": ("bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s", "Gb/s", "Tb/s"),
    "byterate": ("B/s", "kB/s", "MB/s", "GB/s", "TB/s"),
    "information": ("B", "kB", "MB", "GB", "TB", "PB", "GiB", "TiB", "PiB"),
    "time": ("s", "min", "h", "d", "ms"),
}


def did_you_mean(unit_text: str, kind: str) -> str:
    """'; did you mean 'kW'?' when `unit_text` is a known spelling in another case."""
    folded = unit_text.replace(" ", "").casefold()
    for good in SPELLINGS.get(kind, ()):
        if good.casefold() == folded and good != unit_text:
            return f"; did you mean {good!r}?"
    return ""


@lru_cache(maxsize=256)
def unit(name: str) -> pint.Unit:
    """A parsed unit, cached: parsing a unit string costs more than the arithmetic."""
    return registry().Unit(name)


def q(value: float, unit_name: str) -> Quantity:
    """A quantity from a number and a unit string (for figures computed in code)."""
    made: Quantity = registry().Quantity(value, unit(unit_name))
    return made


def fmt(quantity: Quantity, unit: str, digits: int = 1) -> str:
    """`fmt(q, "kW")` -> '41.2 kW': the figure in the unit a message wants."""
    value = quantity.to(unit).magnitude
    return f"{value:.{digits}f} {unit}"
