"""A one-line progress display on a terminal (stderr): shown only when the stream is a
TTY and not quieted, so pipes, files and CI logs stay clean."""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """`stage("checking")`, `step(done, total)`, `done()`. Redraws at most every
    0.1 s; clears its line when done."""

    def __init__(self, stream: TextIO | None, quiet: bool = False) -> None:
        tty = stream is not None and hasattr(stream, "isatty") and stream.isatty()
        self.stream = stream if tty and not quiet else None
        self.label = ""
        self.last = 0.0
        self.width = 0

    @property
    def enabled(self) -> bool:
        return self.stream is not None

    def stage(self, label: str) -> None:
        self.label = label
        self._draw(label, force=True)

    def step(self, done: int, total: int) -> None:
        if self.stream is None:
            return
        now = time.perf_counter()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        pct = 100 * done // max(total, 1)
        self._draw(f"{self.label} {done:,}/{total:,} ({pct} %)", force=True)

    def done(self) -> None:
        if self.stream is not None and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0

    def _draw(self, line: str, force: bool = False) -> None:
        if self.stream is None:
            return
        pad = max(self.width - len(line), 0)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self.width = len(line)
