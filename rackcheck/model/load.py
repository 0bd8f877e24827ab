"""Validate YAML documents against the pydantic models, locating every error."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from rackcheck.findings import Finding, InputError, Location, Severity
from rackcheck.model.fields import UnitValueError
from rackcheck.model.refs import already_defined
from rackcheck.source import Document, SourceMap, load_yaml, shown_path

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from rackcheck.model.catalog import Entry

M = TypeVar("M", bound=BaseModel)

_PACKAGE = Path(__file__).resolve().parent.parent
# Installed wheels carry the catalogs inside the package; a source checkout has them at
# the top of the repository.
CATALOG_DIR = (
    _PACKAGE / "_catalogs"
    if (_PACKAGE / "_catalogs").is_dir()
    else _PACKAGE.parent / "catalogs"
)


def _data_path(loc: tuple[Any, ...], smap: SourceMap) -> tuple[str | int, ...]:
    """pydantic's loc has union tags and validator names in it; keep what the YAML has."""
    path: tuple[str | int, ...] = ()
    for part in loc:
        cand = (*path, part)
        if cand in smap.values or cand in smap.keys:
            path = cand
    return path


def _message(err: dict[str, Any], loc: tuple[Any, ...]) -> tuple[str, bool]:
    """(message, point at the key?) for one pydantic error."""
    kind = err["type"]
    last = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        return f"unknown key {last!r}", True
    if kind == "missing":
        return f"missing required key {last!r}", False
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        return (
            f"kind {ctx.get('tag')!r} is not one of {ctx.get('expected_tags')}",
            False,
        )
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    where = f"{last}: " if isinstance(last, str) and last else ""
    return f"{where}{msg}", False


def _named(loc: tuple[Any, ...], path: tuple[Any, ...], kind: str) -> tuple[Any, ...]:
    """pydantic's loc may end in a union tag (`constrained-str`) or a list index: name
    the YAML key the value stands under instead."""
    keys = [p for p in path if isinstance(p, str)]
    if not keys or kind in ("extra_forbidden", "missing"):
        return loc
    return (*loc[:-1], keys[-1])


def _specific(errors: list[Any]) -> list[Any]:
    """Of a union's errors at one place (`position`: an int or a list), drop the
    "should be a <type>" ones when a more specific error is there too."""
    by_loc: dict[tuple[Any, ...], list[Any]] = {}
    for err in errors:
        by_loc.setdefault(_value_loc(tuple(err["loc"])), []).append(err)
    out = []
    for group in by_loc.values():
        specific = [e for e in group if not _type_error(e)]
        out += specific or group
    return out


def _type_error(err: Any) -> bool:
    kind = str(err["type"])
    return kind.endswith("_type") or kind == "model_type"


def _value_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The loc without pydantic's union member tags (text with '[' or '-')."""
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or "-" in p)))


def _located(
    exc: ValidationError, doc: Document, prefix: tuple[Any, ...] = ()
) -> InputError:
    """Each pydantic error as a finding located in the YAML file (`prefix`: where the
    validated value stands in the document)."""
    findings = []
    for err in _specific(exc.errors(include_url=False)):
        loc = (*prefix, *err["loc"])
        path = _data_path(loc, doc.source)
        message, at_key = _message(dict(err), _named(loc, path, err["type"]))
        if at_key and path in doc.source.keys:
            where = doc.source.at(path, key=True)
        else:
            where = doc.source.at(path)
        cause = err.get("ctx", {}).get("error")
        code = "INP003" if isinstance(cause, UnitValueError) else "INP002"
        findings.append(Finding(code, Severity.ERROR, message, where))
    findings.sort(key=Finding.sort_key)
    return InputError(findings)


def validate(doc: Document, model: type[M]) -> M:
    """`model.model_validate(doc.data)`, with each error located in the YAML file."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise _located(exc, doc) from None


@lru_cache(maxsize=1)
def _component_adapter() -> TypeAdapter[Entry]:
    from pydantic import TypeAdapter

    from rackcheck.model.catalog import Component

    adapter: TypeAdapter[Entry] = TypeAdapter(Component)
    return adapter


def validate_entry(raw: object) -> Entry:
    """One catalog entry, validated. An entry of a known `kind` is validated by that
    kind's model alone, so a design of servers and PDUs builds no validator for CDUs
    or optics (docs/performance.md); errors are the same, less pydantic's union tag,
    which no location or message uses. Anything else goes through the whole union,
    for its messages (`kind 'x' is not one of ...`)."""
    from rackcheck.model.catalog import BY_KIND

    model = BY_KIND.get(raw.get("kind")) if isinstance(raw, dict) else None
    if model is None:
        return _component_adapter().validate_python(raw)
    return model.model_validate(raw)


class _CatalogFile:
    """One catalog file, parsed (with positions) the first time an entry is needed."""

    def __init__(self, path: Path, shown: str, doc: Document | None = None) -> None:
        self.path, self.shown, self._doc = path, shown, doc

    def doc(self) -> Document:
        if self._doc is None:
            self._doc = load_yaml(self.path, self.shown)
        return self._doc

    def entry(self, ident: str) -> tuple[Document, int]:
        doc = self.doc()
        for i, entry in enumerate(doc.data["components"]):
            if isinstance(entry, dict) and entry.get("id") == ident:
                return doc, i
        raise KeyError(ident)


# A bundled catalog file lists its entries as `  - id: NAME` lines (catalog lint and
# the tests hold it to that), so their ids are found without parsing the YAML.
_ITEM_LINE = re.compile(r"^  - (.*)$", re.M)
_ID = re.compile(r"id: ([a-z0-9][a-z0-9._-]*)[ \t]*")


def scan_ids(text: str) -> list[tuple[str, int]] | None:
    """(id, line) of each entry of a catalog file in the bundled layout, or None when
    the file is laid out otherwise (then it is parsed)."""
    found, line, pos = [], 1, 0
    for m in _ITEM_LINE.finditer(text):
        ident = _ID.fullmatch(m.group(1))
        if ident is None:
            return None
        line += text.count("\n", pos, m.start())
        pos = m.start()
        found.append((ident.group(1), line))
    return found or None


_ALIASES = re.compile(r"^    aliases: \[([^\]\n]*)\][ \t]*$", re.M)


def scan_aliases(text: str) -> list[tuple[str, str]]:
    """(old id, id) for each `    aliases: [old, ...]` line of a catalog file in the
    bundled layout, each given to the entry whose `  - id:` line comes before it."""
    starts = [(m.start(), m.group(1)) for m in _ITEM_LINE.finditer(text)]
    out = []
    for m in _ALIASES.finditer(text):
        owner = [i for pos, i in starts if pos < m.start()]
        ident = _ID.fullmatch(owner[-1]) if owner else None
        if ident is None:
            continue
        for old in m.group(1).split(","):
            if old.strip():
                out.append((old.strip().strip("'\""), ident.group(1)))
    return out


class Components(Mapping[str, "Entry"]):
    """Catalog entries by id, each validated the first time it is looked up.

    A design names a handful of the catalog's entries; parsing and validating (and
    reading every unit of) hundreds of others would make every check pay for the
    catalog's breadth. `rackcheck catalog lint` and the test suite validate them all.
    """

    def __init__(self) -> None:
        self._raw: dict[str, _CatalogFile] = {}
        self._done: dict[str, Entry] = {}

    def add_raw(self, ident: str, file: _CatalogFile) -> None:
        self._raw[ident] = file

    def __setitem__(self, ident: str, comp: Entry) -> None:
        self._done[ident] = comp
        self._raw.pop(ident, None)

    def __getitem__(self, ident: str) -> Entry:
        if ident in self._done:
            return self._done[ident]
        doc, index = self._raw[ident].entry(ident)
        try:
            comp = validate_entry(doc.data["components"][index])
        except ValidationError as exc:
            raise _located(exc, doc, ("components", index)) from None
        self._done[ident] = comp
        return comp

    def kind(self, ident: str) -> str:
        """An entry's kind, without validating it."""
        if ident in self._done:
            return str(self._done[ident].kind)
        doc, index = self._raw[ident].entry(ident)
        return str(doc.data["components"][index].get("kind", ""))

    def __contains__(self, ident: object) -> bool:
        return ident in self._done or ident in self._raw

    def __iter__(self) -> Iterator[str]:
        yield from self._done
        yield from (k for k in self._raw if k not in self._done)

    def __len__(self) -> int:
        return len(self._done) + len(self._raw)

    def copy(self) -> Components:
        other = Components()
        other._raw = dict(self._raw)
        other._done = dict(self._done)
        return other


def _entry_ids(doc: Document) -> list[tuple[int, str]]:
    """(index, id) of each entry of a catalog file, after checking the file's shape."""
    data = doc.data
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if not isinstance(data, dict):
        raise InputError([Finding("INP002", Severity.ERROR,
                                  "a catalog file is a mapping with 'catalog: 1' and "
                                  "'components:'", doc.source.at(()))])  # fmt: skip
    if data.get("catalog") != 1:
        problems.append((("catalog",), "catalog: expected 1 (the format version)"))
    comps = data.get("components")
    if not isinstance(comps, list):
        problems.append((("components",), "components: expected a list of entries"))
        comps = []
    unknown = sorted(set(data) - {"catalog", "components"})
    problems += [((k,), f"unknown key {k!r}") for k in unknown]
    out = []
    for i, entry in enumerate(comps):
        ident = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(ident, str):
            problems.append((("components", i), "an entry needs an 'id' (a string)"))
            continue
        out.append((i, ident))
    if problems:
        raise InputError([Finding("INP002", Severity.ERROR, m, doc.source.at(p))
                          for p, m in problems])  # fmt: skip
    return out


@dataclass
class Catalog:
    """All components by id, with where each was defined."""

    components: Components = field(default_factory=Components)
    where: dict[str, Location] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # old id -> id

    def add_file(self, path: Path, shown: str, lazy: bool = False) -> None:
        """Read one catalog file. `lazy` (the bundled catalog): find its ids by their
        lines and parse and validate an entry when it is first looked up; otherwise
        now, so that a user's catalog reports every error at once."""
        ids, text = None, ""
        if lazy:
            try:
                text = path.read_text(encoding="utf-8")
                ids = scan_ids(text)
            except (OSError, UnicodeDecodeError):
                ids = None
        if ids is not None:
            file = _CatalogFile(path, shown)
            located = [(ident, Location(shown, line, 9)) for ident, line in ids]
            aliases = scan_aliases(text)
        else:
            doc = load_yaml(path, shown)
            file = _CatalogFile(path, shown, doc)
            located = [(ident, doc.source.at(("components", i, "id")))
                       for i, ident in _entry_ids(doc)]  # fmt: skip
            aliases = _parsed_aliases(doc)
        errors = []
        for ident, loc in located:
            if ident in self.components:
                errors.append(
                    already_defined("component id", ident, self.where[ident], loc)
                )
                continue
            self.components.add_raw(ident, file)
            self.where[ident] = loc
        for old, ident in aliases:
            self.renamed.setdefault(old, ident)
        if not lazy:
            for ident, _ in located:
                try:
                    self.components[ident]
                except InputError as exc:
                    errors.extend(exc.findings)
        if errors:
            errors.sort(key=Finding.sort_key)
            raise InputError(errors)
        self.files.append(shown)

    def copy(self) -> Catalog:
        return Catalog(self.components.copy(), dict(self.where), list(self.files),
                       dict(self.renamed))  # fmt: skip

    def get(self, ident: str) -> Entry | None:
        """The entry of `ident`, or of the entry that was renamed from it."""
        comp = self.components.get(ident)
        if comp is None and ident in self.renamed:
            comp = self.components.get(self.renamed[ident])
        return comp

    def new_id(self, ident: str) -> str | None:
        """The current id of a renamed entry's old id, else None."""
        return None if ident in self.components else self.renamed.get(ident)

    def of_kind(self, *kinds: str) -> list[Entry]:
        return [
            self.components[k]
            for k in self.components
            if self.components.kind(k) in kinds
        ]


def _parsed_aliases(doc: Document) -> list[tuple[str, str]]:
    out = []
    for entry in doc.data.get("components") or [] if isinstance(doc.data, dict) else []:
        olds = entry.get("aliases") if isinstance(entry, dict) else None
        if isinstance(olds, list) and isinstance(entry.get("id"), str):
            out += [(str(o), entry["id"]) for o in olds if isinstance(o, str)]
    return out


def bundled_catalog_files() -> list[Path]:
    """Every YAML file under the catalog folder (`catalogs/<kind>/<vendor>.yaml`)."""
    return sorted(CATALOG_DIR.rglob("*.yaml"))


def load_catalog(extra: tuple[tuple[Path, str], ...] = ()) -> Catalog:
    """The bundled catalogs, then any extra files (path, shown path)."""
    cat = Catalog()
    base = shown_path(CATALOG_DIR)  # once: resolving the working folder is not free
    for path in bundled_catalog_files():
        shown = f"{base}/{path.relative_to(CATALOG_DIR).as_posix()}"
        cat.add_file(path, shown, lazy=True)
    for path, shown in extra:
        cat.add_file(path, shown)
    return cat
