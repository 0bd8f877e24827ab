"""Data rules: what the catalog or the design does not say, so other rules cannot check."""

from rackcheck.rules.data import (
    dat001_missing_figure,
    dat002_no_pdus,
    dat003_unchecked,
    dat004_cdu_rating,
    dat005_renamed_id,
)

RULES = (
    dat001_missing_figure.check,
    dat002_no_pdus.check,
    dat003_unchecked.check,
    dat004_cdu_rating.check,
    dat005_renamed_id.check,
)
