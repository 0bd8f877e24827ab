"""Total cost of ownership, in Decimal, from capex, power, GPUs and the assumptions.

facility power  = IT power x PUE
energy          = IT kW x PUE x 8,760 h x price per kWh x years
colocation      = IT kW x price per kW-month x 12 x years
maintenance     = capex x maintenance rate x (years - support years included)
financing       = capex x CRF(i, n) x n - capex,  CRF = i(1+i)^n / ((1+i)^n - 1)
                  (0 when i = 0: capital paid up front, straight line)
TCO             = capex + energy + colocation + maintenance + financing
per GPU-hour    = TCO / (GPUs x 8,760 h x years x utilisation)
break-even      = capex / (cloud per month - own running cost per month), where
                  cloud per month = GPUs x 730 h x utilisation x cloud price
break-even utilisation = TCO / (GPUs x 8,760 h x years x cloud price): the share of
                  hours at which renting the same GPU-hours costs the TCO
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rackcheck.cost.assumptions import Assumptions

HOURS_PER_YEAR = Decimal(8760)
HOURS_PER_MONTH = HOURS_PER_YEAR / 12


@dataclass(frozen=True)
class Tco:
    years: int
    capex: Decimal
    energy: Decimal
    colocation: Decimal
    maintenance: Decimal
    financing: Decimal
    it_power_kw: Decimal
    facility_power_kw: Decimal
    gpus: int
    cost_per_gpu: Decimal | None
    cost_per_gpu_hour: Decimal | None
    breakeven_months: Decimal | None
    breakeven_utilisation: Decimal | None

    @property
    def total(self) -> Decimal:
        return (
            self.capex
            + self.energy
            + self.colocation
            + self.maintenance
            + self.financing
        )

    @property
    def annual_opex(self) -> Decimal:
        return (self.energy + self.colocation + self.maintenance) / self.years


def crf(i: Decimal, n: int) -> Decimal:
    """Capital recovery factor: the yearly payment that repays 1 over n years at i."""
    if i == 0:
        return 1 / Decimal(n)
    g = (1 + i) ** n
    return i * g / (g - 1)


def tco(
    capex: Decimal, it_kw: Decimal, gpus: int, a: Assumptions, support_years: int = 0
) -> Tco:
    years = int(a.get("years"))
    pue = a.get("pue")
    facility = it_kw * pue
    energy = facility * HOURS_PER_YEAR * a.get("energy_price") * years
    colocation = it_kw * a.get("colocation_price") * 12 * years
    maintenance = capex * a.get("maintenance_rate") * max(0, years - support_years)
    financing = capex * crf(a.get("interest_rate"), years) * years - capex
    util = a.get("utilisation")
    total = capex + energy + colocation + maintenance + financing
    per_gpu = per_hour = months = util_be = None
    if gpus > 0:
        per_gpu = total / gpus
        per_hour = total / (gpus * HOURS_PER_YEAR * years * util)
        cloud = a.get("cloud_price")
        rent = gpus * HOURS_PER_MONTH * util * cloud
        run = (energy + colocation + maintenance + financing) / (12 * years)
        months = capex / (rent - run) if rent > run else None
        util_be = total / (gpus * HOURS_PER_YEAR * years * cloud) if cloud > 0 else None
    return Tco(
        years,
        capex,
        energy,
        colocation,
        maintenance,
        financing,
        it_kw,
        facility,
        gpus,
        per_gpu,
        per_hour,
        months,
        util_be,
    )
