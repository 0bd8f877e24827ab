"""Record the golden outputs: tests/golden/data/<case>.{stdout,stderr,exit,file.NAME}.

Run from anywhere: `python tools/record_golden.py` (every case) or
`python tools/record_golden.py NAME_PREFIX...` (only the cases whose names start so).
The cases are listed in tests/golden/goldcases.py; tests/golden/test_golden.py compares
the current outputs with these files byte for byte. Re-record only for an intended change.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "golden"))

from goldcases import cases  # noqa: E402
from goldrun import run_case  # noqa: E402

DATA = ROOT / "tests" / "golden" / "data"


def main(prefixes: list[str]) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    chosen = [c for c in cases() if not prefixes or c[0].startswith(tuple(prefixes))]
    if not prefixes:  # a full run starts clean, so removed cases leave no files
        for p in DATA.iterdir():
            p.unlink()
    for name, argv in chosen:
        t0 = time.perf_counter()
        for p in DATA.glob(f"{name}.*"):
            p.unlink()
        for part, data in run_case(argv).items():
            (DATA / f"{name}.{part}").write_bytes(data)
        print(f"{time.perf_counter() - t0:6.2f} s  {name}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
