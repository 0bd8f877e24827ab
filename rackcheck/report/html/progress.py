"""A one-line progress display on a terminal (stderr): shown only when the stream is a
TTY and not quieted, so pipes, files and CI logs stay clean. While a stage runs with no
count to show (the check itself: graph, rules, bisection), a ticker thread redraws the
stage with the seconds spent on it."""

from __future__ import annotations

import threading
import time
from typing import TextIO


class Progress:
    """`stage("checking")`, `step(done, total)`, `done()`. Redraws at most every
    0.1 s; clears its line when done."""

    TICK = 0.2  # seconds between redraws of a stage without a count

    def __init__(self, stream: TextIO | None, quiet: bool = False) -> None:
        tty = stream is not None and hasattr(stream, "isatty") and stream.isatty()
        self.stream = stream if tty and not quiet else None
        self.label = ""
        self.started = 0.0
        self.last = 0.0
        self.width = 0
        self.lock = threading.Lock()
        self.counting = False
        self.stop = threading.Event()
        self.ticker: threading.Thread | None = None

    @property
    def enabled(self) -> bool:
        return self.stream is not None

    def stage(self, label: str) -> None:
        if self.stream is None:
            return
        with self.lock:
            self.label, self.started, self.counting = label, time.perf_counter(), False
            self._draw(f"{label} ...")
        if self.ticker is None:
            self.stop.clear()
            self.ticker = threading.Thread(target=self._tick, daemon=True)
            self.ticker.start()

    def step(self, done: int, total: int) -> None:
        if self.stream is None:
            return
        now = time.perf_counter()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        pct = 100 * done // max(total, 1)
        with self.lock:
            self.counting = True
            self._draw(f"{self.label} {done:,}/{total:,} ({pct} %)")

    def done(self) -> None:
        if self.stream is None:
            return
        self.stop.set()
        if self.ticker is not None:
            self.ticker.join()
            self.ticker = None
        with self.lock:
            if self.width:
                self.stream.write("\r" + " " * self.width + "\r")
                self.stream.flush()
                self.width = 0

    def _tick(self) -> None:
        while not self.stop.wait(self.TICK):
            with self.lock:
                if not self.counting and self.label:
                    spent = time.perf_counter() - self.started
                    self._draw(f"{self.label} ... {spent:.1f} s")

    def _draw(self, line: str) -> None:
        assert self.stream is not None
        pad = max(self.width - len(line), 0)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self.width = len(line)
