"""Does a quoted part fit what a BOM line needs? Parts the vendor names by catalog id
or part number take their catalog figures; parts named by a derived id
(`power-cord-c13-c14`, `cable-200g`, `fibre-smf-cable-5m`, `transceiver-osfp-800g`)
take what the id says."""

from __future__ import annotations

import re

from rackcheck.bom.lines import Need

_CORD = re.compile(r"^power-cord-(c\d{1,2})(?:-(c\d{1,2}))?$")
_CABLE = re.compile(r"^(cable|dac|acc|aoc)-(\d+(?:\.\d+)?)g(?:-\d+m)?$")
_FIBRE = re.compile(r"^fibre(?:-(mmf|smf))?-cable(?:-\d+m)?$")
_OPTIC = re.compile(r"^transceiver-([a-z0-9]+)-(\d+)g$")
MEDIA = {"MMF": "multimode (MMF)", "SMF": "single-mode (SMF)"}


def pseudo_part(part_id: str) -> Need | None:
    """What a derived id stands for, or None when it is not one."""
    if m := _CORD.match(part_id):
        plug = m.group(2).upper() if m.group(2) else None
        return Need("power-cord", connector=m.group(1).upper(), plug=plug)
    if m := _CABLE.match(part_id):
        medium = None if m.group(1) == "cable" else m.group(1).upper()
        return Need("cable", speed_mbps=int(float(m.group(2)) * 1000), medium=medium)
    if m := _FIBRE.match(part_id):
        media = m.group(1).upper() if m.group(1) else None
        return Need("cable", medium="fibre", media=media)
    if m := _OPTIC.match(part_id):
        return Need(
            "transceiver", cage=m.group(1).upper(), speed_mbps=int(m.group(2)) * 1000
        )
    return None


def _g(mbps: int) -> str:
    return f"{mbps / 1000:g} Gbit/s"


def misfit(part: Need, line: Need) -> str | None:
    """Why `part` does not fit `line` (same kind), or None when nothing says so."""
    from rackcheck.bom.rack_parts import MATE

    checks: list[tuple[str | int | None, str | int | None, str]] = []
    if line.kind == "cable":
        if part.speed_mbps and line.speed_mbps and part.speed_mbps < line.speed_mbps:
            return f"a {_g(part.speed_mbps)} cable on {_g(line.speed_mbps)} links"
        checks.append((part.medium, line.medium, "{p} cable where the design has {l}"))
        checks.append((part.media, line.media, "{p} fibre where the design has {l}"))
    elif line.kind == "transceiver":
        if part.speed_mbps and line.speed_mbps and part.speed_mbps != line.speed_mbps:
            return (f"a {_g(part.speed_mbps)} transceiver where the cages take "
                    f"{_g(line.speed_mbps)} modules")  # fmt: skip
        checks.append((part.cage, line.cage, "a {p} transceiver for {l} cages"))
        checks.append(
            (part.media, line.media, "a {p} transceiver where the design has {l}")
        )
    elif line.kind == "power-cord":
        if part.connector and line.connector and part.connector != line.connector:
            inlet = MATE.get(line.connector, "?")
            return f"a {part.connector} cord for a {inlet} inlet"
        if part.plug and line.plug and part.plug != line.plug:
            return (f"a {part.plug} plug for the PDU's {MATE.get(line.plug, '?')} "
                    "outlets")  # fmt: skip
    elif line.kind == "pdu":
        if (
            part.voltage_v
            and line.voltage_v
            and abs(part.voltage_v - line.voltage_v) > 1
        ):
            return (f"a {part.voltage_v:g} V PDU where the design's is "
                    f"{line.voltage_v:g} V")  # fmt: skip
        checks.append((part.phases, line.phases, "a {p}-phase PDU where the design's "
                       "is {l}-phase"))  # fmt: skip
        checks.append((part.plug, line.plug, "a PDU with a {p} plug where the design's "
                       "has {l}"))  # fmt: skip
    for p, want, text in checks:
        if p is not None and want is not None and p != want:
            return text.format(p=MEDIA.get(str(p), p), l=MEDIA.get(str(want), want))
    return None
