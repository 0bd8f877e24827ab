"""Every rule's **Fails** example fires it and its **Passes** example does not."""

from __future__ import annotations

import pytest

from rackcheck.api import check
from rackcheck.docs import examples
from rackcheck.rules import all_rules

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_docstring_has_both_examples(rule):
    ex = examples(rule)
    assert set(ex) == {"fails", "passes"}, rule.id


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_fails_example_fires(rule, write):
    path = write("fails.yaml", examples(rule)["fails"])
    report = check([str(path)])
    assert report.input_errors == []
    assert rule.id in {f.rule_id for f in report.findings}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_passes_example_is_quiet(rule, write):
    path = write("passes.yaml", examples(rule)["passes"])
    report = check([str(path)])
    assert report.input_errors == []
    assert rule.id not in {f.rule_id for f in report.findings}
