"""The hostile-input corpus: every case must end in exit 2 with a located message
(`path:line:col: error CODE`), no traceback and nothing written.

Cases are built from the bundled designs by replacing one snippet (`old` -> `new`): the
expected location is where `at` (default: `new`) stands in the result, so each
expectation is the place a user would look. Large inputs are generated here, never
committed. Classes: yaml, yaml11, schema, units, physics, references, sizes, config,
baseline, paths, outputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HALL = (ROOT / "designs/hall-a-dgx-h100.yaml").read_text(encoding="utf-8")
ROW = (ROOT / "designs/row-gb200-nvl72.yaml").read_text(encoding="utf-8")
ONE = (ROOT / "designs/one-rack-dgx-h100.yaml").read_text(encoding="utf-8")
MINI = "rackcheck: 1\nname: mini\n"


@dataclass
class Case:
    cls: str
    name: str
    files: dict[str, Any]  # name -> text or bytes (or a callable(path) that makes it)
    args: list[str]
    at: tuple[str, int, int]
    code: str
    text: str
    outputs: list[str] = field(default_factory=lambda: ["out/report.json"])

    @property
    def id(self) -> str:
        return f"{self.cls}-{self.name}"


def where(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def design(
    cls: str, name: str, base: str, old: str, new: str, code: str, msg: str,
    at: str | None = None,
) -> Case:  # fmt: skip
    assert base.count(old) == 1, f"{name}: {old!r} is not unique"
    start = base.index(old)
    text = base.replace(old, new, 1)
    index = start
    if at is not None:  # the first `at` after the change, else before it
        index = text.find(at, start) if at in text[start:] else text.index(at)
    return whole(cls, name, text, code, msg, where(text, index))


def whole(
    cls: str, name: str, text: str | bytes, code: str, msg: str,
    pos: tuple[int, int] = (1, 1), file: str = "design.yaml",
) -> Case:  # fmt: skip
    args = ["check", "--no-cache", "--isolated", "-o", "json=out/report.json", file]
    return Case(cls, name, {file: text}, args, (file, *pos), code, msg)


# fmt: off
def yaml_cases() -> list[Case]:
    c = "yaml"
    out = [
        whole(c, "empty", "", "INP002", "empty"),
        whole(c, "only-comment", "# nothing\n", "INP002", "empty"),
        whole(c, "list-top", "- 1\n- 2\n", "INP002", "not a rackcheck design"),
        whole(c, "scalar-top", "hello\n", "INP002", "not a rackcheck design"),
        whole(c, "no-rackcheck-key", "name: x\nracks: []\n", "INP002", "not a rackcheck design"),
        whole(c, "tab-indent", MINI + "site:\n\tname: x\n", "INP001", "YAML syntax", (4, 1)),
        whole(c, "unclosed-flow", MINI + "racks: [{name: a\n", "INP001", "YAML syntax", (4, 1)),
        whole(c, "unclosed-quote", MINI + 'description: "abc\n', "INP001", "YAML syntax", (4, 1)),
        whole(c, "bad-indent", MINI + "site:\n  name: x\n name2: y\n", "INP001", "YAML syntax", (5, 2)),
        whole(c, "two-documents", MINI + "---\nrackcheck: 1\n", "INP001", "several", (4, 1)),
        whole(c, "duplicate-key", MINI + "name: again\n", "INP005", "duplicate key 'name'", (3, 1)),
        whole(c, "not-utf8", b"rackcheck: 1\nname: \xff\xfe\n", "INP001", "UTF-8"),
        whole(c, "utf16", "rackcheck: 1\n".encode("utf-16"), "INP001", "UTF-8"),
        whole(c, "control-char", MINI + "description: a\x07b\n", "INP001", "character 0x0007 is not allowed", (3, 15)),
        whole(c, "nul-byte", MINI + "description: a\x00b\n", "INP001", "character 0x0000 is not allowed", (3, 15)),
        whole(c, "merge-key", MINI + "site: {<<: {name: x}}\n", "INP001", "merge keys", (3, 8)),
        whole(c, "python-object", MINI + "description: !!python/object:os.system x\n", "INP001", "is not allowed", (3, 14)),
        whole(c, "python-name-map", MINI + "site: !!python/object/apply:os.system {}\n", "INP001", "is not allowed", (3, 7)),
        whole(c, "binary-tag", MINI + "description: !!binary aGVsbG8=\n", "INP001", "not allowed", (3, 14)),
        whole(c, "custom-tag", MINI + "description: !mine x\n", "INP001", "not allowed", (3, 14)),
        whole(c, "undefined-alias", MINI + "description: *nope\n", "INP001", "YAML syntax", (3, 14)),
        whole(c, "recursive-list", "rackcheck: 1\nname: &a [*a]\n", "INP001", "recursive alias", (2, 7)),
        whole(c, "recursive-map", MINI + "site: &s {name: *s}\n", "INP001", "recursive alias", (3, 7)),
        whole(c, "recursive-deep", MINI + "racks: &r [{name: a, devices: *r}]\n", "INP001", "recursive alias", (3, 8)),
        whole(c, "nested-5000", MINI + "description: " + "[" * 5000 + "]" * 5000, "INP001", "nesting depth", (3, 1013)),
        # just under the limit: built (three frames a level) and refused by the schema
        whole(c, "nested-999", MINI + "description: " + "[" * 999 + "]" * 999, "INP002", "valid string", (3, 14)),
        whole(c, "nested-1000-map", MINI + "description: " + "{a: " * 1000 + "1" + "}" * 1000, "INP001", "nesting depth", (3, 4010)),
        whole(c, "key-is-list", MINI + "? [a]\n: 1\n", "INP001", "mapping keys must be text", (3, 3)),
        whole(c, "key-is-null", MINI + "~: 1\n", "INP001", "mapping keys must be text", (3, 1)),
        whole(c, "non-finite-nan", MINI + "site: {power_factor: .nan}\n", "INP001", "not a finite number", (3, 22)),
        whole(c, "non-finite-inf", MINI + "site: {power_factor: -.inf}\n", "INP001", "not a finite number", (3, 22)),
        whole(c, "float-overflow", MINI + "site: {power_factor: 1e400}\n", "INP001", "not a finite number", (3, 22)),
        whole(c, "int-1000-digits", MINI + "site: {power_factor: " + "9" * 1000 + "}\n", "INP001", "too large", (3, 22)),
        whole(c, "int-5000-digits", MINI + "workload: {checkpoint: {retained: " + "9" * 5000 + "}}\n", "INP001", "too large", (3, 35)),
        whole(c, "int-tagged-huge", MINI + "site: {power_factor: !!int " + "9" * 40 + "}\n", "INP001", "too large", (3, 22)),
        whole(c, "not-a-design-toml", "[tool]\nx = 1\n", "INP002", "not a rackcheck design", file="pyproject.toml"),
    ]
    return out
# fmt: on


# fmt: off
def yaml11_cases() -> list[Case]:
    c = "yaml11"
    pos = "count: 4, position: 3}"
    return [
        design(c, "octal-position", ONE, "position: 3}", "position: 040}", "INP001", "leading zero is ambiguous", at="040"),
        design(c, "octal-count", ONE, "count: 4,", "count: 010,", "INP001", "octal 8", at="010"),
        design(c, "octal-0777", ONE, "count: 4,", "count: 0777,", "INP001", "octal 511", at="0777"),
        design(c, "sexagesimal-count", ONE, "count: 4,", "count: 1:20,", "INP002", "count: Input should be a valid integer", at="1:20"),
        design(c, "sexagesimal-position", ONE, "position: 3}", "position: 1:20}", "INP002", "valid integer", at="1:20"),
        design(c, "sexagesimal-pf", ONE, "power_factor: 0.95", "power_factor: 1:20", "INP002", "power_factor", at="1:20"),
        design(c, "yes-as-bool", ONE, "country: US", "country: yes", "INP002", "country", at="yes"),
        design(c, "off-as-feed", ONE, "feed: C}", "feed: off}", "INP004", "feed 'off' is not one of the site's feeds", at="off"),
        design(c, "no-as-version", ONE, "rackcheck: 1", "rackcheck: NO", "INP002", "rackcheck", at="NO"),
        design(c, "date-as-count", ONE, pos, "count: 2024-01-01, position: 3}", "INP002", "valid integer", at="2024"),
        design(c, "float-count", ONE, pos, "count: 4.0, position: 3}", "INP002", "valid integer", at="4.0"),
        design(c, "exp-count", ONE, pos, "count: 1e8, position: 3}", "INP002", "valid integer", at="1e8"),
        design(c, "hex-count", ONE, pos, "count: 0x1000000, position: 3}", "INP002", "less than or equal to 1000000", at="0x"),
        design(c, "octal-prefix-0o", ONE, pos, "count: 0o77777777, position: 3}", "INP002", "less than or equal", at="0o"),
        design(c, "null-name", ONE, "name: one-rack-dgx-h100", "name: ~", "INP002", "name", at="~"),
    ]
# fmt: on


# fmt: off
def schema_cases() -> list[Case]:
    c = "schema"
    dev = "{model: dgx-h100, count: 4, position: 3}"
    return [
        design(c, "unknown-top-key", ONE, "racks:\n", "rackz: 1\nracks:\n", "INP002", "unknown key 'rackz'"),
        design(c, "unknown-rack-key", ONE, "    model: apc", "    modle: x\n    model: apc", "INP002", "unknown key 'modle'", at="modle"),
        design(c, "racks-is-map", ONE, "racks:\n", "racks: {a: 1}\nx:\n", "INP002", "racks", at="{a"),
        design(c, "racks-is-null", ONE, "racks:\n", "racks: null\nx:\n", "INP002", "racks", at="null"),
        design(c, "site-is-list", ONE, "site:\n  name: lab-1", "site: [1]\nsite2:\n  name: lab-1", "INP002", "site", at="[1]"),
        design(c, "version-2", ONE, "rackcheck: 1", "rackcheck: 2", "INP002", "rackcheck", at="2"),
        design(c, "version-text", ONE, "rackcheck: 1", 'rackcheck: "1"', "INP002", "rackcheck", at='"1"'),
        design(c, "name-empty", ONE, "name: one-rack-dgx-h100", 'name: ""', "INP002", "name", at='""'),
        design(c, "name-long", ONE, "name: one-rack-dgx-h100", "name: " + "x" * 300, "INP002", "at most 200", at="xxx"),
        design(c, "count-zero", ONE, dev, "{model: dgx-h100, count: 0, position: 3}", "INP002", "greater than or equal to 1", at="0, position"),
        design(c, "count-negative", ONE, dev, "{model: dgx-h100, count: -4}", "INP002", "greater than or equal to 1", at="-4"),
        design(c, "count-text", ONE, dev, '{model: dgx-h100, count: "4"}', "INP002", "valid integer", at='"4"'),
        design(c, "count-bool", ONE, dev, "{model: dgx-h100, count: true}", "INP002", "valid integer", at="true"),
        design(c, "count-list", ONE, dev, "{model: dgx-h100, count: [4]}", "INP002", "valid integer", at="[4]"),
        design(c, "position-zero", ONE, dev, "{model: dgx-h100, count: 4, position: 0}", "INP002", "greater than or equal to 1", at="0}"),
        design(c, "model-number", ONE, dev, "{model: 42, count: 4}", "INP002", "valid string", at="42"),
        design(c, "pf-zero", ONE, "power_factor: 0.95", "power_factor: 0", "INP002", "greater than 0", at="0"),
        design(c, "pf-above-one", ONE, "power_factor: 0.95", "power_factor: 1.5", "INP002", "less than or equal to 1", at="1.5"),
        design(c, "phases-2", ONE, 'phases: 3, current: "100 A"}\n    - {name: B', 'phases: 2, current: "100 A"}\n    - {name: B', "INP002", "phases", at="2,"),
        design(c, "country-lower", ONE, "country: US", "country: us", "INP002", "country", at="us"),
        design(c, "redundancy-n2", ROW, 'redundancy: "N+1"', 'redundancy: "N+2"', "INP002", "redundancy", at='"N+2"'),
        design(c, "coolant-oil", ROW, "coolant: pg25", "coolant: oil", "INP002", "coolant", at="oil"),
        design(c, "cdus-empty", ROW, "cdus: [{model: cdu-vertiv-xdu1350, count: 3}]", "cdus: []", "INP002", "cdus", at="[]"),
        design(c, "liquid-fraction-2", ROW, "liquid_fraction: 0.85", "liquid_fraction: 2", "INP002", "less than or equal to 1", at="2"),
        design(c, "assume-no-basis", ROW, "      liquid_fraction: 0.85\n      basis: >-", "      liquid_fraction: 0.85\n      basisx: >-", "INP002", "unknown key 'basisx'", at="basisx"),
        design(c, "tier-platinum", HALL, "storage_tier: better", "storage_tier: platinum", "INP002", "storage_tier", at="platinum"),
        design(c, "parameters-text", HALL, "parameters: 70e9", "parameters: lots", "INP002", "parameter count", at="lots"),
        design(c, "bytes-per-param-zero", HALL, "bytes_per_parameter: 16", "bytes_per_parameter: 0", "INP002", "greater than 0", at="0"),
        design(c, "retained-negative", HALL, "retained: 2", "retained: -1", "INP002", "greater than or equal to 0", at="-1"),
        design(c, "efficiency-zero", HALL, "protocol_efficiency: 0.9", "protocol_efficiency: 0", "INP002", "greater than 0", at="0"),
        design(c, "ratio-zero", HALL, 'oversubscription: "1:1"', 'oversubscription: "0:1"', "INP002", "must be > 0", at="name: compute"),
        design(c, "ratio-text", HALL, 'oversubscription: "1:1"', 'oversubscription: "fast"', "INP002", "oversubscription: String should match", at='"fast"'),
        design(c, "ratio-400-digits", HALL, 'oversubscription: "1:1"', f'oversubscription: "{"9" * 400}:1"', "INP002", "at most 40 characters", at="name: compute"),
        design(c, "bisection-ratio-2", HALL, "bisection_ratio: 1.0", "bisection_ratio: 2.0", "INP002", "less than or equal to 1", at="2.0"),
        design(c, "rails-zero", HALL, "rails: 8, su_size: 32", "rails: 0, su_size: 32", "INP002", "greater than or equal to 1", at="0,"),
        design(c, "tiers-4", HALL, "rails: 8, su_size: 32", "rails: 8, tiers: 4", "INP002", "tiers", at="4}"),
        design(c, "pairing-star", HALL, "to: st-leaf9, count: 8}", "to: st-leaf9, count: 8, pairing: star}", "INP002", "pairing", at="star"),
        design(c, "fabric-both", HALL, "    generate: {switch: qm9700, rails: 8, su_size: 32}", "    generate: {switch: qm9700, rails: 8, su_size: 32}\n    links: " "[{from: a, to: b}]", "INP002", "either", at="name: compute"),
        design(c, "component-no-source", ONE, "racks:\n", "components:\n  - {id: x, kind: server, vendor: v, model: m}\nracks:\n", "INP002", "source", at="{id"),
        design(c, "component-bad-kind", ONE, "racks:\n", "components:\n  - {id: x, " "kind: toaster, vendor: v, model: m, source: s}\nracks:\n", "INP002", "toaster", at="{id"),
        design(c, "component-bad-id", ONE, "racks:\n", "components:\n  - {id: X Y, " "kind: server, vendor: v, model: m, source: s}\nracks:\n", "INP002", "id", at="X Y"),
        design(c, "psus-100", ONE, "racks:\n", "components:\n  - {id: x, kind: server, " "vendor: v, model: m, source: s, power: {psus: {count: 100}}}\nracks:\n", "INP002", "less than or equal to 64", at="100"),
    ]
# fmt: on


# fmt: off
def unit_cases() -> list[Case]:
    c = "units"
    mrp = 'max_rack_power: "45 kW"'
    cases = [
        ("no-unit", "max_rack_power: 45", "has no unit", "45"),
        ("unit-only", 'max_rack_power: "kW"', "is not a power with a unit", '"kW"'),
        ("lowercase-kw", 'max_rack_power: "45 kw"', "did you mean 'kW'?", '"45 kw"'),
        ("va-for-w", 'max_rack_power: "45 kVA"', "apparent power", '"45 kVA"'),
        ("mass-for-power", 'max_rack_power: "45 kg"', "is not a power", '"45 kg"'),
        ("negative", 'max_rack_power: "-45 kW"', "negative", '"-45'),
        ("nan", 'max_rack_power: "nan kW"', "is not a power", '"nan'),
        ("inf", 'max_rack_power: "inf kW"', "is not a power", '"inf'),
        ("huge", 'max_rack_power: "1e308 kW"', "out of range", '"1e308'),
        ("over-range", 'max_rack_power: "1e12 kW"', "out of range", '"1e12'),
        ("tiny", 'max_rack_power: "1e-320 kW"', "too small", '"1e-320'),
        ("garbage-unit", 'max_rack_power: "45 bananas"', "unknown unit", '"45'),
        ("unit-expression", 'max_rack_power: "45 kW**kW"', "power", '"45'),
        ("two-numbers", 'max_rack_power: "45 45 kW"', "power", '"45'),
        ("list", "max_rack_power: [45 kW]", "power", "[45"),
        ("bool", "max_rack_power: true", "power", "true"),
    ]
    out = [
        design(c, n, ONE, mrp, new, "INP003", msg, at=at) for n, new, msg, at in cases
    ]
    current = 'current: "100 A"}\n    - {name: B'
    out += [
        design(c, "current-lower-a", ONE, current, 'current: "100 a"}\n    - {name: B', "INP003", "did you mean 'A'?", at='"100 a"'),
        design(c, "voltage-as-current", ONE, current, 'current: "100 V"}\n    - {name: B', "INP003", "not a current", at='"100 V"'),
        design(c, "bits-for-bytes", HALL, 'dataset: "150 TB"', 'dataset: "150 Gbit/s"', "INP003", "information", at='"150'),
        design(c, "time-no-unit", HALL, 'interval: "15 min"', "interval: 900", "INP003", "no unit", at="900"),
        design(c, "temperature-as-delta", ROW, 'delta_t: "10 K"', 'delta_t: "10 kW"', "INP003", "temperature", at='"10 kW"'),
    ]
    return out
# fmt: on


# fmt: off
def physics_cases() -> list[Case]:
    c = "physics"
    return [
        design(c, "inlet-minus-300", ONE, 'inlet_temperature: "25 degC"', 'inlet_temperature: "-300 degC"', "INP003", "below absolute zero", at='"-300'),
        design(c, "inlet-minus-1-kelvin", ONE, 'inlet_temperature: "25 degC"', 'inlet_temperature: "-1 K"', "INP003", "below absolute zero", at='"-1'),
        design(c, "inlet-5000", ONE, 'inlet_temperature: "25 degC"', 'inlet_temperature: "5000 degC"', "INP003", "out of range", at='"5000'),
        design(c, "delta-t-zero", ROW, 'delta_t: "10 K"', 'delta_t: "0 K"', "INP003", "greater than zero", at='"0 K"'),
        design(c, "delta-t-tiny", ROW, 'delta_t: "10 K"', 'delta_t: "1e-300 K"', "INP003", "too small", at='"1e'),
        design(c, "flow-per-kw-zero", ROW, 'delta_t: "10 K"', 'flow_per_kw: "0 L/min/kW"', "INP003", "greater than zero", at='"0'),
        design(c, "interval-zero", HALL, 'interval: "15 min"', 'interval: "0 s"', "INP003", "greater than zero", at='"0 s"'),
        design(c, "mtbf-zero", HALL, 'mtbf: "12 h"', 'mtbf: "0 s"', "INP003", "greater than zero", at='"0 s"'),
        design(c, "write-time-zero", HALL, 'max_write_time: "60 s"', 'max_write_time: "0 min"', "INP003", "greater than zero", at='"0 min"'),
        design(c, "mtbf-tiny", HALL, 'mtbf: "12 h"', 'mtbf: "1e-30 s"', "INP003", "too small", at='"1e'),
        design(c, "assume-1e308-kw", ROW, "      liquid_fraction: 0.85\n", '      max_power: "1e308 kW"\n      liquid_fraction: 0.85\n', "INP003", "out of range", at='"1e308'),
        design(c, "feed-current-1e308", ONE, 'current: "100 A"}\n    - {name: B', 'current: "1e308 A"}\n    - {name: B', "INP003", "out of range", at='"1e308'),
        design(c, "air-cooling-1e20", ONE, 'air_cooling: "60 kW"', 'air_cooling: "1e20 W"', "INP003", "out of range", at='"1e20'),
        design(c, "dataset-1e30-bytes", HALL, 'dataset: "150 TB"', 'dataset: "1e30 B"', "INP003", "out of range", at='"1e30'),
        design(c, "pitch-1e9-m", HALL, "fabrics:\n", 'layout: {rows: [{name: a, racks: [st01]}], pitch: "1e9 m"}\nfabrics:\n', "INP003", "out of range", at='"1e9'),
    ]
# fmt: on


# fmt: off
def reference_cases() -> list[Case]:
    c = "references"
    comp = (
        "components:\n  - id: my-nvl\n    kind: rack-system\n    vendor: v\n"
        "    model: m\n    source: quote Q-1\n    contains: [{model: no-such-tray}]\n"
    )
    srv = (
        "components:\n  - id: my-srv\n    kind: server\n    vendor: v\n    model: m\n"
        '    source: quote Q-1\n    power: {max: "1 kW", psus: {model: no-such-psu, '
        "count: 2}}\n"
    )
    return [
        design(c, "rack-model", ONE, "model: apc-netshelter-sx-ar3100", "model: apc-netshelter-sx-ar9999", "INP004", "did you mean", at="apc-"),
        design(c, "rack-model-is-pdu", ONE, "model: apc-netshelter-sx-ar3100", "model: pdu-415v-3ph-60a-apc", "INP004", "is a pdu", at="pdu-"),
        design(c, "pdu-model", ONE, "{model: pdu-415v-3ph-60a-apc, feed: A}", "{model: pdu-nope, feed: A}", "INP004", "unknown model 'pdu-nope'", at="pdu-nope"),
        design(c, "device-model", ONE, "{model: dgx-h100, count: 4", "{model: dgx-h900, count: 4", "INP004", "unknown model 'dgx-h900'; did you mean", at="dgx-h900"),
        design(c, "pdu-feed", ONE, "{model: pdu-415v-3ph-60a-apc, feed: C}", "{model: pdu-415v-3ph-60a-apc, feed: D}", "INP004", "feed 'D' is not one of", at="D}"),
        design(c, "cord-pdu", ONE, "{model: dgx-h100, count: 4, position: 3}", "{model: dgx-h100, count: 1, position: 3, cords: [{pdu: p1}, {pdu: p1}, " "{pdu: p1}, {pdu: p1}, {pdu: p1}, {pdu: p1}]}", "INP004", "has no PDU 'p1'", at="p1"),
        design(c, "cords-count", ONE, "{model: dgx-h100, count: 4, position: 3}", "{model: dgx-h100, count: 1, position: 3, cords: [{pdu: pdu1}]}", "INP004", "1 cords given", at="[{pdu"),
        design(c, "rack-system-contains", ONE, "racks:\n", comp + "racks:\n", "INP004", "unknown model 'no-such-tray'", at="no-such-tray"),
        design(c, "server-psu-model", ONE, "racks:\n", srv + "racks:\n", "INP004", "unknown model 'no-such-psu'", at="no-such-psu"),
        design(c, "storage-fabric", ONE, "racks:\n", "storage: {fabric: nope}\nracks:\n", "INP004", "no fabric named 'nope'", at="nope"),
        design(c, "storage-fabric-typo", HALL, "fabric: storage ", "fabric: storag ", "INP004", "did you mean 'storage'", at="storag"),
        design(c, "loop-serves", ROW, 'serves: ["b{01..08}"]', 'serves: ["c{01..08}"]', "INP004", "no rack named 'c01'", at='"c'),
        design(c, "loop-cdu-model", ROW, "{model: cdu-vertiv-xdu1350, count: 3}", "{model: cdu-nope, count: 3}", "INP004", "unknown model 'cdu-nope'", at="cdu-nope"),
        design(c, "catalog-file", ONE, "racks:\n", "catalogs: [nope.yaml]\nracks:\n", "INP004", "not found", at="nope"),
        design(c, "fabric-switch", HALL, "generate: {switch: qm9700, rails: 8", "generate: {switch: qm9999, rails: 8", "INP004", "unknown model", at="qm9999"),
        design(c, "link-end", HALL, 'to: "st-leaf{1..2}"}\n      - {from: {racks: ["su2', 'to: "st-lef{1..2}"}\n      - {from: {racks: ["su2', "INP004", "no switch 'st-lef1'", at='"st-lef'),
        design(c, "duplicate-rack", ONE, "racks:\n  - name: r01", "racks:\n  - name: r01\n    model: apc-netshelter-sx-ar3100\n  - name: r01", "INP004", "duplicate rack name 'r01'", at="r01\n    model: apc-netshelter-sx-ar3100\n    pdus"),
        design(c, "duplicate-feed", ONE, "    - {name: C, voltage", "    - {name: B, voltage", "INP004", "duplicate feed 'B'", at="B, voltage"),
        design(c, "duplicate-component", ONE, "racks:\n", "components:\n  - {id: " "dgx-h100, kind: server, vendor: v, model: m, source: s}\nracks:\n", "INP005", "already defined", at="dgx-h100,"),
        design(c, "range-counts-down", ONE, "name: r01", 'name: "r{09..01}"', "INP004", "counts down", at='"r{'),
    ]
# fmt: on


# fmt: off
def size_cases() -> list[Case]:
    c = "sizes"
    dev = "{model: dgx-h100, count: 4, position: 3}"
    gen = "generate: {switch: qm9700, rails: 8, su_size: 32}"

    def racks(n: int) -> str:
        return ONE.replace("racks:\n", "racks:\n" + "".join(
            f"  - {{name: x{i:06d}, model: apc-netshelter-sx-ar3100}}\n"
            for i in range(n)))  # fmt: skip

    many = racks(25000)
    mesh = HALL.replace('"st-leaf{1..9}"', '"st-leaf{1..2000}"').replace(
        '"st-spine{1..4}"', '"st-spine{1..1000}"'
    )
    laughs = (
        MINI
        + "a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        + "".join(
            f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)
        )
    )
    return [
        design(c, "range-1e9", ONE, "name: r01", 'name: "r{1..1000000000}"', "INP007", "1,000,000,000 racks", at='"r{'),
        design(c, "range-product", ONE, "name: r01", 'name: "r{1..1000}-{1..1000}"', "INP007", "1,000,000 racks", at='"r{'),
        design(c, "count-1e8", ONE, dev, "{model: dgx-h100, count: 100000000}", "INP002", "less than or equal to 1000000", at="100000000"),
        design(c, "count-10-pow-1000", ONE, dev, "{model: dgx-h100, count: " + "9" * 1000 + "}", "INP001", "too large", at="999"),
        design(c, "devices-over-limit", ONE, dev, "{model: dgx-h100, count: 60000}", "INP007", "asks for 60,000 devices", at="60000"),
        design(c, "racks-times-devices", ONE, "name: r01\n", 'name: "r{1..20000}"\n', "INP007", "80,000 devices, more than the 50,000", at="4, position"),
        design(c, "pdu-count", ONE, "{model: pdu-415v-3ph-60a-apc, feed: A}", "{model: pdu-415v-3ph-60a-apc, feed: A, count: 999999}", "INP007", "1,000,001 PDUs", at="- {model: pdu-415v-3ph-60a-apc, feed: A, count"),
        design(c, "extra-endpoints-1e9", HALL, gen, "generate: {switch: qm9700, rails: 8, extra_endpoints: 1000000000}", "INP002", "less than or equal", at="1000000000"),
        design(c, "su-size-1e30", HALL, gen, "generate: {switch: qm9700, rails: 8, " "su_size: 1000000000000000000000000000000}", "INP001", "too large", at="1000000"),
        design(c, "su-size-1e9", HALL, gen, "generate: {switch: qm9700, rails: 8, su_size: 1000000000}", "INP002", "less than or equal", at="1000000000"),
        design(c, "pod-size-1e9", HALL, gen, "generate: {switch: qm9700, rails: 8, pod_size: 1000000000}", "INP002", "less than or equal", at="1000000000"),
        design(c, "rails-1e6", HALL, gen, "generate: {switch: qm9700, rails: 1000000}", "INP002", "less than or equal to 64", at="1000000"),
        whole(c, "link-mesh-bomb", mesh, "INP004", "2,000 x 1,000 links", where(mesh, mesh.index('{from: "st-leaf{1..'))),
        whole(c, "billion-laughs", laughs, "INP001", "more than 250000 values", (3, 25)),
        whole(c, "file-50-mb", racks(800_000), "INP007", "larger than 4 MiB"),
        whole(c, "racks-25000", many, "INP007", "25,001 racks", where(many, many.index("x000000"))),
    ]
# fmt: on


def _cfg(name: str, toml: str, msg: str, pos: tuple[int, int],
         file: str = "rackcheck.toml", code: str = "CFG001") -> Case:  # fmt: skip
    args = ["check", "--no-cache", "--config", file, "-o", "json=out/report.json",
            "design.yaml"]  # fmt: skip
    return Case("config", name, {file: toml, "design.yaml": ONE}, args, (file, *pos),
                code, msg)  # fmt: skip


# fmt: off
def config_cases() -> list[Case]:
    out = []
    for rule, opt in (("POW001", "derating"), ("POW002", "derating"),
                      ("POW004", "derating"), ("POW006", "max_imbalance"),
                      ("STO005", "max_overhead")):  # fmt: skip
        for bad in ("nan", "inf", "-inf", "-1", "0", "1e400", "2.0"):
            out.append(_cfg(f"{rule}-{opt}-{bad}", f"[rules.{rule}]\n{opt} = {bad}\n",
                            "out of range", (2, 1)))  # fmt: skip
    out += [
        _cfg("STO005-optimum-ratio-0", "[rules.STO005]\noptimum_ratio = 0.5\n", "out of range", (2, 1)),
        _cfg("POW003-min-spare-negative", "[rules.POW003]\nmin_spare = -1\n", "out of range", (2, 1)),
        _cfg("POW003-min-spare-huge", "[rules.POW003]\nmin_spare = 100000\n", "out of range", (2, 1)),
        _cfg("derating-text", '[rules.POW001]\nderating = "high"\n', "expected a number, not 'high'", (2, 1)),
        _cfg("unknown-option", "[rules.POW001]\nderate = 0.8\n", "no option", (2, 1)),
        _cfg("unknown-rule", "[rules.POW999]\nderating = 0.8\n", "unknown rule", (1, 1)),
        _cfg("unknown-key", "fial-on = 'error'\n", "unknown key", (1, 1)),
        _cfg("fail-on-bad", "fail-on = 'fatal'\n", "expected one of", (1, 1)),
        _cfg("select-number", "select = 5\n", "expected a list of rule ids", (1, 1)),
        _cfg("select-unknown", "select = ['POW9']\n", "did you mean", (1, 12)),
        _cfg("toml-syntax", "fail-on = \n", "TOML syntax error", (1, 11)),
        _cfg("toml-deep-arrays", "select = " + "[" * 3000 + "]" * 3000 + "\n", "TOML", (1, 1)),
        _cfg("toml-not-utf8", b"fail-on = '\xff'\n", "cannot read config", (1, 1)),
        _cfg("extend-missing", "extend = 'nope.toml'\n", "no such file", (1, 1)),
        _cfg("extend-number", "extend = 5\n", "extend", (1, 1)),
        _cfg("budgets-bad", "[budgets]\nit_power_kw = 'lots'\n", "budgets.it_power_kw", (2, 1)),
        _cfg("budgets-unknown", "[budgets]\nbananas = 5\n", "unknown budget", (2, 1)),
        _cfg("budgets-huge", "[budgets]\nit_power_kw = 1e400\n", "budgets.it_power_kw", (2, 1)),
        _cfg("severity-bad", "[severity]\nPOW001 = 'fatal'\n", "expected one of", (2, 1)),
        _cfg("pyproject-tool-5", "tool = 5\n", "must be a table", (1, 1), "pyproject.toml"),
        _cfg("pyproject-rackcheck-5", "[tool]\nrackcheck = 5\n", "must be a table", (2, 1), "pyproject.toml"),
        _cfg("pyproject-rackcheck-list", "[tool]\nrackcheck = [1]\n", "must be a table", (2, 1), "pyproject.toml"),
    ]
    return out
# fmt: on


def _base(name: str, text: Any, msg: str, pos: tuple[int, int] = (1, 1)) -> Case:
    args = ["check", "--no-cache", "--isolated", "--baseline", "base.json", "-o",
            "json=out/report.json", "design.yaml"]  # fmt: skip
    return Case("baseline", name, {"base.json": text, "design.yaml": ONE}, args,
                ("base.json", *pos), "CFG001", msg)  # fmt: skip


# fmt: off
def baseline_cases() -> list[Case]:
    head = '{"version": 1, "findings": '
    entry = '{"rule_id": "POW001", "file": "design.yaml", "subject": "r01", "count": '
    return [
        _base("findings-5", head + "5}", "must be a list"),
        _base("findings-null", head + "null}", "must be a list"),
        _base("findings-map", head + "{}}", "must be a list"),
        _base("top-null", "null", "not a rackcheck baseline"),
        _base("top-list", "[]", "not a rackcheck baseline"),
        _base("version-2", '{"version": 2, "findings": []}', "version 1"),
        _base("entry-5", head + "[5]}", "findings[0]"),
        _base("entry-missing-keys", head + '[{"rule_id": "POW001"}]}', "findings[0]"),
        _base("count-1e400", head + "[" + entry + "1e400}]}", "count"),
        _base("count-negative", head + "[" + entry + "-1}]}", "count"),
        _base("count-text", head + "[" + entry + '"3"}]}', "count"),
        _base("count-huge-int", head + "[" + entry + "9" * 5000 + "}]}", "baseline"),
        _base("deep-nesting", head + "[" * 100000 + "]" * 100000 + "}", "nested too deeply"),
        _base("not-json", "version: 1\n", "not JSON"),
        _base("not-utf8", b'{"version": 1, "findings": ["\xff"]}', "not JSON"),
        _base("empty", "", "not JSON"),
        _base("fifo", _fifo, "baseline is a FIFO"),
        _base("folder", _folder, "baseline is a folder"),
    ]
# fmt: on


def _fifo(path: Path) -> None:
    import os

    os.mkfifo(path)


def _loop(path: Path) -> None:
    other = path.with_name(path.name + ".other")
    other.symlink_to(path.name)
    path.symlink_to(other.name)


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.yaml")


def _folder(path: Path) -> None:
    path.mkdir()


def _path(name: str, files: dict[str, Any], target: str, msg: str) -> Case:
    args = ["check", "--no-cache", "--isolated", "-o", "json=out/report.json", target]
    return Case("paths", name, files, args, (target, 1, 1), "INP001", msg)


# fmt: off
def path_cases() -> list[Case]:
    return [
        _path("missing", {}, "nope.yaml", "no such file or folder"),
        _path("fifo", {"pipe.yaml": _fifo}, "pipe.yaml", "is a FIFO"),
        _path("symlink-loop", {"loop.yaml": _loop}, "loop.yaml", "symbolic link loop"),
        _path("dangling-symlink", {"gone.yaml": _dangling}, "gone.yaml", "broken symbolic link"),
        _path("device", {}, "/dev/null", "is a character device"),
        _path("parent-is-file", {"design.yaml": ONE}, "design.yaml/x.yaml", "a parent of it is a file"),
        _path("fifo-in-folder-named", {"d": _folder, "d/pipe.yaml": _fifo}, "d/pipe.yaml", "is a FIFO"),
    ]
# fmt: on


def _out(name: str, outputs: list[str], bad: str, msg: str,
         files: dict[str, Any] | None = None, command: str = "check") -> Case:  # fmt: skip
    opts = [x for o in outputs for x in ("-o", o)]
    if command == "check":
        args = ["check", "--no-cache", "--isolated", *opts, "design.yaml"]
    elif command == "diff":
        args = ["diff", "--isolated", *opts, "design.yaml", "design.yaml"]
    else:
        args = ["baseline", "create", "--isolated", *opts, "design.yaml"]
    written = [o.partition("=")[2] or o for o in outputs]
    return Case("outputs", name, {"design.yaml": ONE, **(files or {})}, args,
                (bad, 1, 1), "INP008", msg, outputs=written)  # fmt: skip


# fmt: off
def output_cases() -> list[Case]:
    return [
        _out("parent-is-file", ["json=design.yaml/r.json"], "design.yaml/r.json", "a parent of it is a file"),
        _out("target-is-folder", ["json=adir"], "adir", "is a folder", {"adir": _folder}),
        _out("symlink-loop", ["json=loop.json"], "loop.json", "symbolic link loop", {"loop.json": _loop}),
        _out("second-fails", ["json=out/first.json", "sarif=adir"], "adir", "is a folder", {"adir": _folder}),
        _out("first-fails", ["json=adir", "sarif=out/second.sarif"], "adir", "is a folder", {"adir": _folder}),
        _out("deep-parent-is-file", ["text=design.yaml/a/b/c.txt"], "design.yaml/a/b/c.txt", "a parent of it is a file"),
        _out("diff-target-folder", ["markdown=adir"], "adir", "is a folder", {"adir": _folder}, "diff"),
        _out("baseline-target-folder", ["adir"], "adir", "is a folder", {"adir": _folder}, "baseline"),
    ]
# fmt: on


# fmt: off
def more_cases() -> list[Case]:
    """Readers of other files: a FIFO or folder as config, catalogs the design names."""
    check = ["check", "--no-cache", "--isolated", "-o", "json=out/report.json",
             "design.yaml"]  # fmt: skip
    with_extra = ONE.replace("racks:\n", "catalogs: [extra.yaml]\nracks:\n")
    pdu = (
        "catalog: 1\ncomponents:\n  - {id: x, kind: pdu, vendor: v, model: m, "
        'source: s, voltage: "415 kW", phases: 3, current: "32 A"}\n'
    )
    nvl = (
        "catalog: 1\ncomponents:\n  - {id: my-nvl, kind: rack-system, vendor: v, "
        "model: m, source: s, contains: [{model: nope}]}\n"
    )
    uses_nvl = with_extra.replace("model: apc-netshelter-sx-ar3100", "model: my-nvl")
    two = ONE.replace(
        "{model: dgx-h100, count: 4, position: 3}",
        "{model: dgx-h100, position: 3}\n      - {model: dgx-h100, position: 11}",
    ) + (
        "fabrics:\n  - name: f\n    switches:\n"
        "      - {name: leaf1, model: qm9700, tier: leaf}\n"
        "    links:\n      - {from: r01/dgx-h100, to: leaf1}\n"
    )
    over = ONE.replace("racks:\n", "components:\n  - {id: x, kind: server, vendor: v, "
                       "model: m, source: s, power: {psus: {count: 2, required: 8}}}\n"
                       "racks:\n")  # fmt: skip
    return [
        whole("references", "ambiguous-device-path", two, "INP004", "names several devices of rack r01", where(two, two.index("r01/dgx"))),
        whole("schema", "psus-required-over-count", over, "INP002", "required (8) is more than the 2 PSUs", where(over, over.index("{count: 2"))),
        _cfg("config-fifo", _fifo, "not a config file but a FIFO", (1, 1)),
        _cfg("config-folder", _folder, "not a config file but a folder", (1, 1)),
        Case("references", "extra-catalog-malformed", {"design.yaml": with_extra, "extra.yaml": pdu}, check, ("extra.yaml", *where(pdu, pdu.index('"415 kW"'))), "INP003", "not a voltage"),
        Case("references", "extra-catalog-rack-system", {"design.yaml": uses_nvl, "extra.yaml": nvl}, check, ("extra.yaml", *where(nvl, nvl.index("my-nvl"))), "INP004", "my-nvl: unknown model 'nope'"),
        Case("references", "extra-catalog-fifo", {"design.yaml": with_extra, "extra.yaml": _fifo}, check, ("design.yaml", *where(with_extra, with_extra.index("extra.yaml"))), "INP004", "catalog file 'extra.yaml' not found"),
    ]
# fmt: on


# fmt: off
def endpoint_cases() -> list[Case]:
    """A generated fabric beyond MAX_ENDPOINTS."""
    text = ("rackcheck: 1\nname: ep\nracks:\n  - name: \"r{00001..12000}\"\n"
            "    model: apc-netshelter-sx-ar3100\n    devices:\n"
            "      - {model: dgx-h100, count: 4}\nfabrics:\n  - name: f\n"
            "    endpoints: {models: [dgx-h100]}\n"
            "    generate: {switch: qm9700, rails: 8, extra_endpoints: 200000}\n")
    return [whole("sizes", "fabric-endpoints", text, "INP007", "584,000 endpoints",
                  where(text, text.index("8, extra")))]


def unwritable_cases() -> list[Case]:
    """Places nobody may write, even root: a kernel file system."""
    return [
        _out("unwritable-sys", ["json=/sys/rackcheck.json"], "/sys/rackcheck.json", "cannot write in /sys: Permission denied"),
        _out("unwritable-second", ["json=out/first.json", "sarif=/sys/r.sarif"], "/sys/r.sarif", "cannot write in /sys"),
    ]
# fmt: on


def all_cases() -> list[Case]:
    return (
        yaml_cases() + yaml11_cases() + schema_cases() + unit_cases()
        + physics_cases() + reference_cases() + size_cases() + config_cases()
        + baseline_cases() + path_cases() + output_cases() + more_cases()
        + unwritable_cases() + endpoint_cases()
    )  # fmt: skip
