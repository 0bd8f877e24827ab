"""The catalog: real components, each with the document its figures come from."""

from __future__ import annotations

from typing import Annotated, Literal, TypeAlias

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from rackcheck.model.fields import (
    Bitrate,
    Byterate,
    Count,
    Current,
    Flow,
    Fraction,
    Information,
    Length,
    Mass,
    Name,
    PositiveCount,
    Power,
    Strict,
    Temperature,
    TemperatureDelta,
    Voltage,
)
from rackcheck.model.sovereignty import VendorService

Role = Literal["compute", "storage", "inband", "oob", "any"]


class Psus(Strict):
    """A unit's own power supplies: `count` installed, `required` to carry max load."""

    model: str | None = None
    count: Annotated[int, Field(ge=1, le=64)]
    required: Annotated[int, Field(ge=1, le=64)] | None = None

    @model_validator(mode="after")
    def _fits(self) -> Psus:
        if self.required is not None and self.required > self.count:
            raise ValueError(
                f"required ({self.required}) is more than the {self.count} PSUs installed"
            )
        return self


class PowerSpec(Strict):
    max: Power | None = None
    typical: Power | None = None
    power_factor: Annotated[float, Field(gt=0.0, le=1.0)] | None = None
    psus: Psus | None = None
    # IEC 60320 inlet of each PSU ("C20", "C14"): what power cord it takes (BOM).
    inlet: Annotated[str, Field(pattern=r"^C\d{1,2}$")] | None = None


class CoolingSpec(Strict):
    liquid_fraction: Fraction | None = None  # None: not published
    max_inlet_air: Temperature | None = None
    max_supply_temperature: Temperature | None = None
    flow: Flow | None = None
    airflow: Flow | None = None  # air through the unit at full load (CFM, m**3/h)


class Port(Strict):
    role: Role = "any"
    count: PositiveCount
    speed: Bitrate
    cage: str | None = None
    per_cage: PositiveCount = 1
    nic: str | None = None


class Gpus(Strict):
    model: Name
    count: PositiveCount
    memory: Information | None = None


class Part(Strict):
    model: str
    count: PositiveCount = 1


SourceText = Annotated[str, Field(min_length=1, max_length=2000)]


def _listify(value: object) -> object:
    return [value] if isinstance(value, str) else value


# One document, or several: always a list once read.
Source = Annotated[
    list[SourceText],
    Field(min_length=1),
    BeforeValidator(_listify),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
            ],
            "description": "document and table/section/page each figure comes from",
        }
    ),
]


class Base(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100)]
    vendor: Name
    model: Name
    source: Source
    # "second-hand": figures read from a reseller sheet, a press article or another
    # tool's library quoting the vendor, not from the vendor's own document.
    source_quality: Literal["primary", "second-hand"] = "primary"
    # Ids this entry had before it was renamed: a design naming one still loads, with
    # a DAT005 note naming the new id. Written `aliases: [old-id]` on one line.
    aliases: list[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")]] = []
    notes: str | None = None
    # The vendor's orderable part number, where a datasheet gives it (BOM).
    part_number: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    rack_units: Count | None = None
    # The pitch `rack_units` are counted in: EIA-310 U (44.45 mm, the default) or ORv3
    # OpenU (48 mm).
    unit_pitch: Literal["EIA-310", "ORv3"] | None = None
    weight: Mass | None = None
    power: PowerSpec | None = None
    services: list[VendorService] = Field(
        default=[],
        description="vendor services the device needs to run (only where its "
        "source says so)",
    )


class Server(Base):
    kind: Literal["server"]
    cooling: CoolingSpec = CoolingSpec()
    gpus: Gpus | None = None
    ports: list[Port] = []


class Tray(Server):
    kind: Literal["tray"]  # type: ignore[assignment]


class NvLink(Strict):
    """A rack system's NVLink domain: GPUs joined by NVLink switches, and each GPU's
    NVLink bandwidth (as the source states it)."""

    domain_gpus: PositiveCount
    per_gpu: Byterate


class RackSystem(Server):
    kind: Literal["rack-system"]  # type: ignore[assignment]
    contains: list[Part] = []
    nvlink: NvLink | None = None


class Psu(Base):
    kind: Literal["psu"]
    rating: Power
    input_voltage: str | None = None
    efficiency: Fraction | None = None
    inlet: Literal["C14", "C16", "C20", "C22"] | None = (
        None  # IEC 60320 appliance inlet
    )


class PowerShelf(Base):
    kind: Literal["power-shelf"]
    rating: Power
    psus: Psus | None = None
    input_voltage: str | None = None


class Pdu(Base):
    kind: Literal["pdu"]
    voltage: Voltage
    phases: Literal[1, 3]
    current: Current
    outlets: Count | None = None
    outlet_types: str | None = None
    plug: str | None = None
    banks: PositiveCount | None = None  # outlet banks, each behind its own breaker
    bank_breaker: Current | None = None
    # How the outlets sit on a 3-phase supply: between a line and neutral (wye 230/400 V,
    # 240/415 V) or between two lines (208 V C13/C19 outlets of a 120/208 V PDU).
    outlet_connection: Literal["L-N", "L-L"] | None = None
    # Fraction of `current` carried continuously when the PDU is listed for it (1.0:
    # listed for 100 % duty); else the site's electrical code decides.
    continuous_rating: Annotated[float, Field(gt=0.0, le=1.0)] | None = None


class CduUnits(Strict):
    count: PositiveCount
    required: PositiveCount


class SupplyRange(Strict):
    min: Temperature | None = None
    max: Temperature | None = None


class CduRating(Strict):
    """One rating point of a CDU datasheet: the capacity at a coolant and an approach
    (facility supply to secondary supply)."""

    capacity: Power
    coolant: Literal["water", "pg25"] | None = None
    approach: TemperatureDelta | None = None


class Cdu(Base):
    kind: Literal["cdu"]
    capacity: Power  # nameplate, at `approach` and `rated_coolant`
    rated_coolant: Literal["water", "pg25"] | None = None
    ratings: list[CduRating] = []  # further datasheet rating points / derating
    flow: Flow | None = None
    units: CduUnits | None = None
    supply_temperature: SupplyRange | None = None
    approach: TemperatureDelta | None = None
    placement: Literal["in-rack", "in-row", "facility"] | None = None


class Rack(Base):
    kind: Literal["rack"]
    max_load: Mass | None = None
    width: Length | None = None
    depth: Length | None = None
    height: Length | None = None
    standard: str | None = None


class Switch(Base):
    kind: Literal["switch"]
    ports: list[Port] = []
    breakout: list[Bitrate] = []
    protocol: str | None = None
    switching_capacity: Bitrate | None = None  # as the datasheet states it
    cooling: CoolingSpec = CoolingSpec()


class Nic(Base):
    kind: Literal["nic"]
    ports: list[Port] = []
    protocol: str | None = None


class Transceiver(Base):
    kind: Literal["transceiver"]
    speed: Bitrate
    reach: Length | None = None
    cage: str | None = None
    media: str | None = None
    lanes: PositiveCount | None = None


class Cable(Base):
    kind: Literal["cable"]
    medium: Literal["DAC", "ACC", "AOC", "fibre"]
    speed: Bitrate
    max_length: Length | None = None
    cage: str | None = None


# How a figure was obtained: `measured` (a published benchmark, e.g. MLPerf Storage) or
# `rated` (the maker's datasheet).
FigureBasis = Literal["measured", "rated"]


def _basis(value: object) -> object:
    """`measured` for the whole entry -> {read: measured, write: measured}."""
    if isinstance(value, str):
        if value not in ("measured", "rated"):
            raise ValueError(
                f"{value!r} is not a basis: write measured or rated, or "
                "{read: ..., write: ...}"
            )
        return {"read": value, "write": value}
    return value


Basis = Annotated[
    dict[Literal["read", "write"], FigureBasis],
    BeforeValidator(_basis),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": ["measured", "rated"]},
                {
                    "type": "object",
                    "properties": {
                        "read": {"enum": ["measured", "rated"]},
                        "write": {"enum": ["measured", "rated"]},
                    },
                    "additionalProperties": False,
                },
            ],
            "description": "measured (benchmark) or rated (datasheet), or per figure",
        }
    ),
]


class Storage(Base):
    kind: Literal["storage"]
    read: Byterate | None = None
    write: Byterate | None = None
    capacity: Information | None = None
    capacity_basis: Literal["raw", "usable", "effective"] | None = None
    # one basis for the entry's throughput figures, or one per figure
    basis: Basis | None = None
    ports: list[Port] = []

    def basis_of(self, figure: str) -> str | None:
        """'measured', 'rated' or None (not stated) for `read` or `write`."""
        if self.basis is None:
            return None
        return self.basis.get(figure)  # type: ignore[call-overload,no-any-return]


# One catalog entry (of whichever kind), as a lookup returns it (model/load.py
# `Catalog.get`).
Entry: TypeAlias = (
    Server | Tray | RackSystem | Psu | PowerShelf | Pdu | Cdu | Rack | Switch | Nic
    | Transceiver | Cable | Storage
)  # fmt: skip
Component = Annotated[Entry, Field(discriminator="kind")]

# Each kind's model, for validating an entry whose kind is known (model/load.py).
BY_KIND: dict[object, type[Entry]] = {
    "server": Server, "tray": Tray, "rack-system": RackSystem, "psu": Psu,
    "power-shelf": PowerShelf, "pdu": Pdu, "cdu": Cdu, "rack": Rack, "switch": Switch,
    "nic": Nic, "transceiver": Transceiver, "cable": Cable, "storage": Storage,
}  # fmt: skip

KINDS = (
    "server", "tray", "rack-system", "psu", "power-shelf", "pdu", "cdu", "rack",
    "switch", "nic", "transceiver", "cable", "storage",
)  # fmt: skip


class CatalogFile(Strict):
    """One catalog file."""

    catalog: Literal[1]
    components: list[Component]
