"""Every figure rackcheck computes, declared once: its key in the metrics, label, unit,
direction, the budget that may limit it, how it is rounded and where it is shown.

Read by metrics (how totals are rounded), budgets (the
budget names, what they limit, the unit amounts are converted to), `rackcheck diff`
(rows, labels, units, order) and the Markdown report (the totals line). Keys are
dotted paths into the metrics; `*` stands for one name (a fabric, a phase, a flow).
A figure not declared here (a cost line, another total) is labelled by the naming
convention: its unit from the key's suffix (`_kw` -> kW, `SUFFIX_UNITS`), its label
from the rest of the name.

Adding a figure: one `Figure(...)` entry below, plus the code that computes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Figure:
    key: str  # dotted path in the metrics: "totals.it_power_kw", "fabrics.*.switches"
    label: str  # as a reader sees it: "IT power"
    unit: str = ""  # pint unit text ("kW", "GB/s"), or a count's unit ("U", "USD")
    higher: Literal["worse", "better", ""] = "worse"  # which way is bad news
    budget: str = ""  # the `budgets` key that limits it (`budgets.it_power_kw`)
    limit_label: str = ""  # the budget's wording, when not the label
    example: str = ""  # a budget amount with a unit, for messages: "1.2 MW"
    digits: int | None = None  # rounding of a float total; None: a count
    diff: int = 0  # its row in `rackcheck diff`, shown even when unchanged (0: not)
    summary: int = 0  # its place in the totals line of the Markdown report (0: none)

    @property
    def name(self) -> str:
        return self.key.rsplit(".", 1)[-1]

    @property
    def limits(self) -> str:
        return self.limit_label or self.label


def _t(name: str, label: str, unit: str = "", **kw: object) -> Figure:
    return Figure(f"totals.{name}", label, unit, **kw)  # type: ignore[arg-type]


# Budgets in this order; `diff=N`: the N-th row of `rackcheck diff`, shown even when
# it does not change (other figures: only when they do).
FIGURES: tuple[Figure, ...] = (
    _t("it_power_kw", "IT power", "kW", budget="it_power_kw", example="1.2 MW",
       limit_label="total IT power", digits=3, diff=3, summary=3),
    _t("apparent_power_kva", "apparent power", "kVA", budget="apparent_power_kva",
       limit_label="total apparent power", example="1.2 MVA", digits=3, diff=4),
    _t("heat_liquid_kw", "heat to liquid", "kW", budget="heat_liquid_kw",
       example="1.2 MW", digits=3, diff=5, summary=4),
    _t("heat_air_kw", "heat to air", "kW", budget="heat_air_kw", example="1.2 MW",
       digits=3, diff=6, summary=5),
    _t("weight_kg", "total weight", "kg", budget="weight_kg", example="1.2 t", digits=2),
    _t("gpus", "GPUs", higher="better", budget="gpus", diff=1, summary=1),
    _t("racks", "racks", budget="racks", diff=2, summary=2),
    _t("devices", "devices", budget="devices"),
    _t("units_used", "rack units used", "U", budget="units_used", example="1.2 U"),
    _t("switches", "switches", budget="switches", diff=7),
    _t("bisection_gbps", "bisection bandwidth", "Gbit/s", higher="better", diff=8),
    Figure("storage.aggregate_read_gbs", "storage read throughput", "GB/s",
           higher="better", diff=9),
    Figure("storage.aggregate_write_gbs", "storage write throughput", "GB/s",
           higher="better", diff=10),
    Figure("storage.path_gbs", "storage path throughput", "GB/s", higher="better",
           diff=11),
    Figure("storage.capacity_tb", "storage capacity", "TB", higher="better",
           diff=12),
    Figure("storage.checkpoint_seconds", "checkpoint write time", "s", diff=13),
    _t("capex_usd", "capex", "USD", diff=14),
    _t("tco_usd", "TCO", "USD", diff=15),
    Figure("cost.capex_usd", "capex", "USD", budget="capex_usd", example="1.2 USD",
           diff=16),
    Figure("cost.tco_usd", "TCO", "USD", budget="tco_usd", example="1.2 USD",
           diff=17),
    Figure("cost.annual_opex_usd", "annual opex", "USD", budget="annual_opex_usd",
           example="1.2 USD", diff=18),
    Figure("cost.cost_per_gpu_hour_usd", "cost per GPU-hour", "USD",
           budget="cost_per_gpu_hour_usd", example="1.2 USD", diff=19),
    # per fabric (`rackcheck diff`: switches = leaf + spine + core)
    Figure("fabrics.*.switches", "switches"),
    Figure("fabrics.*.bisection_gbps", "bisection", "Gbit/s", higher="better"),
    Figure("fabrics.*.switch_power_kw", "switch power", "kW"),
    Figure("fabrics.*.endpoints", "endpoints", higher="better"),
    # per phase of a staged build-out (metrics.phases), per data flow (metrics.flows)
    Figure("phases.*.gpus", "gpus", higher="better"),
    Figure("phases.*.it_power_kw", "it power", "kW"),
    Figure("phases.*.heat_liquid_kw", "heat liquid", "kW"),
    Figure("phases.*.heat_air_kw", "heat air", "kW"),
    Figure("phases.*.switches", "switches"),
    Figure("phases.*.storage_read_gbs", "storage read", "GB/s", higher="better"),
    Figure("phases.*.storage_write_gbs", "storage write", "GB/s", higher="better"),
    Figure("flows.*.transfer_seconds", "transfer", "s"),
)  # fmt: skip

# The naming convention of figures not declared above: key suffix -> unit.
SUFFIX_UNITS = (
    ("_kw", "kW"),
    ("_kva", "kVA"),
    ("_gbps", "Gbit/s"),
    ("_gbs", "GB/s"),
    ("_tb", "TB"),
    ("_kg", "kg"),
    ("_usd", "USD"),
    ("_eur", "EUR"),
    ("_seconds", "s"),
    ("_l_min", "L/min"),
)

BUDGETS: dict[str, Figure] = {f.budget: f for f in FIGURES if f.budget}
DIFF_ROWS: tuple[str, ...] = tuple(
    f.key for f in sorted((f for f in FIGURES if f.diff), key=lambda f: f.diff)
)
SUMMARY: tuple[Figure, ...] = tuple(
    sorted((f for f in FIGURES if f.summary), key=lambda f: f.summary)
)


def find(key: str) -> Figure | None:
    """The declared figure of a metrics key (`fabrics.ib.switches`), if any."""
    parts = key.split(".")
    for f in FIGURES:
        pattern = f.key.split(".")
        if len(pattern) == len(parts) and all(
            p in ("*", k) for p, k in zip(pattern, parts, strict=True)
        ):
            return f
    return None


def by_convention(name: str) -> tuple[str, str]:
    """(label, unit) of an undeclared figure from its name: `priced_capex_usd` ->
    ("priced capex", "USD")."""
    suffix, unit = next(((s, u) for s, u in SUFFIX_UNITS if name.endswith(s)), ("", ""))
    return name[: len(name) - len(suffix)].replace("_", " "), unit
