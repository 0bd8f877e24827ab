"""A one-line progress display on a terminal, shown only while more than a second of
work is left (estimated from the rate so far); quiet otherwise and off a terminal."""

from __future__ import annotations

import time
from typing import TextIO


class Bar:
    def __init__(self, stream: TextIO, label: str = "scenarios") -> None:
        self.stream = stream
        self.label = label
        self.start = time.perf_counter()
        self.on = bool(getattr(stream, "isatty", lambda: False)())
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.on or done <= 0:
            return
        spent = time.perf_counter() - self.start
        left = spent / done * (total - done)
        if left > 1.0 or (self.shown and done < total):
            self.shown = True
            self.stream.write(f"\r{self.label}: {done}/{total}, ~{left:.0f} s left ")
            self.stream.flush()
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
            self.shown = False
