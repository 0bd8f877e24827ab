"""Sovereignty rules: where data is stored, replicated and processed; vendor services."""

from rackcheck.rules.sovereignty import (
    sov001_storage_residency,
    sov002_processing_residency,
    sov003_cross_border_read,
    sov004_forbidden_service,
    sov005_operator_kind,
    sov006_air_gap_link,
)

RULES = (
    sov001_storage_residency.check,
    sov002_processing_residency.check,
    sov003_cross_border_read.check,
    sov004_forbidden_service.check,
    sov005_operator_kind.check,
    sov006_air_gap_link.check,
)
