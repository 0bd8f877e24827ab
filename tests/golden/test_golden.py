"""Every command's output on every bundled and broken design, byte for byte.

The expected bytes were recorded by `python tools/record_golden.py` (see
docs/contributing.md). A difference is either a regression or an intended change: in
the latter case re-record and say so in the change's note.
"""

from __future__ import annotations

import pytest
from goldcases import ROOT, cases
from goldrun import run_case

DATA = ROOT / "tests" / "golden" / "data"
CASES = cases()


def _recorded(name: str) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for p in sorted(DATA.glob(f"{name}.*")):
        part = p.name[len(name) + 1 :]
        if part in ("stdout", "stderr", "exit") or part.startswith("file."):
            out[part] = p.read_bytes()
    return out


@pytest.mark.parametrize(("name", "argv"), CASES, ids=[n for n, _ in CASES])
def test_golden(name: str, argv: tuple[str, ...]) -> None:
    want = _recorded(name)
    assert want, f"no recording for {name}: run python tools/record_golden.py"
    got = run_case(argv)
    assert sorted(got) == sorted(want)
    for part in sorted(want):
        assert got[part].decode("utf-8", "replace") == want[part].decode(
            "utf-8", "replace"
        ), f"{name}.{part} differs ({' '.join(argv)})"


def test_no_stale_recordings() -> None:
    names = {n for n, _ in CASES}
    stale = sorted(
        p.name for p in DATA.iterdir() if p.name.split(".", 1)[0] not in names
    )
    assert stale == []
