"""The kinds of facility elements, as plain tuples: the graph reads them without
importing the facility section's models (a design without `facility:` never loads
them; docs/performance.md)."""

from __future__ import annotations

POWER_KINDS = ("utility", "generator", "transformer", "switchboard", "ups", "sts",
               "busway", "rpp")  # fmt: skip
COOLING_KINDS = ("chiller", "dry-cooler", "water-loop")
