"""Helpers for the pull-request integration tests: small designs with known findings,
and a CliRunner shortcut."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from rackcheck.cli import cli

ROOT = Path(__file__).resolve().parents[1]

# POW001 at 7:7 (three DGX H100 draw 32.2 kVA > 25.9 kVA of three 208 V 30 A PDUs), and
# the DAT003 note at 5:12 (the AR3100's load rating is not published: PHY002 is blind).
BAD = """\
rackcheck: 1
name: three DGX H100 on three 208 V 30 A PDUs
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-208v-3ph-30a-apc, feed: A}
      - {model: pdu-208v-3ph-30a-apc, feed: B}
      - {model: pdu-208v-3ph-30a-apc, feed: C}
    devices:
      - {model: dgx-h100, count: 3}
"""

# Clean but for the DAT003 note at 10:12 (rack load rating not published): four DGX
# H100 (32 GPUs, 40.8 kW) on three 415 V 60 A PDUs.
GOOD = """\
rackcheck: 1
name: four DGX H100
site:
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
"""


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def note(path: str, line: int) -> str:
    """The DAT003 note a design on an AR3100 rack gets (its load rating is not
    published, so PHY002 cannot check the rack's weight)."""
    return (
        f"{path}:{line}:12: note DAT003 rack max_load (static load rating) not "
        "published for apc-netshelter-sx-ar3100: the weight they carry (PHY002) cannot "
        "be checked"
    )
