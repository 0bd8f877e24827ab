"""The result cache: a warm run prints byte-for-byte what a cold one does, and any
change to a design, an extra catalog it reads or the settings is seen."""

from __future__ import annotations

import os

import pytest
from prhelp import BAD, ROOT, note, run

from rackcheck import cache
from rackcheck.model.load import CATALOG_DIR

pytestmark = pytest.mark.usefixtures("clean_env")

DESIGNS = sorted(str(p) for p in (ROOT / "designs").rglob("*.yaml"))


def entries() -> list:
    folder = cache.default_dir() / f"v{cache.CACHE_VERSION}"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def test_warm_output_is_byte_identical(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    outputs = {}
    for name, extra in (("cold", ["--no-cache"]), ("first", []), ("warm", [])):
        files = [f"{fmt}={tmp_path / name}.{fmt}" for fmt in ("json", "sarif", "junit")]
        r = run("check", *extra, *DESIGNS, *(a for f in files for a in ("-o", f)))
        assert r.exit_code == 1  # designs/broken
        outputs[name] = [r.output] + [
            (tmp_path / f"{name}.{fmt}").read_bytes()
            for fmt in ("json", "sarif", "junit")
        ]
        if name == "cold":
            assert entries() == []
    assert len(entries()) == len(DESIGNS)
    assert outputs["cold"] == outputs["first"] == outputs["warm"]


def test_design_edit_invalidates(project):
    assert run("check", "bad.yaml").exit_code == 1
    (project / "bad.yaml").write_text(BAD.replace("208v-3ph-30a", "415v-3ph-60a"))
    assert (
        run("check", "bad.yaml").output
        == note("bad.yaml", 5) + "\n1 note in 1 design\n"
    )
    assert len(entries()) == 1  # one entry a design, overwritten


def test_extra_catalog_edit_invalidates(project):
    (project / "extra.yaml").write_text(
        "catalog: 1\ncomponents:\n  - id: my-pdu\n    kind: pdu\n    vendor: X\n"
        "    model: Y\n    source: test\n    voltage: 208 V\n    phases: 3\n"
        "    current: 30 A\n"
    )
    (project / "d.yaml").write_text(
        BAD.replace("rackcheck: 1\n", "rackcheck: 1\ncatalogs: [extra.yaml]\n").replace(
            "pdu-208v-3ph-30a-apc", "my-pdu"
        )
    )
    first = run("check", "d.yaml")
    assert first.exit_code == 1 and "POW001" in first.output
    text = (
        (project / "extra.yaml")
        .read_text()
        .replace("208 V", "415 V")
        .replace("30 A", "60 A")
    )
    (project / "extra.yaml").write_text(text)
    assert run("check", "d.yaml").output == note("d.yaml", 6) + "\n1 note in 1 design\n"


def test_settings_are_part_of_the_key(project):
    assert run("check", "bad.yaml").exit_code == 1
    (project / "rackcheck.toml").write_text("[rules.POW001]\nderating = 1.0\n")
    assert run("check", "bad.yaml").exit_code == 0
    (project / "rackcheck.toml").write_text('[severity]\nPOW001 = "note"\n')
    assert "note POW001" in run("check", "bad.yaml").output


def test_off_switches_and_clear(project):
    run("check", "--no-cache", "bad.yaml")
    run("check", "bad.yaml", env={"RACKCHECK_NO_CACHE": "1"})
    assert entries() == []
    run("check", "bad.yaml")
    assert len(entries()) == 1
    r = run("cache", "clear")
    assert r.output.startswith("removed 1 cached result from ") and entries() == []


def test_unwritable_cache_is_skipped(project, monkeypatch):
    blocker = project / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("RACKCHECK_CACHE_DIR", str(blocker))
    assert run("check", "bad.yaml").exit_code == 1


def test_catalog_dir_matches_loader():
    assert cache.catalog_dir() == CATALOG_DIR


def test_default_dir():
    assert cache.default_dir({"RACKCHECK_CACHE_DIR": "/x"}) == cache.Path("/x")
    assert cache.default_dir({"XDG_CACHE_HOME": "/c"}) == cache.Path("/c/rackcheck")
    home = cache.default_dir({})
    assert home == cache.Path(os.path.expanduser("~")) / ".cache" / "rackcheck"
