"""Staged deployment rules: each phase on its own, and nothing rebuilt between them."""

from rackcheck.rules.phases import phs001_phase_check, phs002_rebuild

RULES = (
    phs001_phase_check.check,
    phs002_rebuild.check,
)
