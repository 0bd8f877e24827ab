"""Data rules: what the catalog or the design does not say, so other rules cannot check."""

from rackcheck.rules.data import dat001_missing_figure, dat002_no_pdus

RULES = (dat001_missing_figure.check, dat002_no_pdus.check)
