"""Writing reports: `--output FORMAT=PATH` pairs, written all-or-nothing.

Every file is rendered first, in memory; then each is written to a temporary file in
its target folder and moved into place with os.replace, so a reader never sees half a
file. The CLI writes nothing at all when the run had input errors (exit 2).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


class OutputSpecError(ValueError):
    pass


def parse_specs(specs: Iterable[str], formats: Iterable[str]) -> list[tuple[str, Path]]:
    known = list(formats)
    out = []
    for spec in specs:
        fmt, sep, path = spec.partition("=")
        if not sep or not path or fmt not in known:
            raise OutputSpecError(
                f"{spec!r}: expected FORMAT=PATH with FORMAT one of {', '.join(known)}"
            )
        out.append((fmt, Path(path)))
    return out


def write_all(
    files: list[tuple[str, Path]], render: Callable[[str], str | bytes]
) -> None:
    """Render every (format, path), then write them all atomically."""
    rendered = [(path, render(fmt)) for fmt, path in files]
    for path, text in rendered:
        write_atomic(path, text)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Text (UTF-8) or bytes (an XLSX workbook) to `path`, via a temporary file."""
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
