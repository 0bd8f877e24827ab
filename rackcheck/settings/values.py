"""Checking one value of a setting, from a config file, the environment or the command
line: rule ids, severities, true/false, rule options with their ranges, budgets with
their units. A bad value is a CFG001 InputError located where it was written."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from rackcheck.findings import Finding, InputError, Location, Severity
from rackcheck.settings.table import FALSE, SEVERITIES, TRUE

if TYPE_CHECKING:
    from rackcheck.rules.engine import OptionValue, Rule

Locate = Callable[[str], Location]


def error(message: str, where: Location) -> InputError:
    return InputError([Finding("CFG001", Severity.ERROR, message, where)])


def close(word: str, choices: Iterable[str]) -> str:
    near = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {near[0]!r}?)" if near else ""


def table(value: object, key: str, where: Location) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise error(f"{key}: expected a table", where)
    return value


def id_list(value: object, locate: Locate, where: Location) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise error(
            'expected a list of rule ids or prefixes, e.g. ["POW", "COOL002"]', where
        )
    ids = known_ids()
    for v in value:
        if v.upper() != "ALL" and not any(i.startswith(v.upper()) for i in ids):
            prefixes = {i.rstrip("0123456789") for i in ids}  # POW, COOL, ...
            near = close(v.upper(), sorted(ids | prefixes))
            raise error(f"{v!r} is not a rule id or prefix{near}", locate(v))
    return [v.upper() for v in value]


def id_text(raw: str, origin: str, where: Location) -> list[str]:
    """Comma-separated rule ids (environment, command line), each located."""
    items = [s.strip() for s in raw.split(",") if s.strip()]
    cols = {s: raw.index(s) + 1 for s in items}
    return id_list(items, lambda v: Location(origin, 1, cols[v]), where)


def severity(value: object, where: Location) -> Severity:
    if not isinstance(value, str) or value.lower() not in SEVERITIES:
        raise error(f"expected one of {', '.join(SEVERITIES)}, not {value!r}", where)
    return Severity.parse(value)


def boolean(key: str, value: object, where: Location) -> bool:
    if not isinstance(value, bool):
        raise error(f"{key}: expected true or false", where)
    return value


def bool_text(raw: str, where: Location) -> bool:
    if raw.lower() not in TRUE + FALSE:
        raise error(f"expected 1/true/yes/on or 0/false/no/off, not {raw!r}", where)
    return raw.lower() in TRUE


def known_ids() -> set[str]:
    from rackcheck.codes import known_ids as ids

    return ids()


# -- rule options ---------------------------------------------------------------------
def rule(rid: str, where: Location) -> Rule:
    from rackcheck.codes import known_rules

    rules = {r.id: r for r in known_rules()}
    found = rules.get(rid.upper())
    if found is None:
        raise error(f"unknown rule {rid!r}{close(rid.upper(), rules)}", where)
    return found


def option(rule: Rule, opt: str, value: Any, where: Location) -> OptionValue:
    defaults = rule.option_defaults()
    if opt not in defaults:
        have = ", ".join(defaults) or "none"
        raise error(f"{rule.id} has no option {opt!r} (options: {have})", where)
    default = defaults[opt]
    if default is None:  # a number whose default is decided elsewhere (POW001 derating)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise error(f"{rule.id}.{opt}: expected a number, not {value!r}", where)
        default = 0.0
    ok = (
        isinstance(value, bool)
        if isinstance(default, bool)
        else isinstance(value, (int, float)) and not isinstance(value, bool)
        if isinstance(default, float)
        else isinstance(value, type(default))
    )
    if not ok:
        raise error(
            f"{rule.id}.{opt}: expected {type(default).__name__} like "
            f"{default!r}, not {value!r}",
            where,
        )
    option_range(f"{rule.id}.{opt}", opt, value, where)
    try:
        rule.make_options({opt: value})
    except (TypeError, ValueError) as exc:
        raise error(f"{rule.id}.{opt}: {exc}", where) from None
    return float(value) if isinstance(default, float) else value


# (low, high, low allowed?) per option name; other numeric options: finite, > 0.
OPTION_RANGES: dict[str, tuple[float, float, bool]] = {
    "derating": (0.0, 1.0, False),
    "max_overhead": (0.0, 1.0, False),
    "max_imbalance": (0.0, 1.0, False),
    "optimum_ratio": (1.0, 1000.0, True),
    "min_spare": (0, 64, True),
}


def option_range(name: str, opt: str, value: object, where: Location) -> None:
    """A numeric rule option is finite and within its range (`derating = nan`, `inf`,
    `-1` or `0` would silently turn a check off)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    low, high, closed = OPTION_RANGES.get(opt, (0.0, 1e6, False))
    ok = math.isfinite(value) and (value >= low if closed else value > low)
    if not ok or value > high:
        side = "[" if closed else "("
        raise error(
            f"{name} = {value!r} is out of range: expected a number in "
            f"{side}{low:g}, {high:g}]",
            where,
        )


# -- budgets --------------------------------------------------------------------------
def budget(name: str, value: object, where: Location) -> dict[str, float | None]:
    """`1200`, `"1.2 MW"` (a ceiling) or `{max = ..., min = ...}`; the figures and
    their units are those of rackcheck/figures.py."""
    from rackcheck.figures import BUDGETS

    if name not in BUDGETS:
        raise error(
            f"unknown budget {name!r}{close(name, BUDGETS)}; budgets: "
            f"{', '.join(BUDGETS)}",
            where,
        )
    bounds = value if isinstance(value, dict) else {"max": value}
    out: dict[str, float | None] = {"max": None, "min": None}
    for k, v in bounds.items():
        if k not in out:
            raise error(f"budgets.{name}: use max and min, not {k!r}", where)
        out[k] = amount(name, v, where)
    return out


def amount(name: str, value: object, where: Location) -> float:
    """A number in the figure's unit, or text with a unit the registry converts to it
    (`"1.2 MW"` for kW; W and VA kept apart; counts and money: their own unit)."""
    from rackcheck.figures import BUDGETS

    fig = BUDGETS[name]
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and 0 <= value < 1e18  # not inf, not nan
    ):
        return float(value)
    m = re.fullmatch(r"\s*(\d+(?:\.\d*)?)\s*([A-Za-z]+)\s*", str(value))
    if isinstance(value, str) and m and fig.unit:
        converted = _convert(float(m[1]), m[2], fig.unit)
        if converted is not None:
            return converted
    hint = f" or text like '{fig.example}'" if fig.example else ""
    raise error(
        f"budgets.{name}: expected a number of {fig.unit or 'items'}{hint}, "
        f"not {value!r}",
        where,
    )


def _convert(number: float, unit: str, target: str) -> float | None:
    """`number unit` in `target` through the unit registry, or None: another kind of
    quantity (kVA for kW), or a unit it does not know."""
    if unit == target:
        return number
    if ("VA" in unit) != ("VA" in target):  # W and VA stay apart
        return None
    from rackcheck.units import registry

    ureg = registry()
    try:
        q = ureg.Quantity(number, unit).to(target)
    except Exception:  # noqa: BLE001 - pint: undefined unit or another dimension
        return None
    return float(f"{float(q.magnitude):.12g}")
