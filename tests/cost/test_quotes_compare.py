"""`rackcheck quotes compare` on the example quotes: figures, ranking, findings, JSON."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from costhelp import HALL, QUOTES

from rackcheck.api import compare_quotes
from rackcheck.cli import cli

ARGS = [
    str(QUOTES / "quote-a.yaml"),
    str(QUOTES / "quote-b.csv"),
    str(QUOTES / "quote-c.yaml"),
    "--design",
    str(HALL),
    "--price-book",
    str(QUOTES / "price-book.yaml"),
    "--as-of",
    "2026-11-30",
]


def run(*extra: str):
    return CliRunner().invoke(cli, ["quotes", "compare", *ARGS, *extra])


@pytest.fixture(scope="module")
def json_run():
    return run("--format", "json")


def test_json_contract_and_figures(json_run):
    res = json_run
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["version"] == 1 and doc["currency"] == "USD"
    assert set(doc["assumptions"]["pue"]) >= {"value", "unit", "source", "as_of"}
    q = {x["name"]: x for x in doc["quotes"]}
    keys = {
        "name",
        "capex",
        "missing",
        "it_power_kw",
        "facility_power_kw",
        "tco",
        "cost_per_gpu_hour",
        "breakeven_months",
        "breakeven_utilisation",
        "lead_time_days",
        "rank",
        "reason",
    }
    assert all(keys <= set(x) for x in doc["quotes"])
    assert set(q["vendor-a"]["tco"]) == {
        "years",
        "total",
        "capex",
        "energy",
        "colocation",
        "maintenance",
        "financing",
    }
    a = q["vendor-a"]
    # capex = sum of qty x unit price of the 11 lines
    assert a["capex"] == "54796374.00"
    # energy 1310.4 kW x 1.58 x 8760 h x 0.0892 USD/kWh x 5 y
    assert a["tco"]["energy"] == "8089095.01"
    # colocation 1310.4 kW x 184.06 USD/kW/month x 60 months
    assert a["tco"]["colocation"] == "14471533.44"
    assert a["tco"]["total"] == "77357002.45"
    assert a["it_power_kw"] == "1310.400" and a["facility_power_kw"] == "2070.432"
    assert a["lead_time_days"] == 112 and a["missing"] == []
    # vendor B leaves out the optics, priced from the price book
    b = q["vendor-b"]
    assert {m["id"]: (m["quantity"], m["priced_at"]) for m in b["missing"]} == {
        "transceiver-osfp-800g": (2048, "1150.00"),
        "fibre-cable": (2048, "45.00"),
    }
    assert Decimal(b["capex"]) == Decimal("51256900.00") + 2048 * Decimal("1195")
    # vendor C: EUR at its stated 1.0850, 2 % discount, 1180 kW stated
    c = q["vendor-c"]
    # 52,490,574 EUR x 1.0850 x 0.98
    assert c["capex"] == "55813227.33"
    assert c["it_power_kw"] == "1180.000" and c["expired"] is True
    assert [x["name"] for x in doc["quotes"]] == ["vendor-c", "vendor-b", "vendor-a"]
    assert c["rank"] == 1 and c["reason"].startswith("lowest 5-year TCO")
    assert "quote expired 2026-10-31" in c["reason"]


def test_findings_are_located(json_run):
    doc = json.loads(json_run.output)
    got = sorted(
        f"{f['rule_id']}:{f['location']['path'].rsplit('/', 1)[-1]}:"
        f"{f['location']['line']}:{f['location']['column']}"
        for f in doc["findings"]
    )
    assert got == [
        "COST001:quote-c.yaml:5:9",
        "COST003:quote-b.csv:2:2",
        "COST003:quote-b.csv:2:2",
    ]


def test_set_overrides_and_is_listed():
    doc = json.loads(run("--format", "json", "--set", "pue=1.2").output)
    assert doc["assumptions"]["pue"]["value"] == "1.2"
    assert doc["assumptions"]["pue"]["origin"] == "--set"
    a = {x["name"]: x for x in doc["quotes"]}["vendor-a"]
    assert a["facility_power_kw"] == "1572.480"  # 1310.4 kW x 1.2


def test_sweep_finds_where_the_ranking_flips():
    c = compare_quotes(
        [
            str(QUOTES / "quote-a.yaml"),
            str(QUOTES / "quote-b.csv"),
            str(QUOTES / "quote-c.yaml"),
        ],
        str(HALL),
        price_books=[str(QUOTES / "price-book.yaml")],
        sweep="energy_price=0.05..0.25",
    )
    assert c.sweep is not None
    assert [str(p.value) for p in c.sweep.points] == [
        "0.05",
        "0.10",
        "0.15",
        "0.20",
        "0.25",
    ]
    assert c.sweep.points[0].order[0] == "vendor-b"
    assert c.sweep.points[-1].order[0] == "vendor-c"
    [(at, was, now)] = c.sweep.flips
    assert (was, now) == ("vendor-b", "vendor-c")
    # B - C TCO difference is linear in the price: it crosses zero near 0.0741 USD/kWh
    assert round(at, 4) == Decimal("0.0741")
    text = run("--sweep", "energy_price=0.05..0.25").output
    assert "ranking flips at energy_price = 0.0741: vendor-b -> vendor-c" in text


def test_text_markdown_csv_xlsx(tmp_path):
    out = tmp_path / "q.xlsx"
    res = run(
        "--format", "markdown", "-o", f"xlsx={out}", "-o", f"csv={tmp_path / 'q.csv'}"
    )
    assert res.exit_code == 0
    assert "| 1 | vendor-c | USD 55,813,227 |" in res.output
    assert "<summary>Assumptions</summary>" in res.output
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert wb.sheetnames == ["Quotes", "Left out", "Assumptions"]
    assert wb["Quotes"]["C2"].value == "vendor-c"
    rows = (tmp_path / "q.csv").read_text().splitlines()
    assert rows[1].startswith("USD,1,vendor-c,Example Vendor C,55813227.33,True")
    assert rows[4] == "" and rows[5] == "assumption,value,unit,source,as_of,origin"
    assert rows[6].startswith(
        'cloud_price,6.88,USD/GPU/h,"AWS EC2 On-Demand, p5.48xlarge'
    )


def test_same_input_same_bytes(json_run):
    assert run("--format", "json").output == json_run.output


def test_installed_script_real_run(tmp_path):
    import subprocess

    out = tmp_path / "quotes.xlsx"
    res = subprocess.run(["rackcheck", "quotes", "compare", *ARGS, "--set", "pue=1.2",
                          "--format", "markdown", "-o", f"xlsx={out}"],
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "| pue | 1.2 | --set (--set) |" in res.stdout
    assert out.read_bytes()[:2] == b"PK"


def test_every_shipped_default_has_source_and_date():
    from rackcheck.cost.assumptions import shipped

    data = shipped()
    entries = [
        *data["cloud"].values(),
        *data["assumptions"]["energy_price"]["by_region"].values(),
    ]
    entries += [v for k, v in data["assumptions"].items() if "value" in v]
    for e in entries:
        assert e["source"].strip()
        convention = e["source"].startswith("rackcheck convention")
        assert convention or str(e["as_of"])[:2] == "20", e
        assert convention == (e.get("as_of") is None), e


def test_sweep_years_and_utilisation():
    quotes = [str(QUOTES / "quote-a.yaml"), str(QUOTES / "quote-c.yaml")]
    c = compare_quotes(quotes, str(HALL), sweep="years=3..7")
    assert [int(p.value) for p in c.sweep.points] == [3, 4, 5, 6, 7]
    # vendor C draws 130.4 kW less: it leads at every life, so no flip
    assert {p.order[0] for p in c.sweep.points} == {"vendor-c"} and c.sweep.flips == []
    u = compare_quotes(quotes, str(HALL), sweep="utilisation=0.25..1.0")
    months = [p.breakeven_months["vendor-a"] for p in u.sweep.points]
    # less use, fewer cloud GPU-hours to replace: break-even comes later
    assert months == sorted(months, reverse=True) and months[0] > 4 * months[-1]


def test_xlsx_sweep_sheet_reads_the_json_document_back(tmp_path):
    """The XLSX writer reads the JSON document back: the Sweep sheet has each point's
    TCO per quote (USD) and the best quote, then where the ranking flips."""
    from openpyxl import load_workbook

    out = tmp_path / "q.xlsx"
    res = run("--sweep", "energy_price=0.05..0.25", "-o", f"xlsx={out}")
    assert res.exit_code == 0, res.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Quotes", "Left out", "Sweep", "Assumptions"]
    rows = list(wb["Sweep"].iter_rows(values_only=True))
    assert rows[0] == (
        "energy_price", "TCO vendor-c", "TCO vendor-b", "TCO vendor-a", "best"
    )  # fmt: skip
    assert rows[1] == (0.05, 72927711.33, 72710039.52, 73802153.52, "vendor-b")
    assert rows[2][0] == 0.1 and rows[2][-1] == "vendor-c"
    assert rows[-1] == ("flips at 0.0741", "vendor-b", "vendor-c", None, None)
    left = list(wb["Left out"].iter_rows(values_only=True))
    assert left[1] == ("vendor-b", "fibre-cable", 2048, 45)
