"""`rackcheck catalog list | show | lint` and the lazily validated bundled catalog."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from rackcheck.catalog import lint_catalogs
from rackcheck.cli import cli
from rackcheck.model.load import Catalog, bundled_catalog_files, load_catalog


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_list_json_keys_and_vendor_filter():
    r = run("catalog", "list", "--vendor", "nvidia", "--kind", "server",
            "--format", "json")  # fmt: skip
    assert r.exit_code == 0
    rows = json.loads(r.output)
    ids = [x["id"] for x in rows]
    assert ids == ["dgx-b200", "dgx-b300", "dgx-h100", "dgx-h200"]
    assert set(rows[0]) == {"id", "kind", "vendor", "model", "part_number", "source",
                            "where"}  # fmt: skip
    h100 = rows[ids.index("dgx-h100")]
    assert h100["source"][1].startswith("NVIDIA DGX H100/H200 System User Guide")


def test_list_search_and_csv():
    r = run("catalog", "list", "--search", "AP8886", "--format", "csv")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert [x["id"] for x in rows] == ["pdu-400v-3ph-32a-apc-ap8886"]
    assert rows[0]["kind"] == "pdu" and rows[0]["where"].startswith(
        "catalogs/pdu/apc-by-schneider-electric.yaml:"
    )


def test_list_unknown_kind_is_usage_error():
    r = run("catalog", "list", "--kind", "toaster")
    assert r.exit_code == 2 and "'toaster'" in r.output


def test_show_text_every_figure_with_unit_and_source():
    r = run("catalog", "show", "dgx-h100")
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0] == "dgx-h100: NVIDIA DGX H100 (server)"
    assert any(line.split() == ["power.max", "10.2", "kW"] for line in lines)
    assert any(line.split() == ["weight", "130.45", "kg"] for line in lines)
    assert "  source:" in lines


def test_show_json_quantities_as_strings():
    r = run("catalog", "show", "dgx-b200", "--format", "json")
    data = json.loads(r.output)
    assert data["power"]["max"] == "14.3 kW"
    assert data["power"]["psus"] == {"model": "psu-3300w", "count": 6, "required": 5}
    assert data["source"][0].startswith("NVIDIA DGX B200 User Guide")


def test_show_unknown_id_suggests():
    r = run("catalog", "show", "dgx-h10")
    assert r.exit_code == 2 and "did you mean dgx-h100" in r.output


def test_lint_bundled_catalog_is_clean():
    result = lint_catalogs()
    assert result.findings == []
    assert sum(result.entries.values()) == len(load_catalog().components)
    comps = load_catalog().components
    second_hand = [i for i in comps if comps[i].source_quality == "second-hand"]
    assert result.entries["second-hand"] == len(second_hand)
    assert "pdu-415v-3ph-60a-apc" in second_hand  # marked in its file, counted by lint
    # the NetBox-sourced Supermicro entries are among them
    assert {"supermicro-as-4126gs-nmr-lcc", "supermicro-ars-121gl-nb3-lcc"} <= set(
        second_hand
    )


def _catalog(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "cat.yaml"
    p.write_text("catalog: 1\ncomponents:\n" + textwrap.dedent(body))
    return p


BAD = """\
- id: psu-1k
  kind: psu
  vendor: X
  model: P
  source: datasheet
  rating: "1 kW"
  part_number: PN-1
- id: srv
  kind: server
  vendor: X
  model: S
  source: datasheet
  part_number: PN-1
  power: {max: "3 kW", typical: "4 kW", psus: {model: psu-1k, count: 4, required: 2}}
- id: rk
  kind: rack
  vendor: X
  model: R
  source: datasheet
  rack_units: 48
  height: "2000 mm"
- id: sw
  kind: switch
  vendor: X
  model: W
  source: datasheet
  switching_capacity: "25.6 Tbit/s"
  ports: [{count: 64, speed: "800 Gbit/s"}]
- id: box
  kind: rack-system
  vendor: X
  model: B
  source: datasheet
  rack_units: 2
  contains: [{model: nothing-here}]
"""


def test_lint_finds_each_inconsistency_at_its_entry(tmp_path):
    path = _catalog(tmp_path, BAD)
    r = run("catalog", "lint", str(path))
    assert r.exit_code == 1
    got = [line.split(": ", 1)[0].rsplit(":", 2)[1:] + [line.split()[2]]
           for line in r.output.splitlines()[:-1]]  # fmt: skip
    assert got == [
        ["10", "7", "CAT001"],  # 2 x 1 kW < 3 kW
        ["10", "7", "CAT002"],  # typical 4 kW > max 3 kW
        ["10", "7", "CAT004"],  # PN-1 twice
        ["17", "7", "CAT003"],  # 48 x 44.45 mm = 2134 mm > 2000 mm
        ["24", "7", "CAT005"],  # 64 x 800 Gbit/s = 51.2 > 25.6 Tbit/s
        ["31", "7", "CAT006"],
    ]
    assert (
        "2 x 1.0 kW = 2.00 kW of PSUs carry less than its 3.00 kW maximum" in r.output
    )
    assert "2134 mm is taller than the rack's 2000 mm" in r.output
    assert "51.2 Tbit/s, more than the stated 25.6 Tbit/s" in r.output


def test_lint_schema_error_is_located_exit_2(tmp_path):
    path = _catalog(tmp_path, """\
        - id: p
          kind: psu
          vendor: X
          model: P
          source: datasheet
          rating: "1 kVA"
        """)  # fmt: skip
    r = run("catalog", "lint", str(path), "--format", "json")
    assert r.exit_code == 2
    (f,) = json.loads(r.output)["findings"]
    assert (f["rule_id"], f["location"]["line"]) == ("INP003", 8)


def test_bundled_catalog_validates_lazily_and_reads_subfolders(tmp_path):
    sub = tmp_path / "server"
    sub.mkdir()
    (sub / "x.yaml").write_text(
        "catalog: 1\ncomponents:\n- {id: odd, kind: psu, vendor: X, model: P, "
        "source: s, rating: '2 kVA'}\n- {id: fine, kind: psu, vendor: X, model: Q, "
        "source: s, rating: '2 kW'}\n"
    )
    cat = Catalog()
    cat.add_file(sub / "x.yaml", "server/x.yaml", lazy=True)
    assert cat.components.kind("odd") == "psu"
    assert str(cat.get("fine").rating.to("W")) == "2000.0 W"
    try:
        cat.get("odd")
    except Exception as exc:  # the broken entry fails when it is used, located
        assert [str(f.location) for f in exc.findings] == ["server/x.yaml:3:64"]
    else:
        raise AssertionError("an invalid entry validated")
    assert all(p.suffix == ".yaml" for p in bundled_catalog_files())


def test_bundled_files_are_in_the_layout_whose_ids_are_scanned():
    from rackcheck.model.load import scan_ids
    from rackcheck.source import load_yaml

    for path in bundled_catalog_files():
        scanned = scan_ids(path.read_text(encoding="utf-8"))
        doc = load_yaml(path)
        parsed = [
            (c["id"], doc.source.at(("components", i, "id")).line)
            for i, c in enumerate(doc.data["components"])
        ]
        assert scanned == parsed, path


def test_catalog_doc_is_generated():
    root = Path(__file__).resolve().parents[2]
    out = run("catalog", "list", "--format", "markdown").output
    assert out == (root / "docs" / "catalog.md").read_text(encoding="utf-8")
    assert (
        "| `dgx-h100` | NVIDIA DGX H100 | 8 | NVIDIA H100 SXM | 10.2 kW | 6 | 8 |"
        in out
    )


def test_renamed_entry_loads_by_its_old_id_from_the_bundled_layout(tmp_path):
    from rackcheck.model.load import scan_aliases

    text = (
        "catalog: 1\ncomponents:\n"
        "  - id: psu-new\n    aliases: [psu-old, psu-older]\n    kind: psu\n"
        "    vendor: X\n    model: P\n    source: s\n    rating: '2 kW'\n"
        "  - id: other\n    kind: psu\n    vendor: X\n    model: Q\n    source: s\n"
        "    rating: '1 kW'\n"
    )
    assert scan_aliases(text) == [("psu-old", "psu-new"), ("psu-older", "psu-new")]
    path = tmp_path / "x.yaml"
    path.write_text(text)
    for lazy in (True, False):
        cat = Catalog()
        cat.add_file(path, "x.yaml", lazy=lazy)
        assert str(cat.get("psu-old").rating.to("kW")) == "2.0 kW"
        assert (cat.new_id("psu-older"), cat.new_id("psu-new")) == ("psu-new", None)
        assert cat.get("other").id == "other" and cat.get("nothing") is None


def test_bundled_aliases_scan_as_they_parse():
    from rackcheck.model.load import _parsed_aliases, scan_aliases
    from rackcheck.source import load_yaml

    for path in bundled_catalog_files():
        assert scan_aliases(path.read_text(encoding="utf-8")) == _parsed_aliases(
            load_yaml(path)
        ), path


def test_an_entry_of_known_kind_is_validated_by_its_own_model():
    """validate_entry skips the union for a known kind: same entry, same errors."""
    from pydantic import TypeAdapter, ValidationError

    from rackcheck.model.catalog import BY_KIND, KINDS, Component
    from rackcheck.model.load import validate_entry
    from rackcheck.source import load_yaml

    assert sorted(BY_KIND) == sorted(KINDS)
    union = TypeAdapter(Component)
    seen = set()
    for path in bundled_catalog_files():
        for raw in load_yaml(path).data["components"]:
            entry = validate_entry(raw)
            assert type(entry) is BY_KIND[raw["kind"]]
            assert entry == union.validate_python(raw)
            seen.add(raw["kind"])
    assert len(seen) >= 12  # every kind but those the bundle does not hold
    bad = {"kind": "pdu", "id": "p", "vendor": "v", "model": "m", "source": "s",
           "voltage": "415 V", "phases": 3, "current": "32 kW"}  # fmt: skip
    errors = []
    for validate in (validate_entry, union.validate_python):
        try:
            validate(bad)
        except ValidationError as exc:
            errors.append([(e["loc"][-1], e["msg"]) for e in exc.errors()])
    assert errors[0] == errors[1]
    assert (
        "current",
        "Value error, '32 kW' is not a current (it is "
        "[mass] * [length] ** 2 / [time] ** 3); write e.g. '60 A'",
    ) in errors[0]
