"""Sites, inter-site links, datasets and models with their residency policy, data flows
and the design's data policy: the optional keys of docs/sovereignty.md.

Country codes and location groups are checked against data shipped with rackcheck
(rackcheck/reference/): an unknown one is a located INP002 input error.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypedDict

from pydantic import BeforeValidator, Field, WithJsonSchema

from rackcheck.model.fields import Bitrate, Duration, Information, Name, Strict

if TYPE_CHECKING:

    class LocationGroup(TypedDict):
        """One group of rackcheck/reference/location-groups.yaml."""

        name: str
        as_of: str
        source: str
        members: list[str]

    class EgressTier(TypedDict):
        up_to: str | None  # "10 TB"; None: no upper bound
        price: str  # per `unit`, decimal text

    class EgressBook(TypedDict):
        """One provider of rackcheck/reference/egress-prices.yaml."""

        name: str
        currency: str
        unit: str
        as_of: str
        source: str
        tiers: list[EgressTier]


REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"

Operator = Literal["own", "colocation", "cloud-region"]
VendorService = Literal["cloud-management", "remote-support"]
Provider = Literal["aws", "gcp", "azure", "oci", "other"]

_BOOL_HINT = (
    "YAML reads an unquoted no, yes, on, off, true or false as a boolean: write the "
    "country code in capitals or quotes, e.g. NO or 'NO' for Norway"
)


def _read(name: str) -> Any:
    """Safe YAML, with libyaml's loader where PyYAML has it (the country list takes
    ~40 ms with the pure-Python one, on the first check of any design with a site)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with (REFERENCE_DIR / name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> short name (rackcheck/reference/iso3166-1.yaml)."""
    return {str(k): str(v) for k, v in _read("iso3166-1.yaml")["codes"].items()}


@lru_cache(maxsize=1)
def groups() -> dict[str, LocationGroup]:
    """Location groups (EU, EEA): name, members, as_of and source."""
    out: dict[str, LocationGroup] = _read("location-groups.yaml")["groups"]
    return out


def members(location: str) -> frozenset[str]:
    """The countries a location stands for: a group's members, or the country."""
    group = groups().get(location)
    if group is not None:
        return frozenset(str(m) for m in group["members"])
    return frozenset({location})


def _country(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError(_BOOL_HINT)
    if isinstance(value, str) and value not in countries():
        hint = " (codes are upper case)" if value.upper() in countries() else ""
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code{hint}")
    return value


def _location(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError(_BOOL_HINT)
    if isinstance(value, str) and value not in countries() and value not in groups():
        known = ", ".join(sorted(groups()))
        raise ValueError(
            f"{value!r} is neither an ISO 3166-1 alpha-2 country code nor a "
            f"location group ({known})"
        )
    return value


Country = Annotated[
    str,
    BeforeValidator(_country),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[A-Z]{2}$",
            "description": "ISO 3166-1 alpha-2 country code, e.g. 'DE' (quote 'NO')",
        }
    ),
]
Location = Annotated[
    str,
    BeforeValidator(_location),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[A-Z]{2,3}$",
            "description": "a country code ('DE') or a location group ('EU', 'EEA')",
        }
    ),
]
Efficiency = Annotated[float, Field(gt=0.0, le=1.0, allow_inf_nan=False)]
RuleId = Annotated[str, Field(pattern=r"^[A-Z]{3,4}\d{3}$")]


class SiteDef(Strict):
    """One site of a multi-site design: where it is and who operates it."""

    name: Name
    country: Country
    operator: Operator = "own"
    provider: Provider | None = Field(
        default=None, description="cloud regions: whose cloud (prices egress)"
    )
    region: Name | None = Field(default=None, description="e.g. 'europe-west3'")
    air_gapped: bool = Field(
        default=False, description="no connection to vendor services"
    )
    forbid_services: list[VendorService] = Field(
        default=[], description="vendor services no device here may need"
    )
    racks: list[Name] = Field(
        default=[], description="the design's racks (names, ranges) at this site"
    )


class SiteLink(Strict):
    """A network link between two sites: its bandwidth and the share of it a bulk
    transfer achieves (default 1.0: line rate)."""

    name: Name
    between: list[Name] = Field(min_length=2, max_length=2)
    bandwidth: Bitrate
    efficiency: Efficiency = 1.0


class Residency(Strict):
    """Where a dataset or model may be: countries and groups, and operator kinds."""

    allowed: list[Location] = Field(min_length=1)
    operators: list[Operator] | None = Field(
        default=None, description="operator kinds allowed; default: any"
    )


class Placement(Strict):
    site: Name
    storage: Name | None = Field(
        default=None, description="a storage rack or device at that site"
    )


class Use(Strict):
    workload: Name
    site: Name


class DataAsset(Strict):
    """A dataset or a model artefact: its size, policy, copies and users."""

    name: Name
    size: Information | None = None
    residency: Residency | None = None
    stored_at: Placement
    replicas: list[Placement] = []
    used_by: list[Use] = []


class FlowDef(Strict):
    """A data movement between two sites (flows are also derived from `used_by` at a
    site that holds no copy)."""

    name: Name
    data: Name | None = Field(default=None, description="a dataset or model name")
    from_: Name = Field(alias="from", description="source site")
    to: Name = Field(description="destination site")
    size: Information | None = Field(default=None, description="default: the data's")
    link: Name | None = Field(default=None, description="default: the sites' link")
    max_time: Duration | None = Field(
        default=None, description="default: policy.max_transfer_time"
    )


class ServiceNeed(Strict):
    """A design-level statement that a catalog model needs vendor services."""

    model: Name
    needs: list[VendorService] = Field(min_length=1)
    basis: Name


class Exemption(Strict):
    """An accepted exception to one rule, with its reason."""

    rule: RuleId
    subject: Name = Field(description="dataset, model, flow, device model or site")
    site: Name | None = None
    reason: Annotated[str, Field(min_length=3, max_length=2000)]


class Policy(Strict):
    max_transfer_time: Duration | None = None
    services: list[ServiceNeed] = []
    exemptions: list[Exemption] = []


@lru_cache(maxsize=1)
def egress_prices() -> dict[str, EgressBook]:
    """Internet egress tier tables by provider (rackcheck/reference/egress-prices.yaml):
    name, currency, unit, as_of, source, tiers [{up_to, price}] (price as text, read
    as Decimal by the caller)."""
    out: dict[str, EgressBook] = _read("egress-prices.yaml")["providers"]
    return out
