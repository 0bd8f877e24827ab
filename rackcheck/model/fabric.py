"""Network fabrics in a design: generated Clos / fat trees, explicit links, layout.

A design has several fabrics (compute, storage, in-band, out-of-band), kept apart. Each
is either *generated* (`generate:` a rail-optimized fat tree from a catalog switch) or
*explicit* (`switches:` and `links:` between named devices and switches). The format is
documented in docs/design-format-network.md.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, model_validator

from rackcheck.model.fields import (
    Bitrate,
    Length,
    Name,
    PositiveCount,
    Strict,
)

FabricRole = Literal["compute", "storage", "inband", "oob"]
Tier = Literal["leaf", "spine", "core"]
Medium = Literal["DAC", "ACC", "AOC", "fibre"]
TierMedium = Literal["transceiver", "DAC", "ACC", "AOC"]

_RATIO = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$")

# "1:1", "3:1", "1:7". Both orders read alike: the larger number is the downlink side.
Ratio = Annotated[
    str,
    Field(
        pattern=_RATIO.pattern,
        description="oversubscription as 'down:up', e.g. '1:1', '3:1' ('1:7' = '7:1')",
        examples=["1:1", "3:1"],
    ),
]


def ratio_value(text: str) -> float:
    """'3:1' -> 3.0, '1:7' -> 7.0, '1:1' -> 1.0: downlink over uplink capacity."""
    m = _RATIO.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a ratio like '1:1' or '3:1'")
    if len(text) > 40:
        raise ValueError(f"{text[:20]!r}...: a ratio has at most 40 characters")
    a, b = float(m.group(1)), float(m.group(2))
    if a <= 0 or b <= 0:
        raise ValueError(f"{text!r}: both sides of a ratio must be > 0")
    if max(a, b) / min(a, b) > 1000:
        raise ValueError(f"{text!r}: a ratio above 1000:1 is not a network")
    return max(a, b) / min(a, b)


def _check_ratio(text: str) -> str:
    ratio_value(text)
    return text


class TierRatios(Strict):
    """A target per tier; the top tier has no uplinks, so no ratio."""

    leaf: Ratio | None = None
    spine: Ratio | None = None

    @model_validator(mode="after")
    def _valid(self) -> TierRatios:
        for r in (self.leaf, self.spine):
            if r is not None:
                _check_ratio(r)
        return self


Oversubscription = Ratio | TierRatios


def tier_ratios(value: Oversubscription | None) -> dict[str, float | None]:
    """{'leaf': 1.0, 'spine': 7.0} from '1:1' or {leaf: '1:1', spine: '7:1'}."""
    if value is None:
        return {"leaf": None, "spine": None}
    if isinstance(value, str):
        r = ratio_value(value)
        return {"leaf": r, "spine": r}
    return {
        "leaf": ratio_value(value.leaf) if value.leaf else None,
        "spine": ratio_value(value.spine) if value.spine else None,
    }


class Selector(Strict):
    """Devices by the racks they sit in (names, ranges) and by catalog model."""

    racks: list[Name] = Field(default=[], description="rack names or ranges; [] = all")
    models: list[Name] = Field(default=[], description="catalog ids; [] = any model")


class Media(Strict):
    """What each tier's links are made of: transceivers count only where optics are."""

    node_leaf: TierMedium = "transceiver"
    leaf_spine: TierMedium = "transceiver"
    spine_core: TierMedium = "transceiver"


class Generate(Strict):
    """A rail-optimized fat tree (folded Clos) of 2 or 3 tiers from one switch model."""

    switch: Name
    rails: Annotated[int, Field(ge=1, le=64)]
    tiers: Literal[2, 3] | None = Field(
        default=None, description="default: the fewest tiers the radix allows"
    )
    su_size: Annotated[int, Field(ge=1, le=200_000)] | None = Field(
        default=None,
        description=(
            "nodes per scalable unit; default: the size with the fewest switches "
            "(2 tiers), else a leaf's down ports"
        ),
    )
    pod_size: Annotated[int, Field(ge=1, le=10_000)] | None = Field(
        default=None,
        description="scalable units per pod (3 tiers); default: as many as fit",
    )
    extra_endpoints: Annotated[int, Field(ge=0, le=200_000)] = Field(
        default=0,
        description="single-port endpoints beyond the nodes (UFM, management)",
    )
    media: Media = Media()


class FabricSwitch(Strict):
    """A switch of an explicit fabric; `name` may be a range (leaf{1..8})."""

    name: Name
    model: Name
    tier: Tier | None = Field(default=None, description="default: inferred from links")
    rail: PositiveCount | None = Field(
        default=None, description="rail a leaf serves (1..)"
    )
    rack: Name | None = Field(
        default=None, description="rack it sits in, for cable reach"
    )


# A link end: switch names and device paths ("rack/device"), ranges allowed; a selector.
End = Name | list[Name] | Selector


class Link(Strict):
    """Links between every `from` and every `to` (mesh), or pairwise (zip)."""

    from_: End = Field(alias="from")
    to: End
    count: PositiveCount = Field(default=1, description="links per pair")
    pairing: Literal["mesh", "zip"] = "mesh"
    speed: Bitrate | None = Field(default=None, description="default: the slower end")
    medium: Medium | None = None
    cable: Name | None = Field(default=None, description="catalog cable id")
    transceiver: Name | None = Field(default=None, description="catalog transceiver id")
    length: Length | None = None


class Requirements(Strict):
    bisection: Bitrate | None = Field(
        default=None, description="minimum bisection bandwidth, e.g. '400 Tbit/s'"
    )
    bisection_ratio: Annotated[float, Field(gt=0.0, le=1.0)] | None = Field(
        default=None, description="minimum share of full bisection (half the injection)"
    )


class Fabric(Strict):
    name: Name
    role: FabricRole = Field(
        default="compute", description="which device ports it takes"
    )
    protocol: Literal["InfiniBand", "Ethernet"] | None = None
    endpoints: Selector | None = Field(
        default=None, description="generated fabrics: the devices whose ports attach"
    )
    generate: Generate | None = None
    switches: list[FabricSwitch] = []
    links: list[Link] = []
    oversubscription: Oversubscription | None = Field(
        default=None, description="target per tier; generated fabrics are built to it"
    )
    requirements: Requirements = Requirements()

    @model_validator(mode="after")
    def _one_way(self) -> Fabric:
        if isinstance(self.oversubscription, str):
            _check_ratio(self.oversubscription)
        if self.generate is not None and (self.switches or self.links):
            raise ValueError("a fabric is either `generate:` or `switches:`/`links:`")
        if self.generate is None and not self.links:
            raise ValueError("a fabric needs `generate:` or `links:`")
        return self


class Row(Strict):
    name: Name
    racks: list[Name] = Field(min_length=1, description="in order along the row")


class Layout(Strict):
    """Where racks stand, for cable lengths: rows of racks, in order.

    Distance between two racks = |position difference| x `pitch` + |row difference| x
    `row_pitch` (the path of a cable tray), plus `slack` for the runs up and down.
    """

    rows: list[Row] = Field(min_length=1)
    pitch: Length | None = Field(default=None, description="default: the rack's width")
    row_pitch: Length | None = None
    slack: Length | None = Field(default=None, description="added to every run; 0 m")
