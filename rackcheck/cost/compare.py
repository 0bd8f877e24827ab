"""Compare quotes for one design: capex, what each leaves out, TCO, break-even, rank."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from rackcheck.cost.assumptions import Assumptions
from rackcheck.cost.money import MoneyError, Rates, show
from rackcheck.cost.needs import NeedLine
from rackcheck.cost.pricebook import PriceBook
from rackcheck.cost.quotes import Quote
from rackcheck.cost.tco import Tco, tco
from rackcheck.findings import Finding, InputError, Location, Severity


@dataclass(frozen=True)
class Missing:
    id: str
    quantity: int
    priced_at: Decimal | None  # unit price in the reporting currency, from a price book
    description: str
    source: str | None


@dataclass
class Result:
    quote: Quote
    quoted: Decimal  # lines less discount, in the reporting currency
    missing: list[Missing]
    extra: list[str]  # quote lines matching nothing the design needs
    it_power_kw: Decimal
    lead_time_days: int | None
    expired: bool
    tco: Tco
    rank: int = 0
    reason: str = ""

    @property
    def complete(self) -> bool:
        return all(m.priced_at is not None for m in self.missing)

    @property
    def capex(self) -> Decimal:
        return self.tco.capex

    def missing_priced(self) -> Decimal:
        return sum(
            (m.priced_at * m.quantity for m in self.missing if m.priced_at is not None),
            Decimal(0),
        )


@dataclass
class Context:
    """Everything a quote is judged against."""

    design: str
    needs: list[NeedLine]
    it_power_kw: Decimal
    gpus: int
    book: PriceBook
    assumptions: Assumptions
    today: dt.date
    findings: list[Finding] = field(default_factory=list)


def _rates(q: Quote, a: Assumptions) -> Rates:
    rates = Rates(a.currency, dict(a.rates.rates), dict(a.rates.origins))
    if q.rate is not None and q.currency != a.currency:
        rates.rates[q.currency] = q.rate
        rates.origins[q.currency] = q.rate_source or q.path
    return rates


def _money_error(
    q: Quote, exc: MoneyError, where: Location | None = None
) -> InputError:
    return InputError(
        [Finding("INP002", Severity.ERROR, f"quote {q.name}: {exc}", where or q.where)]
    )


def evaluate(q: Quote, ctx: Context) -> Result:
    rates = _rates(q, ctx.assumptions)
    by_id = {n.id: n for n in ctx.needs}
    by_pn = {n.part_number: n.id for n in ctx.needs if n.part_number}
    have: dict[str, int] = {}
    extra: list[str] = []
    subtotal = Decimal(0)
    lead = None
    for line in q.lines:
        try:
            subtotal += rates.convert(line.unit_price * line.quantity, line.currency)
        except MoneyError as exc:
            raise _money_error(q, exc, line.where) from None
        _check_total(q, line, ctx)
        if line.lead_time_days is not None:
            lead = max(lead or 0, line.lead_time_days)
        nid = _match(line.id, line.part_number, by_id, by_pn, ctx.book)
        if nid is None:
            extra.append(line.part_number or line.id or "")
        else:
            have[nid] = have.get(nid, 0) + line.quantity
    quoted = subtotal - _discount(q, subtotal, rates)
    missing = [
        _missing(n, n.quantity - have.get(n.id, 0), ctx, rates)
        for n in ctx.needs
        if have.get(n.id, 0) < n.quantity
    ]
    expired = (
        q.valid_until is not None and dt.date.fromisoformat(q.valid_until) < ctx.today
    )
    it_kw = q.it_power_kw if q.it_power_kw is not None else ctx.it_power_kw
    priced = sum(
        (m.priced_at * m.quantity for m in missing if m.priced_at is not None),
        Decimal(0),
    )
    t = tco(quoted + priced, it_kw, ctx.gpus, ctx.assumptions, q.support_years or 0)
    return Result(q, quoted, missing, sorted(extra), it_kw, lead, expired, t)


def _discount(q: Quote, subtotal: Decimal, rates: Rates) -> Decimal:
    if q.discount is None:
        return Decimal(0)
    kind, value = q.discount
    if kind == "percent":
        return subtotal * value / 100
    try:
        return rates.convert(value, q.currency)
    except MoneyError as exc:
        raise _money_error(q, exc) from None


def _match(
    id_: str | None,
    pn: str | None,
    by_id: dict[str, NeedLine],
    by_pn: dict[str, str],
    book: PriceBook,
) -> str | None:
    if id_ is not None and id_ in by_id:
        return id_
    if pn is not None and pn in by_pn:
        return by_pn[pn]
    if pn is not None and pn in by_id:  # a part-number column naming a catalog id
        return pn
    if pn is not None:
        mapped = book.id_for_part(pn)
        if mapped is not None and mapped in by_id:
            return mapped
    return None


def _missing(n: NeedLine, qty: int, ctx: Context, rates: Rates) -> Missing:
    price = ctx.book.find(n.id, n.part_number or None)
    if price is None:
        return Missing(n.id, qty, None, n.description, None)
    try:
        each = rates.convert(price.price, price.currency)
    except MoneyError as exc:
        raise InputError(
            [
                Finding(
                    "INP002",
                    Severity.ERROR,
                    f"price of {price.key!r}: {exc}",
                    price.where,
                )
            ]
        ) from None
    return Missing(n.id, qty, each, n.description, price.source)


def _check_total(q: Quote, line: object, ctx: Context) -> None:
    from rackcheck.cost.quotes import Line

    assert isinstance(line, Line)
    if line.line_total is None:
        return
    want = line.unit_price * line.quantity
    if abs(want - line.line_total) >= Decimal("0.005"):
        ctx.findings.append(
            Finding(
                "COST002",
                Severity.ERROR,
                f"{line.part_number or line.id}: {line.quantity} x {line.unit_price} = "
                f"{want:.2f} {line.currency}, but the line total says {line.line_total:.2f}",
                line.total_where,
                f"{q.name}:{line.part_number or line.id}",
            )
        )


def findings(results: list[Result], ctx: Context) -> list[Finding]:
    out = list(ctx.findings)
    cur = ctx.assumptions.currency
    for r in results:
        q = r.quote
        if r.expired:
            out.append(
                Finding(
                    "COST001",
                    Severity.WARNING,
                    f"quote {q.name} ({q.vendor}) expired on {q.valid_until} "
                    f"(as of {ctx.today.isoformat()}): ask for a new one",
                    q.where,
                    q.name,
                )
            )
        for m in r.missing:
            priced = (
                f"priced from the price book at {show(m.priced_at, cur, 2)} each"
                if m.priced_at is not None
                else "not priced: capex and TCO understated"
            )
            out.append(
                Finding(
                    "COST003",
                    Severity.WARNING,
                    f"quote {q.name} leaves out {m.quantity} x {m.id} "
                    f"({m.description}); {priced}",
                    q.where,
                    f"{q.name}:{m.id}",
                )
            )
    for p in ctx.book.expired(ctx.today):
        out.append(
            Finding(
                "COST001",
                Severity.WARNING,
                f"price of {p.key!r} expired on {p.valid_until} (as of "
                f"{ctx.today.isoformat()})",
                p.where,
                p.key,
            )
        )
    return sorted(out, key=Finding.sort_key)


def rank(results: list[Result], currency: str) -> None:
    """Complete quotes first, then by TCO; ties by name. Each gets a reason."""
    order = sorted(results, key=lambda r: (not r.complete, r.tco.total, r.quote.name))
    best = order[0] if order else None
    longest = max((r.lead_time_days or 0 for r in results), default=0)
    for i, r in enumerate(order, 1):
        r.rank = i
        years = r.tco.years
        if r is best:
            nxt = order[1] if len(order) > 1 else None
            why = f"lowest {years}-year TCO"
            if nxt is not None:
                why += f", {show(nxt.tco.total - r.tco.total, currency)} below {nxt.quote.name}"
        else:
            assert best is not None
            why = f"{show(r.tco.total - best.tco.total, currency)} more than {best.quote.name} over {years} years"
        notes = []
        if not r.complete:
            n = sum(1 for m in r.missing if m.priced_at is None)
            notes.append(
                f"{n} part{'s' if n != 1 else ''} left out and not priced (TCO understated, ranked last)"
            )
        elif r.missing:
            notes.append(
                f"left-out parts priced from the price book ({show(r.missing_priced(), currency)})"
            )
        if r.expired:
            notes.append(f"quote expired {r.quote.valid_until}")
        if longest and r.lead_time_days == longest and len(results) > 1:
            notes.append(f"longest lead time ({longest} days)")
        r.reason = "; ".join([why, *notes])
