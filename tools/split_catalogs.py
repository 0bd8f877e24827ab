"""Split catalog files into one file per kind and vendor: catalogs/<kind>/<vendor>.yaml.

    python tools/split_catalogs.py [catalogs/compute.yaml ...]

A pull request that adds one vendor's products then touches one file. The split is by
text: each entry keeps its lines, comments and order; the comment lines just above an
entry go with it. Ids do not change. Entries already in a `<kind>/<vendor>.yaml` file
are appended to it. The files split are removed. Run `rackcheck catalog lint` after.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "catalogs"
HEADER = (
    "# yaml-language-server: $schema=../../schemas/catalog.schema.json\n"
    "catalog: 1\ncomponents:\n"
)


def slug(vendor: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", vendor.lower()).strip("-")


def blocks(text: str) -> list[list[str]]:
    """Each entry's lines (with the comments just above it)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("components:"))
    out: list[list[str]] = []
    pending: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith("  - "):
            out.append([*pending, line])
            pending = []
        elif line.strip().startswith("#") or not line.strip():
            if out and line.strip() and not pending and line.startswith("      "):
                out[-1].append(line)  # a comment inside the entry
            else:
                pending.append(line)
        elif out:
            out[-1] += [*pending, line]
            pending = []
    return out


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(CATALOGS.glob("*.yaml"))
    grouped: dict[Path, list[str]] = {}
    for path in files:
        for block in blocks(path.read_text(encoding="utf-8")):
            while block and not block[0].strip():
                block.pop(0)
            body = [line for line in block if not line.lstrip().startswith("#")]
            entry = yaml.safe_load("\n".join(line[2:] for line in body))[0]
            target = CATALOGS / entry["kind"] / f"{slug(entry['vendor'])}.yaml"
            grouped.setdefault(target, []).extend([*block, ""])
    for target, lines in sorted(grouped.items()):
        target.parent.mkdir(parents=True, exist_ok=True)
        old = target.read_text(encoding="utf-8") if target.exists() else HEADER
        target.write_text(old.rstrip("\n") + "\n" + "\n".join(lines).rstrip("\n") + "\n",
                          encoding="utf-8")  # fmt: skip
        print(
            f"{target.relative_to(ROOT)}: {sum(1 for x in lines if x.startswith('  - '))}"
        )
    for path in files:
        path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
