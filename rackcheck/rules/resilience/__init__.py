"""Resilience rules: the failures a design states it must survive."""

from rackcheck.rules.resilience import res001_survive

RULES = (res001_survive.check,)
