"""A design names a catalog entry by an id it had before it was renamed.

Catalog ids are the users' API: an entry that gets a better id keeps its old one as an
alias (`aliases: [old-id]` in the catalog), so designs written against the old id still
load and check the same. This note names the new id so the design can move to it; the
old id keeps working.

**Fails**

```yaml
rackcheck: 1
name: a design that names a renamed entry by its old id
components:
  - id: lab-server-2025
    aliases: [lab-server]
    kind: server
    vendor: Example
    model: lab server
    source: the design's own figures (an example)
    rack_units: 2
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: lab-server}
```

**Passes**

```yaml
rackcheck: 1
name: the same design naming the entry's current id
components:
  - id: lab-server-2025
    aliases: [lab-server]
    kind: server
    vendor: Example
    model: lab server
    source: the design's own figures (an example)
    rack_units: 2
racks:
  - name: r01
    model: apc-netshelter-sx-ar3100
    devices:
      - {model: lab-server-2025}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from rackcheck.findings import Finding, Severity
from rackcheck.rules.engine import RuleContext, rule


@rule("DAT005", name="renamed-catalog-id", severity=Severity.NOTE)
def check(ctx: RuleContext[object]) -> Iterator[Finding]:
    seen: set[tuple[object, ...]] = set()
    for path, old, new in ctx.graph.renamed:
        if path in seen:  # a range of racks names it once in the file
            continue
        seen.add(path)
        yield ctx.finding(
            None,
            f"catalog id {old!r} is now {new!r}: it loads as before; name {new!r} "
            "to follow the catalog",
            *path,
            fix=f"write `model: {new}`",
        )
