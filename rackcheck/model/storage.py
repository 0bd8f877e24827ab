"""The design's `workload` and `storage` sections: what the GPUs need from storage."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from rackcheck.model.fields import (
    Byterate,
    Information,
    Name,
    PositiveDuration,
    Strict,
)

Tier = Literal["good", "better", "best"]


_SCALE = {"": 1.0, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def _count(value: object) -> object:
    """405e9, "405e9" (YAML 1.1 reads that as text) or "405B" -> 405000000000.0."""
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)\s*([KMBT]?)\s*", value)
        if m is None:
            raise ValueError(
                f"{value!r} is not a parameter count (e.g. 405e9 or '405B')"
            )
        return float(m.group(1)) * _SCALE[m.group(2)]
    return value


ParameterCount = Annotated[
    float,
    Field(gt=0, allow_inf_nan=False),
    BeforeValidator(_count),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0},
                {
                    "type": "string",
                    "pattern": r"^\s*\d+(\.\d*)?([eE][-+]?\d+)?\s*[KMBT]?\s*$",
                },
            ],
            "description": "parameter count, e.g. 405e9 or '405B'",
        }
    ),
]


class Checkpoint(Strict):
    """A checkpoint: its size, or parameters x bytes per parameter (2 B for bf16
    weights only; 14-16 B with mixed-precision Adam state, ZeRO paper section 3.1)."""

    size: Information | None = None
    parameters: ParameterCount | None = None
    bytes_per_parameter: (
        Annotated[float, Field(gt=0, le=64, allow_inf_nan=False)] | None
    ) = None
    max_write_time: PositiveDuration | None = None
    interval: PositiveDuration | None = None
    mtbf: PositiveDuration | None = None
    retained: Annotated[int, Field(ge=0)] = 1


class Workload(Strict):
    """Storage needs: a named tier (NVIDIA DGX SuperPOD guideline) and/or explicit
    figures; explicit figures win over the tier's."""

    storage_tier: Tier | None = None
    read_per_node: Byterate | None = None
    write_per_node: Byterate | None = None
    aggregate_read: Byterate | None = None
    aggregate_write: Byterate | None = None
    dataset: Information | None = None
    checkpoint: Checkpoint | None = None


class StorageSection(Strict):
    """How storage reaches the GPU nodes. The storage systems themselves are the
    racks' devices of kind `storage`."""

    fabric: Name | None = None
    protocol_efficiency: Annotated[float, Field(gt=0, le=1)] = 0.9
