"""Time and peak memory of size bombs and a 50 MB design: each is checked or refused.

Run: python bench/bench_hostile.py   (prints one line per case: seconds, peak MiB, exit)

Each case runs `/usr/bin/time -f "%e %M" rackcheck check --no-cache --isolated FILE` in
a fresh process: wall seconds and peak resident memory of that process; the
target of issue 8 is <= 5 s and <= 1 GiB each. The machine's load average is printed
too: on a shared machine the times scale with it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

RACK = """\
  - name: r{n:06d}
    model: apc-netshelter-sx-ar3100
    pdus:
      - {{model: pdu-415v-3ph-60a-apc, feed: A}}
      - {{model: pdu-415v-3ph-60a-apc, feed: B}}
      - {{model: pdu-415v-3ph-60a-apc, feed: C}}
    devices:
      - {{model: dgx-h100, count: 4, position: 3}}
"""
HEAD = "rackcheck: 1\nname: bench\nracks:\n"
ONE = HEAD + RACK.format(n=1)


def racks(n: int) -> str:
    return HEAD + "".join(RACK.format(n=i) for i in range(n))


def cases() -> dict[str, str]:
    fifty_mb = racks(50 * 2**20 // len(RACK.format(n=0)) + 1)
    four_mb = racks(int(3.9 * 2**20) // len(RACK.format(n=0)))
    laughs = (
        "rackcheck: 1\nname: x\na0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        + "".join(
            f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)
        )
    )
    return {
        "50 MB design (390k racks)": fifty_mb,
        "3.9 MB design (under the file limit)": four_mb,
        "range of 10**9 rack names": ONE.replace("r000001", "r{1..1000000000}"),
        "count: 100000000": ONE.replace("count: 4", "count: 100000000"),
        "count: 10**1000": ONE.replace("count: 4", "count: " + "9" * 1000),
        "billion laughs (10**9 values)": laughs,
        "extra_endpoints: 1e9": ONE
        + "fabrics:\n  - name: f\n    generate: {switch: qm9700, rails: 8, "
        "extra_endpoints: 1000000000}\n",
        "su_size: 1e30": ONE
        + "fabrics:\n  - name: f\n    generate: {switch: qm9700, rails: 8, "
        "su_size: 1000000000000000000000000000000}\n",
        "2,048 racks x 4 DGX (within limits)": racks(2048),
        "12,500 racks x 4 DGX (the device limit)": ONE.replace(
            "r000001", "r{00001..12500}"
        ),
    }


def main() -> None:
    exe = Path(sys.executable).with_name("rackcheck")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        for label, text in cases().items():
            path = Path(tmp) / "design.yaml"
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size / 2**20
            err = Path(tmp) / "out.txt"
            proc = subprocess.run(
                ["/usr/bin/time", "-o", str(err), "-f", "%e %M"]
                + [str(exe), "check", "--no-cache", "--isolated", str(path)],
                capture_output=True,
                text=True,
            )
            secs_text, kib = err.read_text().split()[-2:]
            secs, mib, code = float(secs_text), int(kib) / 1024, proc.returncode
            first = (proc.stderr or proc.stdout).splitlines()[:1] or [""]
            why = first[0].split(" error ", 1)[-1][:70]
            print(
                f"{label:38} {size:7.1f} MB  {secs:5.2f} s  peak {mib:6.0f} MiB  "
                f"exit {code}  {why}"
            )


if __name__ == "__main__":
    main()
