"""Rack-in-room rules (designs with a `facility:`): airflow, PDU outlets and banks,
floor loading, altitude derating, condensation, PDU banks."""

from rackcheck.rules.rack import (
    rck001_airflow,
    rck002_pdu_outlets,
    rck003_floor_load,
    rck004_altitude,
    rck005_condensation,
    rck006_pdu_banks,
)

RULES = (
    rck001_airflow.check,
    rck002_pdu_outlets.check,
    rck003_floor_load.check,
    rck004_altitude.check,
    rck005_condensation.check,
    rck006_pdu_banks.check,
)
