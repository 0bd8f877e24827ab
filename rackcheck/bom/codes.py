"""The codes `rackcheck bom check` reports. Like the engine codes (codes.py) they are
`Rule` objects without a check function, so `rackcheck rules`, `explain`, the docs and
SARIF's rule table list them; `bom check` raises them, the design engine never runs
them."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.rules.engine import Rule

if TYPE_CHECKING:
    from rackcheck.rules.engine import RuleContext

_CODES: list[tuple[str, str, Severity, str]] = [
    (
        "BOM001",
        "bom-missing",
        Severity.ERROR,
        """
        A part the design needs is not on the vendor's BOM.

        `rackcheck bom check DESIGN VENDOR_BOM` derives the design's bill of materials
        (`rackcheck bom DESIGN`) and looks for every line in the vendor's. A line with
        nothing quoted against it is reported at the design line it comes from (the
        rack, PDU, device, fabric or link entry), with the quantity needed.
        """,
    ),
    (
        "BOM002",
        "bom-short",
        Severity.ERROR,
        """
        The vendor's BOM quotes fewer of a part than the design needs.

        Reported at the vendor BOM's first row of the part (`file:ROW:COL`, the sheet
        named for a workbook): needed vs quoted. A part named by a derived id
        (`transceiver-osfp-800g`) is met by any catalog part that fits it.
        """,
    ),
    (
        "BOM003",
        "bom-excess",
        Severity.WARNING,
        """
        The vendor's BOM quotes more of a part than the design needs, or a part the
        design does not use.

        Spares are a choice: say so in the BOM's description, or accept the warning.
        """,
    ),
    (
        "BOM004",
        "bom-unknown-part",
        Severity.ERROR,
        """
        A part number on the vendor's BOM is not in the catalog.

        Neither a catalog id, nor a catalog `part_number`, nor a line id of the derived
        BOM. The message names the closest known part numbers: a typo shows at once.
        """,
    ),
    (
        "BOM005",
        "bom-part-does-not-fit",
        Severity.ERROR,
        """
        A part on the vendor's BOM does not fit the design.

        A 200 Gbit/s cable on 400 Gbit/s links, a single-mode transceiver against
        multimode fibre, a C13 cord for a C20 inlet, a PDU of another voltage, phase
        count or plug. The part does not count toward the line it would serve, so the
        line is usually short as well (BOM001/BOM002).
        """,
    ),
    (
        "BOM006",
        "bom-price-conflict",
        Severity.WARNING,
        """
        The same part is on two rows of the vendor's BOM at different unit prices.

        Reported at the later row's price, naming the earlier row.
        """,
    ),
    (
        "NBX001",
        "netbox-interfaces-incomplete",
        Severity.WARNING,
        """
        A NetBox device type does not list all of its interfaces.

        `rackcheck catalog import-netbox` reads the community device-type library. A
        numbered run with gaps (swp1..swp64 with two missing), or fewer data interfaces
        than the model name or comments state ("64 NDR ports"), makes the imported
        port count wrong. Reported at the file's `interfaces:` key.
        """,
    ),
    (
        "NBX002",
        "netbox-psu-bays",
        Severity.WARNING,
        """
        A NetBox device type's power ports disagree with its PSU module bays.

        Two power ports and three bays named PSU: the PSU count taken from the power
        ports may be wrong.
        """,
    ),
    (
        "NBX003",
        "netbox-rating-in-comments",
        Severity.WARNING,
        """
        A NetBox device type gives a rating only in its free-text comments.

        "22.0kW(32A)" in `comments:` with no `maximum_draw`, or a PDU's rating: rackcheck
        does not take figures from prose; enter them in the catalog from the datasheet.
        """,
    ),
    (
        "NBX004",
        "netbox-not-carried",
        Severity.NOTE,
        """
        What the import could not take, or what rackcheck needs that NetBox does not
        carry.

        PSU redundancy and the system's maximum power, the liquid/air split of the
        heat, the cage of an InfiniBand port, a PDU's voltage and current (NetBox keeps
        them on power feeds, so no PDU entry is written), keys rackcheck has no field
        for.
        """,
    ),
]


def _never(
    ctx: RuleContext[object],
) -> Iterator[Finding]:  # raised by bom check, never run
    return iter(())


@lru_cache(maxsize=1)
def bom_codes() -> tuple[Rule, ...]:
    return tuple(
        Rule(
            code,
            name,
            sev,
            "bom" if code.startswith("BOM") else "netbox",
            _never,
            doc=inspect.cleandoc(doc),
        )
        for code, name, sev, doc in _CODES
    )


def severity(code: str) -> Severity:
    return next(r.severity for r in bom_codes() if r.id == code)
