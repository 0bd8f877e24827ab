"""Every hostile input ends in exit 2 with a located message, no traceback, and
nothing written (the corpus is tests/hostile/corpus.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from rackcheck.cli import cli

from .corpus import Case, all_cases

CASES = all_cases()


def test_corpus_is_large_and_covers_every_class():
    by_class = Counter(c.cls for c in CASES)
    assert len(CASES) >= 150, by_class
    assert set(by_class) == {
        "yaml", "yaml11", "schema", "units", "physics", "references", "sizes",
        "config", "baseline", "paths", "outputs",
    }  # fmt: skip
    assert len({c.id for c in CASES}) == len(CASES)


def _materialise(case: Case, folder: Path) -> None:
    for name, content in case.files.items():
        path = folder / name
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    _materialise(case, tmp_path)
    result = CliRunner().invoke(cli, case.args)
    output = result.output
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    path, line, col = case.at
    located = f"{path}:{line}:{col}: error {case.code} "
    assert located in output, output[-2000:]
    here = [line for line in output.splitlines() if line.startswith(located)]
    assert any(case.text in line for line in here), here
    assert result.exit_code == 2, output[-2000:]
    for written in case.outputs:
        assert not (tmp_path / written).exists() or (tmp_path / written).is_dir()
    leftovers = [p.name for p in tmp_path.rglob(".*.tmp")]
    assert leftovers == []
