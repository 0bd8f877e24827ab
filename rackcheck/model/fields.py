"""pydantic field types for quantities with units, and the base model every entry uses."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from rackcheck import units

_UNIT_PATTERN = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*\S.*$"


def _parse(kind: str, value: Any) -> Any:
    if hasattr(value, "check"):  # already a pint Quantity (built in code)
        return value
    try:
        return units.parse(value, kind)
    except units.UnitError as exc:
        raise UnitValueError(str(exc)) from None


class UnitValueError(ValueError):
    """A quantity that is not of its kind: reported as INP003, not INP002."""


def quantity(kind: str, description: str = "") -> Any:
    """An annotated type: YAML text like '10.2 kW' in, a pint Quantity out."""
    _, example = units.DIMENSIONS[kind]
    label = kind.replace("_", " ")
    schema = {
        "type": "string",
        "pattern": _UNIT_PATTERN,
        "description": description or f"a {label} with its unit, e.g. '{example}'",
        "examples": [example],
    }
    return Annotated[
        Any, BeforeValidator(partial(_parse, kind)), WithJsonSchema(schema)
    ]


Power = quantity("power")
ApparentPower = quantity("apparent_power")
Voltage = quantity("voltage")
Current = quantity("current")
Mass = quantity("mass")
Length = quantity("length")
Temperature = quantity("temperature")
TemperatureDelta = quantity("temperature_difference")
Flow = quantity("flow")
FlowPerPower = quantity("flow_per_power")
Bitrate = quantity("bitrate")
Byterate = quantity("byterate")
Information = quantity("information")
Duration = quantity("time")

Count = Annotated[int, Field(ge=0)]
PositiveCount = Annotated[int, Field(ge=1)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Name = Annotated[str, Field(min_length=1, max_length=200)]


class Strict(BaseModel):
    """Unknown keys are errors; values are never coerced ('5' is not 5)."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, arbitrary_types_allowed=True
    )
