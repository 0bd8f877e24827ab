"""rackcheck: validate AI rack and cluster designs before capital is committed."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "check", "Finding", "Severity", "Report"]


def __getattr__(name: str) -> Any:  # lazy: `import rackcheck` stays cheap
    if name == "check":
        from rackcheck.api import check

        return check
    if name in ("Finding", "Severity", "Report", "Location"):
        from rackcheck import findings

        return getattr(findings, name)
    raise AttributeError(name)
