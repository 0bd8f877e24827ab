"""Codes the engine reports itself, next to the rules: input (INP), configuration (CFG),
suppression (SUP), budget (BUD) and cost (COST) codes.

They are `Rule` objects without a check function, so `rackcheck rules`, `explain`, the
docs and SARIF's rule table treat them like rules, and `select` / `ignore` / `severity`
apply to SUP and BUD codes as to any rule. They are not in `rules.all_rules()`: the
engine never runs them; the loader, suppress.py and budget.py raise them.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from rackcheck.findings import Finding, Severity
from rackcheck.rules.engine import Rule

if TYPE_CHECKING:
    from rackcheck.rules.engine import RuleContext

_CODES: list[tuple[str, str, Severity, str, str]] = [
    (
        "INP001",
        "unreadable-input",
        Severity.ERROR,
        "input",
        """
        A file cannot be read as YAML.

        Missing, not UTF-8, a syntax error, several documents in one file, or a value
        YAML cannot represent safely. The run stops for that file with exit code 2;
        nothing about it is checked.
        """,
    ),
    (
        "INP002",
        "schema",
        Severity.ERROR,
        "input",
        """
        A design or catalog entry does not match the format.

        An unknown key, a missing required key, a value of the wrong type. `rackcheck
        schema` prints the format. Exit code 2.
        """,
    ),
    (
        "INP003",
        "units",
        Severity.ERROR,
        "input",
        """
        A figure lacks a unit or has the wrong kind of unit.

        Write `"10 kW"` where power is due, not `10` or `"10 kVA"`. Exit code 2.
        """,
    ),
    (
        "INP004",
        "reference",
        Severity.ERROR,
        "input",
        """
        A design names something that does not exist.

        An unknown catalog model, feed, PDU, rack or extra catalog file; a site, link,
        dataset, storage or rack that a sovereignty or phase key names and the design
        does not have; a rack at no site, or built in no phase. Exit code 2.
        """,
    ),
    (
        "INP005",
        "duplicate",
        Severity.ERROR,
        "input",
        """
        The same key, component id or name is defined twice.

        Exit code 2.
        """,
    ),
    (
        "INP006",
        "fabric-cannot-be-built",
        Severity.ERROR,
        "input",
        """
        A network fabric cannot be built as the design states it.

        A generated fabric whose switch radix cannot reach its endpoints in the tiers
        asked (more leaves than 2 tiers connect, more pods than 3 tiers do), more rails
        than the devices have ports of the fabric's role, a pod larger than a spine
        reaches, or no endpoint at all. Located at the option at fault; exit code 2.
        See docs/design-format-network.md.
        """,
    ),
    (
        "INP007",
        "too-large",
        Severity.ERROR,
        "input",
        """
        A design or file is larger than rackcheck checks.

        A file over 4 MiB, or a design that asks for more racks, devices, PDUs, PSU
        cords, CDUs, fabric endpoints or links than the limits in
        docs/design-format.md#limits (counted before anything is built, so a typo such
        as a range of 10**9 names is refused at once). Exit code 2.
        """,
    ),
    (
        "INP008",
        "output",
        Severity.ERROR,
        "input",
        """
        An output file cannot be written.

        An `--output` path whose folder is a file, a target that is a folder, a
        symbolic link or a device other than standard output, or a place without
        write permission. Every output is written to a temporary file first and all
        are moved into place only when all succeeded: nothing is written. Exit code 2.
        """,
    ),
    (
        "CFG001",
        "invalid-config",
        Severity.ERROR,
        "config",
        """
        The configuration is not valid.

        `[tool.rackcheck]` in pyproject.toml, rackcheck.toml, an `extend`ed file, a
        `RACKCHECK_...` variable, a command-line option or a baseline file has a TOML
        syntax error, an unknown key, an unknown rule id or option, a
        value of the wrong type. Reported at the file:line:column of the key; exit 2.
        See docs/configuration.md.
        """,
    ),
    (
        "SUP001",
        "unknown-suppression",
        Severity.WARNING,
        "suppress",
        """
        A suppression comment names an unknown rule id, or is malformed.

        A typo in `# rackcheck: ignore[...]` would silently suppress nothing.

        **Fails**

        ```yaml
        rackcheck: 1
        name: typo in a suppression
        racks:
          - name: r01  # rackcheck: ignore[POW0001] accepted by facilities
            model: apc-netshelter-sx-ar3100
        ```

        **Passes**

        ```yaml
        rackcheck: 1
        name: no suppression
        racks:
          - name: r01
            model: apc-netshelter-sx-ar3100
        ```
        """,
    ),
    (
        "SUP002",
        "unused-suppression",
        Severity.WARNING,
        "suppress",
        """
        A suppression matches no finding.

        The problem was fixed, or the comment is on the wrong line. Remove it, so it
        cannot hide a future finding. Only rules that ran are judged: a suppression of
        a rule switched off by `ignore` is not unused.

        **Fails**

        ```yaml
        rackcheck: 1
        name: nothing to suppress
        racks:
          # rackcheck: ignore[POW001] facilities accepted the PDU load
          - name: r01
            model: apc-netshelter-sx-ar3100
        ```

        **Passes**

        ```yaml
        rackcheck: 1
        name: no suppression
        racks:
          - name: r01
            model: apc-netshelter-sx-ar3100
        ```
        """,
    ),
    (
        "SUP003",
        "suppression-reason",
        Severity.WARNING,
        "suppress",
        """
        A suppression gives no reason while reasons are required.

        With `require-reason = true`, write why the finding is accepted after the
        brackets: `# rackcheck: ignore[POW005] hall B has 60 kW racks, see FAC-123`.
        The finding stays suppressed. The failing example needs `require-reason`.

        **Fails**

        ```yaml
        rackcheck: 1
        name: suppression without a reason
        racks:
          - name: r01  # rackcheck: ignore[DAT002]
            model: apc-netshelter-sx-ar3100
            devices:
              - {model: dgx-h100}
        ```

        **Passes**

        ```yaml
        rackcheck: 1
        name: suppression with a reason
        racks:
          - name: r01  # rackcheck: ignore[DAT002] PDUs are on the facility drawing
            model: apc-netshelter-sx-ar3100
            devices:
              - {model: dgx-h100}
        ```
        """,
    ),
    (
        "BUD001",
        "budget",
        Severity.ERROR,
        "budget",
        """
        A total of the designs checked together breaks a budget of the configuration.

        E.g. `budgets = {it_power_kw = 1200}` for "total IT power <= 1.2 MW", or falls
        below a floor (`budgets.gpus = {min = 1024}`). Reported at the budget's line in
        the configuration file. Budget names are listed in docs/configuration.md.
        """,
    ),
    (
        "COST001",
        "expired-price",
        Severity.WARNING,
        "cost",
        """
        A quote or a price-book price is past its validity date.

        `rackcheck quotes compare` judges `valid_until` on the day of the run (or
        `--as-of DATE`). The quote is still compared, but its figures cannot be relied
        on: ask the vendor for a new one. Reported at the quote's header or the price
        book entry.
        """,
    ),
    (
        "COST002",
        "line-total",
        Severity.ERROR,
        "cost",
        """
        A quote line's quantity x unit price disagrees with its stated line total.

        Either the quantity, the unit price or the total is wrong; the comparison uses
        quantity x unit price. Reported at the line total (YAML line:column, or the
        spreadsheet's row and column).
        """,
    ),
    (
        "COST003",
        "left-out",
        Severity.WARNING,
        "cost",
        """
        A quote leaves out parts the design needs (from the derived BOM).

        The missing quantity is priced from the price books where a price exists and
        added to the quote's capex; where none exists the part is "not priced", the
        quote's TCO is understated and it ranks after complete quotes.
        """,
    ),
]


def _catalog_code(
    code: str, name: str, sev: Severity, summary: str
) -> tuple[str, str, Severity, str, str]:
    return (
        code,
        name,
        sev,
        "catalog",
        summary + "\n\nReported by `rackcheck catalog lint`.",
    )


# What `rackcheck catalog lint` finds in a catalog file (rackcheck/catalog/lint.py).
_CODES += [
    _catalog_code("CAT001", "psu-capacity-below-max", Severity.ERROR,
                  "An entry's PSUs cannot carry its maximum power at the stated "
                  "redundancy.\n\nrequired (or count) x the PSU's rating must reach "
                  "`power.max`; otherwise a figure is wrong or the redundancy is."),
    _catalog_code("CAT002", "typical-above-max", Severity.ERROR,
                  "An entry's typical power is above its maximum power."),
    _catalog_code("CAT003", "does-not-fit", Severity.ERROR,
                  "A rack's units do not fit its height (EIA U = 44.45 mm, ORv3 OpenU "
                  "= 48 mm), or a rack system's parts take more units than it has."),
    _catalog_code("CAT004", "duplicate-part-number", Severity.WARNING,
                  "Two entries carry the same vendor part number."),
    _catalog_code("CAT005", "ports-above-capacity", Severity.ERROR,
                  "A switch's ports add up to more than its stated switching "
                  "capacity."),
    _catalog_code("CAT006", "unknown-reference", Severity.ERROR,
                  "An entry names a PSU or a part that is not in the catalog."),
]  # fmt: skip


def _never(
    ctx: RuleContext[object],
) -> Iterator[Finding]:  # engine codes are raised, never run
    return iter(())


@lru_cache(maxsize=1)
def engine_codes() -> tuple[Rule, ...]:
    return tuple(
        Rule(code, name, sev, family, _never, doc=inspect.cleandoc(doc))
        for code, name, sev, family, doc in _CODES
    )


def known_rules() -> list[Rule]:
    """Every rule and engine code, as `rackcheck rules` lists them."""
    from rackcheck.bom.codes import bom_codes
    from rackcheck.rules import all_rules

    return [*all_rules(), *engine_codes(), *bom_codes()]


def known_ids() -> set[str]:
    return {r.id for r in known_rules()}
