"""Putting settings together: defaults < config file (its `extend`ed files first) <
environment (`RACKCHECK_...`) < command line, every setting with where it came from
(`file:line:col`, `env RACKCHECK_X`, `command line --x`, `default`), and `config show`.
Which settings there are, and their variables and flags: settings/table.py."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from rackcheck.findings import Location
from rackcheck.settings import Settings, default
from rackcheck.settings import values as v
from rackcheck.settings.table import BY_KEY, SETTINGS
from rackcheck.settings.toml import Layer, find_config, read_file, shown, what

ENV = {s.env: s.key for s in SETTINGS if s.env and s.kind != "run"}


def text_layer(name: str, given: Mapping[str, Any], origin: Mapping[str, str]) -> Layer:
    """A layer from the environment or the command line: key -> text (or, from a
    command-line flag, the value the flag stands for)."""
    out: dict[str, tuple[Any, str]] = {}
    for key, raw in given.items():
        where, kind = Location(origin[key], 1, 1), BY_KEY[key].kind
        if not isinstance(raw, str):  # a flag: --require-reason, --no-inline-...
            out[key] = (raw, origin[key])
        elif kind == "ids":
            out[key] = (v.id_text(raw, origin[key], where), origin[key])
        elif kind == "severity":
            out[key] = (v.severity(raw, where), origin[key])
        elif kind == "bool":
            out[key] = (v.bool_text(raw, where), origin[key])
        elif kind == "path":
            out[key] = (str(Path(raw).resolve()), origin[key])
    return Layer(name, out)


def env_layer(env: Mapping[str, str]) -> Layer:
    """Errors located at `RACKCHECK_X:1:col`, values from `env RACKCHECK_X`."""
    given = {key: env[var] for var, key in ENV.items() if env.get(var, "") != ""}
    layer = text_layer("environment", given, {k: var for var, k in ENV.items()})
    layer.values = {k: (x, f"env {o}") for k, (x, o) in layer.values.items()}
    return layer


def cli_layer(given: Mapping[str, Any]) -> Layer:
    """Values given on the command line, by setting key (`{"require-reason": True}`)."""
    origin = {k: f"command line --{k}" for k in given}
    return text_layer("command line", given, origin)


def command_line(kw: Mapping[str, Any]) -> dict[str, Any]:
    """The settings given as command-line options (click keywords), by key."""
    out: dict[str, Any] = {}
    for s in SETTINGS:
        if s.flag and s.kind != "run":
            given = kw.get(s.param)
            if s.flag_value is not None:
                given = s.flag_value if given else None
            if given is not None:
                out[s.key] = given
    return out


def resolve(
    paths: list[str],
    cli: Mapping[str, Any] | None = None,
    config: str | None = None,
    isolated: bool = False,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """The effective settings for checking `paths`."""
    env = os.environ if env is None else env
    var = BY_KEY["config"].env
    layers: list[Layer] = []
    path: Path | None = None
    if config or (env.get(var) and not isolated):
        path = Path(config or env[var])
        if not path.is_file():
            who = BY_KEY["config"].flag if config else var
            raise v.error(
                f"{who}: {what(path)} {str(path)!r}", Location(str(path), 1, 1)
            )
    elif not isolated:
        path = find_config(paths)
    if path is not None:
        layers += read_file(path)
    layers.append(env_layer(env))
    if cli:
        layers.append(cli_layer(cli))
    return replace(merge(layers), config_file=shown(path) if path else None)


def merge(layers: list[Layer]) -> Settings:
    """One Settings from layers, later ones winning; `extend-*` adds to the list of
    the last layer that set it."""
    fields: dict[str, Any] = {s.field: default(s.key) for s in SETTINGS if s.field}
    fields.update(severity={}, options={}, budgets={})
    origins = {s.key: "default" for s in SETTINGS if s.field and s.default is not None}
    extra: dict[str, list[tuple[str, str]]] = {"select": [], "ignore": []}
    for layer in layers:
        for key, (value, origin) in layer.values.items():
            s = BY_KEY.get(key)
            if s is not None and s.extends:
                extra[s.extends] += [(x, origin) for x in value]
                continue
            if s is not None and s.kind == "ids":
                extra[key] = []
            origins[key] = origin
            _set(fields, key, value)
    for which, added in extra.items():
        fields[which] = fields[which] + [x for x, _ in added]
        if added:
            origins[f"extend-{which}"] = ", ".join(dict.fromkeys(o for _, o in added))
    return Settings(**fields, origins=origins)


def _set(fields: dict[str, Any], key: str, value: object) -> None:
    section, _, rest = key.partition(".")
    if not rest:
        fields[BY_KEY[key].field] = list(value) if isinstance(value, list) else value
    elif section == "options":
        rid, opt = rest.split(".", 1)
        fields["options"].setdefault(rid, {})[opt] = value
    else:  # severity.X, budgets.X
        fields[section][rest] = value


def show(s: Settings) -> list[tuple[str, object, str]]:
    """(setting, value, origin) for every effective setting, as `config show` prints:
    the rule selection first, then the other settings in the table's order, then
    severities, rule options and budgets."""
    from rackcheck.rules import all_rules

    o = s.origins
    rows: list[tuple[str, object, str]] = []
    plain = [x for x in SETTINGS if x.kind in ("ids", "severity", "bool", "path")]
    for x in sorted(plain, key=lambda x: x.kind != "ids"):
        if x.extends:
            if x.key in o:
                rows.append((x.key, "(added above)", o[x.key]))
            continue
        value = getattr(s, x.field)
        if x.kind == "severity":
            value = str(value) if value else None
        elif x.kind == "path":
            value = shown(Path(value)) if value else None
        rows.append((x.key, value, o.get(x.key, "default")))
    for rid, sev in sorted(s.severity.items()):
        rows.append((f"severity.{rid}", str(sev), o.get(f"severity.{rid}", "?")))
    for rule in all_rules():
        for opt, value in rule.option_defaults().items():
            key = f"options.{rule.id}.{opt}"
            value = s.options.get(rule.id, {}).get(opt, value)
            rows.append((f"rules.{rule.id}.{opt}", value, o.get(key, "default")))
    rows += [_budget_row(s, name, bounds) for name, bounds in s.budgets.items()]
    return rows


def _budget_row(
    s: Settings, name: str, bounds: dict[str, float | None]
) -> tuple[str, str, str]:
    from rackcheck.figures import BUDGETS

    fig = BUDGETS[name]
    u = f" {fig.unit}" if fig.unit else ""
    limit = " and ".join(
        f"{'<=' if k == 'max' else '>='} {x:g}{u}"
        for k, x in bounds.items()
        if x is not None
    )
    origin = s.origins.get(f"budgets.{name}", "?")
    return (f"budgets.{name}", f"{fig.limits} {limit}", origin)
