"""pydantic field types for quantities with units, and the base model every entry uses."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from rackcheck import units

if TYPE_CHECKING:
    from rackcheck.units import Quantity as Q
else:  # pydantic sees Any: the reader below makes the quantity
    Q = Any

_UNIT_PATTERN = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*\S.*$"


def _parse(kind: str, value: Any, positive: bool = False) -> Any:
    if hasattr(value, "check"):  # already a pint Quantity (built in code)
        return value
    try:
        if positive:
            return units.parse_positive(value, kind)
        return units.parse(value, kind)
    except units.UnitError as exc:
        raise UnitValueError(str(exc)) from None


class UnitValueError(ValueError):
    """A quantity that is not of its kind: reported as INP003, not INP002."""


def _reader(kind: str, positive: bool = False) -> BeforeValidator:
    """Validator: YAML text like '10.2 kW' in, a pint Quantity of `kind` out."""
    return BeforeValidator(partial(_parse, kind, positive=positive))


def _schema(kind: str) -> WithJsonSchema:
    """JSON Schema of a quantity: a string with a number and a unit."""
    _, example = units.DIMENSIONS[kind]
    return WithJsonSchema(
        {
            "type": "string",
            "pattern": _UNIT_PATTERN,
            "description": f"{kind.replace('_', ' ')} with its unit, e.g. '{example}'",
            "examples": [example],
        }
    )


Power = Annotated[Q, _reader("power"), _schema("power")]
ApparentPower = Annotated[Q, _reader("apparent_power"), _schema("apparent_power")]
Voltage = Annotated[Q, _reader("voltage"), _schema("voltage")]
Current = Annotated[Q, _reader("current"), _schema("current")]
Mass = Annotated[Q, _reader("mass"), _schema("mass")]
Length = Annotated[Q, _reader("length"), _schema("length")]
Temperature = Annotated[Q, _reader("temperature"), _schema("temperature")]
TemperatureDelta = Annotated[
    Q, _reader("temperature_difference"), _schema("temperature_difference")
]
# Figures a rule divides by: zero is refused at load.
PositiveTemperatureDelta = Annotated[
    Q,
    _reader("temperature_difference", positive=True),
    _schema("temperature_difference"),
]
PositiveFlowPerPower = Annotated[
    Q, _reader("flow_per_power", positive=True), _schema("flow_per_power")
]
PositiveDuration = Annotated[Q, _reader("time", positive=True), _schema("time")]
Flow = Annotated[Q, _reader("flow"), _schema("flow")]
FlowPerPower = Annotated[Q, _reader("flow_per_power"), _schema("flow_per_power")]
AreaLoad = Annotated[Q, _reader("area_load"), _schema("area_load")]
Bitrate = Annotated[Q, _reader("bitrate"), _schema("bitrate")]
Byterate = Annotated[Q, _reader("byterate"), _schema("byterate")]
Information = Annotated[Q, _reader("information"), _schema("information")]
Duration = Annotated[Q, _reader("time"), _schema("time")]

# Counts are bounded so that a typo (`count: 100000000`) is refused at its line, not
# allocated (rackcheck/model/limits.py has the per-design totals).
Count = Annotated[int, Field(ge=0, le=1_000_000)]
PositiveCount = Annotated[int, Field(ge=1, le=1_000_000)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Name = Annotated[str, Field(min_length=1, max_length=200)]


class Lazy:
    """`Annotated[T, LAZY]` on an optional section of a model: T's validator is built
    the first time a file has the section, not when the model is, so a design without
    fabrics, sites, phases or costs does not pay for their models (docs/performance.md).
    Validation, error locations and the JSON Schema are T's own.

    `lazy_section(module, name, ...)` goes further: T's module itself is imported only
    then (a section's classes cost ~0.1 ms each to define, even unbuilt)."""

    def __init__(self, source: Callable[[], Any] | None = None, optional: bool = False):
        self.source, self.optional = source, optional

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        optional = self.optional or type(None) in get_args(source)
        adapter = _LazyAdapter(self.source or (lambda: source))
        js = {"pydantic_js_functions": [adapter.json_schema]}
        # Dumped by T's own serializer: a deferred model's may not be built yet,
        # whichever pydantic version is installed.
        ser = core_schema.plain_serializer_function_ser_schema(
            adapter.dump, info_arg=True
        )
        if not optional:
            return core_schema.no_info_plain_validator_function(
                adapter.validate, metadata=js, serialization=ser
            )
        # `Model | None`: a schema with a ref inside, so that the field's JSON Schema
        # gets no title, as the model's own would not (the validator does the work).
        ref = self.source.__qualname__ if self.source else repr(source)
        inner = core_schema.any_schema(ref=f"rackcheck-lazy:{ref}")
        return core_schema.no_info_before_validator_function(
            adapter.validate, inner, metadata=js, serialization=ser
        )


class _LazyAdapter:
    def __init__(self, source: Callable[[], Any]) -> None:
        self.source = source
        self._adapter: Any = None

    def adapter(self) -> Any:
        if self._adapter is None:
            from pydantic import TypeAdapter

            config = ConfigDict(strict=True, arbitrary_types_allowed=True)
            self._adapter = TypeAdapter(self.source(), config=config)
        return self._adapter

    def validate(self, value: Any) -> Any:
        return self.adapter().validate_python(value)

    def dump(self, value: Any, info: Any) -> Any:
        return self.adapter().dump_python(
            value,
            mode=info.mode,
            by_alias=info.by_alias,
            exclude_unset=info.exclude_unset,
            exclude_defaults=info.exclude_defaults,
            exclude_none=info.exclude_none,
        )

    def json_schema(self, _schema: Any, handler: Any) -> Any:
        return handler(self.adapter().core_schema)


LAZY = Lazy()


def lazy_section(module: str, name: str, many: bool = False) -> Any:
    """The run-time type of an optional section whose model `name` lives in
    `rackcheck.model.<module>`, imported the first time a file has the section:
    `list[name]` if `many`, else `name | None`. Declare the real type for mypy beside
    it under TYPE_CHECKING (rackcheck/model/design.py)."""

    def source() -> Any:
        cls = getattr(importlib.import_module(f"rackcheck.model.{module}"), name)
        return list[cls] if many else cls | None  # type: ignore[valid-type]

    source.__qualname__ = f"{module}.{name}"
    return Annotated[Any, Lazy(source, optional=not many)]


class Strict(BaseModel):
    """Unknown keys are errors; values are never coerced ('5' is not 5).

    `defer_build`: a model's validator is built when it first validates (as part of
    the design's or a catalog entry's), not when its module is imported: a check pays
    only for the validators it uses (docs/performance.md)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        arbitrary_types_allowed=True,
        defer_build=True,
    )
