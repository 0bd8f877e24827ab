"""Every rule module under rackcheck/rules/<family>/ is registered in its family's
RULES tuple, once, and its rule id and module name agree (pow001_... is POW001)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from rackcheck.rules import all_rules
from rackcheck.rules.engine import Rule

RULES_DIR = Path(__file__).resolve().parents[2] / "rackcheck" / "rules"
FAMILIES = sorted(p.parent.name for p in RULES_DIR.glob("*/__init__.py"))
MODULES = sorted(p for p in RULES_DIR.glob("*/*.py") if not p.name.startswith("_"))


def _rules_in(module: object) -> list[Rule]:
    return [v for v in vars(module).values() if isinstance(v, Rule)]


@pytest.mark.parametrize(
    "path", MODULES, ids=[f"{p.parent.name}/{p.stem}" for p in MODULES]
)
def test_module_is_registered_in_its_family(path):
    family = importlib.import_module(f"rackcheck.rules.{path.parent.name}")
    module = importlib.import_module(f"rackcheck.rules.{path.parent.name}.{path.stem}")
    defined = _rules_in(module)
    assert len(defined) == 1, f"{path.name} defines {len(defined)} rules"
    rule = defined[0]
    assert list(family.RULES).count(rule) == 1
    assert path.stem.split("_", 1)[0] == rule.id.lower()
    assert rule.family == path.parent.name


def test_every_family_is_joined_in_all_rules():
    joined = all_rules()
    for name in FAMILIES:
        family = importlib.import_module(f"rackcheck.rules.{name}")
        assert all(r in joined for r in family.RULES), name
    assert len(joined) == sum(
        len(importlib.import_module(f"rackcheck.rules.{n}").RULES) for n in FAMILIES
    )
