"""Electrical codes and the continuous rating they give a circuit: data, with sources.

A circuit's continuous rating is the fraction of its breaker (or plug) rating it may carry
continuously (3 h or more):

- ``nec``: 80 %. NEC (NFPA 70) 210.20(A) for branch circuits and 215.3 for feeders: the
  overcurrent device is rated at least the non-continuous load plus 125 % of the
  continuous load, so a continuous load may take 1 / 1.25 = 80 % of it, unless the
  assembly is listed for 100 % operation (then its catalog entry or the design says 1.0).
- ``iec``: 100 %. IEC 60364-4-43, 433.1: the design current I_B may reach the rated
  current I_n of the protective device (I_B <= I_n <= I_Z); no continuous-load factor.
  Vendors rate IEC PDUs so: APC AP8886 (230/400 V, 32 A) is sold as 22.0 kW =
  3 x 230 V x 32 A.

A site states its code (`site.electrical_code`), or it follows from `site.country` by
the table below; a site that states neither is taken as NEC (the figure rackcheck has
always used), and the findings say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Code = Literal["nec", "iec"]

CONTINUOUS: dict[str, float] = {"nec": 0.8, "iec": 1.0}

CITE: dict[str, str] = {"nec": "NEC 210.20(A)/215.3", "iec": "IEC 60364-4-43 433.1"}

# Countries whose wiring code carries the North-American 80 % continuous-load rule.
# Every other country is taken as IEC 60364 (or a national code built on it).
NEC_COUNTRIES: dict[str, str] = {
    "US": "NFPA 70 National Electrical Code, 210.20(A) and 215.3",
    "PR": "NFPA 70 National Electrical Code (US territory), 210.20(A) and 215.3",
    "CA": (
        "CSA C22.1 Canadian Electrical Code, Part 1, Rule 8-104 and Appendix B: "
        "breakers not marked for 100 % continuous operation are suitable for 80 %"
    ),
    "MX": (
        "NOM-001-SEDE-2012 (Mexico), based on the 2011 NEC (NEMA, 27 Jul 2012: "
        "'Proposed Mexico Electrical Code Published in the Official Journal'), "
        "sections 210-20(a) and 215-3"
    ),
}
AS_OF = "2026-11-30"
SOURCE = (
    "NFPA 70 (NEC) 210.20(A), 215.3; CSA C22.1 Rule 8-104 (oncodes.ca Appendix B note); "
    "NEMA news 2012-07-27 on NOM-001-SEDE-2012; IEC 60364-4-43 clause 433.1"
)


@dataclass(frozen=True)
class SiteCode:
    """The site's electrical code and why rackcheck uses it."""

    code: Code
    why: str  # "site.electrical_code", "site.country DE", "no site.country"

    @property
    def factor(self) -> float:
        return CONTINUOUS[self.code]

    def describe(self) -> str:
        return f"{CITE[self.code]}, {self.why}"


def site_code(electrical_code: str | None, country: str | None) -> SiteCode:
    if electrical_code in CONTINUOUS:
        return SiteCode(electrical_code, "site.electrical_code")  # type: ignore[arg-type]
    if country is not None:
        code: Code = "nec" if country in NEC_COUNTRIES else "iec"
        return SiteCode(code, f"site.country {country}")
    return SiteCode("nec", "assumed: no site.country or site.electrical_code")
