"""Line currents of a three-phase PDU, from the branch loads its cords name.

A cord names the outlet's connection: one line (line-to-neutral outlet: 230 V of a
230/400 V PDU, 240 V of 240/415 V, 120 V of 120/208 V) or two (line-to-line outlet: the
208 V C13/C19 outlets of a 120/208 V PDU). On a PDU whose catalog entry says
`outlet_connection: L-L`, a single line names the branch that starts at it (L1: L1-L2,
L2: L2-L3, L3: L3-L1).

Each branch carries S = P + jQ (its devices' real power and the reactive power of their
power factor) at its voltage phasor V: the branch current is I = conj(S / V). The
current in each line is the phasor sum of the branches on it (Kirchhoff's current law):
a line-to-neutral branch on line a adds I; a line-to-line branch a-b adds I to line a
and -I to line b. Balanced line-to-line loads of I each give sqrt(3) x I per line, not
the S / (V_LL / sqrt(3)) a per-branch reading would give. Phasors: V_a = V_LN at 0 deg,
V_b at -120 deg, V_c at +120 deg; V_ab = V_a - V_b (IEEE Std 141, ch. 3; any circuit
analysis text).

Imbalance is the largest deviation of a line current from the average of the three,
over that average: max |I - I_avg| / I_avg, the definition of NEMA MG 1 (14.36, for
voltage unbalance) that PDU vendors use for current unbalance.
"""

from __future__ import annotations

import cmath
import math
from typing import TYPE_CHECKING

from rackcheck.units import q

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import PduNode, RackNode
    from rackcheck.units import Quantity

LINES = ("L1", "L2", "L3")
_ANGLE = {"L1": 0.0, "L2": -120.0, "L3": 120.0}
_NEXT = {"L1": "L2", "L2": "L3", "L3": "L1"}


def branch_lines(pdu: PduNode, label: str) -> tuple[str, str | None]:
    """(line, second line or None) an outlet connection label names on this PDU."""
    if "-" in label:
        a, b = label.split("-", 1)
        return a, b
    if getattr(pdu.spec, "outlet_connection", None) == "L-L":
        return label, _NEXT[label]
    return label, None


def branch_name(pdu: PduNode, label: str) -> str:
    a, b = branch_lines(pdu, label)
    return a if b is None else f"{a}-{b}"


def line_currents(
    graph: DesignGraph, rack: RackNode, pdu: PduNode, failed_feed: str | None = None
) -> dict[str, Quantity] | None:
    """|I| in each line of a 3-phase PDU (A), or None where no cord names a phase."""
    from rackcheck.graph.power import branch_loads

    if pdu.spec.kind != "pdu" or pdu.spec.phases != 3:
        return None
    branches = {
        label: v
        for (pid, label), v in branch_loads(graph, rack, failed_feed).items()
        if pid == pdu.id
    }
    if not branches:
        return None
    v_ln = pdu.spec.voltage.to("V").magnitude / math.sqrt(3)
    phasor = {ln: cmath.rect(v_ln, math.radians(_ANGLE[ln])) for ln in LINES}
    amps = dict.fromkeys(LINES, 0j)
    for label, (kw, kvar) in sorted(branches.items()):
        a, b = branch_lines(pdu, label)
        volts = phasor[a] - phasor[b] if b is not None else phasor[a]
        current = (complex(kw, kvar) * 1000.0 / volts).conjugate()
        amps[a] += current
        if b is not None:
            amps[b] -= current
    return {ln: q(abs(amps[ln]), "A") for ln in LINES}


def imbalance(currents: dict[str, Quantity]) -> float:
    """max |I - I_avg| / I_avg over the three lines (0 when no current flows)."""
    vals = [float(currents[ln].to("A").magnitude) for ln in LINES]
    avg = sum(vals) / 3.0
    if avg <= 0:
        return 0.0
    return max(abs(v - avg) for v in vals) / avg
