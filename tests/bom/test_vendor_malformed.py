"""Malformed vendor BOMs: a located INP001 message, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from rackcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent.parent
ONE = str(ROOT / "designs/one-rack-dgx-h100.yaml")
HEAD = "Part Number,Description,Qty\n"

CSV_CASES = {
    "no-qty-column": ("Part Number,Description,Count\nAR3100,,1\n",
                      "1:1", "no quantity column (a header Qty or Quantity)"),
    "text-in-qty": (HEAD + "AR3100,,1\ndgx-h100,,four\n", "3:3",
                    "quantity 'four' is not a number"),
    "negative": (HEAD + "dgx-h100,,-4\n", "2:3", "quantity '-4' is negative"),
    "fraction": (HEAD + "AR3100,,1\n\ndgx-h100,,2.5\n", "4:3",
                 "quantity '2.5' is not a whole number"),
    "no-part": (HEAD + ",,4\n", "2:1", "a quantity without a part number"),
    "empty": ("", "1:1", "the file is empty"),
    "no-header": ("foo,bar\n1,2\n", "1:1", "no header row with a part-number column"),
    "two-qty": ("PN,Qty,Quantity\nAR3100,1,1\n", "1:3", "a second quantity column"),
    "bad-price": ("PN,Qty,Unit Price\nAR3100,1,call us\n", "2:3",
                  "unit price 'call us' is not a number"),
    "header-only": (HEAD, "1:1", "no rows below the header"),
}  # fmt: skip


def expect_exit_2(bom: Path, tmp_path: Path, loc: str, text: str) -> None:
    out = tmp_path / "out.sarif"
    r = CliRunner().invoke(cli, ["bom", "check", ONE, str(bom), "-o", f"sarif={out}"])
    assert r.exit_code == 2, r.output
    assert f"{bom.name}:{loc}: error INP001 " in r.output
    assert text in r.output
    assert "Traceback" not in r.output and not out.exists()


@pytest.mark.parametrize("case", sorted(CSV_CASES))
def test_malformed_csv(case, write, tmp_path):
    text, loc, message = CSV_CASES[case]
    expect_exit_2(write(f"{case}.csv", text), tmp_path, loc, message)


def test_csv_in_another_encoding(tmp_path):
    bom = tmp_path / "latin1.csv"
    bom.write_bytes((HEAD + "AR3100,Baie réseau,1\n").encode("cp1252"))
    expect_exit_2(
        bom, tmp_path, "2:14", "not UTF-8: byte 0xe9"
    )  # after "AR3100,Baie r"


def test_csv_in_utf16(tmp_path):
    bom = tmp_path / "u16.csv"
    bom.write_bytes((HEAD + "AR3100,,1\n").encode("utf-16"))
    expect_exit_2(bom, tmp_path, "1:1", "the file is UTF-16")


def test_utf8_with_bom_is_read(tmp_path):
    bom = tmp_path / "sig.csv"
    bom.write_bytes((HEAD + "AR3100,,1\n").encode("utf-8-sig"))
    r = CliRunner().invoke(cli, ["bom", "check", ONE, str(bom)])
    assert r.exit_code == 1 and "BOM001" in r.output  # read: only findings


def _xlsx(path: Path, rows: list[list[object]], merge: str | None = None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Quote"
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def test_xlsx_merged_cells_in_the_table(tmp_path):
    bom = _xlsx(tmp_path / "m.xlsx", [["Title", None, None], ["PN", "Description", "Qty"],
                                      ["AR3100", "rack", 1], ["dgx-h100", "x", 4]],
                merge="B3:B4")  # fmt: skip
    expect_exit_2(bom, tmp_path, "3:2", "sheet 'Quote': merged cells B3:B4")


def test_xlsx_merged_title_block_is_fine(tmp_path):
    bom = _xlsx(tmp_path / "t.xlsx", [["Title", None, None], ["PN", "Description", "Qty"],
                                      ["AR3100", "rack", 1]], merge="A1:C1")  # fmt: skip
    r = CliRunner().invoke(cli, ["bom", "check", ONE, str(bom)])
    assert r.exit_code == 1 and "BOM001" in r.output


def test_xlsx_text_and_fraction_in_qty(tmp_path):
    bom = _xlsx(tmp_path / "q.xlsx", [["SKU", "Quantity"], ["AR3100", 1.5]])
    expect_exit_2(bom, tmp_path, "2:2", "sheet 'Quote': quantity 1.5 is not a whole")


def test_xlsx_empty_workbook(tmp_path):
    expect_exit_2(_xlsx(tmp_path / "e.xlsx", []), tmp_path, "1:1",
                  "sheet 'Quote': the file is empty")  # fmt: skip


def test_xlsx_password_protected(tmp_path):
    # An encrypted workbook is an OLE compound file, not a zip.
    bom = tmp_path / "locked.xlsx"
    bom.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    expect_exit_2(bom, tmp_path, "1:1", "password-protected (encrypted)")


def test_xlsx_not_a_workbook(tmp_path):
    bom = tmp_path / "junk.xlsx"
    bom.write_bytes(b"PK\x03\x04 this is not a zip")
    expect_exit_2(bom, tmp_path, "1:1", "not a readable .xlsx workbook")


def test_other_suffix_and_missing_file(tmp_path):
    bom = tmp_path / "bom.txt"
    bom.write_text("PN,Qty\nAR3100,1\n")
    expect_exit_2(bom, tmp_path, "1:1", "not a .csv or .xlsx file")
    expect_exit_2(tmp_path / "nope.csv", tmp_path, "1:1", "no such file")


def test_row_without_quantity(write, tmp_path):
    bom = write("h.csv", HEAD + "Compute nodes,,\ndgx-h100,,4\n")
    expect_exit_2(bom, tmp_path, "2:3", "no quantity (a section heading?")
