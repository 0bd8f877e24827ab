"""Read a vendor quote file by its suffix: YAML (cost/quotes.py) or CSV/XLSX
(cost/tabular.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rackcheck.findings import Finding, InputError, Location, Severity

if TYPE_CHECKING:
    from pathlib import Path

    from rackcheck.cost.quotes import Quote


def read(path: Path, shown: str, meta: dict[str, str] | None = None) -> Quote:
    """A quote from YAML, CSV or XLSX (by suffix); `meta` fills a tabular quote's
    header block (vendor, currency, valid_until) where it has none."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        from rackcheck.cost.quotes import read_yaml

        return read_yaml(path, shown)
    if suffix in (".csv", ".xlsx", ".xlsm"):
        from rackcheck.cost.tabular import read_tabular

        return read_tabular(path, shown, meta or {})
    raise InputError(
        [
            Finding(
                "INP001",
                Severity.ERROR,
                f"cannot read a quote from "
                f"{suffix or 'a file without suffix'}: use .yaml, .csv or "
                ".xlsx",
                Location(shown, 1, 1),
            )
        ]
    )
