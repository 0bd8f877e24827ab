"""What a design needs, for pricing: the derived BOM (rackcheck.bom) summed by id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph


@dataclass(frozen=True)
class NeedLine:
    id: str
    kind: str
    part_number: str
    description: str
    quantity: int


def needs(graph: DesignGraph) -> list[NeedLine]:
    """One line per BOM id (quantities of the same id in several sections or fabric
    tiers summed), sorted by id."""
    from rackcheck.bom import derive_bom

    acc: dict[str, NeedLine] = {}
    for line in derive_bom(graph).lines:
        have = acc.get(line.id)
        qty = line.quantity + (have.quantity if have else 0)
        acc[line.id] = NeedLine(
            line.id, line.kind, line.part_number or "", line.description, qty
        )
    return [acc[k] for k in sorted(acc)]
