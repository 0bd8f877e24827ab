"""Power rules: PDU capacity, feed loss, PSU redundancy, site feeds, density, phases."""

from rackcheck.rules.power import (
    pow001_pdu_capacity,
    pow002_feed_loss,
    pow003_psu_redundancy,
    pow004_site_feeds,
    pow005_rack_density,
    pow006_phase_balance,
)

RULES = (
    pow001_pdu_capacity.check,
    pow002_feed_loss.check,
    pow003_psu_redundancy.check,
    pow004_site_feeds.check,
    pow005_rack_density.check,
    pow006_phase_balance.check,
)
