"""Monotonicity over generated designs (issue 8): more load never lowers power, more
capacity never adds a capacity finding, more links never lower bisection, more CDUs
never add a cooling finding. Checked in-process on small generated designs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rackcheck.api import _CatalogCache, check_file
from rackcheck.settings import Settings

CACHE = _CatalogCache()
PROPS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
SERVERS = ["dgx-h100", "dgx-b200", "dgx-h200", "supermicro-as-8125gs-tnmr2"]
PDUS = ["pdu-208v-3ph-30a-apc", "pdu-400v-3ph-32a-apc-ap8886", "pdu-415v-3ph-60a-apc"]
CDUS = ["cdu-coolit-chx2000", "cdu-vertiv-xdu1350"]


def _run(tmp: Path, text: str) -> dict[str, Any]:
    path = tmp / "design.yaml"
    path.write_text(text, encoding="utf-8")
    return check_file(path, Settings(), CACHE)


def _count(result: dict[str, Any], *prefixes: str) -> int:
    ids = Counter(f.rule_id for f in result["findings"])
    return sum(n for rid, n in ids.items() if rid.startswith(prefixes))


@st.composite
def power_designs(draw: Any) -> dict[str, Any]:
    return {
        "model": draw(st.sampled_from(SERVERS)),
        "count": draw(st.integers(min_value=1, max_value=5)),
        "pdu": draw(st.sampled_from(PDUS)),
        "feeds": draw(st.integers(min_value=2, max_value=3)),
        "per_feed": draw(st.integers(min_value=1, max_value=2)),
        "amps": draw(st.integers(min_value=20, max_value=400)),
        "air": draw(st.integers(min_value=5, max_value=200)),
    }


def power_text(p: dict[str, Any]) -> str:
    feeds = "ABC"[: p["feeds"]]
    lines = [
        "rackcheck: 1",
        "name: generated",
        "site:",
        f'  air_cooling: "{p["air"]} kW"',
        "  feeds:",
        *(
            f'    - {{name: {f}, voltage: "415 V", phases: 3, current: "{p["amps"]} A"}}'
            for f in feeds
        ),
        "racks:",
        "  - name: r01",
        "    model: apc-netshelter-sx-ar3107",
        "    pdus:",
        *(
            f"      - {{model: {p['pdu']}, feed: {f}}}"
            for f in feeds
            for _ in range(p["per_feed"])
        ),
        "    devices:",
        f"      - {{model: {p['model']}, count: {p['count']}}}",
    ]
    return "\n".join(lines) + "\n"


@PROPS
@given(p=power_designs(), more=st.integers(min_value=1, max_value=3))
def test_more_load_never_lowers_power(tmp_path: Path, p: dict[str, Any], more: int):
    a = _run(tmp_path, power_text(p))["metrics"]["totals"]
    b = _run(tmp_path, power_text({**p, "count": p["count"] + more}))["metrics"]
    for key in ("it_power_kw", "apparent_power_kva", "heat_air_kw"):
        assert b["totals"][key] >= a[key], key


@PROPS
@given(p=power_designs())
def test_more_pdus_never_add_a_pdu_capacity_finding(tmp_path: Path, p: dict[str, Any]):
    a = _run(tmp_path, power_text(p))
    b = _run(tmp_path, power_text({**p, "per_feed": p["per_feed"] + 1}))
    assert _count(b, "POW001") <= _count(a, "POW001")


@PROPS
@given(p=power_designs(), more=st.integers(min_value=1, max_value=500))
def test_more_feed_current_never_adds_a_site_feed_finding(
    tmp_path: Path, p: dict[str, Any], more: int
):
    a = _run(tmp_path, power_text(p))
    b = _run(tmp_path, power_text({**p, "amps": p["amps"] + more}))
    assert _count(b, "POW004") <= _count(a, "POW004")


@PROPS
@given(p=power_designs(), more=st.integers(min_value=1, max_value=500))
def test_more_room_air_never_adds_a_room_air_finding(
    tmp_path: Path, p: dict[str, Any], more: int
):
    a = _run(tmp_path, power_text(p))
    b = _run(tmp_path, power_text({**p, "air": p["air"] + more}))
    assert _count(b, "COOL006") <= _count(a, "COOL006")


def cooling_text(racks: int, cdu: str, cdus: int, delta_t: int) -> str:
    return f"""\
rackcheck: 1
name: generated-row
site:
  facility_water_temperature: "30 degC"
racks:
  - name: "b{{01..{racks:02d}}}"
    model: gb200-nvl72
    assume: {{liquid_fraction: 0.85, basis: generated for a property test}}
    pdus:
      - {{model: pdu-415v-3ph-60a-apc, feed: A, count: 4, name: pa}}
      - {{model: pdu-415v-3ph-60a-apc, feed: B, count: 4, name: pb}}
cooling:
  loops:
    - name: row
      cdus: [{{model: {cdu}, count: {cdus}}}]
      serves: ["b{{01..{racks:02d}}}"]
      delta_t: "{delta_t} K"
"""


@PROPS
@given(
    racks=st.integers(min_value=1, max_value=8),
    cdu=st.sampled_from(CDUS),
    cdus=st.integers(min_value=1, max_value=4),
    more=st.integers(min_value=1, max_value=3),
    delta_t=st.integers(min_value=5, max_value=15),
)
def test_more_cdus_never_add_a_cooling_finding(
    tmp_path: Path, racks: int, cdu: str, cdus: int, more: int, delta_t: int
):
    a = _run(tmp_path, cooling_text(racks, cdu, cdus, delta_t))
    b = _run(tmp_path, cooling_text(racks, cdu, cdus + more, delta_t))
    assert _count(b, "COOL") <= _count(a, "COOL")


def fabric_text(racks: int, uplinks: int, spines: int) -> str:
    return f"""\
rackcheck: 1
name: generated-fabric
racks:
  - name: "r{{1..{racks}}}"
    model: apc-netshelter-sx-ar3100
    devices:
      - {{model: dgx-h100, count: 2}}
fabrics:
  - name: backend
    role: compute
    switches:
      - {{name: "leaf{{1..8}}", model: qm9700, tier: leaf}}
      - {{name: "spine{{1..{spines}}}", model: qm9700, tier: spine}}
    links:
      - {{from: "r{{1..{racks}}}/dgx-h100-{{1..2}}", to: "leaf{{1..8}}"}}
      - {{from: "leaf{{1..8}}", to: "spine{{1..{spines}}}", count: {uplinks}}}
"""


@PROPS
@given(
    racks=st.integers(min_value=1, max_value=4),
    uplinks=st.integers(min_value=1, max_value=3),
    more=st.integers(min_value=1, max_value=3),
    spines=st.integers(min_value=1, max_value=4),
)
def test_more_links_never_lower_bisection(
    tmp_path: Path, racks: int, uplinks: int, more: int, spines: int
):
    a = _run(tmp_path, fabric_text(racks, uplinks, spines))["metrics"]["fabrics"]
    b = _run(tmp_path, fabric_text(racks, uplinks + more, spines))["metrics"]
    got, before = b["fabrics"]["backend"], a["backend"]
    assert got["bisection_gbps"] >= before["bisection_gbps"] > 0
