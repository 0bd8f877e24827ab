"""Physical rules: rack units and positions, weight."""

from rackcheck.rules.physical import phy001_rack_units, phy002_weight

RULES = (phy001_rack_units.check, phy002_weight.check)
