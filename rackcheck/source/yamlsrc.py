"""Load YAML safely and remember where every key and value stands.

PyYAML's composer (with the libyaml C loader where installed) gives a node tree with
marks; we turn it into plain dicts/lists/scalars and a SourceMap from the data path
(``("racks", 0, "pdus", 1, "model")``) to the 1-based line and column of the value and,
for mapping entries, of the key. Only the safe tags are resolved: no Python objects.

Plain scalars are read as YAML 1.2 (core schema), not as PyYAML's YAML 1.1: `NO` and
`off` stay text, `1:20` stays text (1.1 read it as sexagesimal 80). An integer with a
leading zero (`040`, octal 32 to YAML 1.1, 40 to YAML 1.2) is refused as ambiguous.
Integers beyond 2**63, non-finite numbers, recursive aliases, files over MAX_BYTES and
documents of more than MAX_NODES values are refused with their location.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from rackcheck.findings import Finding, InputError, Location, Severity

try:  # the C loader is ~10x faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

Path_ = tuple[str | int, ...]
MAX_NODES = 250_000  # values in one document, aliases expanded
MAX_BYTES = 4 * 1024 * 1024  # a design or catalog file (docs/design-format.md#limits)
MAX_INT = 2**63 - 1
# Collections nested in collections, the root's level 1: libyaml's own limit (PyYAML
# 6.0.4 and later) and ours for every PyYAML build, so that the message, its place and
# the absence of a RecursionError do not depend on the installed version.
MAX_DEPTH = 1000
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
    """A path as users see it: relative to the working directory where possible. A
    name that is not UTF-8 shows U+FFFD for its odd bytes (every output is UTF-8)."""
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _err(path: str, message: str, mark: Any, code: str = "INP001") -> InputError:
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return InputError(
        [Finding(code, Severity.ERROR, message, Location(path, line, col))]
    )


def load_yaml(path: str | Path, display: str | None = None) -> Document:
    """Read one YAML file; raise InputError (located) on anything unreadable."""
    shown = display or str(path)
    try:
        raw = _read_limited(Path(path))
    except OSError as exc:
        raise _err(shown, f"cannot read file: {exc.strerror}", None) from None
    if raw is None:
        raise _err(
            shown,
            f"file is larger than {MAX_BYTES // 2**20} MiB, the most rackcheck reads; "
            "write repeated racks and devices with ranges (`r{01..64}`) and `count:`",
            None,
            "INP007",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _err(shown, f"file is not UTF-8: {exc.reason}", None) from None
    return load_yaml_text(text, shown)


def _read_limited(path: Path) -> bytes | None:
    """The file's bytes, or None when it is larger than MAX_BYTES (never read whole).
    Only regular files are opened: a FIFO would block, a device never end."""
    import stat

    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise OSError(0, f"not a regular file ({file_kind(st.st_mode)})")
    if st.st_size > MAX_BYTES:
        return None
    with path.open("rb") as fh:
        raw = fh.read(MAX_BYTES + 1)
    return None if len(raw) > MAX_BYTES else raw


def file_kind(mode: int) -> str:
    """What a stat mode is, in words: 'a FIFO', 'a device', 'a folder' ..."""
    import stat

    for test, word in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return word
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def load_yaml_text(text: str, shown: str) -> Document:
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        raise _err(shown, f"YAML syntax error: {problem}", mark) from None
    except yaml.reader.ReaderError as exc:  # control characters: no mark, a position
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character
        code = char if isinstance(char, int) else ord(char)
        why = f"character {code:#06x} is not allowed in YAML"
        loc = Location(shown, line, col)
        raise InputError([Finding("INP001", Severity.ERROR, why, loc)]) from None
    except yaml.YAMLError as exc:
        raise _err(shown, f"YAML error: {exc}", getattr(exc, "mark", None)) from None
    except RecursionError:  # nesting thousands deep
        raise _err(shown, "YAML nested too deeply", None) from None
    if len(nodes) > 1:
        raise _err(
            shown, "expected one YAML document, found several", nodes[1].start_mark
        )
    smap = SourceMap(shown)
    if not nodes or nodes[0] is None:
        return Document(None, smap, text)
    builder = _Builder(shown, smap)
    # Three frames per level of nesting: room for MAX_DEPTH levels, then put back.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4 * MAX_DEPTH + 500))
    try:
        data = builder.build(nodes[0], ())
    finally:
        sys.setrecursionlimit(limit)
    return Document(data, smap, text)


class _Builder:
    """Turn a composed node tree into data, recording marks. Safe tags only."""

    def __init__(self, shown: str, smap: SourceMap) -> None:
        self.shown = shown
        self.smap = smap
        self.count = 0
        self.open: set[int] = set()  # collection nodes being built: an alias cycle
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
        if collection:
            if len(path) >= MAX_DEPTH:  # the root is level 1, its children level 2
                raise _err(
                    self.shown,
                    "YAML syntax error: exceeded maximum nesting depth",
                    node.start_mark,
                )
            if id(node) in self.open:
                raise _err(
                    self.shown,
                    "recursive alias: this value contains itself",
                    node.start_mark,
                )
            self.open.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self.open.discard(id(node))
        return self.scalar(node)

    def _collection(self, node: yaml.Node, path: Path_) -> Any:
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _err(
                        self.shown,
                        "YAML merge keys (<<) are not supported",
                        key_node.start_mark,
                    )
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _err(
                        self.shown, "mapping keys must be text", key_node.start_mark
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
        return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise _err(self.shown, "expected a plain value here", node.start_mark)
        plain = node.style in (None, "")
        if not plain and node.tag == _STR:  # quoted or block text: the common case
            return node.value
        ok, value = _classify(node.value, node.tag, plain)
        if ok is None:  # an explicit standard tag: PyYAML constructs it
            value = self._construct(node)
        elif not ok:
            raise _err(self.shown, value, node.start_mark)
        return value

    def _construct(self, node: yaml.ScalarNode) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise _err(
                self.shown, f"cannot read value: {problem}", node.start_mark
            ) from None
        if isinstance(value, (bytes, bytearray)):
            raise _err(self.shown, "binary values are not allowed", node.start_mark)
        if isinstance(value, float) and not math.isfinite(value):
            raise _err(self.shown, f"{_short(node.value)} is not a finite number",
                       node.start_mark)  # fmt: skip
        if isinstance(value, int) and abs(value) > MAX_INT:
            raise _err(self.shown, f"integer {_short(node.value)} is too large",
                       node.start_mark)  # fmt: skip
        if not isinstance(value, (str, int, float, bool, type(None))):
            value = str(value)  # dates and timestamps stay text
        return value


_RESOLVER = yaml.SafeLoader("")


@lru_cache(maxsize=65536)
def _classify(text: str, tag: str, plain: bool) -> tuple[bool | None, Any]:
    """(True, value) read by YAML 1.2 core rules; (False, message) refused; (None,
    None) for an explicit standard tag, which PyYAML constructs."""
    if tag not in _SAFE_TAGS:
        return False, f"tag {tag!r} is not allowed"
    if not plain or tag != _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)):
        return None, None  # written with an explicit tag (`!!str 040`): kept
    core = next((t for t, pattern in _CORE if pattern.match(text)), _STR)
    if core == _STR:
        return True, text
    if core == _NULL:
        return True, None
    if core == _BOOL:
        return True, text.lower() == "true"
    if core == _INT:
        if _LEADING_ZERO.match(text):
            return False, (
                f"{text!r}: a leading zero is ambiguous (YAML 1.1 reads it as octal "
                f"{_octal(text)}); write {int(text)!r}, or quote it to mean text"
            )
        if len(text.lstrip("+-0")) > 19 or abs(int(text, 0)) > MAX_INT:
            return False, f"integer {_short(text)} is too large"
        return True, int(text, 0)
    if text.lstrip("+-").lower() in (".inf", ".nan"):
        return False, f"{text} is not a finite number"
    value = float(text)
    if not math.isfinite(value):
        return False, f"{_short(text)} is not a finite number"
    return True, value


_STR, _INT, _FLOAT = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float"))
_NULL, _BOOL = "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"
_SAFE_TAGS = {_STR, _INT, _FLOAT, _NULL, _BOOL} | {
    f"tag:yaml.org,2002:{t}" for t in ("timestamp", "merge", "value")
}
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema), plus 0o/0x.
_CORE = (
    (_NULL, re.compile(r"^(?:~|null|Null|NULL|)$")),
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")),
    (_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")),
    (
        _FLOAT,
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
    ),
)


def _octal(text: str) -> str:
    try:
        return str(int(text.replace("_", ""), 8))
    except ValueError:
        return "a different number"


def _short(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:12]}...({len(text)} characters)"
