"""BOM changes between two revisions (`rackcheck diff`): lines added, removed, and
quantities changed, per design (matched by design name) and part id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BomChange:
    design: str
    id: str
    base: int  # 0: added
    head: int  # 0: removed

    @property
    def change(self) -> str:
        return "added" if not self.base else "removed" if not self.head else "changed"

    def as_dict(self) -> dict[str, str | int]:
        return {"design": self.design, "id": self.id, "base": self.base,
                "head": self.head, "change": self.change}  # fmt: skip


def bom_totals(files: list[str]) -> dict[str, dict[str, int]]:
    """Part totals of each design file that can be read, by design name; files that
    cannot are left out (the diff reports their input errors)."""
    from rackcheck.api import load_graph
    from rackcheck.bom import derive_bom
    from rackcheck.findings import InputError

    out: dict[str, dict[str, int]] = {}
    for f in files:
        try:
            bom = derive_bom(load_graph(Path(f)))
        except (InputError, OSError):
            continue
        out[bom.design] = bom.totals()
    return out


def bom_changes(
    base: dict[str, dict[str, int]], head: dict[str, dict[str, int]]
) -> list[BomChange]:
    out = []
    for design in sorted(set(base) | set(head)):
        a, b = base.get(design, {}), head.get(design, {})
        for part in sorted(set(a) | set(b)):
            if a.get(part, 0) != b.get(part, 0):
                out.append(BomChange(design, part, a.get(part, 0), b.get(part, 0)))
    return out
