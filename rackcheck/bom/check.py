"""Check a vendor's BOM against the design's derived BOM: BOM001-BOM006.

Each vendor row is resolved to a part: a catalog id or `part_number`, a line id of the
derived BOM, or a derived id of the same form (`power-cord-c13-c14`, `cable-200g`).
Its quantity then goes to the lines it can serve: the line of the same id first, then
lines that name no catalog part and that it fits (the most demanding first); what is
left over is excess. A part of a kind the design needs that fits no line of that kind
for a stated reason (speed, voltage, plug, connector, media) is BOM005 and counts for
nothing.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rackcheck.bom.lines import Bom, BomLine, Need
from rackcheck.findings import Finding, Location, Report

if TYPE_CHECKING:
    from rackcheck.bom.vendor import VendorRow
    from rackcheck.graph.build import DesignGraph


@dataclass
class _Part:
    id: str
    need: Need
    rows: list[VendorRow] = field(default_factory=list)

    @property
    def quantity(self) -> int:
        return sum(r.quantity for r in self.rows)


def check_bom(graph: object, bom_path: Path, shown: str) -> Report:
    """Findings BOM001-BOM006 of the vendor BOM at `bom_path` against the design;
    raises InputError when the BOM cannot be read."""
    from rackcheck.bom import derive_bom
    from rackcheck.bom.vendor import read_vendor_bom

    g: DesignGraph = graph  # type: ignore[assignment]
    rows = read_vendor_bom(bom_path, shown)
    bom = derive_bom(g)
    findings = _Checker(g, bom).run(rows)
    findings.sort(key=Finding.sort_key)
    return Report(findings=findings, files=[g.file, shown])


class _Checker:
    def __init__(self, g: DesignGraph, bom: Bom) -> None:
        from rackcheck.bom.builder import need_of

        self.g, self.bom = g, bom
        self.out: list[Finding] = []
        self.lines: dict[str, list[BomLine]] = defaultdict(list)
        for line in bom.lines:
            self.lines[line.id].append(line)
        self.index: dict[str, tuple[str, Need]] = {}
        self.shown: dict[str, str] = {}  # key -> how a suggestion names it
        for c in g.catalog.components.values():
            need = need_of(c) or Need(c.kind)
            self._key(c.id, c.id, need, c.id)
            if c.part_number:
                self._key(c.part_number, c.id, need, f"{c.part_number} ({c.id})")
        for line_id, lines in self.lines.items():
            self._key(line_id, line_id, lines[0].need or Need(lines[0].kind), line_id)
        self._close: dict[str, str] = {}  # unknown part -> its closest matches
        self._served: dict[str, list[str]] = {}  # part id -> the lines it went to

    def _key(self, text: str, part_id: str, need: Need, shown: str) -> None:
        key = text.strip().lower()
        self.index.setdefault(key, (part_id, need))
        self.shown.setdefault(key, shown)

    def finding(self, code: str, message: str, loc: Location, subject: str = "",
                related: tuple[Location, ...] = ()) -> None:  # fmt: skip
        from rackcheck.bom.codes import severity

        self.out.append(Finding(code, severity(code), message, loc, subject, related))

    def run(self, rows: list[VendorRow]) -> list[Finding]:
        parts = self._resolve(rows)
        self._prices(parts)
        quoted = self._assign(parts)
        self._compare(quoted, parts)
        return self.out

    # -- BOM004: resolve every row ----------------------------------------------------
    def _resolve(self, rows: list[VendorRow]) -> dict[str, _Part]:
        from rackcheck.bom.fit import pseudo_part

        parts: dict[str, _Part] = {}
        seen: dict[str, tuple[str, Need] | None] = {}  # as written -> resolved
        for row in rows:
            raw = row.part
            if raw in seen:
                hit = seen[raw]
            else:
                key = raw.strip().lower()
                hit = self.index.get(key)
                if hit is None:
                    pseudo = pseudo_part(key)
                    hit = (key, pseudo) if pseudo else None
                seen[raw] = hit
            if hit is None:
                self._unknown_part(row, raw.strip().lower())
                continue
            part = parts.get(hit[0])
            if part is None:
                part = parts[hit[0]] = _Part(hit[0], hit[1])
            part.rows.append(row)
        return parts

    def _unknown_part(self, row: VendorRow, key: str) -> None:
        if key not in self._close:
            close = difflib.get_close_matches(key, list(self.index), n=3, cutoff=0.6)
            self._close[key] = (
                "; closest: " + ", ".join(self.shown[k] for k in close) if close else ""
            )
        where = f"sheet {row.sheet!r}: " if row.sheet else ""
        self.finding("BOM004", f"{where}unknown part number {row.part!r}: not a catalog "
                     f"id, part number or line of the design's BOM{self._close[key]}",
                     row.loc, row.part)  # fmt: skip

    # -- BOM006 -------------------------------------------------------------------------
    def _prices(self, parts: dict[str, _Part]) -> None:
        for part in parts.values():
            first: VendorRow | None = None
            for row in part.rows:
                if row.price is None:
                    continue
                if first is None:
                    first = row
                elif (row.price, row.currency) != (first.price, first.currency):
                    where = f"sheet {row.sheet!r}: " if row.sheet else ""
                    self.finding("BOM006", f"{where}{part.id} is priced "
                                 f"{_money(row)} here and {_money(first)} at row "
                                 f"{first.loc.line}", row.price_loc or row.loc, part.id,
                                 (first.price_loc or first.loc,))  # fmt: skip

    # -- BOM005 and the assignment to lines ----------------------------------------------
    def _assign(self, parts: dict[str, _Part]) -> dict[str, int]:
        from rackcheck.bom.fit import misfit

        need = {i: sum(x.quantity for x in ls) for i, ls in self.lines.items()}
        quoted: dict[str, int] = defaultdict(int)
        fibre_media = self._fibre_media(parts)
        for part in sorted(parts.values(), key=lambda p: p.rows[0].loc):
            same_kind = [ls[0] for ls in self.lines.values()
                         if ls[0].kind == part.need.kind and ls[0].id != part.id]  # fmt: skip
            fits, reasons = [], []
            for line in same_kind:
                if line.need is None or not line.need.generic:
                    why = misfit(part.need, line.need) if line.need else None
                    if why:
                        reasons.append(why)
                    continue
                why = misfit(part.need, line.need)
                if why is None:
                    fits.append(line)
                else:
                    reasons.append(why)
            media = part.need.media
            if (
                part.need.kind == "transceiver"
                and media
                and fibre_media not in (None, media)
            ):
                from rackcheck.bom.fit import MEDIA

                reasons.insert(0, f"a {MEDIA[media]} transceiver against "
                               f"{MEDIA.get(fibre_media or '', fibre_media)} fibre cables")  # fmt: skip
                fits = []
                if part.id in need:
                    self._misfit(part, reasons[0])
                    continue
            fits.sort(key=lambda x: (-(x.need.speed_mbps or 0) if x.need else 0, x.id))
            targets = ([part.id] if part.id in need else []) + [x.id for x in fits]
            if not targets:
                if reasons:
                    self._misfit(part, reasons[0])
                else:
                    quoted[part.id] += part.quantity  # excess of a part not needed
                continue
            left = part.quantity
            for t in targets:
                take = min(left, max(0, need[t] - quoted[t]))
                quoted[t] += take
                left -= take
            self._served[part.id] = targets
            if left and reasons and part.id not in need:
                # more than the lines it fits take, and it fits none of the others
                self._misfit(part, f"{reasons[0]} ({left} beyond what the lines it "
                             "fits need)")  # fmt: skip
            else:
                quoted[targets[0]] += left
        return quoted

    def _misfit(self, part: _Part, why: str) -> None:
        row = part.rows[0]
        where = f"sheet {row.sheet!r}: " if row.sheet else ""
        self.finding("BOM005", f"{where}{row.part} ({part.quantity}) does not fit the "
                     f"design: {why}", row.loc, part.id)  # fmt: skip

    def _fibre_media(self, parts: dict[str, _Part]) -> str | None:
        """The one fibre type of the design's and the vendor's fibre cables, if one."""
        media = {
            p.need.media
            for p in parts.values()
            if p.need.kind == "cable" and p.need.medium == "fibre" and p.need.media
        }
        media |= {ls[0].need.media for ls in self.lines.values()
                  if ls[0].need is not None and ls[0].need.kind == "cable"
                  and ls[0].need.media}  # fmt: skip
        return next(iter(media)) if len(media) == 1 else None

    # -- BOM001-BOM003 ----------------------------------------------------------------------
    def _compare(self, quoted: dict[str, int], parts: dict[str, _Part]) -> None:
        first_row: dict[str, VendorRow] = {}
        for part in parts.values():
            for t in self._served.get(part.id, [part.id]):
                if t not in first_row or part.rows[0].loc < first_row[t].loc:
                    first_row[t] = part.rows[0]
        for line_id, lines in sorted(self.lines.items()):
            needed = sum(x.quantity for x in lines)
            have = quoted.get(line_id, 0)
            for_ = "; ".join(x.for_ for x in lines)
            if have == 0:
                loc = self.g.source.at(lines[0].where)
                self.finding("BOM001", f"the design needs {needed} x {line_id} "
                             f"({lines[0].description}) for {for_}; the vendor BOM "
                             "has none", loc, line_id)  # fmt: skip
            elif have != needed:
                row = first_row[line_id]
                code, word = (
                    ("BOM002", "short") if have < needed else ("BOM003", "excess")
                )
                where = f"sheet {row.sheet!r}: " if row.sheet else ""
                self.finding(code, f"{where}{line_id} {word}: the design needs "
                             f"{needed}, the vendor BOM quotes {have}", row.qty_loc,
                             line_id)  # fmt: skip
        for part_id, have in sorted(quoted.items()):
            if part_id not in self.lines and have:
                row = first_row[part_id]
                where = f"sheet {row.sheet!r}: " if row.sheet else ""
                self.finding("BOM003", f"{where}{row.part}: the design needs none, the "
                             f"vendor BOM quotes {have}", row.qty_loc, part_id)  # fmt: skip


def _money(row: VendorRow) -> str:
    return f"{row.price} {row.currency}".strip()
