"""Writing reports: `--output FORMAT=PATH` pairs, written all-or-nothing.

Every file is rendered first, in memory. Every target is checked (its folder exists and
is a folder, it is not a folder, a symbolic link is followed to the file it names, a
device such as /dev/stdout is written as a stream), then each regular file is written
to a temporary file in its target folder; only when all of them are written are they
moved into place with os.replace. Anything that fails raises OutputError naming the
path, and nothing is left behind. New files get the mode the umask gives (0666 & ~umask),
a replaced file keeps its mode. The CLI writes nothing at all when the run had input
errors (exit 2).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


class OutputSpecError(ValueError):
    pass


class OutputError(OSError):
    """A target that cannot be written; `path` is the path as given."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


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
    """Render every (format, path), then write them all, or none (OutputError). A
    rendering is text (written as UTF-8) or bytes (an XLSX workbook)."""
    targets = [(path, _target(path)) for _, path in files]
    rendered = [
        (path, real, render(fmt))
        for (fmt, _), (path, real) in zip(files, targets, strict=True)
    ]
    staged: list[tuple[str, Path]] = []
    streams: list[tuple[Path, Path, str | bytes]] = []
    try:
        for path, real, text in rendered:
            if real is None:  # a character device or FIFO: written as a stream
                streams.append((path, path, text))
            else:
                staged.append((_stage(path, real, text), real))
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    for tmp, real in staged:
        os.replace(tmp, real)
    for path, dev, text in streams:
        try:
            with open(dev, "wb") as fh:
                fh.write(_bytes(text))
        except OSError as exc:
            raise OutputError(path, f"cannot write: {exc.strerror}") from None


def _bytes(text: str | bytes) -> bytes:
    # surrogateescape: a path or name read from the command line may carry bytes that
    # are not UTF-8; they are written back as they came.
    return text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write one file atomically (OutputError on a bad target)."""
    write_all([("x", path)], lambda _: text)


def _target(path: Path) -> Path | None:
    """The regular file to replace for `path` (a symbolic link is followed, so the
    link stays a link), or None for a character device or FIFO to stream into."""
    try:
        st = os.stat(path)  # follows symbolic links
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise OutputError(path, "a parent of it is a file, not a folder") from None
    except OSError as exc:
        why = "symbolic link loop" if exc.errno == 40 else exc.strerror
        raise OutputError(path, f"cannot write: {why}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(path, "is a folder; give a file name")
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            return None
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(
                path, "is not a regular file; rackcheck will not replace it"
            )
    real = Path(os.path.realpath(path))
    folder = real.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            why = "a parent is a file" if exc.errno == 20 else exc.strerror
            raise OutputError(path, f"cannot create its folder: {why}") from None
    elif not folder.is_dir():
        raise OutputError(path, f"{folder} is a file, not a folder")
    return real


def _stage(path: Path, real: Path, text: str | bytes) -> str:
    """Write `text` to a temporary file next to `real`, with the final mode."""
    try:
        fd, tmp = tempfile.mkstemp(
            dir=real.parent, prefix=f".{real.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise OutputError(
            path, f"cannot write in {real.parent}: {exc.strerror}"
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_bytes(text))
        os.chmod(tmp, _mode(real))
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(path, f"cannot write: {exc.strerror}") from None
    return tmp


def _mode(real: Path) -> int:
    """An existing file's mode; else what the umask gives a new file."""
    try:
        return stat.S_IMODE(os.stat(real).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
