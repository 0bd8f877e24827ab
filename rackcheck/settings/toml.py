"""Config files: `[tool.rackcheck]` in pyproject.toml, or rackcheck.toml.

The file is found upward from the checked paths; its `extend`ed files are read first.
Each value is checked as its setting's kind says (settings/table.py) and recorded with
where it stands (`file:line:col`); an error is a located CFG001 (exit 2).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rackcheck.findings import Location
from rackcheck.settings import values as v
from rackcheck.settings.table import BY_KEY, FILE_KEYS

CONFIG_NAMES = ("rackcheck.toml", ".rackcheck.toml", "pyproject.toml")


@dataclass
class Layer:
    """The settings one source gives: key -> (value, origin)."""

    name: str
    values: dict[str, tuple[Any, str]]


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


def shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def what(path: Path) -> str:
    """'no such config file', or what the path is instead (a FIFO, a folder ...)."""
    from rackcheck.source.yamlsrc import file_kind

    try:
        return f"not a config file but {file_kind(path.stat().st_mode)}:"
    except OSError:
        return "no such config file"


def _text(path: Path, name: str) -> str:
    try:
        if not path.is_file():
            raise v.error(f"config file is {what(path)}", Location(name, 1, 1))
        if path.stat().st_size > 16 * 1024 * 1024:
            raise v.error("config file is larger than 16 MiB", Location(name, 1, 1))
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise v.error(f"cannot read config file: {exc}", Location(name, 1, 1)) from None


def _toml(text: str, name: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise v.error("TOML nested too deeply", Location(name, 1, 1)) from None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        end = text.split("\n")
        line, col = (int(m[1]), int(m[2])) if m else (len(end), len(end[-1]) + 1)
        msg = re.sub(r"\s*\(at line.*?\)", "", str(exc))
        raise v.error(f"TOML syntax error: {msg}", Location(name, line, col)) from None


def read_file(path: Path, seen: tuple[Path, ...] = ()) -> list[Layer]:
    """The layers of one config file: those it `extend`s first, then its own."""
    name = shown(path)
    if path.resolve() in seen:
        chain = " -> ".join(shown(p) for p in (*seen, path.resolve()))
        raise v.error(
            f"config files extend each other in a cycle: {chain}", Location(name, 1, 1)
        )
    text = _text(path, name)
    data: Any = _toml(text, name)
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        prefix = ("tool", "rackcheck")
        tool = data.get("tool", {})
        data = tool.get("rackcheck", {}) if isinstance(tool, dict) else tool
    src = Source(name, text, prefix, path.parent)
    if not isinstance(data, dict):
        raise v.error("[tool.rackcheck] must be a table", src.at())
    layers: list[Layer] = []
    if "extend" in data:
        base = data["extend"]
        if not isinstance(base, str):
            raise v.error(
                "extend: expected the path of another config file", src.at("extend")
            )
        target = (path.parent / base).resolve()
        if not target.is_file():
            raise v.error(
                f"extend: no such file {base!r} (relative to {name})", src.at("extend")
            )
        layers += read_file(target, (*seen, path.resolve()))
    layers.append(Layer(name, parse_table(data, src)))
    return layers


class Source:
    """Where keys of one TOML file stand, found by scanning its text."""

    def __init__(self, name: str, text: str, prefix: tuple[str, ...], folder: Path):
        self.shown, self.lines = name, text.splitlines()
        self.prefix, self.folder = prefix, folder

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


def parse_table(data: dict[str, Any], src: Source) -> dict[str, tuple[Any, str]]:
    """Validate one `[tool.rackcheck]` table into key -> (value, origin), each key as
    its setting's kind says."""
    out: dict[str, tuple[Any, str]] = {}
    for key, value in data.items():
        if key not in FILE_KEYS:
            raise v.error(f"unknown key {key!r}{v.close(key, FILE_KEYS)}", src.at(key))
        where, kind = src.at(key), BY_KEY[key].kind
        if kind == "ids":
            locate = lambda item, key=key: src.at(key, value=item)  # noqa: E731
            out[key] = (v.id_list(value, locate, where), str(where))
        elif kind == "severity":
            out[key] = (v.severity(value, where), str(where))
        elif kind == "bool":
            out[key] = (v.boolean(key, value, where), str(where))
        elif kind == "path":
            if not isinstance(value, str):
                raise v.error(f"{key}: expected the path of a baseline file", where)
            out[key] = (str((src.folder / value).resolve()), str(where))
        elif kind in ("severities", "options", "budgets"):
            out.update(_sub_table(key, kind, v.table(value, key, where), src))
    return out


def _sub_table(
    key: str, kind: str, table: dict[str, Any], src: Source
) -> dict[str, tuple[Any, str]]:
    """`[severity]`, `[rules.X]` and `[budgets]` entries: key -> (value, origin)."""
    out: dict[str, tuple[Any, str]] = {}
    for name, value in table.items():
        loc = src.at(key, name)
        if kind == "severities":
            v.rule(name, loc)
            out[f"severity.{name.upper()}"] = (v.severity(value, loc), str(loc))
        elif kind == "budgets":
            out[f"budgets.{name}"] = (v.budget(name, value, loc), str(loc))
        else:
            rule = v.rule(name, loc)
            for opt, x in v.table(value, f"rules.{name}", loc).items():
                oloc = src.at(key, name, opt)
                out[f"options.{rule.id}.{opt}"] = (
                    v.option(rule, opt, x, oloc),
                    str(oloc),
                )
    return out
