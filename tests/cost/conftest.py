from __future__ import annotations

from pathlib import Path

import pytest
from costhelp import BOOK, ONE_RACK


@pytest.fixture
def priced(tmp_path: Path) -> Path:
    (tmp_path / "book.yaml").write_text(BOOK)
    design = tmp_path / "design.yaml"
    design.write_text(ONE_RACK)
    return design
