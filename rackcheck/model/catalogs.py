"""Catalog merging for a design, in the model layer: the bundled catalogs plus the
design's own catalog files and components, every clash or missing file located."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rackcheck.findings import InputError
from rackcheck.model.refs import already_defined, unknown
from rackcheck.source import shown_path

if TYPE_CHECKING:
    from rackcheck.model.design import Design
    from rackcheck.model.load import Catalog
    from rackcheck.source import Document


class DesignCatalogs:
    """The catalog each design checks against: the bundled catalogs (read once per run,
    however many designs there are) merged with the design's own `catalogs:` files and
    `components:`. A missing file is INP004, a component id defined twice INP005."""

    def __init__(self) -> None:
        self.bundled: Catalog | None = None

    def for_design(self, design: Design, doc: Document, path: Path) -> Catalog:
        from rackcheck.model.load import load_catalog

        if self.bundled is None:
            self.bundled = load_catalog()
        if not design.catalogs and not design.components:
            return self.bundled
        cat = self.bundled.copy()
        errors = []
        for i, rel in enumerate(design.catalogs):
            extra = (path.parent / rel).resolve()
            if not extra.is_file():
                loc = doc.source.at(("catalogs", i))
                errors.append(unknown(f"catalog file {rel!r} not found", loc))
                continue
            cat.add_file(extra, shown_path(extra))
        for i, comp in enumerate(design.components):
            loc = doc.source.at(("components", i, "id"))
            if comp.id in cat.components:
                first = cat.where[comp.id]
                errors.append(already_defined("component id", comp.id, first, loc))
                continue
            cat.components[comp.id] = comp
            cat.where[comp.id] = loc
            for old in comp.aliases:
                cat.renamed.setdefault(old, comp.id)
        if errors:
            raise InputError(errors)
        return cat
