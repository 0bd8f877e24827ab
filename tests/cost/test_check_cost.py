"""`metrics.cost` in `check --format json`, cost budgets (BUD001) and the cost part of
`rackcheck diff`."""

from __future__ import annotations

import json
from decimal import Decimal

from click.testing import CliRunner

from rackcheck.cli import cli


def run(*args: str, cwd=None):
    return CliRunner().invoke(cli, [*args], catch_exceptions=False)


def test_metrics_cost_worked_by_hand(priced):
    res = run("check", str(priced), "--format", "json", "--no-cache", "--isolated")
    assert res.exit_code == 0, res.output
    cost = json.loads(res.output)["metrics"]["cost"]
    # 4 x 300,000 + 2,000 + 3 x 2,500 + 24 cords x 25
    assert cost["capex_usd"] == "1210100.00"
    # energy 40.8 kW x 1.25 x 8760 h x 0.0892 = 39,850.99; colocation 40.8 x 184.06 x 12
    assert cost["annual_opex_usd"] == "129966.77"
    assert cost["tco_usd"] == "1859933.84"
    # 1,859,933.84 / (32 GPUs x 8760 h x 5 y)
    assert cost["cost_per_gpu_hour_usd"] == "1.3270"
    assert cost["not_priced"] == []
    pue = cost["assumptions"]["pue"]
    assert pue["value"] == "1.25" and pue["source"] == "site commissioning report"
    assert pue["origin"].endswith("design.yaml:21:10")


def test_unpriced_part_leaves_capex_empty(priced):
    book = priced.parent / "book.yaml"
    book.write_text("\n".join(line for line in book.read_text().splitlines()
                              if "power-cord" not in line) + "\n")  # fmt: skip
    cost = json.loads(run("check", str(priced), "--format", "json", "--no-cache",
                          "--isolated").output)["metrics"]["cost"]  # fmt: skip
    assert cost["capex_usd"] is None and cost["tco_usd"] is None
    assert cost["priced_capex_usd"] == "1209500.00"
    assert cost["not_priced"] == ["power-cord-c19-c20"]


def test_no_cost_section_no_cost_metrics():
    from costhelp import ROOT

    res = run("check", str(ROOT / "designs/one-rack-dgx-h100.yaml"), "--format", "json",
              "--no-cache", "--isolated")  # fmt: skip
    assert "cost" not in json.loads(res.output)["metrics"]


def test_capex_budget(priced, monkeypatch):
    monkeypatch.chdir(priced.parent)
    (priced.parent / "rackcheck.toml").write_text(
        "[budgets]\ncapex_usd = 1000000\ncost_per_gpu_hour_usd = 2\n"
    )
    res = run("check", "design.yaml", "--no-cache")
    assert res.exit_code == 1
    assert ("rackcheck.toml:2:1: error BUD001 budget capex_usd: capex 1,210,100 USD, "
            "limit <= 1,000,000 USD: over budget") in res.output  # fmt: skip
    assert "cost_per_gpu_hour_usd" not in res.output  # 1.327 <= 2


def test_bad_price_book_in_design_is_exit_2(priced):
    (priced.parent / "book.yaml").write_text("pricebook: 1\nprices:\n  - {id: x}\n")
    res = run("check", str(priced), "--no-cache")
    assert res.exit_code == 2
    assert "book.yaml:3:5: error INP002 price for 'x' has no 'price'" in res.output


def test_diff_shows_cost_change_infracost_style(priced, tmp_path):
    head = priced.parent / "head.yaml"
    head.write_text(priced.read_text().replace("count: 4", "count: 3"))
    res = run("diff", str(priced), str(head), "--format", "markdown", "--isolated")
    md = res.output
    cost_at = md.index("### 💰 Cost")
    assert cost_at < md.index("| figure | base | head | change |")  # totals first
    # one DGX H100 less: capex - 300,000 - its 6 PSU cords x 25
    assert "- **capex**: 1,210,100 USD → 909,950 USD (**-300,150 USD**)" in md
    totals = [line for line in md.splitlines() if line.startswith("- **")]
    assert [t.split("**")[1] for t in totals] == [
        "TCO",
        "capex",
        "annual opex",
        "cost per GPU-hour",
    ]  # TCO first
    assert md.index("<summary>Cost assumptions (HEAD)</summary>") > md.index(
        "Fixed findings"
    )
    assert "| pue | 1.25 | 2026-06-01 | site commissioning report |" in md
    doc = json.loads(run("diff", str(priced), str(head), "--format", "json",
                         "--isolated").output)  # fmt: skip
    row = {f["key"]: f for f in doc["figures"]}["cost.capex_usd"]
    assert (row["base"], row["head"], row["delta"], row["unit"]) == (
        1210100.0,
        909950.0,
        -300150.0,
        "USD",
    )


def test_two_designs_sum_their_cost(priced):
    other = priced.parent / "other.yaml"
    other.write_text(priced.read_text().replace("count: 4", "count: 2"))
    doc = json.loads(run("check", str(priced), str(other), "--format", "json",
                         "--no-cache", "--isolated").output)  # fmt: skip
    cost = doc["metrics"]["cost"]
    # 1,210,100 + (2 x 300,000 + 2,000 + 7,500 + 12 cords x 25 = 609,800)
    assert cost["capex_usd"] == "1819900.00"
    assert cost["currency"] == "USD" and cost["years"] == 5
    designs = doc["metrics"]["designs"]
    assert sorted(d["cost"]["capex_usd"] for d in designs.values()) == [
        "1210100.00",
        "609800.00",
    ]


def test_compare_uses_the_design_cost_section(priced):
    import datetime as dt

    from rackcheck.api import compare_quotes

    quote = priced.parent / "q.yaml"
    quote.write_text("vendor: V\ncurrency: USD\nvalid_until: 2027-01-31\nlines:\n"
                     "  - {id: dgx-h100, quantity: 4, unit_price: '290000'}\n"
                     "  - {part_number: AR3100, quantity: 1, unit_price: '1900'}\n")  # fmt: skip
    c = compare_quotes([str(quote)], str(priced), today=dt.date(2026, 11, 30))
    [r] = c.results
    # PDUs and cords left out, priced from the design's own price book
    assert [(m.id, m.quantity, m.priced_at) for m in r.missing] == [
        ("pdu-415v-3ph-60a-apc", 3, 2500),
        ("power-cord-c19-c20", 24, 25),
    ]
    assert r.capex == 4 * 290000 + 1900 + 3 * 2500 + 24 * 25
    assert c.assumptions.values["pue"].value == Decimal("1.25")
    assert r.tco.facility_power_kw == Decimal("40.8") * Decimal("1.25")


def test_diff_base_ref_fetches_the_price_book(priced, monkeypatch):
    import subprocess

    root = priced.parent
    (root / "prices").mkdir()
    (root / "book.yaml").rename(root / "prices/book.yaml")
    (root / "designs").mkdir()
    text = priced.read_text().replace("[book.yaml]", "[../prices/book.yaml]")
    priced.unlink()
    (root / "designs/d.yaml").write_text(text)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c",
           "commit.gpgsign=false"]  # fmt: skip
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run([*git, *args], cwd=root, check=True, capture_output=True)
    book = root / "prices/book.yaml"
    book.write_text(book.read_text().replace('"300000.00"', '"310000.00"'))
    monkeypatch.chdir(root)
    doc = json.loads(run("diff", "--base-ref", "HEAD", "designs", "--format", "json",
                         "--isolated").output)  # fmt: skip
    assert doc["input_errors"] == {"base": [], "head": []}
    row = {f["key"]: f for f in doc["figures"]}["cost.capex_usd"]
    assert (row["base"], row["head"], row["delta"]) == (1210100.0, 1250100.0, 40000.0)
