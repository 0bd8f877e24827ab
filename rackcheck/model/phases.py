"""Staged deployment: the design's `phases`, each adding racks to the ones before.

The last phase is the design as written. See docs/sovereignty.md (staging)."""

from __future__ import annotations

from pydantic import Field

from rackcheck.model.fields import Name, PositiveCount, Strict


class Phase(Strict):
    """One build phase: the racks it adds, and what it installs at less than the
    design's final size."""

    name: Name
    racks: list[Name] = Field(
        default=[], description="racks (names, ranges) this phase adds"
    )
    cdus: dict[str, PositiveCount] = Field(
        default={},
        description="loop name -> CDUs installed in this phase (default: the loop's)",
    )
    final_size: list[Name] = Field(
        default=[],
        description="generated fabrics whose spine layer this phase builds at the "
        "final phase's size",
    )
