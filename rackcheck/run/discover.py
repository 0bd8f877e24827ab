"""Which files a check covers: the files named, plus the designs found under folders."""

from __future__ import annotations

from pathlib import Path

from rackcheck.findings import Finding, Location, Severity

DESIGN_SUFFIXES = (".yaml", ".yml")
SKIP_DIRS = {".git", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


def discover(
    paths: list[str], warnings: list[str] | None = None
) -> tuple[list[Path], list[Finding]]:
    """Files named, plus design files found under folders (those with `rackcheck:`).
    A folder without designs adds a line to `warnings` (as ruff does)."""
    files: list[Path] = []
    errors: list[Finding] = []
    for raw in paths:
        p = Path(raw)
        problem = _not_checkable(p)
        if problem is not None:
            errors.append(Finding("INP001", Severity.ERROR, problem,
                                  Location(raw, 1, 1)))  # fmt: skip
        elif p.is_dir():
            found = _designs_under(p)
            if not found and warnings is not None:
                warnings.append(f"warning: no design files found under {raw}")
            files += found
        else:
            files.append(p)
    unique: dict[Path, Path] = {}  # the first mention of each file, in order
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values()), errors


def _designs_under(folder: Path) -> list[Path]:
    out = []
    for f in sorted(folder.rglob("*")):
        wanted = f.suffix in DESIGN_SUFFIXES and f.is_file()
        skipped = not SKIP_DIRS.isdisjoint(f.relative_to(folder).parts)
        if wanted and not skipped and is_design(f):
            out.append(f)
    return out


def _not_checkable(p: Path) -> str | None:
    """Why a named path cannot be checked, or None: a FIFO, a device, a symbolic
    link loop or a missing file are each named as what they are."""
    import errno
    import os
    import stat

    from rackcheck.source.yamlsrc import file_kind

    try:
        st = os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if os.path.islink(p):
            return f"broken symbolic link (it points to {os.readlink(p)!r})"
        if exc.errno == errno.ENOTDIR:
            return "no such file: a parent of it is a file"
        if exc.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot read: {exc.strerror}"
    if stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode):
        return None
    return f"is {file_kind(st.st_mode)}, not a design file"


def is_design(path: Path) -> bool:
    """Cheap sniff: a design file has a top-level `rackcheck:` key. Only regular files
    are opened (a FIFO would block)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    return any(line.startswith(b"rackcheck:") for line in head.splitlines())
