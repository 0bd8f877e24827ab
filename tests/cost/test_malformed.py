"""Every reader is a linter: malformed quotes, price books and assumptions get one
located message each and exit 2, never a traceback or a partial write."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from costhelp import ROOT

from rackcheck.api import compare_quotes
from rackcheck.cli import cli
from rackcheck.findings import InputError

HERE = Path(__file__).parent / "malformed"
DESIGN = str(ROOT / "designs/one-rack-dgx-h100.yaml")
GOOD = str(ROOT / "examples/quotes/quote-a.yaml")
CSV = {
    "no-currency.csv": "INP002:1:2 states no currency",
    "text-price.csv": "INP002:4:3 unit price",
    "duplicate-rows.csv": "INP005:6:1 appears twice",
    "no-header.csv": "INP001:1:1 no header row",
    "bad-lead-time.csv": "INP002:4:4 lead time",
    "not-utf8.csv": "INP001:4:15 not UTF-8: byte 0xff",
}


def expected(path: Path) -> str:
    if path.name in CSV:
        return CSV[path.name]
    first = path.read_text().splitlines()[0]
    assert first.startswith("# expect: ")
    return first[len("# expect: ") :]


def first_error(exc: InputError) -> str:
    f = exc.findings[0]
    return f"{f.rule_id}:{f.location.line}:{f.location.column} {f.message}"


QUOTES = sorted(p for p in HERE.iterdir() if not p.name.startswith("book-"))
BOOKS = sorted(HERE.glob("book-*.yaml"))


@pytest.mark.parametrize("path", QUOTES, ids=[p.name for p in QUOTES])
def test_malformed_quote(path):
    with pytest.raises(InputError) as exc:
        compare_quotes([str(path)], DESIGN)
    code, _, text = expected(path).partition(" ")
    got = first_error(exc.value)
    assert got.startswith(code + " ")
    assert text in got
    assert exc.value.findings[0].location.path.endswith(path.name)


@pytest.mark.parametrize("path", BOOKS, ids=[p.name for p in BOOKS])
def test_malformed_price_book(path):
    with pytest.raises(InputError) as exc:
        compare_quotes([GOOD], DESIGN, price_books=[str(path)])
    code, _, text = expected(path).partition(" ")
    got = first_error(exc.value)
    assert got.startswith(code + " ") and text in got


def _xlsx(tmp_path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Quote"
    for r in rows:
        ws.append(r)
    out = tmp_path / "q.xlsx"
    wb.save(out)
    return out


def test_xlsx_text_in_price_names_sheet_row_and_column(tmp_path):
    path = _xlsx(tmp_path, [["Vendor", "X"], ["Currency", "USD"],
                            ["Part Number", "Description", "Qty", "Unit Price"],
                            ["dgx-h100", "DGX", 4, "n/a"]])  # fmt: skip
    with pytest.raises(InputError) as exc:
        compare_quotes([str(path)], DESIGN)
    got = first_error(exc.value)
    assert got.startswith("INP002:4:4 sheet 'Quote': dgx-h100: unit price")


def test_xlsx_quote_reads_like_csv(tmp_path):
    import datetime as dt

    path = _xlsx(tmp_path, [["Vendor", "X"], ["Currency", "USD"],
                            ["Valid until", dt.datetime(2027, 1, 31)],
                            ["SKU", "Qty", "Price", "Lead time"],
                            ["dgx-h100", 4, 300000, "12 weeks"]])  # fmt: skip
    c = compare_quotes([str(path)], DESIGN, today=dt.date(2026, 11, 30))
    [r] = c.results
    assert r.quote.valid_until == "2027-01-31" and r.quote.vendor == "X"
    assert r.quoted == 1_200_000 and r.lead_time_days == 84
    assert {m.id for m in r.missing} == {"apc-netshelter-sx-ar3100",
                                         "pdu-415v-3ph-60a-apc", "power-cord-c19-c20"}  # fmt: skip


def test_not_an_xlsx(tmp_path):
    bad = tmp_path / "q.xlsx"
    bad.write_text("not a zip")
    with pytest.raises(InputError) as exc:
        compare_quotes([str(bad)], DESIGN)
    assert first_error(exc.value).startswith("INP001:1:1 not a readable .xlsx workbook")


def test_currency_mixed_without_rate_is_an_error(tmp_path):
    q = tmp_path / "eur.yaml"
    q.write_text("vendor: E\ncurrency: EUR\nlines:\n"
                 "  - {id: dgx-h100, quantity: 4, unit_price: '300000'}\n")  # fmt: skip
    with pytest.raises(InputError) as exc:
        compare_quotes([str(q)], DESIGN)
    got = first_error(exc.value)
    assert got.startswith("INP002:4:5 quote eur: an amount in EUR cannot be added")
    assert "fx.EUR" in got
    c = compare_quotes([str(q)], DESIGN, sets=["fx.EUR=1.1"])
    assert c.results[0].quoted == 1_320_000  # 4 x 300,000 EUR x 1.1


def test_line_total_disagreement_is_located(tmp_path):
    q = tmp_path / "q.csv"
    q.write_text("Vendor,X\nCurrency,USD\nPart Number,Qty,Unit Price,Total\n"
                 "dgx-h100,4,300000,1100000\n")  # fmt: skip
    res = CliRunner().invoke(cli, ["quotes", "compare", str(q), "--design", DESIGN])
    assert res.exit_code == 1
    assert (f"{q}:4:4: error COST002 dgx-h100: 4 x 300000 = 1200000.00 USD, but the "
            "line total says 1100000.00") in res.output.replace(str(tmp_path) + "/", str(tmp_path) + "/")  # fmt: skip


def test_expired_price_is_a_finding(tmp_path):
    book = tmp_path / "book.yaml"
    book.write_text("pricebook: 1\ncurrency: USD\nprices:\n  - {id: dgx-h100, price: 1,"
                    " as_of: 2026-01-01, valid_until: 2026-06-30, source: s}\n")  # fmt: skip
    import datetime as dt

    c = compare_quotes(
        [GOOD], DESIGN, price_books=[str(book)], today=dt.date(2026, 11, 30)
    )
    got = [
        (f.rule_id, f.location.line, f.message)
        for f in c.findings
        if f.rule_id == "COST001"
    ]
    assert got == [
        ("COST001", 4, "price of 'dgx-h100' expired on 2026-06-30 (as of 2026-11-30)")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--set", "pue=abc"],
            "--set:1:1: error INP002 assumption pue: expected a number",
        ),
        (["--set", "pue=0.9"], "assumption pue: '0.9' is out of range (>= 1 and <= 5)"),
        (
            ["--set", "energy_prize=0.1"],
            "unknown assumption 'energy_prize' (did you mean 'energy_price'?)",
        ),
        (["--sweep", "energy_price=0.25..0.05"], "LOW must be below HIGH"),
        (["--sweep", "foo=1..2"], "'foo' cannot be swept"),
    ],
)
def test_bad_overrides_exit_2(args, message):
    res = CliRunner().invoke(
        cli, ["quotes", "compare", GOOD, "--design", DESIGN, *args]
    )
    assert res.exit_code == 2
    assert message in res.output
    assert "Traceback" not in res.output


def test_assumptions_file_is_located(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("assumptions:\n  pue: 1.3\n  years: {value: 4.5, source: plan}\n")
    with pytest.raises(InputError) as exc:
        compare_quotes([GOOD], DESIGN, assumption_files=[str(f)])
    assert (
        first_error(exc.value)
        == "INP002:3:10 assumption years: years must be whole, not 4.5"
    )


def test_nothing_written_on_input_error(tmp_path):
    out = tmp_path / "out.json"
    res = CliRunner().invoke(cli, ["quotes", "compare", str(HERE / "text-price.yaml"),
                                   "--design", DESIGN, "-o", f"json={out}"])  # fmt: skip
    assert res.exit_code == 2 and not out.exists()
