"""Data gravity: every cross-site flow, the time it takes over the link joining its
sites, and what leaving a public cloud costs.

Transfer time = size / (link bandwidth x link efficiency); the efficiency is the
link's (default 1.0, line rate) and is printed with every figure: 2 PB over
100 Gbit/s at line rate = 2e15 x 8 bit / 1e11 bit/s = 160,000 s = 1.85 days.

Flows are the design's `flows:` plus one derived flow per dataset or model used at a
site that holds no copy of it (from the site where it is stored). Egress is priced
when the source site is a `cloud-region` whose `provider` has a tier table in
rackcheck/reference/egress-prices.yaml; the flow's volume is taken as one month's
(each GB at the rate of the tier it falls in), free allowances only where the source
states them. Amounts are Decimal with their currency.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from rackcheck.graph.sites import assets, sites

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.sites import AssetView
    from rackcheck.model.sovereignty import EgressBook, SiteLink
    from rackcheck.units import Quantity

DataPath = tuple[str | int, ...]
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Egress:
    amount: Decimal | None
    currency: str | None
    note: str


@dataclass(frozen=True)
class FlowView:
    name: str
    data: str | None
    src: str
    dst: str
    size: Quantity | None  # information
    link: SiteLink | None
    limit: Quantity | None  # time
    path: DataPath
    derived: bool

    @property
    def efficiency(self) -> float | None:
        return None if self.link is None else float(self.link.efficiency)

    @property
    def time(self) -> Quantity | None:
        """Transfer time over the link (None without a link)."""
        if self.link is None or self.size is None:
            return None
        rate = self.link.bandwidth * self.link.efficiency
        return (self.size / rate).to("s")


def link_between(g: DesignGraph, a: str, b: str) -> SiteLink | None:
    for link in g.design.links:
        if set(link.between) == {a, b}:
            return link
    return None


def flows(g: DesignGraph) -> list[FlowView]:
    return g.memo.query(("sov", "flows"), lambda: _flows(g), growing=True)


def _flows(g: DesignGraph) -> list[FlowView]:
    by_name = {a.name: a for a in assets(g)}
    links = {link.name: link for link in g.design.links}
    policy = g.design.policy
    default_limit = policy.max_transfer_time if policy else None
    out = []
    for i, f in enumerate(g.design.flows):
        asset = by_name.get(f.data) if f.data else None
        size = f.size if f.size is not None else (asset.spec.size if asset else None)
        link = links.get(f.link) if f.link else link_between(g, f.from_, f.to)
        limit = f.max_time if f.max_time is not None else default_limit
        out.append(FlowView(f.name, f.data, f.from_, f.to, size, link, limit,
                            ("flows", i), False))  # fmt: skip
    named = {(f.data, f.to) for f in g.design.flows}
    for a in assets(g):
        held = {c.site for c in a.copies}
        for u in a.uses:
            if u.site in held or (a.name, u.site) in named:
                continue
            named.add((a.name, u.site))
            src = _nearest(g, a, u.site)
            out.append(FlowView(f"{a.name}->{u.site}", a.name, src, u.site,
                                a.spec.size, link_between(g, src, u.site),
                                default_limit, (*u.path, "site"), True))  # fmt: skip
    return out


def _nearest(g: DesignGraph, asset: AssetView, dst: str) -> str:
    """The copy a remote user reads: one with a link to `dst`, else the stored one."""
    for c in asset.copies:
        if link_between(g, c.site, dst) is not None:
            return str(c.site)
    return str(asset.copies[0].site)


@dataclass(frozen=True)
class _Tier:
    up_to: Quantity | None  # information; None: no upper bound
    price: Decimal


def _prices() -> dict[str, EgressBook]:
    from rackcheck.model.sovereignty import egress_prices

    return egress_prices()


def egress(g: DesignGraph, flow: FlowView) -> Egress:
    """What the flow costs to leave its source site."""
    site = sites(g).get(flow.src)
    if site is None or site.operator != "cloud-region":
        kind = site.operator if site else "unknown"
        return Egress(None, None, f"source site {flow.src} is {kind}: no per-GB egress")
    book = _prices().get(site.provider or "")
    if book is None:
        return Egress(None, None, f"no egress price for provider "
                      f"{site.provider or '(none given)'} in the price data: "
                      "not priced")  # fmt: skip
    if flow.size is None:
        return Egress(None, book["currency"], "flow has no size: not priced")
    return _price(flow.size, book)


def _price(size: Quantity, book: EgressBook) -> Egress:
    from rackcheck.units import parse

    unit = book["unit"]
    volume = Decimal(repr(float(size.to(unit).magnitude)))
    total, done = Decimal(0), Decimal(0)
    for tier in book["tiers"]:
        top = tier["up_to"]
        cap = None if top is None else Decimal(repr(float(
            parse(top, "information").to(unit).magnitude)))  # fmt: skip
        band = volume - done if cap is None else min(volume, cap) - done
        if band > 0:
            total += band * Decimal(str(tier["price"]))
            done += band
        if cap is None or done >= volume:
            break
    src = f"{book['name']}, as of {book['as_of']}"
    if done < volume:
        return Egress(None, book["currency"], f"priced only to {top} ({src}): "
                      "the rest has no price in the data, so the flow is not priced")  # fmt: skip
    amount = total.quantize(CENT, rounding=ROUND_HALF_UP)
    return Egress(amount, book["currency"], src)
