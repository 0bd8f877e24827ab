"""What-if: every single failure of a design (each facility element, feed, CDU, switch,
storage system and failure domain) and, at depth 2, the pairs of failures that each
leave something strained; each scenario's state, sorted by impact.

Public entry point: `run(graph, depth, progress)`; `rackcheck scenarios` and RES001
call it.

GPU-hours at risk (the second sort key, after GPUs lost): (GPUs dark + GPUs cut off)
x the repair time (the failed element's `mttr`, else `facility.mttr`; 0 when neither is
stated, and the result says so), plus, when any GPU is lost, every GPU of the design x
half the workload's checkpoint interval (the work lost since the last checkpoint).
Capped GPUs keep running, slower: they are counted apart, not in GPU-hours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rackcheck.scenarios.evaluate import Outcome, evaluate
from rackcheck.scenarios.failures import singles

__all__ = ["Outcome", "Result", "evaluate", "impact", "is_strained", "run", "singles"]

if TYPE_CHECKING:
    from rackcheck.graph.build import DesignGraph

Progress = Callable[[int, int], None]


@dataclass
class Result:
    design: str
    depth: int
    baseline: Outcome
    scenarios: list[Outcome] = field(default_factory=list)
    singles: int = 0
    pairs_tried: int = 0
    notes: list[str] = field(default_factory=list)


def run(g: DesignGraph, depth: int = 1, progress: Progress | None = None) -> Result:
    from rackcheck.graph.facility import plant

    p = plant(g)
    base = evaluate(g, p, ())
    one = singles(g, p)
    res = Result(g.design.name, depth, base, singles=len(one))
    hours, notes = _repair_hours(g, p)
    res.notes += notes
    total = len(one)
    outs: list[Outcome] = []
    for k, f in enumerate(one):
        outs.append(evaluate(g, p, (f,)))
        if progress is not None:
            progress(k + 1, total)
    if depth >= 2:
        strained = [o.fails[0] for o in outs if is_strained(o, base)]
        pairs = [(a, b) for i, a in enumerate(strained) for b in strained[i + 1 :]]
        res.pairs_tried = len(pairs)
        total += len(pairs)
        for k, pair in enumerate(pairs):
            outs.append(evaluate(g, p, pair))
            if progress is not None:
                progress(len(one) + k + 1, total)
    for o in outs:
        o.gpu_hours = _gpu_hours(g, o, hours)
    res.scenarios = sorted(outs, key=impact)
    return res


def impact(o: Outcome) -> tuple[object, ...]:
    """GPUs lost, then GPU-hours at risk, then single failures before pairs, GPUs
    capped, GPUs cut off, loops over, findings, bisection left, storage read left; ties
    in natural order of the failure ids (leaf2 before leaf10)."""
    bis = o.bisection_gbps if o.bisection_gbps is not None else 0.0
    read = o.storage_read_gbs if o.storage_read_gbs is not None else 0.0
    return (-o.gpus_dark, -o.gpu_hours, len(o.fails), -o.gpus_capped,
            -o.gpus_cut_off, -len(o.loops_over), -len(o.findings), bis, read,
            [_natural(f) for f in o.fails])  # fmt: skip


def _natural(text: str) -> list[tuple[int, object]]:
    import re

    return [(1, int(t)) if t.isdigit() else (0, t) for t in re.split(r"(\d+)", text)]


def is_strained(o: Outcome, base: Outcome) -> bool:
    """Anything lost or degraded against the design with nothing failed."""
    if (o.gpus_dark > base.gpus_dark or o.gpus_capped > base.gpus_capped
            or o.gpus_cut_off > base.gpus_cut_off
            or set(o.loops_over) - set(base.loops_over)):  # fmt: skip
        return True
    if len(o.findings) > len(base.findings):
        return True
    for a, b in ((o.bisection_gbps, base.bisection_gbps),
                 (o.storage_read_gbs, base.storage_read_gbs)):  # fmt: skip
        if a is not None and b is not None and a < b * (1 - 1e-9):
            return True
    return False


def _repair_hours(g: DesignGraph, p: object) -> tuple[dict[str, float], list[str]]:
    fac = g.design.facility
    default = fac.mttr.to("h").magnitude if fac is not None and fac.mttr else None
    hours: dict[str, float] = {}
    for name, el in (getattr(p, "elements", None) or {}).items():
        if el.mttr is not None:
            hours[name] = float(el.mttr.to("h").magnitude)
    if default is not None:
        hours[""] = float(default)
    notes = []
    if default is None:
        notes.append("no repair time stated (facility.mttr): GPU-hours at risk count "
                     "only the work lost since the last checkpoint")  # fmt: skip
    return hours, notes


def _gpu_hours(g: DesignGraph, o: Outcome, hours: dict[str, float]) -> float:
    lost = o.gpus_dark + o.gpus_cut_off
    if not lost:
        return 0.0
    repair = max((hours.get(f, hours.get("", 0.0)) for f in o.fails), default=0.0)
    total = lost * repair
    w = g.design.workload
    ck = w.checkpoint if w is not None else None
    interval = getattr(ck, "interval", None) if ck is not None else None
    if interval is not None:
        from rackcheck.graph.physical import gpu_count

        gpus = sum(gpu_count(d) for r in g.racks() for d in g.devices(r))
        total += gpus * interval.to("h").magnitude / 2.0
    return round(total, 3)
