"""Shared constants of the cost tests (imported by name: conftest modules of
several folders would clash)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HALL = ROOT / "designs/hall-a-dgx-h100.yaml"
QUOTES = ROOT / "examples/quotes"

ONE_RACK = """\
rackcheck: 1
name: one-rack-priced
site:
  country: US
  feeds:
    - {name: A, voltage: "415 V", phases: 3, current: "100 A"}
    - {name: B, voltage: "415 V", phases: 3, current: "100 A"}
    - {name: C, voltage: "415 V", phases: 3, current: "100 A"}
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 4, position: 3}
cost:
  price_books: [book.yaml]
  assumptions:
    pue: {value: 1.25, source: "site commissioning report", as_of: 2026-06-01}
"""

BOOK = """\
pricebook: 1
currency: USD
prices:
  - {id: dgx-h100, price: "300000.00", as_of: 2026-11-01, source: test figure}
  - {id: apc-netshelter-sx-ar3100, price: "2000", as_of: 2026-11-01, source: test figure}
  - {id: pdu-415v-3ph-60a-apc, price: "2500", as_of: 2026-11-01, source: test figure}
  - {id: power-cord-c19-c20, price: "25", as_of: 2026-11-01, source: test figure}
"""
