"""What NetBox's type slugs mean to rackcheck.

Interface types name a speed and a form factor (`400gbase-x-osfp`); InfiniBand types
name only the data rate of a 4x port (IBTA: HDR 200, NDR 400, XDR 800 Gb/s), not the
cage. Power port and outlet types name their connector (`iec-60320-c20`).
"""

from __future__ import annotations

import re

# slug -> (Mbit/s, cage or None)
INTERFACES: dict[str, tuple[int, str | None]] = {
    "1000base-t": (1_000, "RJ45"),
    "10gbase-t": (10_000, "RJ45"),
    "10gbase-x-sfpp": (10_000, "SFP+"),
    "25gbase-x-sfp28": (25_000, "SFP28"),
    "50gbase-x-sfp56": (50_000, "SFP56"),
    "100gbase-x-qsfp28": (100_000, "QSFP28"),
    "200gbase-x-qsfp56": (200_000, "QSFP56"),
    "400gbase-x-qsfp112": (400_000, "QSFP112"),
    "400gbase-x-qsfpdd": (400_000, "QSFP-DD"),
    "400gbase-x-osfp": (400_000, "OSFP"),
    "800gbase-x-qsfpdd": (800_000, "QSFP-DD"),
    "800gbase-x-osfp": (800_000, "OSFP"),
    "infiniband-hdr": (200_000, None),
    "infiniband-ndr": (400_000, None),
    "infiniband-xdr": (800_000, None),
}
_IEC = re.compile(r"^iec-60320-(c\d{1,2})$")


def iec_connector(slug: str) -> str | None:
    """'iec-60320-c20' -> 'C20'; None for anything else."""
    m = _IEC.match(slug or "")
    return m.group(1).upper() if m else None


def connector_text(slug: str) -> str:
    """A readable name for a power port/outlet type: 'C13', 'IEC 60309 3P+N+E 6h'."""
    iec = iec_connector(slug)
    if iec:
        return iec
    m = re.match(r"^iec-60309-(.+)-(\d+h)$", slug or "")
    if m:
        return f"IEC 60309 {m.group(1).upper().replace('-', '+')} {m.group(2)}"
    if slug.startswith("nema-"):
        return "NEMA " + slug[5:].upper()
    return slug
