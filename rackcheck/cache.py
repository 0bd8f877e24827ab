"""A cache of per-design results, like ruff's: a warm `rackcheck check` skips pydantic,
pint and networkx altogether.

One entry per (working directory, design path, settings, code): a JSON file holding the
SHA-256 of the design and of every extra catalog it read, and the raw findings and
metrics of the check. It is used only if every hash still matches. The code part of the
key covers rackcheck's version and the size and mtime of every file of the package
(so an edit to a rule or a catalog invalidates it), the bundled catalogs' hashes, the
Python version and the installed pydantic, pint, networkx and PyYAML. Only clean loads
are cached (input errors are recomputed). Output from a hit is byte-identical to a
fresh check; tests/test_cache.py holds it to that.

Where: `$RACKCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/rackcheck`, else
`~/.cache/rackcheck`. Off: `--no-cache` or `RACKCHECK_NO_CACHE=1`. Emptied by
`rackcheck cache clear`. A cache that cannot be written is silently skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rackcheck.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rackcheck.jsontypes import JSONObject
    from rackcheck.settings import Settings


class Checked(Protocol):
    """What is kept of a checked design (run.result.DesignResult is one)."""

    @property
    def findings(self) -> Sequence[Finding]: ...

    @property
    def metrics(self) -> JSONObject: ...


CACHE_VERSION = 3  # 3: findings carry their fix hint and rack
_PACKAGE = Path(__file__).resolve().parent
_LIBS = ("pydantic", "pydantic_core", "pint", "networkx", "yaml", "scipy", "jsonschema")


def default_dir(env: dict[str, str] | None = None) -> Path:
    env = dict(os.environ) if env is None else env
    if env.get("RACKCHECK_CACHE_DIR"):
        return Path(env["RACKCHECK_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rackcheck"


def sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def code_fingerprint() -> str:
    """rackcheck's own files (size, mtime), the bundled catalogs (hash), Python and
    the libraries results depend on."""
    import importlib.util

    from rackcheck import __version__

    h = hashlib.sha256(f"{CACHE_VERSION}|{__version__}|{sys.version}".encode())
    for root, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".txt", ".yaml", ".json")):
                st = os.stat(os.path.join(root, name))
                h.update(f"{root}/{name}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    for f in sorted(catalog_dir().rglob("*.yaml")):
        h.update(f"{f}|{sha256(f)}\n".encode())
    for lib in _LIBS:
        spec = importlib.util.find_spec(lib)
        origin = spec.origin if spec is not None and spec.origin else ""
        stamp = os.stat(origin).st_mtime_ns if origin else 0
        h.update(f"{lib}|{origin}|{stamp}\n".encode())
    return h.hexdigest()


def catalog_dir() -> Path:
    """Where the bundled catalogs are: as model.load.CATALOG_DIR says (a test holds
    the two equal), without importing pydantic."""
    inside = _PACKAGE / "_catalogs"
    return inside if inside.is_dir() else _PACKAGE.parent / "catalogs"


def settings_fingerprint(settings: Settings) -> str:
    """What of the settings changes a design's raw findings and metrics."""
    data = {
        "select": settings.select,
        "ignore": settings.ignore,
        "severity": {k: int(v) for k, v in sorted(settings.severity.items())},
        "options": {k: settings.options[k] for k in sorted(settings.options)},
    }
    return json.dumps(data, sort_keys=True, default=str)


class ResultCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"v{CACHE_VERSION}"
        self._code: str | None = None

    def _entry(self, path: Path, shown: str, settings: Settings) -> Path:
        if self._code is None:
            self._code = code_fingerprint()
        key = "\0".join(
            (
                self._code,
                os.getcwd(),
                str(path.resolve()),
                shown,
                settings_fingerprint(settings),
            )
        )
        return self.folder / f"{hashlib.sha256(key.encode()).hexdigest()[:40]}.json"

    def get(
        self, path: Path, shown: str, settings: Settings
    ) -> tuple[list[Finding], JSONObject] | None:
        """The cached findings and metrics of `path`, or None."""
        try:
            entry = json.loads(self._entry(path, shown, settings).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        deps = entry.get("deps", {})
        if sha256(path) != entry.get("sha256"):
            return None
        if any(sha256(Path(p)) != h for p, h in deps.items()):
            return None
        return [_finding(d) for d in entry["findings"]], entry["metrics"]

    def put(
        self,
        path: Path,
        shown: str,
        settings: Settings,
        result: Checked,
        deps: list[Path],
    ) -> None:
        entry = {
            "sha256": sha256(path),
            "deps": {str(p): sha256(p) for p in deps},
            "findings": [_dict(f) for f in result.findings],
            "metrics": result.metrics,
        }
        try:
            text = json.dumps(entry)
            target = self._entry(path, shown, settings)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, target)
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written is no cache

    def clear(self) -> int:
        n = 0
        if self.folder.is_dir():
            for f in self.folder.glob("*.json"):
                f.unlink(missing_ok=True)
                n += 1
        return n


def _dict(f: Finding) -> JSONObject:
    loc = f.location
    return {
        "r": f.rule_id,
        "s": int(f.severity),
        "m": f.message,
        "l": [loc.path, loc.line, loc.column],
        "j": f.subject,
        "x": [[r.path, r.line, r.column] for r in f.related],
        "f": f.fix,
        "k": f.rack,
    }


def _finding(d: dict[str, Any]) -> Finding:  # read back from the cache file's JSON
    return Finding(
        d["r"],
        Severity(d["s"]),
        d["m"],
        Location(*d["l"]),
        d["j"],
        tuple(Location(*r) for r in d["x"]),
        d.get("f", ""),
        d.get("k", ""),
    )
