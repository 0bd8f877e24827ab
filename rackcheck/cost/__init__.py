"""Cost: price books, vendor quotes, TCO, cloud break-even, sensitivity.

One public entry point per use:

- `compare_quotes(quotes, graph, ...) -> Comparison` for `rackcheck quotes compare`
  (`rackcheck.api.compare_quotes` takes a design path);
- `design_cost(graph, path) -> dict | None` for `metrics.cost` of a check.

Amounts are `decimal.Decimal` in one reporting currency; every figure that feeds them
is an `Assumption` with its source and date (assumptions.py, defaults.yaml).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TypedDict

    from rackcheck.cost.assumptions import Assumptions, Layer
    from rackcheck.cost.compare import Result
    from rackcheck.cost.pricebook import PriceBook
    from rackcheck.cost.quotes import Quote
    from rackcheck.cost.sweep import Sweep
    from rackcheck.findings import Finding, Location
    from rackcheck.graph.build import DesignGraph
    from rackcheck.jsontypes import JSONObject
    from rackcheck.model.catalog import Gpus
    from rackcheck.source import SourceMap

    class QuoteOptions(TypedDict, total=False):
        """The keyword options of compare_quotes (api.compare_quotes passes them)."""

        price_books: list[str] | None
        assumption_files: list[str] | None
        sets: list[str] | None
        sweep: str | None
        today: dt.date | None
        meta: dict[str, str] | None


VERSION = 1


@dataclass
class Comparison:
    design: str
    assumptions: Assumptions
    results: list[Result]
    findings: list[Finding]
    today: dt.date
    gpus: int
    sweep: Sweep | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def currency(self) -> str:
        return self.assumptions.currency

    def ranked(self) -> list[Result]:
        return sorted(self.results, key=lambda r: r.rank)


class _Under:
    """A SourceMap seen from a sub-path (the design's `cost:` section)."""

    def __init__(self, smap: SourceMap, prefix: tuple[str, ...]) -> None:
        self.smap, self.prefix = smap, prefix

    def at(self, path: tuple[str | int, ...], key: bool = False) -> Location:
        return self.smap.at((*self.prefix, *path), key)


def _power_gpus(graph: DesignGraph) -> tuple[Decimal, int, str | None]:
    from rackcheck.graph import physical, power

    kw = sum(
        (power.rack_power(graph, r).to("kW").magnitude for r in graph.racks()), 0.0
    )
    gpus, model = 0, None
    for rack in graph.racks():
        for d in graph.devices(rack):
            n = physical.gpu_count(d)
            gpus += n
            listed: Gpus | None = getattr(d.spec, "gpus", None)
            if n and model is None and listed is not None:
                model = listed.model
    return Decimal(repr(round(kw, 6))), gpus, model


def _setup(
    graph: DesignGraph, path: Path, books: list[str], files: list[str], sets: list[str]
) -> tuple[PriceBook, Assumptions]:
    """(price book, assumptions) for a design and the command line."""
    from rackcheck.cost import assumptions as am
    from rackcheck.cost import pricebook
    from rackcheck.findings import Finding, InputError, Severity
    from rackcheck.source import load_yaml, shown_path

    section = graph.design.cost
    layers: list[Layer] = []
    book_paths: list[tuple[Path, str]] = []
    if section is not None:
        layers.append(
            (section.model_dump(), _Under(graph.source, ("cost",)), graph.file)
        )
        for i, rel in enumerate(section.price_books):
            p = (path.parent / rel).resolve()
            if not p.is_file():
                where = graph.source.at(("cost", "price_books", i))
                raise InputError(
                    [
                        Finding(
                            "INP004",
                            Severity.ERROR,
                            f"price book {rel!r} not found",
                            where,
                        )
                    ]
                )
            book_paths.append((p, shown_path(p)))
    for f in files:
        fdoc = load_yaml(Path(f), shown_path(Path(f)))
        data = fdoc.data if isinstance(fdoc.data, dict) else {}
        layers.append((data, fdoc.source, fdoc.source.path))
    book_paths += [(Path(b), shown_path(Path(b))) for b in books]
    country = graph.design.site.country
    _, _, model = _power_gpus(graph)
    return pricebook.load(book_paths), am.resolve(country, model, layers, sets)


def _load_quotes(files: list[str], meta: dict[str, str] | None) -> list[Quote]:
    """Every quote read, or InputError with every problem of every file."""
    from rackcheck.cost import quotes as qr
    from rackcheck.cost.quote_files import read as read_quote
    from rackcheck.findings import Finding, InputError, Severity
    from rackcheck.source import shown_path

    errors: list[Finding] = []
    loaded: list[qr.Quote] = []
    for file in files:
        try:
            loaded.append(read_quote(Path(file), shown_path(Path(file)), meta))
        except InputError as exc:
            errors += exc.findings
    names = [q.name for q in loaded]
    for q in loaded:
        if names.count(q.name) > 1:
            msg = f"two quotes are named {q.name!r}; give each a `name:`"
            errors.append(Finding("INP005", Severity.ERROR, msg, q.where))
    if errors:
        raise InputError(sorted(errors, key=Finding.sort_key))
    return loaded


def compare_quotes(
    quotes: list[str],
    graph: DesignGraph,
    *,
    price_books: list[str] | None = None,
    assumption_files: list[str] | None = None,
    sets: list[str] | None = None,
    sweep: str | None = None,
    today: dt.date | None = None,
    meta: dict[str, str] | None = None,
) -> Comparison:
    """Read the design, price books, assumptions and quotes; compare. Raises InputError
    (located findings, exit 2) for anything unreadable, including a currency mixed in
    without a stated rate or a malformed --sweep."""
    from rackcheck.cost import compare as cmp
    from rackcheck.cost.money import MoneyError
    from rackcheck.cost.needs import needs
    from rackcheck.findings import Finding, InputError, Location, Severity

    book, a = _setup(
        graph, Path(graph.file), price_books or [], assumption_files or [], sets or []
    )
    kw, gpus, _ = _power_gpus(graph)
    ctx = cmp.Context(
        graph.file,
        needs(graph),
        kw,
        gpus,
        book,
        a,
        today or dt.datetime.now(dt.UTC).date(),
    )
    loaded = _load_quotes(quotes, meta)
    results = [cmp.evaluate(q, ctx) for q in loaded]
    cmp.rank(results, a.currency)
    out = Comparison(
        ctx.design, a, results, cmp.findings(results, ctx), ctx.today, gpus
    )
    if sweep:
        from rackcheck.cost.sweep import run

        try:
            out.sweep = run(sweep, results, gpus, a)
        except MoneyError as exc:
            raise InputError(
                [Finding("INP002", Severity.ERROR, str(exc), Location("--sweep", 1, 1))]
            ) from None
    return out


def design_cost(graph: DesignGraph, path: Path) -> JSONObject | None:
    """`metrics.cost` of a design with a `cost:` section: capex of the derived BOM from
    its price books (None with `not_priced` when a part has no price), annual opex,
    TCO and cost per GPU-hour, as decimal strings in the reporting currency."""
    if graph.design.cost is None:
        return None
    from rackcheck.cost.money import MoneyError, Rates, text
    from rackcheck.cost.needs import needs
    from rackcheck.cost.tco import tco

    book, a = _setup(graph, path, [], [], [])
    kw, gpus, _ = _power_gpus(graph)
    rates = Rates(a.currency, dict(a.rates.rates))
    capex, missing = Decimal(0), []
    for n in needs(graph):
        p = book.find(n.id, n.part_number or None)
        if p is None:
            missing.append(n.id)
            continue
        try:
            capex += rates.convert(p.price, p.currency) * n.quantity
        except MoneyError:
            missing.append(n.id)
    t = tco(capex, kw, gpus, a)
    cur = a.currency.lower()
    complete = not missing
    out: JSONObject = {
        "currency": a.currency,
        f"capex_{cur}": text(capex) if complete else None,
        f"priced_capex_{cur}": text(capex),
        f"annual_opex_{cur}": text(t.annual_opex)
        if complete
        else text((t.energy + t.colocation) / t.years),
        f"tco_{cur}": text(t.total) if complete else None,
        f"cost_per_gpu_hour_{cur}": text(t.cost_per_gpu_hour, 4) if complete else None,
        "years": t.years,
        "not_priced": [*missing],
        "assumptions": {k: {**v} for k, v in a.table().items()},
    }
    return out


def merge_costs(costs: list[JSONObject]) -> JSONObject | None:
    """`metrics.cost` of several designs checked together: amounts summed when every
    design states the same currency and years (None where any design's is None);
    None when they differ. Cost per GPU-hour is left to each design's own entry."""
    from rackcheck.cost.money import text
    from rackcheck.jsontypes import seq
    from rackcheck.jsontypes import text as json_text

    if not costs or len({(c["currency"], c["years"]) for c in costs}) != 1:
        return None
    cur = str(costs[0]["currency"]).lower()
    out: JSONObject = {"currency": costs[0]["currency"], "years": costs[0]["years"]}
    for key in ("capex", "priced_capex", "annual_opex", "tco"):
        name = f"{key}_{cur}"
        values = [json_text(c.get(name)) for c in costs]  # decimal strings or None
        known = [Decimal(v) for v in values if v is not None]
        out[name] = text(sum(known, Decimal(0))) if len(known) == len(values) else None
    ids = {i for c in costs for i in seq(c["not_priced"]) if isinstance(i, str)}
    out["not_priced"] = [*sorted(ids)]
    return out
