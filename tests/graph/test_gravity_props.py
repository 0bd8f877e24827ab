"""Invariants of transfer time and egress price (hypothesis, bounded examples)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rackcheck.graph.gravity import _price
from rackcheck.model.sovereignty import egress_prices
from rackcheck.units import q

TB = st.integers(min_value=1, max_value=5000)


@settings(max_examples=60, deadline=None)
@given(a=TB, b=TB)
def test_more_data_never_costs_less_to_leave_gcp(a, b):
    book = egress_prices()["gcp"]
    lo, hi = sorted((a, b))
    cost_lo = _price(q(lo, "TB"), book).amount
    cost_hi = _price(q(hi, "TB"), book).amount
    assert cost_lo is not None and cost_hi is not None
    assert cost_lo <= cost_hi


@settings(max_examples=60, deadline=None)
@given(tb=st.integers(min_value=10, max_value=5000))
def test_gcp_egress_above_10_tb_is_the_closed_form(tb):
    book = egress_prices()["gcp"]
    gb = Decimal(tb * 1000)
    # 1,000 GB x 0.12 + 9,000 GB x 0.11 + the rest x 0.08 USD
    want = Decimal("120") + Decimal("990") + (gb - 10000) * Decimal("0.08")
    got = _price(q(tb, "TB"), book)
    assert (got.amount, got.currency) == (want.quantize(Decimal("0.01")), "USD")


@settings(max_examples=60, deadline=None)
@given(tb=TB, gbit=st.sampled_from([10, 100, 400, 800, 1600]),
       eff=st.sampled_from([0.5, 0.8, 0.9, 1.0]))  # fmt: skip
def test_transfer_time_is_bits_over_effective_rate(tb, gbit, eff):
    from rackcheck.graph.gravity import FlowView
    from rackcheck.model.sovereignty import SiteLink

    link = SiteLink(name="l", between=["a", "b"], bandwidth=f"{gbit} Gbit/s",
                    efficiency=eff)  # fmt: skip
    f = FlowView("f", None, "a", "b", q(tb, "TB"), link, None, (), False)
    seconds = f.time.to("s").magnitude
    assert abs(seconds - tb * 8e12 / (gbit * 1e9 * eff)) < 1e-6 * seconds
