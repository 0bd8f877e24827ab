from __future__ import annotations

from pathlib import Path

import pytest
from prhelp import BAD, GOOD

from rackcheck.graph.build import DesignGraph

ROOT = Path(__file__).resolve().parent.parent

# Settings and switches a developer's shell may hold; `clean_env` removes them.
RACKCHECK_ENV = (
    "RACKCHECK_SELECT",
    "RACKCHECK_IGNORE",
    "RACKCHECK_EXTEND_SELECT",
    "RACKCHECK_EXTEND_IGNORE",
    "RACKCHECK_FAIL_ON",
    "RACKCHECK_CONFIG",
    "RACKCHECK_REQUIRE_REASON",
    "RACKCHECK_INLINE_SUPPRESSIONS",
    "RACKCHECK_BASELINE",
    "RACKCHECK_NO_CACHE",
    "GITHUB_ACTIONS",
)


@pytest.fixture
def write(tmp_path: Path):
    """write("name.yaml", text) -> path of a file in a fresh temp folder."""

    def _write(name: str, text: str) -> Path:
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return p

    return _write


@pytest.fixture
def clean_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No RACKCHECK_* setting from the environment, and a private result cache. The
    tests of settings, suppressions, the baseline, the cache and the output formats use
    it (`pytestmark = pytest.mark.usefixtures("clean_env")`)."""
    for var in RACKCHECK_ENV:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("RACKCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder as the working directory, with bad.yaml and good.yaml."""
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(path: Path) -> DesignGraph:
    """A design's graph, without running the rules (as `rackcheck bom` loads it)."""
    from rackcheck.api import load_graph

    return load_graph(path)


@pytest.fixture
def graph_of(write):
    """graph_of(text) -> the graph of a design written from `text`."""

    def _make(text: str) -> DesignGraph:
        return build(write("d.yaml", text))

    return _make
