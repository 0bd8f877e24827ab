"""Write designs/broken/<rule>.yaml from each rule's **Fails** docstring example.

Run after adding a rule: `python tools/make_broken_designs.py` writes the files that are
missing; `--force` rewrites every one (hand-written ones too). tests/test_designs.py
checks that each file fires exactly the rule it names.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rackcheck.docs import examples
from rackcheck.rules import all_rules

OUT = Path(__file__).resolve().parent.parent / "designs" / "broken"
SCHEMA = "# yaml-language-server: $schema=../../schemas/design.schema.json\n"


def main() -> None:
    force = "--force" in sys.argv[1:]
    for r in all_rules():
        if r.family == "data":  # notes about missing figures, not breakable rules
            continue
        head = (
            f"# Broken on purpose: breaks {r.id} ({r.name}).\n# {r.summary}\n"
            f"# `rackcheck check` exits 1 on this file; `rackcheck explain {r.id}` "
            "says why.\n"
        )
        body = examples(r)["fails"].replace(
            "rackcheck: 1\n", SCHEMA + "rackcheck: 1\n", 1
        )
        path = OUT / f"{r.id.lower()}-{r.name}.yaml"
        if force or not path.exists():
            path.write_text(head + body, encoding="utf-8")


if __name__ == "__main__":
    main()
