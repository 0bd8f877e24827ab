"""The catalog: real components, each with the document its figures come from."""

from __future__ import annotations

from typing import Annotated, Literal

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


class CoolingSpec(Strict):
    liquid_fraction: Fraction | None = None  # None: not published
    max_inlet_air: Temperature | None = None
    max_supply_temperature: Temperature | None = None
    flow: Flow | None = None


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
    notes: str | None = None
    rack_units: Count | None = None
    weight: Mass | None = None
    power: PowerSpec | None = None


class Server(Base):
    kind: Literal["server"]
    cooling: CoolingSpec = CoolingSpec()
    gpus: Gpus | None = None
    ports: list[Port] = []


class Tray(Server):
    kind: Literal["tray"]  # type: ignore[assignment]


class RackSystem(Server):
    kind: Literal["rack-system"]  # type: ignore[assignment]
    contains: list[Part] = []


class Psu(Base):
    kind: Literal["psu"]
    rating: Power
    input_voltage: str | None = None
    efficiency: Fraction | None = None


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


class CduUnits(Strict):
    count: PositiveCount
    required: PositiveCount


class SupplyRange(Strict):
    min: Temperature | None = None
    max: Temperature | None = None


class Cdu(Base):
    kind: Literal["cdu"]
    capacity: Power
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


class Storage(Base):
    kind: Literal["storage"]
    read: Byterate | None = None
    write: Byterate | None = None
    capacity: Information | None = None
    capacity_basis: Literal["raw", "usable", "effective"] | None = None
    ports: list[Port] = []


Component = Annotated[
    Server
    | Tray
    | RackSystem
    | Psu
    | PowerShelf
    | Pdu
    | Cdu
    | Rack
    | Switch
    | Nic
    | Transceiver
    | Cable
    | Storage,
    Field(discriminator="kind"),
]

KINDS = (
    "server", "tray", "rack-system", "psu", "power-shelf", "pdu", "cdu", "rack",
    "switch", "nic", "transceiver", "cable", "storage",
)  # fmt: skip


class CatalogFile(Strict):
    """One catalog file."""

    catalog: Literal[1]
    components: list[Component]
