"""Figures of the PDU, power-shelf, CDU and rack entries added for issue 16."""

from __future__ import annotations

import pytest

from rackcheck.model.load import load_catalog


@pytest.fixture(scope="module")
def comps():
    return load_catalog().components


def test_pdu_400v_32a_wye_outlets_line_to_neutral(comps):
    pdu = comps["pdu-400v-3ph-32a-apc-apdu10350sw"]
    assert pdu.voltage.to("V").magnitude == 400
    assert pdu.current.to("A").magnitude == 32
    assert (pdu.phases, pdu.outlets, pdu.outlet_connection) == (3, 48, "L-N")
    assert pdu.source_quality == "second-hand"


def test_pdu_208v_delta_60a_outlets_line_to_line(comps):
    pdu = comps["pdu-208v-3ph-60a-servertech-pro3x-c3wg36rl-dqje2nt2"]
    assert pdu.voltage.to("V").magnitude == 208
    assert pdu.current.to("A").magnitude == 60
    assert (pdu.outlets, pdu.outlet_connection) == (36, "L-L")
    assert pdu.plug.startswith("IEC 60309 3P+E")


def test_power_shelf_rated_at_its_redundant_output(comps):
    shelf = comps["power-shelf-artesyn-48v-30kw-eia"]
    assert shelf.rating.to("kW").magnitude == 30
    assert (shelf.psus.count, shelf.psus.required) == (12, 10)
    orv3 = comps["orv3-power-shelf-15kw-option1"]
    assert orv3.rating.to("kW").magnitude == 15
    assert (orv3.unit_pitch, orv3.rack_units) == ("ORv3", 1)


def test_cdu_rated_at_4k_approach(comps):
    cdu = comps["cdu-vertiv-coolchip-cdu-2300"]
    assert cdu.capacity.to("kW").magnitude == 2300
    assert cdu.approach.to("K").magnitude == 4


def test_racks_without_a_sourced_load_rating_leave_it_out(comps):
    for ident in ("apc-netshelter-sx-ar3100", "apc-netshelter-sx-ar3107",
                  "apc-netshelter-sx-ar3300", "vertiv-vr3300"):  # fmt: skip
        assert comps[ident].max_load is None, ident
    rack = comps["apc-netshelter-sx-ar3357"]
    assert (rack.rack_units, rack.width.to("mm").magnitude) == (48, 750)
