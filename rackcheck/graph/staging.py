"""Staged deployment: each phase of `phases:` as a design of its own.

Phase k holds the racks of phases 1..k. Its sub-design is the design restricted to
them: rack entries (a range split into the racks present), coolant loops serving them
(with the CDUs the phase installs, `cdus:`), fabrics reaching them (generated fabrics
re-planned for the phase's nodes; explicit fabrics keep every switch and the links to
racks present) and the layout. Sites, data and phases themselves are left out: they do
not change with the build. Every path of the sub-design maps back to the line of the
design it came from, so a finding in a phase points at the design file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rackcheck.findings import Finding, InputError, Location, Severity
from rackcheck.model.names import expand
from rackcheck.source import SourceMap

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph
    from rackcheck.graph.fabric.plan import Plan

DataPath = tuple[str | int, ...]
_LEFT_OUT = ("phases", "sites", "links", "datasets", "models", "flows", "policy")


class PhaseSourceMap(SourceMap):
    """A sub-design's paths, located at the design's lines they were taken from."""

    def __init__(self, base: SourceMap, moves: dict[DataPath, DataPath]) -> None:
        super().__init__(base.path, base.values, base.keys)
        self.moves = moves

    def at(self, data_path: DataPath, key: bool = False) -> Location:
        p = tuple(data_path)
        for n in range(len(p), 0, -1):
            old = self.moves.get(p[:n])
            if old is not None:
                p = (*old, *p[n:])
                break
        return super().at(p, key)


@dataclass
class PhaseResult:
    name: str
    index: int
    racks: list[str]
    graph: DesignGraph | None  # of the phase; None: it could not be built
    errors: list[Finding]
    cdus: dict[str, int]  # loop -> CDUs installed


def _names(pattern: str) -> list[str]:
    try:
        return expand(pattern)
    except ValueError:
        return []


def phase_racks(g: DesignGraph) -> list[list[str]]:
    """The racks standing in each phase (cumulative), in design order."""
    order = [r.name for r in g.racks()]
    added: set[str] = set()
    out = []
    for ph in g.design.phases:
        for pattern in ph.racks:
            added.update(_names(pattern))
        out.append([n for n in order if n in added])
    return out


def cdu_counts(g: DesignGraph) -> list[dict[str, int]]:
    """Per phase: loop name -> CDUs installed (the design's unless a phase says)."""
    final = {lp.name: sum(c.count for c in lp.cdus) for lp in g.design.cooling.loops}
    now: dict[str, int] = {}
    out = []
    for k, ph in enumerate(g.design.phases):
        now.update(ph.cdus)
        last = k == len(g.design.phases) - 1
        out.append(dict(final) if last else {**final, **now})
    return out


def phases(g: DesignGraph) -> list[PhaseResult]:
    """Every phase built (the last is the design itself)."""
    return g.memo.query(("phases",), lambda: _phases(g), growing=True)


def _phases(g: DesignGraph) -> list[PhaseResult]:
    out = []
    racks, cdus = phase_racks(g), cdu_counts(g)
    n = len(g.design.phases)
    for k, ph in enumerate(g.design.phases):
        if k == n - 1:
            out.append(PhaseResult(ph.name, k, racks[k], g, [], cdus[k]))
            continue
        try:
            sub = sub_graph(g, set(racks[k]), cdus[k])
            out.append(PhaseResult(ph.name, k, racks[k], sub, [], cdus[k]))
        except InputError as exc:
            out.append(PhaseResult(ph.name, k, racks[k], None, exc.findings, cdus[k]))
        except ValueError as exc:  # pydantic's ValidationError: a sub-design the
            # narrowing left invalid; said at the phase, never a traceback
            first = str(exc).splitlines()[0]
            where = g.source.at(("phases", k, "name"))
            msg = f"phase {ph.name} cannot be derived from the design: {first}"
            found = [Finding("INP002", Severity.ERROR, msg, where)]
            out.append(PhaseResult(ph.name, k, racks[k], None, found, cdus[k]))
    return out


def sub_graph(g: DesignGraph, present: set[str], cdus: dict[str, int]) -> DesignGraph:
    """The design restricted to `present` racks, built; raises InputError."""
    from rackcheck.graph.build import DesignGraph
    from rackcheck.model.design import Design

    data = g.design.model_dump(by_alias=True, exclude_unset=True)
    for key in _LEFT_OUT:
        data.pop(key, None)
    moves: dict[DataPath, DataPath] = {}
    _racks(data, present, moves)
    _loops(data, present, cdus, moves)
    _fabrics(data, present, moves)
    _layout(data, present, moves)
    design = Design.model_validate(data)
    sub = DesignGraph(design, g.catalog, PhaseSourceMap(g.source, moves))
    full = g.memo.get(("layout",))
    if full is not None:  # places along the rows as built in the end
        sub.memo[("layout",)] = {k: v for k, v in full.items() if k in present}
    return sub


def _keep(
    items: list[Any], path: DataPath, moves: dict[DataPath, DataPath], pick: Any
) -> list[Any]:
    """Items `pick` keeps (pick(item) -> list of new items, [] to drop), each new
    index mapped to the old one."""
    out: list[Any] = []
    for i, item in enumerate(items):
        for new in pick(item):
            moves[(*path, len(out))] = (*path, i)
            out.append(new)
    return out


def _racks(
    data: dict[str, Any], present: set[str], moves: dict[DataPath, DataPath]
) -> None:
    def pick(entry: dict[str, Any]) -> list[Any]:
        names = _names(entry["name"])
        kept = [n for n in names if n in present]
        if len(kept) == len(names):
            return [entry] if kept else []
        return [{**entry, "name": n} for n in kept]

    data["racks"] = _keep(data.get("racks", []), ("racks",), moves, pick)


def _present(patterns: list[str], present: set[str]) -> list[str] | None:
    """Patterns narrowed to racks present: unchanged if all are, None if none is."""
    names = [n for p in patterns for n in _names(p)]
    kept = [n for n in names if n in present]
    if not kept:
        return None
    return list(patterns) if len(kept) == len(names) else kept


def _loops(
    data: dict[str, Any],
    present: set[str],
    cdus: dict[str, int],
    moves: dict[DataPath, DataPath],
) -> None:
    cooling = data.get("cooling")
    if not cooling or not cooling.get("loops"):
        return

    def pick(loop: dict[str, Any]) -> list[Any]:
        serves = _present(loop["serves"], present)
        if serves is None:
            return []
        loop = {**loop, "serves": serves}
        count = cdus.get(loop["name"])
        if count is not None and len(loop["cdus"]) == 1:
            loop["cdus"] = [{**loop["cdus"][0], "count": count}]
        return [loop]

    cooling["loops"] = _keep(cooling["loops"], ("cooling", "loops"), moves, pick)


def _end(end: Any, present: set[str]) -> Any:
    """A link end narrowed to racks present; None when nothing of it is left."""
    if isinstance(end, dict):  # a selector
        if not end.get("racks"):
            return end
        racks = _present(end["racks"], present)
        return None if racks is None else {**end, "racks": racks}
    items = [end] if isinstance(end, str) else list(end)
    kept: list[str] = []
    for item in items:
        if "/" not in item:  # a switch
            kept.append(item)
            continue
        names = _names(item)
        ok = [n for n in names if n.split("/", 1)[0] in present]
        kept += [item] if len(ok) == len(names) else ok
    if not kept:
        return None
    return end if kept == items else kept


def _fabrics(
    data: dict[str, Any], present: set[str], moves: dict[DataPath, DataPath]
) -> None:
    """Generated fabrics narrowed to the racks present (dropped if none is); explicit
    ones keep every switch and the links whose ends are present."""
    out: list[Any] = []
    dropped: set[str] = set()
    for i, fab in enumerate(data.get("fabrics", [])):
        j = len(out)
        if fab.get("generate") is not None:
            ends = fab.get("endpoints") or {}
            sel = _end(ends, present) if ends else ends
            if sel is None:
                dropped.add(fab["name"])
                continue
            fab = {**fab, "endpoints": sel}
        else:
            links: list[Any] = []
            for k, ln in enumerate(fab["links"]):
                a, b = _end(ln["from"], present), _end(ln["to"], present)
                if a is not None and b is not None:
                    moves[("fabrics", j, "links", len(links))] = (
                        "fabrics",
                        i,
                        "links",
                        k,
                    )
                    links.append({**ln, "from": a, "to": b})
            if not links:
                dropped.add(fab["name"])
                continue
            fab = {**fab, "links": links}
        moves[("fabrics", j)] = ("fabrics", i)
        out.append(fab)
    data["fabrics"] = out
    storage = data.get("storage")
    if storage and storage.get("fabric") in dropped:
        storage.pop("fabric")


def _layout(
    data: dict[str, Any], present: set[str], moves: dict[DataPath, DataPath]
) -> None:
    layout = data.get("layout")
    if not layout:
        return

    def pick(row: dict[str, Any]) -> list[Any]:
        racks = _present(row["racks"], present)
        return [] if racks is None else [{**row, "racks": racks}]

    layout["rows"] = _keep(layout["rows"], ("layout", "rows"), moves, pick)
    if not layout["rows"]:
        data.pop("layout")


def references(g: DesignGraph) -> list[Finding]:
    """Phases naming racks, loops or fabrics that do not exist; racks in no phase or
    in two."""
    d = g.design
    if not d.phases:
        return []
    errors: list[Finding] = []

    def err(path: DataPath, message: str, code: str = "INP004") -> None:
        errors.append(Finding(code, Severity.ERROR, message, g.source.at(path)))

    racks = {r.name: r for r in g.racks()}
    loops = {lp.name: lp for lp in d.cooling.loops}
    generated = {f.name for f in d.fabrics if f.generate is not None}
    where: dict[str, str] = {}
    for k, ph in enumerate(d.phases):
        path = ("phases", k)
        for j, pattern in enumerate(ph.racks):
            for name in _names(pattern) or [pattern]:
                if name not in racks:
                    err((*path, "racks", j), f"unknown rack {name!r}")
                elif where.setdefault(name, ph.name) != ph.name:
                    err((*path, "racks", j),
                        f"rack {name!r} is already built in phase {where[name]}",
                        "INP005")  # fmt: skip
        for loop in ph.cdus:
            if loop not in loops:
                err((*path, "cdus", loop), f"unknown coolant loop {loop!r}")
            elif len(loops[loop].cdus) != 1:
                err((*path, "cdus", loop), f"loop {loop!r} has several CDU models: "
                    "a phase can only set the count of a loop of one", "INP002")  # fmt: skip
            elif k == len(d.phases) - 1:
                err((*path, "cdus", loop), "the last phase is the design as written: "
                    "set the CDUs in the loop itself", "INP002")  # fmt: skip
        for j, fab in enumerate(ph.final_size):
            if fab not in generated:
                err((*path, "final_size", j), f"no generated fabric named {fab!r}")
    for name, rack in racks.items():
        if name not in where:
            err((*rack.path, "name"), f"rack {name!r} is built in no phase: add it "
                "to a phase's `racks`")  # fmt: skip
    return errors


@dataclass(frozen=True)
class SpineLayer:
    """What a generated fabric's leaves are cabled to in one phase."""

    tiers: int
    leaves: int
    spines: int
    cores: int
    per_pair: int  # links from each leaf to each spine
    final: bool  # built at the final phase's size

    def text(self) -> str:
        tiers = f"{self.tiers} tiers, " if self.tiers == 3 else ""
        return f"{tiers}{self.spines} spines with {self.per_pair} link(s) per leaf"


def _layer(plan: Plan, final: bool) -> SpineLayer:
    return SpineLayer(plan.tiers, plan.leaves, plan.spines, plan.cores,
                      plan.leaf_spine_links(), final)  # fmt: skip


def spine_layers(g: DesignGraph) -> list[dict[str, SpineLayer]]:
    """Per phase: generated fabric -> its spine layer (final size once a phase
    lists the fabric in `final_size`)."""
    from rackcheck.graph.fabric.network import fabrics

    built = phases(g)
    final_plans = {f.name: f.plan for f in fabrics(g) if f.plan is not None}
    fixed: set[str] = set()
    out = []
    for ph, res in zip(g.design.phases, built, strict=True):
        fixed.update(ph.final_size)
        layers: dict[str, SpineLayer] = {}
        for fab in fabrics(res.graph) if res.graph is not None else []:
            if fab.plan is None:
                continue
            if fab.name in fixed and fab.name in final_plans:
                full = final_plans[fab.name]
                layers[fab.name] = SpineLayer(full.tiers, fab.plan.leaves,
                                              full.spines, full.cores,
                                              full.leaf_spine_links(), True)  # fmt: skip
            else:
                layers[fab.name] = _layer(fab.plan, False)
        out.append(layers)
    return out
