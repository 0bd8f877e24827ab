"""Network rules: port budgets, link speeds, cable reach, oversubscription, ECMP
balance, rail alignment, bisection bandwidth."""

from rackcheck.rules.network import (
    net001_port_budget,
    net002_link_speed,
    net003_cable_reach,
    net004_oversubscription,
    net005_ecmp_balance,
    net006_rail_alignment,
    net007_bisection,
)

RULES = (
    net001_port_budget.check,
    net002_link_speed.check,
    net003_cable_reach.check,
    net004_oversubscription.check,
    net005_ecmp_balance.check,
    net006_rail_alignment.check,
    net007_bisection.check,
)
