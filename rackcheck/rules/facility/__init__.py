"""Facility rules: element loads, UPS runtime, generator step load, breakers."""

from rackcheck.rules.facility import fac001_element_load

RULES = (fac001_element_load.check,)
