"""A scenarios result as a table (text, sorted by impact) and as JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rackcheck.scenarios import Result
    from rackcheck.scenarios.evaluate import Outcome


def _r(x: float | None, nd: int = 3) -> float | None:
    return None if x is None else round(x, nd)


def outcome_dict(o: Outcome) -> dict[str, Any]:
    """One scenario. bisection_gbps and storage_read_gbps are Gbit/s (storage read:
    GB/s x 8); storage_read_gb_s gives the same figure in GB/s."""
    read = o.storage_read_gbs
    return {
        "fails": list(o.fails),
        "gpus_dark": o.gpus_dark,
        "gpus_capped": o.gpus_capped,
        "gpus_cut_off": o.gpus_cut_off,
        "racks_dark": sorted(o.racks_dark),
        "racks_capped": {k: o.racks_capped[k] for k in sorted(o.racks_capped)},
        "kw_lost": _r(sum(o.racks_capped.values(), 0.0)),
        "loops_over": sorted(o.loops_over),
        "bisection_gbps": _r(o.bisection_gbps),
        "per_gpu_gbps": _r(_per_gpu(o)),
        "ecmp_imbalance": {f.fabric: _r(f.imbalance) for f in o.fabrics},
        "storage_read_gbps": _r(read * 8 if read is not None else None),
        "storage_read_gb_s": _r(read),
        "checkpoint_s": _r(o.checkpoint_s, 1),
        "gpu_hours_at_risk": _r(o.gpu_hours),
        "worst_element": None
        if o.worst_element is None
        else {"name": o.worst_element[0], "load": _r(o.worst_element[1])},
        "findings": list(o.findings),
    }


def _per_gpu(o: Outcome) -> float | None:
    """Bisection per GPU on one side of the cut: bisection / (endpoints / 2)."""
    comp = [f for f in o.fabrics if f.role == "compute" and f.bisection_mbps]
    eps = sum(f.endpoints for f in comp)
    bis = o.bisection_gbps
    return bis / (eps / 2) if bis is not None and eps >= 2 else None


def to_json(res: Result) -> str:
    data = {
        "version": 1,
        "design": res.design,
        "depth": res.depth,
        "singles": res.singles,
        "pairs_tried": res.pairs_tried,
        "baseline": outcome_dict(res.baseline),
        "notes": list(res.notes),
        "scenarios": [outcome_dict(o) for o in res.scenarios],
    }
    return json.dumps(data, indent=2, sort_keys=False) + "\n"


COLUMNS = ("fails", "GPUs dark", "GPUs capped", "kW lost", "cut off", "loops over",
           "bisection Tb/s", "Gb/s/GPU", "ECMP", "storage GB/s", "ckpt s",
           "GPU-h at risk")  # fmt: skip


def _row(o: Outcome) -> list[str]:
    d = outcome_dict(o)
    bis = d["bisection_gbps"]
    read = d["storage_read_gb_s"]
    ck = d["checkpoint_s"]
    return [
        " + ".join(o.fails) or "(nothing)",
        str(o.gpus_dark),
        str(o.gpus_capped),
        f"{d['kw_lost']:.1f}",
        str(o.gpus_cut_off),
        ",".join(d["loops_over"]) or "-",
        "-" if bis is None else f"{bis / 1000:.1f}",
        "-" if d["per_gpu_gbps"] is None else f"{d['per_gpu_gbps']:.0f}",
        _ecmp(d["ecmp_imbalance"]),
        "-" if read is None else f"{read:.1f}",
        "-" if ck is None else f"{ck:.1f}",
        f"{o.gpu_hours:.1f}",
    ]


def _ecmp(by_fabric: dict[str, float | None]) -> str:
    """The worst ECMP imbalance over the fabrics (largest / smallest leaf uplinks)."""
    known = [v for v in by_fabric.values() if v is not None]
    return f"{max(known):.2f}" if known else "-"


def to_table(res: Result, limit: int | None = None) -> str:
    """Scenarios with the same figures and findings whose ids differ only in numbers
    (leaf1 ... leaf32) share one row: "switch:leaf{1..32}"."""
    groups = _groups(res.scenarios)
    shown_groups = groups[:limit]
    rows = [_row(res.baseline)]
    for g in shown_groups:
        row = _row(g[0])
        if len(g) > 1:
            row[0] = _span(row[0], " + ".join(g[-1].fails), len(g))
        rows.append(row)
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]

    def line(cells: list[str] | tuple[str, ...]) -> str:
        parts = [cells[0].ljust(widths[0])]
        parts += [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(COLUMNS)] + [line(r) for r in rows]
    out.append("")
    head = f"{res.singles} single failure(s) tried"
    if res.depth >= 2:
        head += f", {res.pairs_tried} pair(s) tried (pruned: each alone strained)"
    if len(shown_groups) < len(groups):
        head += f"; {len(shown_groups)} of {len(groups)} rows shown"
    out.append(head)
    out += [f"note: {n}" for n in res.notes]
    told = [g for g in shown_groups if g[0].findings]
    if told:
        out.append("")
        for g in told:
            what = " + ".join(g[0].fails)
            if len(g) > 1:
                what = _span(what, " + ".join(g[-1].fails), len(g))
            out.append(f"{what}: " + "; ".join(g[0].findings))
    return "\n".join(out) + "\n"


def _span(first: str, last: str, n: int) -> str:
    """ "switch:leaf1" .. "switch:leaf32" (32 of them) -> "switch:leaf{1..32}", the
    design's own range notation; otherwise "first ... last (n)"."""
    i = 0
    while i < min(len(first), len(last)) and first[i] == last[i]:
        i += 1
    while i > 0 and first[i - 1].isdigit():
        i -= 1
    j = 0
    while j < min(len(first), len(last)) - i and first[-1 - j] == last[-1 - j]:
        j += 1
    while j > 0 and first[len(first) - j].isdigit():
        j -= 1
    a, b = first[i : len(first) - j], last[i : len(last) - j]
    if a.isdigit() and b.isdigit() and int(b) - int(a) + 1 == n:
        return f"{first[:i]}{{{a}..{b}}}{first[len(first) - j :]}"
    return f"{first} ... {last} ({n})"


def _groups(outs: list[Outcome]) -> list[list[Outcome]]:
    import re

    groups: dict[tuple[object, ...], list[Outcome]] = {}
    for o in outs:
        shape = tuple(re.sub(r"\d+", "#", f) for f in o.fails)
        key = (shape, tuple(_row(o)[1:]), tuple(o.findings))
        groups.setdefault(key, []).append(o)
    return list(groups.values())
