"""The design file: a site, its racks, their power and cooling (fabrics, storage and
workload sections are filled in by their own modules)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

from pydantic import Field

from rackcheck.model.fields import (
    Byterate,
    Current,
    Fraction,
    Information,
    Name,
    PositiveCount,
    PositiveFlowPerPower,
    PositiveTemperatureDelta,
    Power,
    Strict,
    Temperature,
    Voltage,
    lazy_section,
)
from rackcheck.model.sovereignty import Country

# The optional sections: each one's module is imported the first time a file has the
# section (model/fields.py: lazy_section), so a one-rack design does not define the
# classes of fabrics, phases, costs or the facility. mypy sees the types themselves.
if TYPE_CHECKING:
    from rackcheck.model.catalog import Component
    from rackcheck.model.cost import CostSection
    from rackcheck.model.fabric import Fabric, Layout
    from rackcheck.model.facility import Facility, Requirements
    from rackcheck.model.phases import Phase as BuildPhase
    from rackcheck.model.sovereignty import (
        DataAsset,
        FlowDef,
        Policy,
        SiteDef,
        SiteLink,
    )
    from rackcheck.model.storage import StorageSection, Workload

    Components: TypeAlias = list[Component]
    WorkloadSection: TypeAlias = Workload | None
    StorageSectionOrNone: TypeAlias = StorageSection | None
    Fabrics: TypeAlias = list[Fabric]
    LayoutSection: TypeAlias = Layout | None
    Sites: TypeAlias = list[SiteDef]
    SiteLinks: TypeAlias = list[SiteLink]
    DataAssets: TypeAlias = list[DataAsset]
    Flows: TypeAlias = list[FlowDef]
    PolicySection: TypeAlias = Policy | None
    BuildPhases: TypeAlias = list[BuildPhase]
    CostSectionOrNone: TypeAlias = CostSection | None
    FacilitySection: TypeAlias = Facility | None
    RequirementsSection: TypeAlias = Requirements | None
else:
    Components = lazy_section("catalog", "Component", many=True)
    WorkloadSection = lazy_section("storage", "Workload")
    StorageSectionOrNone = lazy_section("storage", "StorageSection")
    Fabrics = lazy_section("fabric", "Fabric", many=True)
    LayoutSection = lazy_section("fabric", "Layout")
    Sites = lazy_section("sovereignty", "SiteDef", many=True)
    SiteLinks = lazy_section("sovereignty", "SiteLink", many=True)
    DataAssets = lazy_section("sovereignty", "DataAsset", many=True)
    Flows = lazy_section("sovereignty", "FlowDef", many=True)
    PolicySection = lazy_section("sovereignty", "Policy")
    BuildPhases = lazy_section("phases", "Phase", many=True)
    CostSectionOrNone = lazy_section("cost", "CostSection")
    FacilitySection = lazy_section("facility", "Facility")
    RequirementsSection = lazy_section("facility", "Requirements")

PowerFactor = Annotated[float, Field(gt=0.0, le=1.0)]
# A cord on a line-to-neutral outlet names its line; on a line-to-line outlet (208 V
# three-phase PDUs) the pair of lines it sits between.
Phase = Literal["L1", "L2", "L3", "L1-L2", "L2-L3", "L3-L1"]
ContinuousRating = Annotated[
    float,
    Field(
        gt=0.0,
        le=1.0,
        description="fraction of the rated current carried continuously (0.8: NEC "
        "80 % rule; 1.0: listed for 100 % duty, or IEC 60364)",
    ),
]


class Feed(Strict):
    """A site power feed (utility / UPS path), e.g. feed A of an A/B pair."""

    name: Name
    voltage: Voltage
    phases: Literal[1, 3] = 3
    current: Current
    derating: ContinuousRating | None = None


class Site(Strict):
    name: Name | None = None
    country: Country | None = None
    electrical_code: Literal["nec", "iec"] | None = Field(
        default=None,
        description="wiring code the site is built to; else from `country` "
        "(US, PR, CA, MX: nec; others: iec), else nec",
    )
    power_factor: PowerFactor = 0.95
    feeds: list[Feed] = []
    max_rack_power: Power | None = None
    air_cooling: Power | None = None
    max_rack_air_heat: Power | None = None
    inlet_temperature: Temperature | None = None
    facility_water_temperature: Temperature | None = None


class Cord(Strict):
    """Where one PSU cord of a device plugs in: a PDU of the rack and its phase."""

    pdu: Name
    phase: Phase | None = None


class PduRef(Strict):
    model: Name
    feed: Name
    name: Name | None = None
    count: PositiveCount = 1
    continuous_rating: ContinuousRating | None = None


class Assume(Strict):
    """Figures the design team states where the catalog has none (or overrides it):
    a vendor quote, a measurement. `basis` says where each comes from; findings and
    metrics built on them say "assumed"."""

    max_power: Power | None = None
    liquid_fraction: Fraction | None = None
    read: Byterate | None = None
    write: Byterate | None = None
    capacity: Information | None = None
    basis: Name


class DeviceRef(Strict):
    model: Name
    count: PositiveCount = 1
    name: Name | None = None
    position: Annotated[int, Field(ge=1)] | list[Annotated[int, Field(ge=1)]] | None = (
        None
    )
    cords: list[Cord] | None = None
    assume: Assume | None = None


class RackEntry(Strict):
    name: Name
    model: Name
    pdus: list[PduRef] = []
    devices: list[DeviceRef] = []
    row: Name | None = None
    assume: Assume | None = Field(
        default=None, description="for a rack system (model is a rack-system)"
    )


class CduRef(Strict):
    model: Name
    count: PositiveCount = 1


class Loop(Strict):
    """A secondary coolant loop: CDUs and the racks whose liquid heat they remove."""

    name: Name
    cdus: list[CduRef] = Field(min_length=1)
    serves: list[Name] = Field(min_length=1)
    redundancy: Literal["N", "N+1"] = "N+1"
    coolant: Literal["water", "pg25"] = "water"
    delta_t: PositiveTemperatureDelta | None = None
    flow_per_kw: PositiveFlowPerPower | None = None


class Cooling(Strict):
    loops: list[Loop] = []


class Design(Strict):
    """A whole design file."""

    rackcheck: Literal[1] = Field(description="design format version")
    name: Name
    description: str | None = None
    catalogs: list[Name] = Field(
        default=[], description="extra catalog files, relative to this file"
    )
    components: Components = Field(
        default=[], description="extra catalog entries defined in the design itself"
    )
    site: Site = Site()
    racks: list[RackEntry] = []
    cooling: Cooling = Cooling()
    workload: WorkloadSection = None
    storage: StorageSectionOrNone = None
    fabrics: Fabrics = Field(default=[], description="network fabrics")
    layout: LayoutSection = Field(
        default=None, description="rack rows, for cable reach"
    )
    # Sovereignty, data gravity and staging (docs/sovereignty.md); all optional.
    sites: Sites = Field(default=[], description="several sites")
    links: SiteLinks = Field(default=[], description="links between sites")
    datasets: DataAssets = Field(default=[], description="datasets")
    models: DataAssets = Field(default=[], description="model artefacts")
    flows: Flows = Field(default=[], description="data flows between sites")
    policy: PolicySection = Field(default=None, description="data policy")
    phases: BuildPhases = Field(default=[], description="staged build-out")
    cost: CostSectionOrNone = Field(
        default=None, description="price books and cost assumptions (docs/cost.md)"
    )
    facility: FacilitySection = Field(
        default=None, description="the power chain and cooling plant behind the feeds"
    )
    requirements: RequirementsSection = Field(
        default=None, description="failures the design must survive"
    )
