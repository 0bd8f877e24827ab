"""Data rules: figures the catalog does not have, so other rules count them as zero."""

from rackcheck.rules.data import dat001_missing_figure

RULES = (dat001_missing_figure.check,)
