"""Sites and data: where each rack, dataset and model copy stands, and who uses it where.

A design without `sites:` whose `site:` has a name and a country is one site (operator
`own`). With `sites:`, a rack stands where a site lists it; a rack no site lists stands
at the site named like `site.name`, or at the only site there is. Pure queries, kept on
the graph once built; `references(g)` returns the located INP004/INP005 errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.model.names import expand
from rackcheck.model.sovereignty import members

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.nodes import DeviceNode
    from rackcheck.model.sovereignty import DataAsset, Exemption

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class SiteView:
    name: str
    country: str
    operator: str
    provider: str | None
    air_gapped: bool
    forbid: frozenset[str]
    path: DataPath


@dataclass(frozen=True)
class Copy:
    site: str
    role: str  # "stored" or "replica"
    path: DataPath


@dataclass(frozen=True)
class UseView:
    workload: str
    site: str
    path: DataPath


@dataclass(frozen=True)
class AssetView:
    """A dataset or model artefact with its copies, users and allowed countries."""

    kind: str  # "dataset" or "model"
    name: str
    spec: DataAsset
    path: DataPath
    copies: tuple[Copy, ...]
    uses: tuple[UseView, ...]
    allowed: frozenset[str] | None  # countries; None: no residency policy
    operators: frozenset[str] | None

    @property
    def policy_text(self) -> str:
        return ", ".join(self.spec.residency.allowed) if self.spec.residency else ""


def sites(g: DesignGraph) -> dict[str, SiteView]:
    return g.memo.query(("sov", "sites"), lambda: _sites(g), growing=True)


def _sites(g: DesignGraph) -> dict[str, SiteView]:
    d = g.design
    out: dict[str, SiteView] = {}
    for i, s in enumerate(d.sites):
        out.setdefault(s.name, SiteView(s.name, s.country, s.operator, s.provider,
                                        s.air_gapped, frozenset(s.forbid_services),
                                        ("sites", i)))  # fmt: skip
    if not d.sites and d.site.name and d.site.country:
        out[d.site.name] = SiteView(d.site.name, d.site.country, "own", None, False,
                                    frozenset(), ("site",))  # fmt: skip
    return out


def home_site(g: DesignGraph) -> str | None:
    """Where racks no site lists stand."""
    table = sites(g)
    if g.design.site.name in table:
        return g.design.site.name
    return next(iter(table)) if len(table) == 1 else None


def rack_sites(g: DesignGraph) -> dict[str, str]:
    """Rack name -> the site it stands at (racks at no known site are left out)."""
    return g.memo.query(("sov", "racks"), lambda: _rack_sites(g), growing=True)


def _rack_sites(g: DesignGraph) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in g.design.sites:
        for pattern in s.racks:
            for name in _names(pattern):
                out.setdefault(name, s.name)
    home = home_site(g)
    if home is not None:
        for rack in g.racks():
            out.setdefault(rack.name, home)
    return out


def _names(pattern: str) -> list[str]:
    try:
        return expand(pattern)
    except ValueError:
        return []


def device_site(g: DesignGraph, dev: DeviceNode) -> str | None:
    return rack_sites(g).get(g.node(dev.rack).name)


def device_services(g: DesignGraph, dev: DeviceNode) -> dict[str, str]:
    """Vendor services a device needs -> where that is stated (catalog or design)."""
    out = {s: f"catalog entry {dev.spec.id}" for s in getattr(dev.spec, "services", [])}
    policy = g.design.policy
    for need in policy.services if policy else []:
        if need.model == dev.spec.id:
            for s in need.needs:
                out.setdefault(s, f"design policy.services ({need.basis})")
    return out


def assets(g: DesignGraph) -> list[AssetView]:
    return g.memo.query(("sov", "assets"), lambda: _assets(g), growing=True)


def _assets(g: DesignGraph) -> list[AssetView]:
    out = []
    for key, kind in (("datasets", "dataset"), ("models", "model")):
        for i, a in enumerate(getattr(g.design, key)):
            path = (key, i)
            copies = [Copy(a.stored_at.site, "stored", (*path, "stored_at", "site"))]
            copies += [Copy(r.site, "replica", (*path, "replicas", j, "site"))
                       for j, r in enumerate(a.replicas)]  # fmt: skip
            uses = [UseView(u.workload, u.site, (*path, "used_by", j))
                    for j, u in enumerate(a.used_by)]  # fmt: skip
            allowed = None
            ops = None
            if a.residency is not None:
                allowed = frozenset().union(*(members(x) for x in a.residency.allowed))
                if a.residency.operators is not None:
                    ops = frozenset(a.residency.operators)
            out.append(AssetView(kind, a.name, a, path, tuple(copies), tuple(uses),
                                 allowed, ops))  # fmt: skip
    return out


def exemption(
    g: DesignGraph, rule_id: str, subject: str, site: str | None
) -> Exemption | None:
    """The policy's exemption of `rule_id` for this subject (and site), if any."""
    policy = g.design.policy
    for ex in policy.exemptions if policy else []:
        same = ex.rule == rule_id and ex.subject == subject
        if same and (ex.site is None or ex.site == site):
            return ex
    return None


def uses_design(g: DesignGraph) -> bool:
    d = g.design
    return bool(d.sites or d.links or d.datasets or d.models or d.flows or d.policy)


# -- references -----------------------------------------------------------------------
class _Refs:
    def __init__(self, g: DesignGraph) -> None:
        self.g = g
        self.errors: list[Finding] = []
        self.sites = sites(g)

    def err(self, path: DataPath, message: str, code: str = "INP004") -> None:
        self.errors.append(
            Finding(code, Severity.ERROR, message, self.g.source.at(path))
        )

    def site(self, name: str, path: DataPath) -> bool:
        if name in self.sites:
            return True
        known = ", ".join(sorted(self.sites)) or "none: add `sites:`"
        self.err(path, f"unknown site {name!r} (sites: {known})")
        return False


def references(g: DesignGraph) -> list[Finding]:
    """Located errors for names that name nothing, or the same thing twice."""
    if not uses_design(g):
        return []
    r = _Refs(g)
    _site_refs(r)
    _asset_refs(r)
    _flow_refs(r)
    _policy_refs(r)
    return r.errors


def _site_refs(r: _Refs) -> None:
    g = r.g
    racks = {rack.name for rack in g.racks()}
    placed: dict[str, str] = {}
    seen: set[str] = set()
    for i, s in enumerate(g.design.sites):
        if s.name in seen:
            r.err(("sites", i, "name"), f"duplicate site {s.name!r}", "INP005")
        seen.add(s.name)
        for j, pattern in enumerate(s.racks):
            path = ("sites", i, "racks", j)
            try:
                names = expand(pattern)
            except ValueError as exc:
                r.err(path, str(exc), "INP002")
                continue
            for name in names:
                if name not in racks:
                    r.err(path, f"unknown rack {name!r}")
                elif placed.setdefault(name, s.name) != s.name:
                    r.err(path, f"rack {name!r} is already at site {placed[name]!r}",
                          "INP005")  # fmt: skip
    home = r.sites.get(g.design.site.name or "")
    country = g.design.site.country
    if g.design.sites and home is not None and country and country != home.country:
        r.err(("site", "country"), f"site {home.name} is {home.country} in `sites`, "
              f"not {country}", "INP002")  # fmt: skip
    if len(r.sites) > 1 and home_site(g) is None:
        for rack in g.racks():
            if rack.name not in placed:
                r.err((*rack.path, "name"), f"rack {rack.name!r} stands at no site: "
                      "list it under a site's `racks`")  # fmt: skip
    links: set[str] = set()
    for i, link in enumerate(g.design.links):
        if link.name in links:
            r.err(("links", i, "name"), f"duplicate link {link.name!r}", "INP005")
        links.add(link.name)
        for j, name in enumerate(link.between):
            r.site(name, ("links", i, "between", j))


def _asset_refs(r: _Refs) -> None:
    seen: set[str] = set()
    for a in assets(r.g):
        if a.name in seen:
            r.err((*a.path, "name"), f"duplicate dataset or model {a.name!r}", "INP005")
        seen.add(a.name)
        for c in a.copies:
            r.site(c.site, c.path)
        for u in a.uses:
            r.site(u.site, (*u.path, "site"))
        places = [a.spec.stored_at, *a.spec.replicas]
        paths = [(*a.path, "stored_at"), *((*a.path, "replicas", j)
                                           for j in range(len(a.spec.replicas)))]  # fmt: skip
        for place, path in zip(places, paths, strict=True):
            if place.storage is not None:
                _storage_ref(r, place.storage, place.site, (*path, "storage"))


def _storage_ref(r: _Refs, storage: str, site: str, path: DataPath) -> None:
    """`storage:` names a rack, or a device as `rack/device` (e.g. st01/ddn-1)."""
    rack_name = storage.split("/", 1)[0]
    rack = next((x for x in r.g.racks() if x.name == rack_name), None)
    if rack is None:
        r.err(path, f"unknown storage {storage!r}: no rack {rack_name!r}")
        return
    if "/" in storage:
        label = storage.split("/", 1)[1]
        if label not in {d.name for d in r.g.devices(rack)}:
            r.err(path, f"rack {rack_name!r} holds no device {label!r}")
            return
    at = rack_sites(r.g).get(rack_name)
    if at is not None and at != site:
        r.err(path, f"{storage!r} stands at site {at!r}, not {site!r}")


def _flow_refs(r: _Refs) -> None:
    names = {a.name: a for a in assets(r.g)}
    links = {link.name: link for link in r.g.design.links}
    for i, f in enumerate(r.g.design.flows):
        path = ("flows", i)
        ok = r.site(f.from_, (*path, "from")) & r.site(f.to, (*path, "to"))
        asset = names.get(f.data) if f.data else None
        if f.data and asset is None:
            r.err((*path, "data"), f"unknown dataset or model {f.data!r}")
        if f.size is None and (asset is None or asset.spec.size is None):
            r.err(path, f"flow {f.name!r} has no size: give `size:` or name data "
                  "with a size", "INP002")  # fmt: skip
        if f.link is not None:
            link = links.get(f.link)
            if link is None:
                r.err((*path, "link"), f"unknown link {f.link!r}")
            elif ok and set(link.between) != {f.from_, f.to}:
                r.err((*path, "link"), f"link {f.link!r} joins "
                      f"{' and '.join(link.between)}, not {f.from_} and {f.to}")  # fmt: skip


def _policy_refs(r: _Refs) -> None:
    policy = r.g.design.policy
    if policy is None:
        return
    for i, need in enumerate(policy.services):
        if r.g.catalog.get(need.model) is None:
            r.err(("policy", "services", i, "model"), f"unknown model {need.model!r}")
    known = set(r.sites) | {a.name for a in assets(r.g)}
    d = r.g.design
    known |= {f.name for f in d.flows} | set(r.g.catalog.components)
    known |= {p.name for p in d.phases} | {x.name for x in d.cooling.loops}
    known |= {x.name for x in d.fabrics} | {x.name for x in r.g.racks()}
    for i, ex in enumerate(policy.exemptions):
        path = ("policy", "exemptions", i)
        if ex.subject not in known:
            r.err((*path, "subject"), f"exemption subject {ex.subject!r} names "
                  "nothing in this design or the catalog")  # fmt: skip
        if ex.site is not None:
            r.site(ex.site, (*path, "site"))
