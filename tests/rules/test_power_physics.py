"""Issue 9, power items: each figure is checked against the source it rests on."""

from __future__ import annotations

import pytest

from rackcheck.api import check
from rackcheck.units import q


def _findings(write, text: str, rule: str) -> list[tuple[int, int, str]]:
    report = check([str(write("d.yaml", text))])
    assert report.input_errors == []
    return [
        (f.location.line, f.location.column, f.message)
        for f in report.findings
        if f.rule_id == rule
    ]


def _graph(write, text: str):
    """The design graph of `text` (its own components merged, as `check` does)."""
    from rackcheck.api import _CatalogCache, check_file
    from rackcheck.settings import Settings

    return check_file(write("d.yaml", text), Settings(), _CatalogCache())["graph"]


def _metrics(write, text: str) -> dict:
    report = check([str(write("d.yaml", text))])
    assert report.input_errors == []
    return report.metrics


# -- 1. continuous rating by electrical code ---------------------------------------
AP8886 = """\
rackcheck: 1
name: four DGX H100 on two APC AP8886 (230/400 V 32 A)
site: {{{site}}}
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {{model: pdu-400v-3ph-32a-apc-ap8886, feed: A{extra}}}
      - {{model: pdu-400v-3ph-32a-apc-ap8886, feed: B{extra}}}
    devices:
      - {{model: dgx-h100, count: 4}}
"""


def test_iec_site_rates_pdu_at_nominal_current(write):
    """IEC 60364-4-43 433.1: I_B <= I_n, no 80 % factor. sqrt(3) x 400 V x 32 A =
    22.17 kVA, APC's own 22.0 kW rating of the AP8886. 4 x 10.2 kW / 0.95 = 42.95 kVA
    over two PDUs = 21.47 kVA each: fits at 100 %, not at 80 % (17.7 kVA)."""
    text = AP8886.format(site="country: DE", extra="")
    assert _findings(write, text, "POW001") == []
    m = _metrics(write, text)
    assert m["racks"]["r01"]["pdu_capacity_kva"] == pytest.approx(2 * 22.170, abs=1e-3)
    assert m["electrical_code"] == {
        "code": "iec", "basis": "site.country DE", "continuous_rating": 1.0,
    }  # fmt: skip


def test_nec_site_keeps_80_percent_and_names_the_rule(write):
    """NEC 210.20(A)/215.3: a continuous load takes at most 80 % of the breaker."""
    text = AP8886.format(site="country: US", extra="")
    assert _findings(write, text, "POW001") == [
        (8, 7, "rack r01 draws 40.8 kW = 42.9 kVA > 35.5 kVA continuous PDU capacity "
               "(2 PDU(s) at 80%: NEC 210.20(A)/215.3, site.country US)"),
    ]  # fmt: skip


def test_explicit_code_beats_country_and_design_overrides_pdu(write):
    text = AP8886.format(site="country: US, electrical_code: iec", extra="")
    assert _findings(write, text, "POW001") == []
    text = AP8886.format(site="country: US", extra=", continuous_rating: 1.0")
    m = _metrics(write, text)
    assert m["racks"]["r01"]["pdu_capacity_kva"] == pytest.approx(44.341, abs=1e-3)
    assert _findings(write, text, "POW001") == []


def test_catalog_listing_for_100_percent(write):
    text = AP8886.format(site="country: US", extra="").replace(
        "pdu-400v-3ph-32a-apc-ap8886", "pdu-listed-100"
    ) + (
        "components:\n"
        "  - id: pdu-listed-100\n"
        "    kind: pdu\n"
        "    vendor: Example\n"
        "    model: PDU listed for 100 % duty (illustration)\n"
        "    source: test\n"
        "    voltage: 400 V\n"
        "    phases: 3\n"
        "    current: 32 A\n"
        "    continuous_rating: 1.0\n"
    )
    assert _findings(write, text, "POW001") == []


def test_country_table_carries_its_sources():
    from rackcheck.model.electrical import NEC_COUNTRIES, site_code

    assert site_code(None, "CA").factor == 0.8  # CSA C22.1 Rule 8-104
    assert "8-104" in NEC_COUNTRIES["CA"]
    assert site_code(None, "MX").code == "nec"  # NOM-001-SEDE-2012, NEC-based
    assert site_code(None, "FR").factor == 1.0
    assert site_code(None, None).why.startswith("assumed")


# -- 2 and 3. feed loss: N from the PSU rating, PSUs carry at most their rating -----
SIX_PSU = """\
rackcheck: 1
name: a server entered from its datasheet, no required PSU count
components:
  - id: example-6psu
    kind: server
    vendor: Example
    model: six 3.3 kW PSUs, 10.2 kW max (illustration)
    source: test
    rack_units: 8
    power:
      max: 10.2 kW
      psus: {model: psu-3300w, count: 6}
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
    devices:
      - {model: example-6psu, count: 2}
"""


def test_pow002_derives_n_from_psu_rating(write):
    """N = ceil(10.2 kW / 3.3 kW) = 4 (as POW003); 3 PSUs left = 9.9 kW < 10.2 kW.
    Reported once per device entry, at the first feed that leaves it least."""
    assert _findings(write, SIX_PSU, "POW002") == [
        (20, 17, "when feed A fails, example-6psu-1 in rack r01 keeps 3 of 6 PSUs "
                 "(3 x 3.30 kW = 9.9 kW, needs 4 for full load): it is left 9.9 kW of "
                 "its 10.2 kW maximum and power-caps or trips (and 1 more like it)"),
    ]  # fmt: skip
    assert _findings(write, SIX_PSU, "POW003") == []  # 4+2: two spare


def test_after_failure_caps_psus_at_their_rating(write):
    """Surviving PDU B carries what 3 x 3.3 kW deliver: 2 x 9.9 kW / 0.95 = 20.84 kVA,
    not 2 x 10.2 / 0.95 = 21.47 kVA."""
    from rackcheck.graph import power

    g = _graph(write, SIX_PSU)
    after = power.after_failure(g, ["A"])
    dev = after.devices["dev:r01/0.0"]
    assert (dev.state, dev.delivered, dev.live_psus, dev.needed) == (
        "capped", q(9.9, "kW"), 3, 4,
    )  # fmt: skip
    assert after.pdu_kva["pdu:r01/pdu1"] == 0.0
    assert after.pdu_kva["pdu:r01/pdu2"] == pytest.approx(2 * 9.9 / 0.95)
    assert after.pdu_kw["pdu:r01/pdu2"] == pytest.approx(19.8)
    assert power.after_failure(g, []).devices["dev:r01/0.0"].state == "full"
    dark = power.after_failure(g, ["A", "B"]).devices["dev:r01/0.1"]
    assert (dark.state, dark.delivered_kw) == ("dark", 0.0)


def test_metrics_give_each_device_state_after_a_feed_loss(write):
    m = _metrics(write, SIX_PSU)
    assert m["racks"]["r01"]["after_feed_loss"]["B"] == {
        "full": 0,
        "capped_kw": {"example-6psu-1": 9.9, "example-6psu-2": 9.9},
        "dark": [],
    }


# -- 4. phase imbalance: max |I - avg| / avg -----------------------------------------
def _one_kw_server(extra: str = "") -> str:
    return (
        "components:\n"
        "  - id: example-1kw\n"
        "    kind: server\n"
        "    vendor: Example\n"
        "    model: one-PSU 1 kW server at PF 1 (illustration)\n"
        "    source: test\n"
        "    rack_units: 1\n"
        "    power: {max: 1 kW, power_factor: 1.0, psus: {count: 1}}\n" + extra
    )


def _corded(pdu: str, counts: dict[str, int], feed_b: bool = False) -> str:
    lines = [
        "rackcheck: 1",
        "name: cords on named outlets",
        _one_kw_server().rstrip(),
        "racks:",
        "  - name: r01",
        "    model: apc-netshelter-sx-ar3100",
        "    pdus:",
        f"      - {{model: {pdu}, feed: A, name: pa}}",
        "    devices:",
    ]
    for phase, n in counts.items():
        lines.append(
            f"      - {{model: example-1kw, count: {n}, "
            f"cords: [{{pdu: pa, phase: {phase}}}]}}"
        )
    return "\n".join(lines) + "\n"


def test_imbalance_is_max_deviation_from_average(write):
    """7 / 6 / 5 kW on L1/L2/L3 of a 240/415 V PDU: (max-min)/max would say 28.6 %;
    NEMA MG 1 / PDU vendors: max |I - avg| / avg = 1/6 = 16.7 % <= 20 %."""
    text = _corded("pdu-415v-3ph-60a-apc", {"L1": 7, "L2": 6, "L3": 5})
    assert _findings(write, text, "POW006") == []
    text = _corded("pdu-415v-3ph-60a-apc", {"L1": 8, "L2": 6, "L3": 4})
    assert _findings(write, text, "POW006") == [
        (15, 17, "PDU pa of rack r01 lines L1/L2/L3 carry 33.4 A / 25.0 A / 16.7 A: "
               "current imbalance max|I - avg|/avg = 33% > 20% (NEMA MG 1 "
               "definition, as PDU vendors report it)"),
    ]  # fmt: skip


# -- 5. line-to-line outlets: phasor sum -----------------------------------------------
def test_line_to_line_branch_loads_two_lines(write):
    """AP8865 (120/208 V): 4 kW on the L1-L2 outlets draws 4000/208 = 19.2 A in L1 and
    L2 and nothing in L3 (not 4000/120 = 33.3 A in one line)."""
    from rackcheck.graph import phases

    g = _graph(write, _corded("pdu-208v-3ph-30a-apc", {"L1-L2": 4}))
    rack = g.racks()[0]
    amps = phases.line_currents(g, rack, g.pdus(rack)[0])
    got = {ln: round(a.to("A").magnitude, 2) for ln, a in amps.items()}
    assert got == {"L1": 19.23, "L2": 19.23, "L3": 0.0}


def test_line_current_is_phasor_sum_of_two_branches(write):
    """3 kW on L1-L2 and 3 kW on L3-L1 at 208 V: 14.42 A each, 120 deg apart, so L1
    carries sqrt(3) x 14.42 = 24.98 A > 24 A (80 % of 30 A, NEC). The catalog says the
    AP8865 outlets are line-to-line, so `phase: L3` names the L3-L1 branch."""
    text = _corded("pdu-208v-3ph-30a-apc", {"L1-L2": 3, "L3": 3})
    assert _findings(write, text, "POW001") == [
        (15, 17, "line L1 of PDU pa in rack r01 carries 25.0 A (phasor sum of its "
               "branches) > 24.0 A (80%: NEC 210.20(A)/215.3, assumed: no site.country "
               "or site.electrical_code of 30.0 A)"),
    ]  # fmt: skip


# -- 6. power shelf: DC output rating against real power -------------------------------
def test_power_shelf_compares_dc_kw_not_kva(write):
    """Two 33 kW shelves (DC output rating) feeding 64 kW: 32 kW each fits. Compared
    with apparent power (64 / 0.95 / 2 = 33.7 kVA) it would not."""
    text = (
        "rackcheck: 1\nname: DC shelves\n"
        "components:\n"
        "  - id: example-dc-sled\n"
        "    kind: server\n"
        "    vendor: Example\n"
        "    model: 64 kW DC-busbar load (illustration)\n"
        "    source: test\n"
        "    rack_units: 10\n"
        "    power: {max: 64 kW}\n"
        "racks:\n"
        "  - name: r01\n"
        "    model: orv3-rack\n"
        "    pdus:\n"
        "      - {model: orv3-power-shelf-33kw, feed: A}\n"
        "      - {model: orv3-power-shelf-33kw, feed: B}\n"
        "    devices:\n"
        "      - {model: example-dc-sled}\n"
    )
    assert _findings(write, text, "POW001") == []
    over = text.replace("max: 64 kW", "max: 68 kW")
    assert _findings(write, over, "POW001") == [  # one finding per rack (issue 8)
        (
            15,
            17,
            "PDU pdu1 of rack r01 carries 34.0 kW > 33.0 kW DC output rating "
            "(and 1 more)",
        ),
    ]


# -- malformed new keys: located input errors, exit 2 -----------------------------------
@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("site: {electrical_code: cec}",
         (3, 25, "electrical_code: Input should be 'nec' or 'iec'")),
        ("site: {country: de}",
         (3, 17, "country: 'de' is not an ISO 3166-1 alpha-2 country code (codes "
                 "are upper case)")),
        ("site: {feeds: [{name: A, voltage: 415 V, current: 100 A, derating: 0}]}",
         (3, 68, "derating: Input should be greater than 0")),
    ],
)  # fmt: skip
def test_bad_site_keys_are_located(write, line, want):
    text = f"rackcheck: 1\nname: bad\n{line}\n"
    report = check([str(write("bad.yaml", text))])
    (f,) = report.input_errors
    assert (f.rule_id, f.location.line, f.location.column, f.message) == (
        "INP002",
        *want,
    )
    assert report.exit_code(None) == 2


def test_bad_pdu_and_cord_keys_are_located(write):
    text = (
        "rackcheck: 1\nname: bad\nracks:\n  - name: r01\n"
        "    model: apc-netshelter-sx-ar3100\n    pdus:\n"
        "      - {model: pdu-208v-3ph-30a-apc, feed: A, name: pa, continuous_rating: 1.5}\n"
        "    devices:\n"
        "      - {model: dgx-h100, cords: [{pdu: pa, phase: L1-L4}]}\n"
    )
    report = check([str(write("bad.yaml", text))])
    got = [(f.location.line, f.location.column, f.message) for f in report.input_errors]
    assert got == [
        (7, 77, "continuous_rating: Input should be less than or equal to 1"),
        (9, 52, "phase: Input should be 'L1', 'L2', 'L3', 'L1-L2', 'L2-L3' or 'L3-L1'"),
    ]
