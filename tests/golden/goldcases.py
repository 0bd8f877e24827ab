"""The golden cases: every command on every bundled and broken design.

Each case is a name (the file stem under tests/golden/data/) and the argument list of one
`rackcheck` invocation, run in-process from the repository root. An argument `{out}/NAME`
is a file the command writes; its bytes are recorded beside stdout as `<case>.file.NAME`.
`tools/record_golden.py` records them; test_golden.py compares byte for byte.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-30"  # quotes compare judges validity dates on this fixed day

# Formats of `check` on every design, and the extra ones on a handful.
EVERY = ("text", "json")
HANDFUL = ("junit", "github", "markdown")
SARIF_DESIGNS = (  # SARIF embeds every rule's doc (~290 kB): two designs only
    "designs/one-rack-dgx-h100.yaml",
    "designs/broken/pow001-pdu-capacity.yaml",
)
HANDFUL_DESIGNS = (
    "designs/one-rack-dgx-h100.yaml",
    "designs/hall-a-dgx-h100.yaml",
    "designs/broken/pow001-pdu-capacity.yaml",
    "designs/broken/cool002-cdu-redundancy.yaml",
    "designs/broken/net004-oversubscription.yaml",
    "designs/broken/sto004-checkpoint-write-time.yaml",
)
CATALOG_IDS = ("dgx-h100", "qm9700", "cdu-coolit-chx2000", "psu-3300w", "orv3-rack")
FABRIC_ROWS = (
    ("--nodes", "32", "--rails", "8", "--switch", "qm9700"),
    ("--nodes", "128", "--rails", "8", "--switch", "qm9700", "--node", "dgx-h100"),
    ("--nodes", "1024", "--rails", "8", "--switch", "qm9700", "--tiers", "3"),
    (
        "--nodes",
        "256",
        "--rails",
        "8",
        "--switch",
        "qm9700",
        "--oversubscription",
        "leaf=1:1,spine=2:1",
    ),
    ("--nodes", "64", "--rails", "4", "--switch", "qm9700", "--format", "json"),
)
HALL = "designs/hall-a-dgx-h100.yaml"
SCENARIOS = (
    ("designs/scenarios/hall-a-facility.yaml", ("json",)),
    ("designs/scenarios/hall-a-shared-switchboard.yaml", ("text",)),
    ("designs/scenarios/row-gb200-one-chiller.yaml", ("text", "json")),
)


def designs() -> list[str]:
    """Every bundled design (top level, scenarios, sovereignty) and every broken one."""
    found = [
        p.relative_to(ROOT).as_posix()
        for sub in (
            "designs",
            "designs/broken",
            "designs/scenarios",
            "designs/sovereignty",
        )
        for p in (ROOT / sub).glob("*.yaml")
    ]
    return sorted(found)


def rule_ids() -> list[str]:
    from rackcheck.rules import all_rules

    return sorted(r.id for r in all_rules())


def _stem(path: str) -> str:
    return path.removeprefix("designs/").removesuffix(".yaml").replace("/", "--")


def cases() -> list[tuple[str, tuple[str, ...]]]:
    """(name, argv) for every golden case, sorted by name."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for d in designs():
        fmts = EVERY + (HANDFUL if d in HANDFUL_DESIGNS else ())
        fmts += ("sarif",) if d in SARIF_DESIGNS else ()
        for fmt in fmts:
            out.append(
                (
                    f"check--{_stem(d)}--{fmt}",
                    ("check", "--no-cache", "--format", fmt, d),
                )
            )
    out.append(
        (
            "check--several--statistics",
            (
                "check",
                "--no-cache",
                "--statistics",
                "designs/one-rack-dgx-h100.yaml",
                "designs/broken/pow001-pdu-capacity.yaml",
                "designs/broken/net004-oversubscription.yaml",
            ),
        )
    )
    out.append(
        (
            "check--one-rack--outputs",
            (
                "check",
                "--no-cache",
                "-o",
                "junit={out}/r.xml",
                "-o",
                "json={out}/r.json",
                "designs/one-rack-dgx-h100.yaml",
            ),
        )
    )
    out.append(("check--missing-file", ("check", "--no-cache", "designs/no-such.yaml")))
    for fmt in ("text", "json", "markdown"):
        out.append((f"rules--{fmt}", ("rules", "--format", fmt)))
    for rid in rule_ids():
        out.append((f"explain--{rid}", ("explain", rid)))
    out.append(("explain--unknown", ("explain", "XXX999")))
    for kind in ("design", "catalog"):
        out.append((f"schema--{kind}", ("schema", kind)))
    out.append(("catalog-list--json", ("catalog", "list", "--format", "json")))
    out.append(("catalog-list--text", ("catalog", "list")))
    for cid in CATALOG_IDS:
        out.append((f"catalog-show--{cid}", ("catalog", "show", cid)))
    out.append(
        (
            "catalog-show--dgx-h100--json",
            ("catalog", "show", "--format", "json", "dgx-h100"),
        )
    )
    for i, row in enumerate(FABRIC_ROWS):
        out.append((f"fabric-size--{i}", ("fabric", "size", *row)))
    for fmt in ("text", "csv", "json"):
        out.append((f"bom--hall--{fmt}", ("bom", HALL, "--format", fmt)))
    out.append(("bom--one-rack--text", ("bom", "designs/one-rack-dgx-h100.yaml")))
    out.append(
        (
            "bom-check--hall--csv",
            ("bom", "check", HALL, "designs/vendor-boms/hall-a-dgx-h100-vendor.csv"),
        )
    )
    out.append(("cables--hall--csv", ("cables", HALL)))
    out.append(
        (
            "cables--row--json",
            ("cables", "--format", "json", "designs/row-gb200-nvl72.yaml"),
        )
    )
    for fmt in ("text", "json", "markdown"):
        out.append(
            (
                f"diff--hall--phased--{fmt}",
                ("diff", "--format", fmt, HALL, "designs/hall-a-phased.yaml"),
            )
        )
    out.append(
        (
            "diff--one-rack--pow001",
            (
                "diff",
                "designs/one-rack-dgx-h100.yaml",
                "designs/broken/pow001-pdu-capacity.yaml",
            ),
        )
    )
    quotes = (
        "examples/quotes/quote-a.yaml",
        "examples/quotes/quote-b.csv",
        "examples/quotes/quote-c.yaml",
    )
    for fmt in ("text", "markdown", "csv", "json"):
        out.append(
            (
                f"quotes-compare--{fmt}",
                (
                    "quotes",
                    "compare",
                    "--design",
                    HALL,
                    "--price-book",
                    "examples/quotes/price-book.yaml",
                    "--as-of",
                    AS_OF,
                    "--format",
                    fmt,
                    *quotes,
                ),
            )
        )
    out.append(("report--one-rack", ("report", "-q", "designs/one-rack-dgx-h100.yaml")))
    out.append(
        (
            "report--one-rack--file",
            ("report", "-q", "-o", "{out}/r.html", "designs/one-rack-dgx-h100.yaml"),
        )
    )
    # The two hall-a facility designs take ~2 s each: one format each.
    for d, fmts in SCENARIOS:
        for fmt in fmts:
            out.append(
                (f"scenarios--{_stem(d)}--{fmt}", ("scenarios", "--format", fmt, d))
            )
    out.append(
        ("scenarios--one-rack--text", ("scenarios", "designs/one-rack-dgx-h100.yaml"))
    )
    out.append(
        (
            "scenarios--one-rack--depth2",
            (
                "scenarios",
                "--depth",
                "2",
                "--format",
                "json",
                "designs/one-rack-dgx-h100.yaml",
            ),
        )
    )
    return sorted(out)
