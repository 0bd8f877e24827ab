"""Settings from `[tool.rackcheck]` in pyproject.toml or from rackcheck.toml: kept as
the name older code imports. The settings are declared in rackcheck/settings/table.py;
reading, layering and showing them live in the rackcheck/settings package."""

from __future__ import annotations

from rackcheck.settings.layers import env_layer, merge, resolve, show, text_layer
from rackcheck.settings.table import FILE_KEYS as KEYS
from rackcheck.settings.toml import CONFIG_NAMES, Layer, find_config, read_file
from rackcheck.settings.values import budget, error

__all__ = ["CONFIG_NAMES", "KEYS", "Layer", "budget", "env_layer", "error", "find_config",
           "merge", "read_file", "resolve", "show", "text_layer"]  # fmt: skip
