"""Fixtures for the pull-request integration tests: a clean environment, a private
result cache, and a project folder with a bad and a good design."""

from __future__ import annotations

from pathlib import Path

import pytest
from prhelp import BAD, GOOD

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


@pytest.fixture(autouse=True)
def clean_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
):
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
