"""What a bill of materials is made of: typed lines, grouped in sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.jsontypes import JSONObject

DataPath = tuple[str | int, ...]

# Sections in the order a BOM lists them (XLSX: one sheet each).
SECTIONS = (
    "racks",
    "power",
    "systems",
    "cooling",
    "switches",
    "nics",
    "cables",
    "transceivers",
)


@dataclass(frozen=True)
class Need:
    """What a line asks of a part, so a vendor's substitute can be judged: a line
    naming no catalog part (`generic`) takes any part that meets it; a line naming one
    takes only that part, and the fields say why another does not fit (BOM005)."""

    kind: str
    generic: bool = False
    speed_mbps: int | None = None  # cables: at least; transceivers: exactly
    cage: str | None = None
    media: str | None = None  # MMF / SMF
    medium: str | None = None  # DAC, ACC, AOC, fibre
    connector: str | None = None  # power cord: the IEC connector at the device inlet
    voltage_v: float | None = None  # PDU
    phases: int | None = None
    plug: str | None = None


@dataclass(frozen=True)
class BomLine:
    """One line of the BOM. `id` is the catalog id, or a derived id for a part the
    catalog does not hold (`power-cord-c19-c20`, `fibre-cable`, `transceiver-osfp-800g`);
    `for_` says which racks or fabric tier need it; `where` is the design path it comes
    from (findings about the line point there)."""

    id: str
    kind: str
    part_number: str
    description: str
    quantity: int
    for_: str
    section: str
    where: DataPath = ()
    need: Need | None = None

    def as_dict(self) -> JSONObject:
        return {
            "id": self.id,
            "kind": self.kind,
            "part_number": self.part_number,
            "description": self.description,
            "quantity": self.quantity,
            "for": self.for_,
        }

    def sort_key(self) -> tuple[int, str, str, str]:
        return (SECTIONS.index(self.section), self.kind, self.id, self.for_)


@dataclass
class Bom:
    design: str
    file: str
    lines: list[BomLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be derived

    def as_dict(self) -> JSONObject:
        return {
            "version": 1,
            "design": self.design,
            "lines": [line.as_dict() for line in self.lines],
        }

    def section(self, name: str) -> list[BomLine]:
        return [line for line in self.lines if line.section == name]

    def totals(self) -> dict[str, int]:
        """Quantity per part id over every line (the same part may serve two tiers)."""
        out: dict[str, int] = {}
        for line in self.lines:
            out[line.id] = out.get(line.id, 0) + line.quantity
        return dict(sorted(out.items()))
