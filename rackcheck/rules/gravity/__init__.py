"""Data gravity rules: transfer time of cross-site flows, links, egress pricing."""

from rackcheck.rules.gravity import (
    grv001_transfer_time,
    grv002_no_link,
    grv003_egress_not_priced,
)

RULES = (
    grv001_transfer_time.check,
    grv002_no_link.check,
    grv003_egress_not_priced.check,
)
