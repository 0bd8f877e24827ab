"""Figures of the issue-16 'more' entries (LinkX fibres/cables, ConnectX-7 OPNs,
Quantum-2 QM9790, Spectrum-2 SN3700C/SN3420), read back with their units."""

from __future__ import annotations

import pytest

from rackcheck.model.load import load_catalog

NEW_IDS = [
    "mfp7e10-nxxx",
    "mfp7e20-nxxx",
    "mfp7e30-nxxx",
    "mfp7e40-nxxx",
    "mcp1650-v0xxeyy",
    "mfs1s00-hxxxe-ll",
    "mfs1s50-h0xxv",
    "mfa1a00-xxxx",
    "mfa7a20-cxxx",
    "mfa7u40-h00x",
    "mma1t00-vs",
    "mma1t00-hs",
    "connectx-7-mcx75310aac-neat",
    "connectx-7-mcx75343ams-neac",
    "connectx-7-mcx75343amc-neac",
    "connectx-7-mcx715105as-weat",
    "connectx-7-mcx755106as-heat",
    "qm9790",
    "sn3700c",
    "sn3420",
]


@pytest.fixture(scope="module")
def cat():
    return load_catalog().components


def test_twenty_new_entries_are_loaded_with_sources(cat):
    assert len(NEW_IDS) == 20
    for cid in NEW_IDS:
        entry = cat[cid]
        assert entry.vendor == "NVIDIA"
        assert entry.source, cid


def test_fibre_lengths_and_link_rates(cat):
    mm = cat["mfp7e10-nxxx"]
    assert mm.medium == "fibre"
    assert mm.speed.to("Gbit/s").magnitude == pytest.approx(400)
    assert mm.max_length.to("m").magnitude == pytest.approx(50)
    sm = cat["mfp7e30-nxxx"]
    assert sm.max_length.to("m").magnitude == pytest.approx(100)
    # MFP7E40: no length in the source, so none is entered
    assert cat["mfp7e40-nxxx"].max_length is None


def test_qsfp56_dac_power_in_watts(cat):
    dac = cat["mcp1650-v0xxeyy"]
    assert dac.medium == "DAC" and dac.cage == "QSFP56"
    assert dac.speed.to("Gbit/s").magnitude == pytest.approx(200)
    assert dac.power.max.to("mW").magnitude == pytest.approx(100)


def test_connectx7_opn_ports_and_typical_power(cat):
    crypto = cat["connectx-7-mcx75310aac-neat"]
    assert crypto.part_number == "MCX75310AAC-NEAT"
    assert crypto.power.typical.to("W").magnitude == pytest.approx(25.9)
    assert crypto.ports[0].speed.to("Gbit/s").magnitude == pytest.approx(400)
    ocp = cat["connectx-7-mcx75343ams-neac"]
    assert ocp.power.typical.to("W").magnitude == pytest.approx(24.4)
    dual = cat["connectx-7-mcx755106as-heat"]
    assert dual.ports[0].count == 2 and dual.ports[0].cage == "QSFP112"
    assert dual.ports[0].speed.to("Gbit/s").magnitude == pytest.approx(200)
    assert dual.power is None  # not found: left out, not guessed
    assert dual.source_quality == "second-hand"


def test_qm9790_capacity_and_marking(cat):
    sw = cat["qm9790"]
    total = sum(p.count * p.speed for p in sw.ports)
    assert total.to("Tbit/s").magnitude == pytest.approx(25.6)
    assert sw.rack_units == 1 and sw.part_number == "MQM9790-NS2F"
    assert sw.source_quality == "second-hand"
    assert sw.power is None


def test_sn3420_mixed_cages(cat):
    sw = cat["sn3420"]
    by_cage = {p.cage: (p.count, p.speed.to("Gbit/s").magnitude) for p in sw.ports}
    assert by_cage == {
        "SFP28": (48, pytest.approx(25)),
        "QSFP28": (12, pytest.approx(100)),
    }
    total = sum(p.count * p.speed for p in sw.ports)
    assert total.to("Tbit/s").magnitude == pytest.approx(2.4)
    assert cat["sn3700c"].ports[0].count == 32
