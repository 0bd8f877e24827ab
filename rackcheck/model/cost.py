"""The design's optional `cost:` section: price books and assumption overrides (read
by rackcheck.cost; see docs/cost.md)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from rackcheck.model.fields import Name, Strict


class CostSection(Strict):
    price_books: list[Name] = Field(
        default=[], description="price book files (YAML), relative to this file"
    )
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = Field(
        default=None, description="reporting currency (ISO 4217), default USD"
    )
    assumptions: dict[str, Any] = Field(
        default={},
        description="NAME: value or {value, unit, source, as_of}; names as in "
        "docs/cost.md (pue, energy_price, colocation_price, years, interest_rate, "
        "utilisation, maintenance_rate, cloud_price)",
    )
    fx: dict[str, Any] = Field(
        default={}, description="CUR: rate into the reporting currency, stated"
    )
