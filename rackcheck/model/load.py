"""Validate YAML documents against the pydantic models, locating every error."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from rackcheck.findings import Finding, InputError, Location, Severity
from rackcheck.model.fields import UnitValueError
from rackcheck.source import Document, SourceMap, load_yaml, shown_path

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


def validate(doc: Document, model: type[M]) -> M:
    """`model.model_validate(doc.data)`, with each error located in the YAML file."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        findings = []
        for err in _specific(exc.errors(include_url=False)):
            loc = tuple(err["loc"])
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
        raise InputError(findings) from None


@dataclass
class Catalog:
    """All components by id, with where each was defined."""

    components: dict[str, Any] = field(default_factory=dict)
    where: dict[str, Location] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def add_file(self, path: Path, shown: str) -> None:
        from rackcheck.model.catalog import CatalogFile

        doc = load_yaml(path, shown)
        parsed = validate(doc, CatalogFile)
        errors = []
        for i, comp in enumerate(parsed.components):
            loc = doc.source.at(("components", i, "id"))
            if comp.id in self.components:
                errors.append(
                    Finding(
                        "INP005",
                        Severity.ERROR,
                        f"component id {comp.id!r} is already defined at "
                        f"{self.where[comp.id]}",
                        loc,
                    )
                )
                continue
            self.components[comp.id] = comp
            self.where[comp.id] = loc
        if errors:
            raise InputError(errors)
        self.files.append(shown)

    def get(self, ident: str) -> Any:
        return self.components.get(ident)

    def of_kind(self, *kinds: str) -> list[Any]:
        return [c for c in self.components.values() if c.kind in kinds]


def bundled_catalog_files() -> list[Path]:
    return sorted(CATALOG_DIR.glob("*.yaml"))


def load_catalog(extra: tuple[tuple[Path, str], ...] = ()) -> Catalog:
    """The bundled catalogs, then any extra files (path, shown path)."""
    cat = Catalog()
    for path in bundled_catalog_files():
        cat.add_file(path, shown_path(path))
    for path, shown in extra:
        cat.add_file(path, shown)
    return cat
