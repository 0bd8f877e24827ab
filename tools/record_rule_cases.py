"""Fill in the expectations of the rule cases: tests/rules/cases/<RULE>.yaml.

`python tools/record_rule_cases.py` runs every case and writes what it found (`expect`,
`messages`, `figures`, `exit`) back into its file, keeping the inputs. A rule without a
case file gets one from its docstring's **Fails** and **Passes** examples and its
designs/broken/ file. Read the diff before committing: each change of an expectation is
a change of behaviour. `--check` only reports the files that would change.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "rules"))
sys.path.insert(0, str(ROOT))

from caserun import CASES, run  # noqa: E402

INPUTS = ("name", "design", "path", "files", "argv")


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, s: str) -> yaml.Node:
    style = "|" if "\n" in s else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", s, style=style)


_Dumper.add_representer(str, _str)


def dump(doc: dict[str, Any]) -> str:
    return yaml.dump(
        doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )


def bootstrap(rule: Any) -> dict[str, Any]:
    from rackcheck.docs import examples

    ex = examples(rule)
    cases: list[dict[str, Any]] = [
        {"name": "docstring-fails", "design": ex["fails"]},
        {"name": "docstring-passes", "design": ex["passes"]},
    ]
    broken = ROOT / "designs" / "broken" / f"{rule.id.lower()}-{rule.name}.yaml"
    if broken.exists():
        cases.append({"name": "broken", "path": broken.relative_to(ROOT).as_posix()})
    return {"rule": rule.id, "cases": cases}


def record(doc: dict[str, Any]) -> dict[str, Any]:
    out = []
    for case in doc["cases"]:
        kept = {k: case[k] for k in INPUTS if k in case}
        kept.update(run(case))
        out.append(kept)
    return {"rule": doc["rule"], "cases": out}


def main(argv: list[str]) -> int:
    from rackcheck.rules import all_rules

    only_check = "--check" in argv
    names = [a for a in argv if not a.startswith("--")]
    CASES.mkdir(parents=True, exist_ok=True)
    for rule in all_rules():
        p = CASES / f"{rule.id}.yaml"
        if not p.exists() and not only_check:
            p.write_text(dump(bootstrap(rule)), encoding="utf-8")
    changed = 0
    for p in sorted(CASES.glob("*.yaml")):
        if names and p.stem not in names:
            continue
        old = p.read_text(encoding="utf-8")
        new = dump(record(yaml.safe_load(old)))
        if new != old:
            changed += 1
            print(f"{'would change' if only_check else 'wrote'} {p.relative_to(ROOT)}")
            if not only_check:
                p.write_text(new, encoding="utf-8")
    return 1 if only_check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
