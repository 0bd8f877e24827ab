"""Facility rules: element loads, UPS runtime, generator step load, breakers."""

from rackcheck.rules.facility import (
    fac001_element_load,
    fac002_ups_runtime,
    fac003_generator_step,
    fac004_breakers,
)

RULES = (
    fac001_element_load.check,
    fac002_ups_runtime.check,
    fac003_generator_step.check,
    fac004_breakers.check,
)
