"""TCO formulas against figures worked by hand."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rackcheck.cost.assumptions import resolve
from rackcheck.cost.tco import crf, tco


def test_crf_matches_the_textbook_formula():
    # i = 8 %, n = 5: 0.08 * 1.08^5 / (1.08^5 - 1) = 0.2504564...
    assert crf(Decimal("0.08"), 5).quantize(Decimal("0.0000001")) == Decimal(
        "0.2504565"
    )
    assert crf(Decimal(0), 4) == Decimal("0.25")


def test_tco_worked_by_hand():
    sets = [
        "pue=1.5",
        "energy_price=0.10",
        "colocation_price=150",
        "years=5",
        "utilisation=0.5",
        "cloud_price=4",
        "maintenance_rate=0.1",
    ]
    a = resolve("US", "NVIDIA H100 SXM", [], sets)
    t = tco(Decimal(1_000_000), Decimal(100), 64, a, support_years=3)
    # energy 100 kW x 1.5 x 8760 h x 0.10 USD/kWh x 5 y = 657,000
    assert t.energy == Decimal("657000.000")
    # colocation 100 kW x 150 USD/kW/month x 12 x 5 = 900,000
    assert t.colocation == Decimal(900000)
    # maintenance 10 % of 1,000,000 for the 2 years after 3 years of support
    assert t.maintenance == Decimal("200000.0")
    assert t.financing == 0
    assert t.total == Decimal("2757000.000")
    # per GPU-hour: 2,757,000 / (64 x 8760 x 5 x 0.5) = 1.96704...
    assert round(t.cost_per_gpu_hour, 4) == Decimal("1.9670")
    # cloud 64 x 730 h x 0.5 x 4 = 93,440/month; own 1,757,000 / 60 = 29,283.33/month
    # break-even 1,000,000 / (93,440 - 29,283.33) = 15.59 months
    assert round(t.breakeven_months, 2) == Decimal("15.59")
    # break-even utilisation 2,757,000 / (64 x 8760 x 5 x 4) = 0.2459
    assert round(t.breakeven_utilisation, 4) == Decimal("0.2459")


def test_financed_capital_costs_interest():
    a = resolve("US", None, [], ["interest_rate=0.08", "years=5"])
    t = tco(Decimal(1_000_000), Decimal(0), 8, a)
    # 1,000,000 x 0.2504565 x 5 - 1,000,000 = 252,282.27
    assert round(t.financing, 2) == Decimal("252282.27")


def test_defaults_carry_source_and_date():
    a = resolve("US", "NVIDIA H100 SXM", [], [])
    table = a.table()
    assert table["pue"]["value"] == "1.58" and table["pue"]["as_of"] == "2023-11-23"
    assert "Uptime Institute" in table["pue"]["source"]
    assert table["energy_price"]["unit"] == "USD/kWh"
    assert table["energy_price"]["value"] == "0.0892"
    assert table["colocation_price"]["value"] == "184.06"
    assert table["cloud_price"]["value"] == "6.88"
    assert "p5.48xlarge" in table["cloud_price"]["source"]
    assert table["years"]["value"] == "5"
    assert all(v["origin"] == "rackcheck defaults" for v in table.values())


def test_eu_site_needs_a_rate_for_a_usd_report():
    import pytest

    from rackcheck.findings import InputError

    with pytest.raises(InputError) as exc:
        resolve("DE", None, [], [])
    assert "EUR" in exc.value.findings[0].message
    assert "fx.EUR" in exc.value.findings[0].message
    a = resolve("DE", None, [], ["fx.EUR=1.10"])
    assert a.get("energy_price") == Decimal("0.1899") * Decimal("1.10")
    # an EUR report needs a stated rate for the USD defaults (colocation, cloud)
    with pytest.raises(InputError) as exc:
        resolve("DE", None, [], ["currency=EUR"])
    assert "colocation_price" in exc.value.findings[0].message
    eur = resolve("DE", None, [], ["currency=EUR", "fx.USD=0.92"])
    assert eur.get("energy_price") == Decimal("0.1899")
    assert eur.get("colocation_price") == Decimal("184.06") * Decimal("0.92")


def test_h200_design_takes_the_h200_cloud_offer():
    a = resolve("US", "NVIDIA H200", [], [])
    assert a.get("cloud_price") == Decimal("7.912")
    a = resolve("US", None, [], ["cloud_price=lambda-h100"])
    assert a.get("cloud_price") == Decimal("3.99")


_price = st.decimals(min_value="0", max_value="1", places=4)


@settings(max_examples=30, deadline=None)
@given(
    low=_price, extra=_price, pue=st.decimals(min_value="1", max_value="3", places=2)
)
def test_dearer_energy_never_lowers_tco(low, extra, pue):
    base = ["years=5", f"pue={pue}"]
    a = resolve("US", None, [], [*base, f"energy_price={low}"])
    b = resolve("US", None, [], [*base, f"energy_price={low + extra}"])
    ta = tco(Decimal(500_000), Decimal(40), 32, a)
    tb = tco(Decimal(500_000), Decimal(40), 32, b)
    assert tb.total >= ta.total
    assert tb.energy - ta.energy == Decimal(40) * pue * 8760 * extra * 5


@settings(max_examples=20, deadline=None)
@given(i=st.decimals(min_value="0", max_value="0.3", places=3), n=st.integers(1, 30))
def test_crf_repays_the_capital(i, n):
    # the payments' present value equals the capital: sum CRF / (1+i)^t = 1
    pv = sum(crf(i, n) / (1 + i) ** t for t in range(1, n + 1))
    assert abs(pv - 1) < Decimal("1e-20")
