"""Load YAML safely and remember where every key and value stands.

PyYAML's composer (with the libyaml C loader where installed) gives a node tree with
marks; we turn it into plain dicts/lists/scalars and a SourceMap from the data path
(``("racks", 0, "pdus", 1, "model")``) to the 1-based line and column of the value and,
for mapping entries, of the key. Only the safe tags are resolved: no Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rackcheck.findings import Finding, InputError, Location, Severity

try:  # the C loader is ~10x faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

Path_ = tuple[str | int, ...]
MAX_NODES = 2_000_000
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one document stands."""

    path: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def at(self, data_path: Path_, key: bool = False) -> Location:
        """The location of `data_path`, or of its nearest ancestor that is known."""
        table = self.keys if key else self.values
        p = tuple(data_path)
        while p:
            if p in table:
                return Location(self.path, *table[p])
            if p in self.values:
                return Location(self.path, *self.values[p])
            p = p[:-1]
        return Location(self.path, *self.values.get((), (1, 1)))


@dataclass
class Document:
    data: Any
    source: SourceMap
    text: str


def shown_path(path: Path) -> str:
    """A path as users see it: relative to the working directory where possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _err(path: str, message: str, mark: Any, code: str = "INP001") -> InputError:
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return InputError(
        [Finding(code, Severity.ERROR, message, Location(path, line, col))]
    )


def load_yaml(path: str | Path, display: str | None = None) -> Document:
    """Read one YAML file; raise InputError (located) on anything unreadable."""
    shown = display or str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise _err(shown, f"cannot read file: {exc.strerror}", None) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _err(shown, f"file is not UTF-8: {exc.reason}", None) from None
    return load_yaml_text(text, shown)


def load_yaml_text(text: str, shown: str) -> Document:
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        raise _err(shown, f"YAML syntax error: {problem}", mark) from None
    except yaml.YAMLError as exc:  # e.g. reader errors on control characters
        raise _err(shown, f"YAML error: {exc}", getattr(exc, "mark", None)) from None
    if len(nodes) > 1:
        raise _err(
            shown, "expected one YAML document, found several", nodes[1].start_mark
        )
    smap = SourceMap(shown)
    if not nodes or nodes[0] is None:
        return Document(None, smap, text)
    builder = _Builder(shown, smap)
    data = builder.build(nodes[0], ())
    return Document(data, smap, text)


class _Builder:
    """Turn a composed node tree into data, recording marks. Safe tags only."""

    def __init__(self, shown: str, smap: SourceMap) -> None:
        self.shown = shown
        self.smap = smap
        self.count = 0
        self.constructor = yaml.SafeLoader("")  # only for its safe scalar resolution

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:  # aliases can expand a small file enormously
            raise _err(
                self.shown,
                f"document expands to more than {MAX_NODES} values",
                node.start_mark,
            )
        self.smap.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        collection = isinstance(node, (yaml.MappingNode, yaml.SequenceNode))
        if collection and node.tag not in _PLAIN_TAGS:
            raise _err(self.shown, f"tag {node.tag!r} is not allowed", node.start_mark)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _err(
                        self.shown,
                        "YAML merge keys (<<) are not supported",
                        key_node.start_mark,
                    )
                key = self.scalar(key_node)
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    raise _err(
                        self.shown, "mapping keys must be text", key_node.start_mark
                    )
                key = str(key)
                if key in out:
                    raise _err(
                        self.shown,
                        f"duplicate key {key!r}",
                        key_node.start_mark,
                        "INP005",
                    )
                sub = (*path, key)
                self.smap.keys[sub] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
                out[key] = self.build(value_node, sub)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise _err(self.shown, "expected a plain value here", node.start_mark)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise _err(
                self.shown, f"cannot read value: {problem}", node.start_mark
            ) from None
        if isinstance(value, (bytes, bytearray)):
            raise _err(self.shown, "binary values are not allowed", node.start_mark)
        if not isinstance(value, (str, int, float, bool, type(None))):
            value = str(value)  # dates and timestamps stay text
        return value
