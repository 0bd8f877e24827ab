"""Run one golden case in-process and return what it printed and wrote."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from click.testing import CliRunner
from goldcases import ROOT

# Variables that change what rackcheck prints; unset for every case.
UNSET = ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "RACKCHECK_NO_CACHE", "NO_COLOR")


def run_case(argv: tuple[str, ...]) -> dict[str, bytes]:
    """{"stdout", "stderr" (when not empty), "exit", "file.NAME"...} of one run."""
    from rackcheck.cli import cli

    env = {k: None for k in os.environ if k.startswith("RACKCHECK_") or k in UNSET}
    with tempfile.TemporaryDirectory() as tmp:
        args = [a.replace("{out}", tmp) for a in argv]
        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            r = CliRunner().invoke(
                cli, args, env=env, prog_name="rackcheck", catch_exceptions=False
            )
        finally:
            os.chdir(cwd)
        got = {
            "stdout": _portable(r.stdout_bytes, tmp),
            "stderr": _portable(r.stderr_bytes, tmp),
            "exit": f"{r.exit_code}\n".encode(),
        }
        if not got["stderr"]:  # recorded only when something was printed there
            del got["stderr"]
        for f in sorted(Path(tmp).iterdir()):
            got[f"file.{f.name}"] = _portable(f.read_bytes(), tmp)
    return got


def _portable(data: bytes, tmp: str) -> bytes:
    """The output folder as {out} and the checkout's own place as {root} (SARIF names
    its %SRCROOT% as an absolute file URI), so recordings hold on any checkout."""
    data = data.replace(tmp.encode(), b"{out}")
    return data.replace(ROOT.as_uri().encode(), b"{root}")
