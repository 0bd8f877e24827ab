"""Settings from `[tool.rackcheck]` in pyproject.toml or from rackcheck.toml.

Precedence, lowest first: defaults < config file (its `extend`ed files first) <
environment (`RACKCHECK_...`) < command line. The file is `--config`, else
`$RACKCHECK_CONFIG`, else the first of rackcheck.toml, .rackcheck.toml and a
pyproject.toml with a `[tool.rackcheck]` table found upward from the checked paths.
Every setting records where it came from (`file:line:col`, `env RACKCHECK_X`, `command
line --x`, `default`). Errors are located CFG001 findings raised as InputError (exit 2).
See docs/configuration.md.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rackcheck.findings import Finding, InputError, Location, Severity
from rackcheck.settings import Settings

CONFIG_NAMES = ("rackcheck.toml", ".rackcheck.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "note")
KEYS = (
    "select",
    "ignore",
    "extend-select",
    "extend-ignore",
    "fail-on",
    "severity",
    "rules",
    "require-reason",
    "inline-suppressions",
    "budgets",
    "baseline",
    "extend",
)

# Budget name -> (metrics path, what it limits, unit, other units accepted in text).
BUDGETS: dict[str, tuple[str, str, str, dict[str, float]]] = {
    "it_power_kw": (
        "totals.it_power_kw",
        "total IT power",
        "kW",
        {"W": 1e-3, "kW": 1.0, "MW": 1e3},
    ),
    "apparent_power_kva": (
        "totals.apparent_power_kva",
        "total apparent power",
        "kVA",
        {"VA": 1e-3, "kVA": 1.0, "MVA": 1e3},
    ),
    "heat_liquid_kw": (
        "totals.heat_liquid_kw",
        "heat to liquid",
        "kW",
        {"W": 1e-3, "kW": 1.0, "MW": 1e3},
    ),
    "heat_air_kw": (
        "totals.heat_air_kw",
        "heat to air",
        "kW",
        {"W": 1e-3, "kW": 1.0, "MW": 1e3},
    ),
    "weight_kg": ("totals.weight_kg", "total weight", "kg", {"kg": 1.0, "t": 1e3}),
    "gpus": ("totals.gpus", "GPUs", "", {}),
    "racks": ("totals.racks", "racks", "", {}),
    "devices": ("totals.devices", "devices", "", {}),
    "units_used": ("totals.units_used", "rack units used", "U", {"U": 1.0}),
    "switches": ("totals.switches", "switches", "", {}),
    "capex_usd": ("cost.capex_usd", "capex", "USD", {"USD": 1.0}),
    "tco_usd": ("cost.tco_usd", "TCO", "USD", {"USD": 1.0}),
    "annual_opex_usd": ("cost.annual_opex_usd", "annual opex", "USD", {"USD": 1.0}),
    "cost_per_gpu_hour_usd": (
        "cost.cost_per_gpu_hour_usd",
        "cost per GPU-hour",
        "USD",
        {"USD": 1.0},
    ),
}


def error(message: str, where: Location) -> InputError:
    return InputError([Finding("CFG001", Severity.ERROR, message, where)])


@dataclass
class Layer:
    """The settings one source gives: key -> (value, origin)."""

    name: str
    values: dict[str, tuple[Any, str]]


# -- finding and reading files --------------------------------------------------------
def find_config(paths: list[str]) -> Path | None:
    """The nearest config file upward from the common folder of `paths`."""
    start = _common_dir(paths)
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            cand = folder / name
            if cand.is_file() and (name != "pyproject.toml" or _has_table(cand)):
                return cand
    return None


def _common_dir(paths: list[str]) -> Path:
    absolute = [os.path.abspath(p) for p in paths] or [os.getcwd()]
    common = Path(os.path.commonpath(absolute))
    return common if common.is_dir() else common.parent


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*rackcheck\s*[.\]]", text, re.M) is not None


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _what(path: Path) -> str:
    """'no such config file', or what the path is instead (a FIFO, a folder ...)."""
    from rackcheck.source.yamlsrc import file_kind

    try:
        return f"not a config file but {file_kind(path.stat().st_mode)}:"
    except OSError:
        return "no such config file"


def read_file(path: Path, seen: tuple[Path, ...] = ()) -> list[Layer]:
    """The layers of one config file: those it `extend`s first, then its own."""
    import tomllib

    shown = _shown(path)
    if path.resolve() in seen:
        chain = " -> ".join(_shown(p) for p in (*seen, path.resolve()))
        raise error(
            f"config files extend each other in a cycle: {chain}", Location(shown, 1, 1)
        )
    try:
        if not path.is_file():
            raise error(f"config file is {_what(path)}", Location(shown, 1, 1))
        if path.stat().st_size > 16 * 1024 * 1024:
            raise error("config file is larger than 16 MiB", Location(shown, 1, 1))
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read config file: {exc}", Location(shown, 1, 1)) from None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise error("TOML nested too deeply", Location(shown, 1, 1)) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        end = text.split("\n")
        line, col = (int(m[1]), int(m[2])) if m else (len(end), len(end[-1]) + 1)
        msg = re.sub(r"\s*\(at line.*?\)", "", str(exc))
        raise error(f"TOML syntax error: {msg}", Location(shown, line, col)) from None
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        prefix = ("tool", "rackcheck")
        tool = data.get("tool", {})
        data = tool.get("rackcheck", {}) if isinstance(tool, dict) else tool
    src = _Source(shown, text, prefix, path.parent)
    if not isinstance(data, dict):
        raise error("[tool.rackcheck] must be a table", src.at())
    layers: list[Layer] = []
    if "extend" in data:
        base = data["extend"]
        if not isinstance(base, str):
            raise error(
                "extend: expected the path of another config file", src.at("extend")
            )
        target = (path.parent / base).resolve()
        if not target.is_file():
            raise error(
                f"extend: no such file {base!r} (relative to {shown})", src.at("extend")
            )
        layers += read_file(target, (*seen, path.resolve()))
    layers.append(Layer(shown, parse_table(data, src)))
    return layers


class _Source:
    """Where keys of one TOML file stand, found by scanning its text."""

    def __init__(self, shown: str, text: str, prefix: tuple[str, ...], folder: Path):
        self.shown, self.lines, self.prefix, self.folder = (
            shown,
            text.splitlines(),
            prefix,
            folder,
        )

    def origin(self, *keys: str) -> str:
        return str(self.at(*keys))

    def at(self, *keys: str, value: str | None = None) -> Location:
        """The location of key path `keys` (below the prefix); of `value` in it if
        given (a list item)."""
        full = (*self.prefix, *keys)
        current: tuple[str, ...] = ()
        for n, line in enumerate(self.lines, start=1):
            s = line.strip()
            if s.startswith("["):
                current = _parts(s.strip("[] "))
                if current == full:
                    return Location(self.shown, n, line.index("[") + 1)
                continue
            m = re.match(r"\s*([A-Za-z0-9_.\"' -]+?)\s*=", line)
            if not m:
                continue
            have = (*current, *_parts(m[1]))
            if have != full[: len(have)]:
                continue
            col = m.start(1) + 1
            for part in full[len(have) :]:  # inside an inline table
                k = re.search(rf"(?<![\w-])[\"']?{re.escape(part)}[\"']?\s*=", line)
                if k is None:
                    break
                col = k.start() + 1
            if value is not None:
                return self._value(n, col, value)
            return Location(self.shown, n, col)
        return Location(self.shown, 1, 1)

    def _value(self, n: int, col: int, value: str) -> Location:
        for i in range(n - 1, min(n + 50, len(self.lines))):
            j = self.lines[i].find(f'"{value}"', col - 1 if i == n - 1 else 0)
            if j < 0:
                j = self.lines[i].find(f"'{value}'", col - 1 if i == n - 1 else 0)
            if j >= 0:
                return Location(self.shown, i + 1, j + 2)
        return Location(self.shown, n, col)


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip().strip("\"'") for p in dotted.split("."))


# -- validating values ----------------------------------------------------------------
def parse_table(data: dict[str, Any], src: _Source) -> dict[str, tuple[Any, str]]:
    """Validate one `[tool.rackcheck]` table into key -> (value, origin)."""
    out: dict[str, tuple[Any, str]] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise error(f"unknown key {key!r}{_close(key, KEYS)}", src.at(key))
        if key == "extend":
            continue
        where = src.at(key)
        if key in ("select", "ignore", "extend-select", "extend-ignore"):
            codes = _id_list(value, _in_file(src, key), where)
            out[key] = (codes, str(where))
        elif key == "fail-on":
            out[key] = (_severity(value, where), str(where))
        elif key in ("require-reason", "inline-suppressions"):
            if not isinstance(value, bool):
                raise error(f"{key}: expected true or false", where)
            out[key] = (value, str(where))
        elif key == "baseline":
            if not isinstance(value, str):
                raise error("baseline: expected the path of a baseline file", where)
            out[key] = (str((src.folder / value).resolve()), str(where))
        elif key == "severity":
            for rid, sev in _table(value, key, where).items():
                loc = src.at(key, rid)
                _rule(rid, loc)
                out[f"severity.{rid.upper()}"] = (_severity(sev, loc), str(loc))
        elif key == "rules":
            for rid, opts in _table(value, key, where).items():
                loc = src.at(key, rid)
                rule = _rule(rid, loc)
                for opt, v in _table(opts, f"rules.{rid}", loc).items():
                    oloc = src.at(key, rid, opt)
                    out[f"options.{rule.id}.{opt}"] = (
                        _option(rule, opt, v, oloc),
                        str(oloc),
                    )
        elif key == "budgets":
            for name, v in _table(value, key, where).items():
                loc = src.at(key, name)
                out[f"budgets.{name}"] = (budget(name, v, loc), str(loc))
    return out


def _in_file(src: _Source, key: str) -> Callable[[str], Location]:
    """Where list item `v` of `key` stands in a config file."""
    return lambda v: src.at(key, value=v)


def _in_text(name: str, cols: dict[str, int]) -> Callable[[str], Location]:
    """Where item `v` stands in a comma-separated value (environment, command line)."""
    return lambda v: Location(name, 1, cols[v])


def _table(value: Any, key: str, where: Location) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise error(f"{key}: expected a table", where)
    return value


def _id_list(
    value: Any, locate: Callable[[str], Location], where: Location
) -> list[str]:
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
            near = _close(v.upper(), sorted(ids | prefixes))
            raise error(f"{v!r} is not a rule id or prefix{near}", locate(v))
    return [v.upper() for v in value]


def _severity(value: Any, where: Location) -> Severity:
    if not isinstance(value, str) or value.lower() not in SEVERITIES:
        raise error(f"expected one of {', '.join(SEVERITIES)}, not {value!r}", where)
    return Severity.parse(value)


def _rule(rid: str, where: Location) -> Any:
    from rackcheck.codes import known_rules

    rules = {r.id: r for r in known_rules()}
    rule = rules.get(rid.upper())
    if rule is None:
        raise error(f"unknown rule {rid!r}{_close(rid.upper(), rules)}", where)
    return rule


def _option(rule: Any, opt: str, value: Any, where: Location) -> Any:
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
    _option_range(f"{rule.id}.{opt}", opt, value, where)
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


def _option_range(name: str, opt: str, value: Any, where: Location) -> None:
    """A numeric rule option is finite and within its range (`derating = nan`, `inf`,
    `-1` or `0` would silently turn a check off)."""
    import math

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


def budget(name: str, value: Any, where: Location) -> dict[str, float | None]:
    """`1200`, `"1.2 MW"` (a ceiling) or `{max = ..., min = ...}`."""
    if name not in BUDGETS:
        raise error(
            f"unknown budget {name!r}{_close(name, BUDGETS)}; budgets: "
            f"{', '.join(BUDGETS)}",
            where,
        )
    bounds = value if isinstance(value, dict) else {"max": value}
    out: dict[str, float | None] = {"max": None, "min": None}
    for k, v in bounds.items():
        if k not in out:
            raise error(f"budgets.{name}: use max and min, not {k!r}", where)
        out[k] = _amount(name, v, where)
    return out


def _amount(name: str, value: Any, where: Location) -> float:
    _, _, unit, units = BUDGETS[name]
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and 0 <= value < 1e18:  # not inf, not nan
        return float(value)
    m = re.fullmatch(r"\s*(\d+(?:\.\d*)?)\s*([A-Za-z]+)\s*", str(value))
    if isinstance(value, str) and m and m[2] in units:
        return float(m[1]) * units[m[2]]
    hint = f" or text like '1.2 {list(units)[-1]}'" if units else ""
    raise error(
        f"budgets.{name}: expected a number of {unit or 'items'}{hint}, not {value!r}",
        where,
    )


def known_ids() -> set[str]:
    from rackcheck.codes import known_ids as ids

    return ids()


def _close(word: str, choices: Any) -> str:
    near = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {near[0]!r}?)" if near else ""


# -- environment and command line -----------------------------------------------------
ENV = {
    "RACKCHECK_SELECT": "select",
    "RACKCHECK_IGNORE": "ignore",
    "RACKCHECK_EXTEND_SELECT": "extend-select",
    "RACKCHECK_EXTEND_IGNORE": "extend-ignore",
    "RACKCHECK_FAIL_ON": "fail-on",
    "RACKCHECK_REQUIRE_REASON": "require-reason",
    "RACKCHECK_INLINE_SUPPRESSIONS": "inline-suppressions",
    "RACKCHECK_BASELINE": "baseline",
}
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def text_layer(name: str, given: Mapping[str, str], origin: Mapping[str, str]) -> Layer:
    """A layer from text values (environment or command line): key -> text."""
    out: dict[str, tuple[Any, str]] = {}
    for key, raw in given.items():
        where = Location(origin[key], 1, 1)
        if key in ("select", "ignore", "extend-select", "extend-ignore"):
            items = [s.strip() for s in raw.split(",") if s.strip()]
            cols = {
                s.strip(): raw.index(s.strip()) + 1 for s in raw.split(",") if s.strip()
            }
            out[key] = (
                _id_list(items, _in_text(origin[key], cols), where),
                origin[key],
            )
        elif key == "fail-on":
            out[key] = (_severity(raw, where), origin[key])
        elif key in ("require-reason", "inline-suppressions"):
            if raw.lower() not in _TRUE + _FALSE:
                raise error(
                    f"expected 1/true/yes/on or 0/false/no/off, not {raw!r}", where
                )
            out[key] = (raw.lower() in _TRUE, origin[key])
        elif key == "baseline":
            out[key] = (str(Path(raw).resolve()), origin[key])
    return Layer(name, out)


def env_layer(env: Mapping[str, str]) -> Layer:
    given = {key: env[var] for var, key in ENV.items() if env.get(var, "") != ""}
    origin = {key: var for var, key in ENV.items()}
    layer = text_layer("environment", given, origin)
    layer.values = {k: (v, f"env {o}") for k, (v, o) in layer.values.items()}
    return layer


# -- putting it together --------------------------------------------------------------
def resolve(
    paths: list[str],
    cli: Mapping[str, str] | None = None,
    config: str | None = None,
    isolated: bool = False,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """The effective settings for checking `paths`."""
    env = os.environ if env is None else env
    layers: list[Layer] = []
    path: Path | None = None
    if config or (env.get("RACKCHECK_CONFIG") and not isolated):
        path = Path(config or env["RACKCHECK_CONFIG"])
        if not path.is_file():
            who = "--config" if config else "RACKCHECK_CONFIG"
            what = _what(path)
            raise error(f"{who}: {what} {str(path)!r}", Location(str(path), 1, 1))
    elif not isolated:
        path = find_config(paths)
    if path is not None:
        layers += read_file(path)
    layers.append(env_layer(env))
    if cli:
        origin = {k: f"command line --{k}" for k in cli}
        layers.append(text_layer("command line", cli, origin))
    settings = merge(layers)
    settings.config_file = _shown(path) if path is not None else None
    return settings


def merge(layers: list[Layer]) -> Settings:
    s = Settings()
    origins = {
        "select": "default",
        "ignore": "default",
        "fail-on": "default",
        "require-reason": "default",
        "inline-suppressions": "default",
    }
    lists: dict[str, list[str]] = {"select": list(s.select), "ignore": []}
    extra: dict[str, list[tuple[str, str]]] = {"select": [], "ignore": []}
    for layer in layers:
        for key, (value, origin) in layer.values.items():
            if key in ("select", "ignore"):
                lists[key], extra[key] = list(value), []
                origins[key] = origin
            elif key in ("extend-select", "extend-ignore"):
                extra[key.split("-")[1]] += [(v, origin) for v in value]
            else:
                origins[key] = origin
                _set(s, key, value)
    s.select = lists["select"] + [v for v, _ in extra["select"]]
    s.ignore = lists["ignore"] + [v for v, _ in extra["ignore"]]
    for which in ("select", "ignore"):
        if extra[which]:
            origins[f"extend-{which}"] = ", ".join(
                dict.fromkeys(o for _, o in extra[which])
            )
    s.origins = origins
    return s


def _set(s: Settings, key: str, value: Any) -> None:
    if key == "fail-on":
        s.fail_on = value
    elif key == "require-reason":
        s.require_reason = value
    elif key == "inline-suppressions":
        s.inline_suppressions = value
    elif key == "baseline":
        s.baseline = value
    elif key.startswith("severity."):
        s.severity[key.split(".", 1)[1]] = value
    elif key.startswith("options."):
        _, rid, opt = key.split(".", 2)
        s.options.setdefault(rid, {})[opt] = value
    elif key.startswith("budgets."):
        s.budgets[key.split(".", 1)[1]] = value


# -- showing --------------------------------------------------------------------------
def show(s: Settings) -> list[tuple[str, Any, str]]:
    """(setting, value, origin) for every effective setting, as `config show` prints."""
    from rackcheck.rules import all_rules

    o = s.origins
    rows: list[tuple[str, Any, str]] = [
        ("select", s.select, o.get("select", "default")),
        ("ignore", s.ignore, o.get("ignore", "default")),
    ]
    for which in ("extend-select", "extend-ignore"):
        if which in o:
            rows.append((which, "(added above)", o[which]))
    rows += [
        ("fail-on", str(s.fail_on) if s.fail_on else None, o.get("fail-on", "default")),
        (
            "inline-suppressions",
            s.inline_suppressions,
            o.get("inline-suppressions", "default"),
        ),
        ("require-reason", s.require_reason, o.get("require-reason", "default")),
        (
            "baseline",
            _shown(Path(s.baseline)) if s.baseline else None,
            o.get("baseline", "default"),
        ),
    ]
    for rid, sev in sorted(s.severity.items()):
        rows.append((f"severity.{rid}", str(sev), o.get(f"severity.{rid}", "?")))
    for rule in all_rules():
        for opt, default in rule.option_defaults().items():
            key = f"options.{rule.id}.{opt}"
            value = s.options.get(rule.id, {}).get(opt, default)
            rows.append((f"rules.{rule.id}.{opt}", value, o.get(key, "default")))
    for name, bounds in s.budgets.items():
        _, label, unit, _ = BUDGETS[name]
        u = f" {unit}" if unit else ""
        limit = " and ".join(
            f"{'<=' if k == 'max' else '>='} {v:g}{u}"
            for k, v in bounds.items()
            if v is not None
        )
        rows.append(
            (f"budgets.{name}", f"{label} {limit}", o.get(f"budgets.{name}", "?"))
        )
    return rows
