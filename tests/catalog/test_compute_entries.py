"""Figures of the GPU-system catalog entries added for issue 16, as their sources state."""

from __future__ import annotations

import pytest

from rackcheck.model.load import load_catalog


@pytest.fixture(scope="module")
def cat():
    return load_catalog().components


def test_gb300_nvl72_rack_max_power_and_trays(cat):
    rack = cat["gb300-nvl72"]
    assert str(rack.power.max.to("kW")) == "142.0 kW"
    assert rack.gpus.count == 72
    assert [(p.model, p.count) for p in rack.contains] == [
        ("gb300-compute-tray", 18),
        ("orv3-power-shelf-33kw", 8),
    ]
    tray = cat["gb300-compute-tray"]
    assert tray.gpus.count == 4
    assert str(tray.ports[0].speed.to("Gbit/s")) == "800.0 Gbit/s"


def test_dgx_h100_airflow_is_1105_cfm(cat):
    for ident in ("dgx-h100", "dgx-h200"):
        flow = cat[ident].cooling.airflow
        assert f"{flow.to('m**3/h').magnitude:.1f}" == "1877.4"


def test_hgx_b300_server_has_eight_800g_compute_ports(cat):
    srv = cat["supermicro-sys-822gs-nb3rt"]
    (port,) = srv.ports
    assert (port.role, port.count, str(port.speed)) == ("compute", 8, "800.0 Gbit/s")
    assert f"{srv.gpus.memory.to('GB').magnitude:.1f}" == "288.4"


def test_gpu_memory_kept_in_the_disclosed_unit(cat):
    mem = cat["dell-poweredge-xe9685l-b200"].gpus.memory
    assert str(mem) == "183359.0 MiB"
    assert f"{mem.to('GB').magnitude:.2f}" == "192.27"


def test_gaudi3_scale_out_ports(cat):
    (port,) = cat["intel-hls-gaudi3"].ports
    assert (port.count, str(port.speed), port.cage, port.per_cage) == (
        24,
        "200.0 Gbit/s",
        "OSFP",
        4,
    )


def test_second_hand_netbox_figures(cat):
    srv = cat["supermicro-as-4126gs-nmr-lcc"]
    assert srv.source_quality == "second-hand"
    assert (srv.rack_units, str(srv.weight), srv.power.psus.count) == (4, "53.0 kg", 4)
    assert srv.power.psus.required is None
