"""Load, resolve and build one design: read the YAML, validate it against the model,
merge its catalogs (model/load.py: INP004/INP005), build the design graph (which checks
every reference it holds) and the references of sites, datasets and phases."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, InputError, Location, Severity
from rackcheck.run.discover import DESIGN_SUFFIXES, is_design
from rackcheck.source import shown_path

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.model.catalogs import DesignCatalogs
    from rackcheck.source import Document


def load(path: Path, catalogs: DesignCatalogs) -> tuple[Document, DesignGraph]:
    """Read, validate and resolve one design: (document, graph); raises InputError."""
    from rackcheck.graph.build import DesignGraph
    from rackcheck.model.design import Design
    from rackcheck.model.load import validate
    from rackcheck.source import load_yaml

    if path.suffix not in DESIGN_SUFFIXES and not is_design(path):
        raise InputError([Finding("INP002", Severity.ERROR,
                                  "not a rackcheck design: not .yaml/.yml and no "
                                  "top-level `rackcheck:` key", Location(shown_path(path)))])  # fmt: skip
    doc = load_yaml(path, shown_path(path))
    if not isinstance(doc.data, dict) or "rackcheck" not in doc.data:
        what = "empty" if doc.data is None else "not a rackcheck design"
        raise InputError([Finding("INP002", Severity.ERROR,
                                  f"{what}: a design has a top-level `rackcheck: 1` "
                                  "key (docs/design-format.md)", doc.source.at(()))])  # fmt: skip
    design = validate(doc, Design)
    catalog = catalogs.for_design(design, doc, path)
    graph = DesignGraph(design, catalog, doc.source)
    extra_references(graph)
    return doc, graph


def extra_references(graph: DesignGraph) -> None:
    """Sites, datasets, flows and phases that name nothing: located input errors."""
    from rackcheck.graph import sites, staging

    errors = sites.references(graph) + staging.references(graph)
    if errors:
        raise InputError(sorted(errors, key=Finding.sort_key))
