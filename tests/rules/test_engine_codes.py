"""SUP codes' documented examples behave as documented."""

from __future__ import annotations

import pytest

from rackcheck.api import check
from rackcheck.codes import engine_codes
from rackcheck.docs import examples
from rackcheck.settings import Settings

pytestmark = pytest.mark.usefixtures("clean_env")

WITH_EXAMPLES = [c for c in engine_codes() if examples(c)]


def test_sup_codes_have_examples():
    assert [c.id for c in WITH_EXAMPLES] == ["SUP001", "SUP002", "SUP003"]


@pytest.mark.parametrize("code", WITH_EXAMPLES, ids=lambda c: c.id)
def test_examples(code, write):
    settings = Settings(require_reason=code.id == "SUP003")
    fails = check([str(write("fails.yaml", examples(code)["fails"]))], settings)
    assert code.id in {f.rule_id for f in fails.findings}
    passes = check([str(write("passes.yaml", examples(code)["passes"]))], settings)
    assert code.id not in {f.rule_id for f in passes.findings}
    assert passes.input_errors == fails.input_errors == []
