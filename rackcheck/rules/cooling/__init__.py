"""Cooling rules: CDU capacity and redundancy, coolant flow and temperature, room air."""

from rackcheck.rules.cooling import (
    cool001_cdu_capacity,
    cool002_cdu_redundancy,
    cool003_coolant_flow,
    cool004_supply_temperature,
    cool005_rack_air_heat,
    cool006_room_air,
    cool007_inlet_air,
)

RULES = (
    cool001_cdu_capacity.check,
    cool002_cdu_redundancy.check,
    cool003_coolant_flow.check,
    cool004_supply_temperature.check,
    cool005_rack_air_heat.check,
    cool006_room_air.check,
    cool007_inlet_air.check,
)
