"""Rule cases as data: tests/rules/cases/<RULE>.yaml, one per rule id.

Each case lists the exact findings (`POW001:11:7`), compared as the whole list, so a
finding that moves, appears twice or goes missing fails; their messages, which print
the figures the rule computed with their units; and every figure (`metrics`) the run
computed for the design. `python tools/record_rule_cases.py` writes a new rule's file.
"""

from __future__ import annotations

import pytest
import yaml
from caserun import CASES, run

from rackcheck.codes import known_rules

FILES = sorted(CASES.glob("*.yaml"))
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 6x faster on 0.8 MB
LOADED = {p.stem: yaml.load(p.read_text(encoding="utf-8"), LOADER) for p in FILES}
PARAMS = [
    pytest.param(doc["cases"][i], id=f"{rid}-{doc['cases'][i]['name']}")
    for rid, doc in sorted(LOADED.items())
    for i in range(len(doc["cases"]))
]


@pytest.mark.parametrize("case", PARAMS)
def test_case(case):
    got = run(case)
    assert got["expect"] == case["expect"]
    assert got["messages"] == case["messages"]
    if "figures" in case:
        assert got["figures"] == case["figures"]
    if "exit" in case:
        assert got["exit"] == case["exit"]


def test_every_rule_id_has_a_case_file_that_fires_it():
    ids = sorted(r.id for r in known_rules())
    assert sorted(LOADED) == ids
    for rid, doc in LOADED.items():
        assert doc["rule"] == rid
        fired = {e.split(":")[-3] for c in doc["cases"] for e in c["expect"]}
        assert rid in fired, f"no case of {rid}.yaml expects {rid}"


def test_every_case_names_its_inputs_once():
    for rid, doc in LOADED.items():
        names = [c["name"] for c in doc["cases"]]
        assert len(names) == len(set(names)), rid
        for c in doc["cases"]:
            assert ("design" in c) + ("path" in c) + ("argv" in c) >= 1, (
                rid,
                c["name"],
            )
