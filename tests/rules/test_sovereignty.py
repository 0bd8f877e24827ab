"""Sites, residency, data gravity: figures with units, findings at line:col, and the
examples in designs/."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from rackcheck.api import check
from rackcheck.findings import Severity
from rackcheck.settings import Settings

ROOT = Path(__file__).resolve().parents[2]

TWO_SITES = """\
rackcheck: 1
name: flows
sites:
  - {{name: lab, country: DE}}
  - {{name: cloud, country: DE, operator: cloud-region, provider: {provider}}}
links:
  - {{name: l1, between: [lab, cloud], bandwidth: "100 Gbit/s"{eff}}}
datasets:
  - name: corpus
    size: "{size}"
    stored_at: {{site: cloud}}
    used_by: [{{workload: train, site: lab}}]
"""


def flow(write, provider="gcp", size="2 PB", eff=""):
    path = write("d.yaml", TWO_SITES.format(provider=provider, size=size, eff=eff))
    report = check([str(path)])
    assert report.input_errors == []
    return report, report.metrics["flows"]["corpus->lab"]


def test_two_petabytes_over_100g_at_line_rate_take_1_85_days(write):
    _, f = flow(write)
    # 2e15 B x 8 bit/B / 1e11 bit/s = 160,000 s
    assert f["bytes"] == 2_000_000_000_000_000
    assert f["transfer_seconds"] == 160000.0
    assert f["transfer_days"] == pytest.approx(1.852, abs=1e-3)
    assert (f["link"], f["bandwidth_gbps"], f["efficiency"]) == ("l1", 100.0, 1.0)


def test_efficiency_stretches_the_transfer(write):
    _, f = flow(write, eff=", efficiency: 0.8")
    assert f["transfer_seconds"] == 200000.0  # 160,000 s / 0.8
    assert f["efficiency"] == 0.8


def test_gcp_egress_is_tiered_decimal_usd(write):
    _, f = flow(write, size="200 TB")
    # 1,000 GB x 0.12 + 9,000 GB x 0.11 + 190,000 GB x 0.08 = 16,310.00 USD
    assert Decimal(f["egress_cost"]) == Decimal("16310.00")
    assert f["currency"] == "USD"
    assert "as of 2026-11-30" in f["egress_note"]


def test_aws_egress_priced_within_its_known_tiers(write):
    _, f = flow(write, provider="aws", size="5 TB")
    # first 100 GB free, then 4,900 GB x 0.09 USD = 441.00 USD
    assert (f["egress_cost"], f["currency"]) == ("441.00", "USD")


def test_egress_beyond_the_known_tiers_is_not_priced_and_noted(write):
    report, f = flow(write, provider="aws", size="2 PB")
    assert f["egress_cost"] is None
    assert f["egress_note"].startswith("priced only to 10 TB")
    notes = [(x.rule_id, x.location.line, x.location.column) for x in report.findings]
    assert ("GRV003", 12, 39) in notes


def test_provider_without_price_data_is_a_note_not_a_guess(write):
    report, f = flow(write, provider="azure", size="1 TB")
    assert f["egress_cost"] is None
    grv = [x for x in report.findings if x.rule_id == "GRV003"]
    assert [(x.severity, x.location.line) for x in grv] == [(Severity.NOTE, 12)]
    assert "no egress price for provider azure" in grv[0].message


def test_two_site_gb_de_example_breaks_its_eu_policy():
    path = ROOT / "designs/sovereignty/two-site-gb-de.yaml"
    report = check([str(path)])
    assert report.input_errors == []
    got = [(f.rule_id, f.location.line, f.location.column, str(f.severity))
           for f in report.findings if f.severity >= Severity.WARNING]  # fmt: skip
    assert got == [
        ("GRV001", 49, 37, "warning"),
        ("SOV002", 49, 37, "error"),
        ("SOV003", 49, 37, "warning"),
    ]
    sov = report.metrics["sovereignty"]["claims"]
    assert sov["allowed"] is False and sov["policy"] == ["EU"]
    assert sov["stored"] == {"site": "gcp-frankfurt", "country": "DE",
                             "operator": "cloud-region", "allowed": True,
                             "exempt": None}  # fmt: skip
    assert sov["processed"][0]["country"] == "GB"
    assert sov["processed"][0]["allowed"] is False
    f = report.metrics["flows"]["claims->london"]
    # 2 PB / (100 Gbit/s x 0.9) = 177,777.8 s = 2.06 days; egress 160,310.00 USD
    assert f["transfer_seconds"] == 177777.8
    assert f["egress_cost"] == "160310.00"
    grv = next(x for x in report.findings if x.rule_id == "GRV001")
    assert grv.message == (
        "flow claims->london moves 2 PB from gcp-frankfurt to london in 2.06 days "
        "over link lon-fra (100 Gbit/s at 90% efficiency) > 24.0 h allowed"
    )


def test_clean_example_figures():
    report = check([str(ROOT / "designs/sovereign-eu-two-site.yaml")])
    assert [f for f in report.findings if f.severity >= Severity.WARNING] == []
    sov = report.metrics["sovereignty"]
    assert all(a["allowed"] for a in sov.values())
    assert sov["claims"]["replicated"][0]["country"] == "FR"
    assert sov["claims-assistant-70b"]["kind"] == "model"
    flows = report.metrics["flows"]
    assert flows["claims-nightly-dr"]["transfer_seconds"] == 4444.4  # 50 TB at 90 Gb/s
    assert flows["public-corpus->frankfurt"]["egress_cost"] == "16310.00"


EXEMPT = """\
rackcheck: 1
name: exempted
sites:
  - {name: london, country: GB}
  - {name: frankfurt, country: DE}
links:
  - {name: l1, between: [london, frankfurt], bandwidth: "400 Gbit/s"}
policy:
  exemptions:
    - rule: SOV002
      subject: notes
      site: london
      reason: "DPO approval 2026-07 under the UK adequacy decision"
datasets:
  - name: notes
    size: "10 TB"
    residency: {allowed: [EEA]}
    stored_at: {site: frankfurt}
    used_by: [{workload: fine-tune, site: london}]
"""


def test_exemption_with_reason_silences_its_rule_only(write):
    report = check([str(write("e.yaml", EXEMPT))])
    assert report.input_errors == []
    assert [f.rule_id for f in report.findings] == ["SOV003"]
    used = report.metrics["sovereignty"]["notes"]["processed"][0]
    assert used["allowed"] is False
    assert used["exempt"].startswith("DPO approval")
    assert report.metrics["sovereignty"]["notes"]["allowed"] is True


def test_rule_level_is_configurable(write):
    settings = Settings(severity={"SOV003": Severity.ERROR})
    report = check([str(write("e.yaml", EXEMPT))], settings)
    assert [(f.rule_id, f.severity) for f in report.findings] == [
        ("SOV003", Severity.ERROR)
    ]


def test_quoted_norway_is_in_the_eea(write):
    text = EXEMPT.replace("country: GB", "country: 'NO'")
    report = check([str(write("e.yaml", text))])
    assert report.input_errors == []
    assert report.metrics["sovereignty"]["notes"]["processed"][0]["allowed"] is True


SERVICES = """\
rackcheck: 1
name: air gap
sites:
  - {name: vault, country: DE, air_gapped: true}
components:
  - id: test-cloud-switch
    kind: switch
    vendor: Test
    model: T1
    source: "test fixture: a switch its datasheet says needs cloud management"
    services: [cloud-management]
racks:
  - name: net01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: test-cloud-switch, count: 2}
"""


def test_catalog_service_breaks_an_air_gap(write):
    report = check([str(write("s.yaml", SERVICES))])
    sov = [f for f in report.findings if f.rule_id == "SOV004"]
    assert [(f.location.line, f.location.column) for f in sov] == [(16, 17)]
    assert sov[0].message == (
        "test-cloud-switch in rack net01 needs cloud-management (per catalog entry "
        "test-cloud-switch), but site vault is air-gapped"
    )


def test_forbid_services_names_the_ones_it_forbids(write):
    text = SERVICES.replace("air_gapped: true", "forbid_services: [remote-support]")
    report = check([str(write("s.yaml", text))])
    assert "SOV004" not in {f.rule_id for f in report.findings}


ONE_SITE = """\
rackcheck: 1
name: one site, as before
site: {name: lab, country: US}
datasets:
  - name: notes
    residency: {allowed: [EEA]}
    stored_at: {site: lab}
"""


def test_the_single_site_form_is_a_site(write):
    report = check([str(write("one.yaml", ONE_SITE))])
    assert report.input_errors == []
    assert [
        (f.rule_id, f.location.line, f.location.column) for f in report.findings
    ] == [("SOV001", 7, 23)]
    assert report.metrics["sovereignty"]["notes"]["stored"]["country"] == "US"


DECLARED = """\
rackcheck: 1
name: a design-level service need
sites:
  - {name: hall, country: DE, forbid_services: [remote-support]}
components:
  - {id: test-switch, kind: switch, vendor: Test, model: T2, source: "test fixture"}
policy:
  services:
    - {model: test-switch, needs: [remote-support], basis: "support quote Q-1, sec. 4"}
racks:
  - name: net01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: test-switch, count: 1}
"""


def test_design_declared_service_is_forbidden_where_the_site_says(write):
    report = check([str(write("d.yaml", DECLARED))])
    sov = [f for f in report.findings if f.rule_id == "SOV004"]
    assert [(f.location.line, f.location.column) for f in sov] == [(14, 17)]
    assert sov[0].message == (
        "test-switch in rack net01 needs remote-support (per design policy.services "
        "(support quote Q-1, sec. 4)), but site hall forbids them"
    )


def test_unknown_model_in_policy_services_is_an_input_error(write):
    report = check([str(write("d.yaml", DECLARED.replace("{model: test-switch, needs",
                                                         "{model: nope, needs")))])  # fmt: skip
    got = [(f.rule_id, f.location.line, f.location.column, f.message)
           for f in report.input_errors]  # fmt: skip
    assert got == [("INP004", 9, 15, "unknown model 'nope'")]


def test_a_flow_without_size_says_so(write):
    text = TWO_SITES.format(provider="gcp", size="1 TB", eff="").replace(
        '    size: "1 TB"\n', ""
    )
    report = check([str(write("d.yaml", text))])
    grv = [
        (f.location.line, f.message) for f in report.findings if f.rule_id == "GRV002"
    ]
    assert grv == [(11, "flow corpus->lab from cloud to lab moves corpus, which has no "
                        "size: its transfer time cannot be computed")]  # fmt: skip
    assert report.metrics["flows"]["corpus->lab"]["transfer_seconds"] is None
