"""NetBox device types (the community device-type library's YAML) -> catalog entries.

What a library file gets wrong is a finding on that file: NBX001 an interface list
that is not whole, NBX002 a PSU count that disagrees with the PSU bays, NBX003 a
rating written only in `comments`; NBX004 notes what could not be taken and what
rackcheck needs that NetBox does not carry (PSU redundancy, port speed or cage, the
liquid/air split, a PDU's voltage and current). A file that cannot be read is an
input error (exit 2). The kind is taken from the shape: power outlets make a PDU, 16
data interfaces or more a switch, anything else a server.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rackcheck.findings import Finding, InputError, Location, Severity

if TYPE_CHECKING:
    from rackcheck.source import Document

REQUIRED = ("manufacturer", "model", "slug")
TAKEN = {"manufacturer", "model", "slug", "part_number", "u_height", "weight",
         "weight_unit", "comments", "power-ports", "power-outlets", "interfaces",
         "module-bays"}  # fmt: skip
WEIGHT_UNITS = {"kg": "kg", "g": "g", "lb": "lb", "oz": "oz"}
SWITCH_PORTS = 16
_RATING = re.compile(r"\d+(?:\.\d+)?\s*(?:kW|W|kVA|VA|A|V)\b")
_STATED_PORTS = re.compile(
    r"\b(\d+)\s*(?:x\s*)?(?:[A-Z]{3}\s+|\d+G\w*\s+)?ports?\b", re.I
)
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


@dataclass
class Imported:
    entries: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def import_netbox(paths: list[str]) -> Imported:
    """Read every device-type file of `paths` (files or folders); raises InputError
    (all unreadable files together) when one cannot be read."""
    from rackcheck.source import load_yaml, shown_path

    out, errors = Imported(), list[Finding]()
    for path in _files(paths, errors):
        try:
            doc = load_yaml(path, shown_path(path))
        except InputError as exc:
            errors += exc.findings
            continue
        out.files.append(doc.source.path)
        try:
            entry = _DeviceType(doc).convert(out.findings)
        except InputError as exc:
            errors += exc.findings
            continue
        if entry is not None and _valid(entry, doc, out.findings):
            out.entries.append(entry)
    if errors:
        raise InputError(sorted(errors, key=Finding.sort_key))
    out.entries.sort(key=lambda e: str(e["id"]))
    out.findings.sort(key=Finding.sort_key)
    return out


def _valid(entry: dict[str, Any], doc: Document, findings: list[Finding]) -> bool:
    """The entry is a catalog entry as a design would read it; else a note why not."""
    from pydantic import TypeAdapter, ValidationError

    from rackcheck.model.catalog import Component

    try:
        TypeAdapter(Component).validate_python(entry)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(x) for x in err["loc"][1:])
        findings.append(Finding("NBX004", Severity.NOTE, f"entry not written: {where}: "
                                f"{err['msg']}", doc.source.at(()), entry["id"]))  # fmt: skip
        return False
    return True


def _files(paths: list[str], errors: list[Finding]) -> list[Path]:
    files = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.suffix in (".yaml", ".yml"))
        elif p.is_file():
            files.append(p)
        else:
            errors.append(Finding("INP001", Severity.ERROR, "no such file or folder",
                                  Location(raw, 1, 1)))  # fmt: skip
    return files


class _DeviceType:
    def __init__(self, doc: Document) -> None:
        self.doc, self.data, self.src = doc, doc.data, doc.source
        self.found: list[Finding] = []

    def at(self, *path: str | int, key: bool = False) -> Location:
        return self.src.at(path, key=key)

    def note(self, code: str, message: str, *path: str | int) -> None:
        from rackcheck.bom.codes import severity

        slug = str(self.data.get("slug", ""))
        loc = self.at(*path, key=True) if path else self.at()
        self.found.append(Finding(code, severity(code), message, loc, slug))

    def _check_shape(self) -> None:
        if not isinstance(self.data, dict):
            raise InputError([Finding("INP002", Severity.ERROR, "a device type is a "
                                      "mapping of keys", self.at())])  # fmt: skip
        bad = [Finding("INP002", Severity.ERROR, f"required key {k!r} is missing",
                       self.at()) for k in REQUIRED if not self.data.get(k)]  # fmt: skip
        for k in ("interfaces", "power-ports", "power-outlets", "module-bays"):
            v = self.data.get(k, [])
            if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
                bad.append(Finding("INP002", Severity.ERROR, f"{k} must be a list of "
                                   "mappings", self.at(k)))  # fmt: skip
        if bad:
            raise InputError(bad)

    def convert(self, findings: list[Finding]) -> dict[str, Any] | None:
        self._check_shape()
        d = self.data
        outlets = d.get("power-outlets", [])
        data_ifs = [i for i in d.get("interfaces", []) if not i.get("mgmt_only")]
        kind = (
            "pdu"
            if outlets
            else "switch"
            if len(data_ifs) >= SWITCH_PORTS
            else "server"
        )
        entry: dict[str, Any] = {
            "id": str(d["slug"]), "kind": kind, "vendor": str(d["manufacturer"]),
            "model": str(d["model"]),
            "source": f"NetBox device-type library file {self.src.path} "
                      f"({d['manufacturer']} {d['model']}), imported by rackcheck",
        }  # fmt: skip
        if d.get("part_number"):
            entry["part_number"] = str(d["part_number"])
        self._units_weight(entry)
        self._interfaces_complete(data_ifs)
        self._psu_bays()
        self._comment_ratings(kind)
        self._not_taken(kind)
        written: dict[str, Any] | None = entry
        if kind == "pdu":
            self._pdu(outlets)
            written = None
        else:
            self._power(entry)
            ports = self._ports(d.get("interfaces", []))
            if ports:
                entry["ports"] = ports
        findings += self.found
        return written

    # -- fields -----------------------------------------------------------------------
    def _units_weight(self, entry: dict[str, Any]) -> None:
        u = self.data.get("u_height")
        if isinstance(u, int) and not isinstance(u, bool) and u >= 0:
            entry["rack_units"] = u
        elif u is not None:
            self.note("NBX004", f"u_height {u!r} is not a whole number of units: "
                      "rack_units not taken", "u_height")  # fmt: skip
        w, unit = self.data.get("weight"), self.data.get("weight_unit")
        if isinstance(w, (int, float)) and unit in WEIGHT_UNITS:
            entry["weight"] = f"{w} {WEIGHT_UNITS[unit]}"
        elif w is not None:
            self.note("NBX004", f"weight {w!r} {unit or '(no weight_unit)'} not taken",
                      "weight")  # fmt: skip

    def _power(self, entry: dict[str, Any]) -> None:
        from rackcheck.bom.netbox_types import iec_connector

        pports = self.data.get("power-ports", [])
        if not pports:
            return
        power: dict[str, Any] = {"psus": {"count": len(pports)}}
        inlets = {iec_connector(str(p.get("type", ""))) for p in pports}
        if len(inlets) == 1 and None not in inlets:
            power["inlet"] = inlets.pop()
        entry["power"] = power
        draws = [p.get("maximum_draw") for p in pports]
        drawn = f" (maximum_draw {draws[0]} W per port)" if draws[0] else ""
        self.note("NBX004", f"PSU redundancy (power.psus.required) and the system's "
                  f"maximum power are not in NetBox{drawn}: add them from the "
                  "datasheet", "power-ports")  # fmt: skip

    def _ports(self, interfaces: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from rackcheck.bom.netbox_types import INTERFACES

        groups: Counter[tuple[str, int, str | None]] = Counter()
        skipped: Counter[str] = Counter()
        for i in interfaces:
            t = str(i.get("type", ""))
            if t not in INTERFACES:
                skipped[t] += 1
                continue
            speed, cage = INTERFACES[t]
            groups[("oob" if i.get("mgmt_only") else "any", speed, cage)] += 1
        ports = []
        for (role, speed, cage), n in sorted(
            groups.items(), key=lambda x: (-x[0][1], x[0][0])
        ):
            port: dict[str, Any] = {
                "role": role,
                "count": n,
                "speed": f"{speed / 1000:g} Gbit/s",
            }
            if cage:
                port["cage"] = cage
            ports.append(port)
        if any(c is None for _, _, c in groups):
            self.note("NBX004", "InfiniBand interface types give the data rate only: "
                      "the cage (OSFP, QSFP112) and ports per cage are not in NetBox",
                      "interfaces")  # fmt: skip
        for t, n in sorted(skipped.items()):
            self.note("NBX004", f"{n} interfaces of type {t!r}: no speed known for it, "
                      "left out of ports", "interfaces")  # fmt: skip
        return ports

    def _pdu(self, outlets: list[dict[str, Any]]) -> None:
        from rackcheck.bom.netbox_types import connector_text

        types = Counter(connector_text(str(o.get("type", ""))) for o in outlets)
        legs = {o.get("feed_leg") for o in outlets if o.get("feed_leg")}
        self.note("NBX004", f"PDU not written: its voltage and current are not in a "
                  f"NetBox device type (NetBox keeps them on power feeds); it has "
                  f"{len(outlets)} outlets ({', '.join(f'{n} x {t}' for t, n in sorted(types.items()))})"
                  f"{f' on {len(legs)} feed legs' if legs else ''} - write the catalog "
                  "entry by hand from the datasheet", "power-outlets")  # fmt: skip

    # -- library errors -----------------------------------------------------------------
    def _interfaces_complete(self, data_ifs: list[dict[str, Any]]) -> None:
        names = [str(i.get("name", "")) for i in data_ifs]
        by_prefix: dict[str, set[int]] = {}
        for n in names:
            m = _NUMBERED.match(n)
            if m:
                by_prefix.setdefault(m.group(1), set()).add(int(m.group(2)))
        for prefix, nums in sorted(by_prefix.items()):
            missing = sorted(set(range(1, max(nums) + 1)) - nums)
            if missing and len(nums) >= 4:
                shown = ", ".join(f"{prefix}{k}" for k in missing[:5])
                self.note("NBX001", f"interfaces {shown} are missing: {len(nums)} of "
                          f"{prefix}1..{prefix}{max(nums)} listed", "interfaces")  # fmt: skip
        text = f"{self.data.get('model', '')} {self.data.get('comments', '')}"
        stated = [int(x) for x in _STATED_PORTS.findall(text)]
        if data_ifs and stated and max(stated) != len(data_ifs):
            self.note("NBX001", f"{len(data_ifs)} data interfaces listed, but the model "
                      f"or comments state {max(stated)} ports", "interfaces")  # fmt: skip

    def _psu_bays(self) -> None:
        bays = [b for b in self.data.get("module-bays", [])
                if re.search(r"psu|power supply", str(b.get("name", "")), re.I)]  # fmt: skip
        ports = self.data.get("power-ports", [])
        if bays and len(bays) != len(ports):
            self.note("NBX002", f"{len(ports)} power ports but {len(bays)} PSU bays: "
                      "the PSU count is not certain", "power-ports" if ports else "module-bays")  # fmt: skip

    def _comment_ratings(self, kind: str) -> None:
        comments = str(self.data.get("comments", "") or "")
        ratings = _RATING.findall(comments)
        if not ratings:
            return
        drawn = any(p.get("maximum_draw") for p in self.data.get("power-ports", []))
        if kind == "pdu" or not drawn:
            self.note("NBX003", f"rating only in comments ({', '.join(ratings[:4])}): "
                      "rackcheck does not take figures from free text", "comments")  # fmt: skip

    def _not_taken(self, kind: str) -> None:
        rest = sorted(k for k in self.data if k not in TAKEN)
        if rest:
            self.note("NBX004", f"not taken: {', '.join(rest)}", rest[0])
        if kind != "pdu":
            self.note("NBX004", "the liquid/air split of the heat (cooling."
                      "liquid_fraction) is not in NetBox: add it from the datasheet")  # fmt: skip


def catalog_yaml(result: Imported) -> str:
    """The entries as a catalog file (deterministic: sorted by id, keys in order)."""
    import yaml

    head = ["# Imported by `rackcheck catalog import-netbox` from NetBox device types:",
            *[f"#   {f}" for f in result.files],
            "# Check every figure against the datasheet and add what NetBox does not",
            "# carry (see the NBX004 notes of the import).", ""]  # fmt: skip
    body = yaml.safe_dump({"catalog": 1, "components": result.entries},
                          sort_keys=False, allow_unicode=True, width=88)  # fmt: skip
    return "\n".join(head) + str(body)
