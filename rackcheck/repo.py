"""The repository a run is in: its root (git toplevel, else the working directory),
paths relative to it, and files at a git revision (read-only git commands only)."""

from __future__ import annotations

import os
import subprocess
from functools import lru_cache
from pathlib import Path


def root(start: str | None = None) -> Path:
    """`git rev-parse --show-toplevel` of `start` (default: the working directory),
    else `$GITHUB_WORKSPACE`, else the working directory itself."""
    return _root(start or os.getcwd(), os.environ.get("GITHUB_WORKSPACE", ""))


@lru_cache(maxsize=8)
def _root(cwd: str, workspace: str) -> Path:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if out.returncode == 0 and out.stdout.strip():
            return Path(out.stdout.strip()).resolve()
    except (OSError, subprocess.SubprocessError):
        pass
    return Path(workspace or cwd).resolve()


def relative(path: str, base: Path | None = None) -> str | None:
    """`path` relative to the repository root as a POSIX path, or None if outside it."""
    base = base or root()
    try:
        return Path(path).resolve().relative_to(base).as_posix()
    except ValueError:
        return None


class GitError(Exception):
    pass


def git(args: list[str], cwd: Path) -> bytes:
    """Run a read-only git command; its stdout, or GitError with git's message."""
    try:
        out = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, timeout=60, check=False
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc}") from None
    if out.returncode != 0:
        raise GitError(out.stderr.decode(errors="replace").strip() or "git failed")
    return out.stdout
