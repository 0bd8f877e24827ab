"""Looking into the catalog: list entries, show one with every figure and its source,
lint catalog files. The CLI's `rackcheck catalog ...` commands call these."""

from __future__ import annotations

from rackcheck.catalog.lint import lint_catalogs
from rackcheck.catalog.listing import list_entries, render_list, show_entry

__all__ = ["lint_catalogs", "list_entries", "render_list", "show_entry"]
