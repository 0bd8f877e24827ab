"""The rule registry: every family's explicit tuple, joined, ids checked unique."""

from __future__ import annotations

from rackcheck.rules.engine import Rule


def all_rules() -> list[Rule]:
    from rackcheck.rules import (
        cooling,
        data,
        facility,
        gravity,
        network,
        phases,
        physical,
        power,
        rack,
        resilience,
        sovereignty,
        storage,
    )

    rules = [*power.RULES, *cooling.RULES, *physical.RULES, *storage.RULES,
             *network.RULES, *data.RULES, *sovereignty.RULES,
             *gravity.RULES, *phases.RULES, *facility.RULES, *resilience.RULES,
             *rack.RULES]  # fmt: skip
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise RuntimeError(f"duplicate rule ids: {sorted(ids)}")
    return rules


def by_id() -> dict[str, Rule]:
    return {r.id: r for r in all_rules()}
