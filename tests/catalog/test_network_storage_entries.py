"""Figures of the network and storage catalog entries, read back with their units."""

from __future__ import annotations

import pytest

from rackcheck.catalog import lint_catalogs
from rackcheck.model.load import load_catalog


@pytest.fixture(scope="module")
def cat():
    return load_catalog().components


def test_transceiver_power_and_reach(cat):
    qsfp = cat["mma1z00-ns400-t"]
    assert qsfp.cage == "QSFP112" and qsfp.media == "MMF" and qsfp.lanes == 4
    assert qsfp.speed.to("Gbit/s").magnitude == pytest.approx(400)
    assert qsfp.reach.to("m").magnitude == pytest.approx(50)
    assert qsfp.power.max.to("W").magnitude == pytest.approx(9)
    assert qsfp.power.typical.to("W").magnitude == pytest.approx(8)
    twin = cat["mms4x00-ns-t"]
    assert twin.speed.to("Gbit/s").magnitude == pytest.approx(800)
    assert twin.power.max.to("W").magnitude == pytest.approx(17)
    assert cat["mms4x50-nm"].reach.to("km").magnitude == pytest.approx(2)
    assert cat["mms4x50-nm"].power is None  # not found: left out, not guessed


def test_switch_capacity_counts_one_direction(cat):
    sw = cat["juniper-qfx5140"]
    total = sum(p.count * p.speed for p in sw.ports)
    assert total.to("Tbit/s").magnitude == pytest.approx(16.0)
    assert sw.switching_capacity.to("Tbit/s").magnitude == pytest.approx(16.0)


def test_cloud_managed_switch_declares_the_service(cat):
    assert cat["cisco-hf6100-32d"].services == ["cloud-management"]
    assert cat["cisco-hf6100-32d"].rack_units == 1


def test_storage_power_in_btu_per_hour_reads_as_watts(cat):
    a90 = cat["netapp-aff-a90-ha-pair"]
    assert a90.power.typical.to("kW").magnitude == pytest.approx(2.4337, abs=1e-3)
    assert a90.power.max.to("kW").magnitude == pytest.approx(3.2086, abs=1e-3)
    assert a90.capacity.to("PB").magnitude == pytest.approx(6.6096)
    assert a90.capacity_basis == "raw" and a90.rack_units == 4
    assert a90.weight.to("kg").magnitude == pytest.approx(53.5)


def test_rated_storage_throughput_is_marked_rated(cat):
    ddn = cat["ddn-ai400x2"]
    assert ddn.read.to("GB/s").magnitude == pytest.approx(90)
    assert ddn.write.to("GB/s").magnitude == pytest.approx(60)
    assert ddn.basis == {"read": "rated", "write": "rated"}


def test_second_hand_nic_power_is_marked(cat):
    nic = cat["connectx-7-mcx75310aas-neat"]
    assert nic.source_quality == "second-hand"
    assert nic.power.typical.to("W").magnitude == pytest.approx(24.9)
    assert cat["bluefield-3-b3140l"].source_quality == "primary"


def test_bundled_catalog_lints_clean_with_these_entries():
    assert lint_catalogs().findings == []
