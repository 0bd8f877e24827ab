"""`rackcheck report` and `rackcheck render rack`: the page's parts, its contracts
(one `<svg data-rack>` per rack, no request leaves the page), well-formed SVG, exit
codes, determinism, progress only on a terminal."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from rackcheck.api import check_with_graph
from rackcheck.cli import cli
from rackcheck.report.html import render_report
from rackcheck.report.html.progress import Progress

ROOT = Path(__file__).resolve().parents[2]
HALL = "designs/hall-a-dgx-h100.yaml"
FEED = "designs/broken/pow002-feed-loss.yaml"
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def hall_html(tmp_path_factory) -> str:
    import os

    old = os.getcwd()
    os.chdir(ROOT)
    try:
        out = tmp_path_factory.mktemp("r") / "hall.html"
        r = run("report", HALL, "-o", str(out))
        assert r.exit_code == 0, r.output
        return out.read_text(encoding="utf-8")
    finally:
        os.chdir(old)


def racks_drawn(html: str) -> list[str]:
    return re.findall(r'<svg [^>]*data-rack="([^"]+)"', html)


def test_one_elevation_per_rack(hall_html):
    racks = racks_drawn(hall_html)
    assert len(racks) == 33
    assert racks[0] == "su1-r01" and racks[-1] == "st01"
    assert len(set(racks)) == 33


def test_every_svg_is_well_formed_xml(hall_html):
    svgs = SVG.findall(hall_html)
    assert len(svgs) == 33 + 1 + 3 + 2  # elevations, legend, 3 charts, 2 fabrics
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_page_is_self_contained(hall_html):
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">" in hall_html
    )
    assert re.findall(r'(?:src|href)="(?!#)[^"]*"', hall_html) == []
    assert "<script" not in hall_html and "<link" not in hall_html
    assert "@import" not in hall_html and "url(http" not in hall_html


def test_ids_unique_and_links_land(hall_html):
    ids = re.findall(r' id="([^"]+)"', hall_html)
    assert len(ids) == len(set(ids))
    targets = set(re.findall(r'href="#([^"]+)"', hall_html))
    assert targets <= set(ids)
    assert {"summary", "elevations", "headroom", "fabrics", "findings"} <= targets


def test_summary_figures(hall_html):
    cards = dict(
        (label, value)
        for value, label in re.findall(
            r"<li data-figure=\"[^\"]+\"><b>([^<]+)</b>([^<]+)</li>", hall_html
        )
    )
    assert cards["GPUs"] == "1,024"
    assert cards["IT power"] == "1,310.4 kW"
    assert cards["heat to air"] == "1,310.4 kW"
    assert cards["bisection, compute"] == "204.8 Tb/s"
    assert cards["storage read"] == "193.1 GB/s"  # 2 x DDN AI400X2T, 96.5 GB/s each
    assert cards["errors"] == "0" and cards["notes"] == "4"  # DAT001 + 3 x DAT003
    assert "capex" not in cards  # no metrics.cost: no capex card


def test_elevation_devices_at_their_positions(hall_html):
    svg = next(s for s in SVG.findall(hall_html) if 'data-rack="su1-r01"' in s)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    titles = [g.find(f"{ns}title").text for g in root.iter(f"{ns}g")]
    assert titles == [
        f"dgx-h100-{n}: DGX H100 (server), U{3 + 8 * (n - 1)}-U{10 + 8 * (n - 1)}"
        for n in range(1, 5)
    ]
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "power 40.8 kW = 42.9 kVA" in texts
    assert "feed A down: 69.0 kVA left" in texts
    assert "heat to air 40.8 kW" in texts
    assert "32 of 42 U used" in texts


def test_headroom_and_fabric_numbers_beside_charts(hall_html):
    assert "42.9 kVA of 103.5 kVA (41 %); feed A down: 69.0 kVA (62 %)" in hall_html
    assert "air 40.8 kW of 45.0 kW (91 %); liquid 0.0 kW" in hall_html
    assert "room air" in hall_html and "1,310.4 kW of 1,500.0 kW (87 %)" in hall_html
    assert "leaf × 32" in hall_html and "spine × 16" in hall_html
    assert "nodes–leaf: 1,024 links × 400.0 Gb/s = 409.6 Tb/s" in hall_html
    assert "oversubscription at leaf: 1.00:1" in hall_html
    assert "bisection 204.8 Tb/s (cut: index); full bisection 204.8 Tb/s" in hall_html


def test_findings_link_racks_and_carry_rule_docs(tmp_path):
    out = tmp_path / "feed.html"
    # DAT003 (the rack's load rating is not published) is not the subject here
    args = ("report", FEED, "-o", str(out), "--extend-ignore", "DAT003")
    assert run(*args).exit_code == 1  # errors: as `check`
    html = out.read_text(encoding="utf-8")
    rows = re.findall(
        r'<tr id="(f-\d+)" class="sev-(\w+)"><td class="loc">([^<]+)</td>', html
    )
    assert rows == [  # the device short of PSUs is reported once (issue 9)
        ("f-0", "error", "designs/broken/pow002-feed-loss.yaml:14:17"),
    ]
    assert '<details id="doc-POW002"><summary>POW002 feed-loss</summary>' in html
    assert (
        "<p>A rack keeps running at full load when any one power feed fails.</p>"
        in html
    )
    assert html.count('<a href="#rack-r01">r01</a>') == 1
    svg = SVG.findall(html)[1]
    assert 'data-rack="r01"' in svg and 'data-findings="1"' in svg
    assert "flagged-error" in svg and '<a href="#f-0">' in svg
    assert "no position in the design; drawn at U1-U8" in svg


def test_later_rows_of_a_rule_link_its_doc(tmp_path):
    out = tmp_path / "phase.html"
    design = str(ROOT / "designs/broken/pow006-phase-balance.yaml")
    assert run("report", design, "-o", str(out)).exit_code == 1
    html = out.read_text(encoding="utf-8")
    assert html.count('<details id="doc-POW006">') == 1  # the doc once, at the first
    assert html.count('<a href="#doc-POW006">POW006</a>') == 2  # rows 2 and 3 link it


def test_overloaded_rack_bar_is_flagged(tmp_path):
    out = tmp_path / "pdu.html"
    assert (
        run(
            "report", "designs/broken/pow001-pdu-capacity.yaml", "-o", str(out)
        ).exit_code
        == 1
    )
    html = out.read_text(encoding="utf-8")
    power = re.search(r'<svg [^>]*data-chart="power".*?</svg>', html, re.S).group(0)
    assert '<g class="bar" data-over="1">' in power
    assert "OVER · 32.2 kVA of 25.9 kVA (124 %)" in power


def test_render_rack_writes_one_svg(tmp_path):
    out = tmp_path / "r01.svg"
    r = run("render", "rack", HALL, "su2-r03", "-o", str(out))
    assert r.exit_code == 0, r.output
    root = ET.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("data-rack") == "su2-r03"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[:2] == ["su2-r03", "NetShelter SX AR3100 (42U, 600 mm x 1070 mm)"]
    assert "power 40.8 kW = 42.9 kVA" in texts


def test_exit_codes_follow_fail_on(tmp_path):
    """The page is written whatever the findings; the exit code is `check`'s."""
    out = tmp_path / "p.html"
    assert run("report", FEED, "-o", str(out), "--exit-zero").exit_code == 0
    assert out.is_file()
    out.unlink()
    assert run("report", HALL, "-o", str(out), "--fail-on", "note").exit_code == 1
    # st01's storage appliance: DAT001 (no weight) and DAT003 (no inlet range)
    assert 'data-rack="st01" data-findings="2"' in out.read_text(encoding="utf-8")
    assert (
        run("report", FEED, "-o", str(out), "--ignore", "POW002,DAT003").exit_code == 0
    )
    assert 'data-rack="r01" data-findings="0"' in out.read_text(encoding="utf-8")


def test_render_unknown_rack_exit_2():
    r = run("render", "rack", HALL, "su1-r1")
    assert r.exit_code == 2
    assert "design has no rack 'su1-r1'; did you mean 'su1-r01'" in r.output


def test_bad_design_exit_2_nothing_written(tmp_path, write):
    bad = write(
        "bad.yaml", "rackcheck: 1\nname: x\nracks:\n  - name: r01\n    model: nope\n"
    )
    out = tmp_path / "bad.html"
    r = run("report", str(bad), "-o", str(out))
    assert r.exit_code == 2
    assert re.search(r"bad\.yaml:5:12: error INP004 unknown model 'nope'", r.output)
    assert not out.exists() and list(tmp_path.glob(".bad.html*")) == []
    r = run("report", "no/such.yaml", "-o", str(out))
    assert (
        r.exit_code == 2 and "no/such.yaml:1:1: error INP001 no such file" in r.output
    )


def test_same_input_same_bytes(tmp_path, hall_html):
    out = tmp_path / "again.html"
    assert run("report", HALL, "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == hall_html


def test_grouped_elevations(tmp_path):
    out = tmp_path / "g.html"
    assert run("report", HALL, "--elevations", "grouped", "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert racks_drawn(html) == ["su1-r01", "st01"]
    members = (
        re.search(r'data-rack="su1-r01" data-racks="([^"]+)"', html).group(1).split()
    )
    assert len(members) == 32 and members[-1] == "su4-r08"
    assert "32 racks drawn as su1-r01" in html


def test_optional_sections_when_metrics_hold_them():
    report, graph = check_with_graph(FEED)
    plain = render_report(report, graph)
    assert 'id="cost"' not in plain and 'id="phases"' not in plain
    report.metrics["cost"] = {
        "currency": "USD",
        "capex": "1250000.00",
        "tco": {"years": 5},
    }
    report.metrics["phases"] = {"p1": {"gpus": 8, "it_power_kw": 10.2}}
    html = render_report(report, graph)
    assert '<li data-figure="capex"><b>1250000.00 USD</b>capex</li>' in html
    assert '<section id="cost"><h2>Cost and TCO</h2>' in html
    assert "<tr><th>p1</th><td>8</td><td>10.2</td></tr>" in html


def test_progress_quiet_when_not_a_terminal():
    r = CliRunner().invoke(cli, ["report", FEED, "-o", "-", "--exit-zero"])
    assert r.exit_code == 0 and r.stderr == ""
    assert r.stdout.startswith("<!DOCTYPE html>")


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_and_quiet_flag():
    report, graph = check_with_graph(HALL)
    tty = Tty()
    render_report(report, graph, progress=Progress(tty))
    assert "drawing racks 33/33 (100 %)" in tty.getvalue()
    quiet = Tty()
    render_report(report, graph, progress=Progress(quiet, quiet=True))
    assert quiet.getvalue() == ""
    piped = io.StringIO()
    render_report(report, graph, progress=Progress(piped))
    assert piped.getvalue() == ""


TWO_ENTRIES = """\
# rackcheck: ignore-file[DAT003] the AR3100's load rating is not the subject here
rackcheck: 1
name: two entries
racks:
  - name: "r{01..02}"
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, position: 3}
      - {model: dgx-h100, position: 6}
  - name: r03
    model: apc-netshelter-sx-ar3100
    pdus:
      - {model: pdu-415v-3ph-60a-apc, feed: A}
      - {model: pdu-415v-3ph-60a-apc, feed: B}
      - {model: pdu-415v-3ph-60a-apc, feed: C}
    devices:
      - {model: dgx-h100, position: 3}
"""


def test_findings_attached_to_their_racks(write):
    from rackcheck.report.html.racks import attach_findings, rack_views

    path = write("two.yaml", TWO_ENTRIES)
    report, graph = check_with_graph(str(path))
    found = [(f.rule_id, f.location.line, f.location.column) for f in report.findings]
    assert found == [
        ("PHY001", 13, 37),
        ("PHY001", 13, 37),
    ]  # one per rack of r{01..02}
    views = rack_views(graph, report.metrics, 0.8)
    racks_of = attach_findings(graph, report.findings, views)
    assert racks_of == {0: ["r01"], 1: ["r02"]}
    assert [(v.name, v.findings) for v in views] == [
        ("r01", [0]),
        ("r02", [1]),
        ("r03", []),
    ]


def test_every_example_design_renders_well_formed(write):
    """Every example design (designs/ and designs/broken/; the facility examples in
    subfolders take seconds each to check) and a design with no racks: one elevation
    per rack, every SVG well-formed XML, no request possible."""
    empty = write("empty.yaml", "rackcheck: 1\nname: nothing yet\n")
    from rackcheck.api import discover

    found = discover(["designs"])[0]
    paths = [str(p) for p in found if p.parent.name in ("designs", "broken")]
    assert {HALL, FEED, "designs/row-gb200-nvl72.yaml"} <= set(paths)
    for path in [*paths, str(empty)]:
        report, graph = check_with_graph(path)
        assert report.input_errors == [], path
        html = render_report(report, graph)
        assert len(racks_drawn(html)) == report.metrics["totals"]["racks"], path
        for svg in SVG.findall(html):
            ET.fromstring(svg)
        assert re.findall(r'(?:src|href)="(?!#)[^"]*"', html) == [], path
    assert "<p>The design has no racks.</p>" in html
    assert "nothing to show" in html


def test_progress_ticks_while_a_stage_runs_and_clears_its_line():
    import time

    tty = Tty()
    p = Progress(tty)
    p.TICK = 0.01
    p.stage("checking big.yaml")
    time.sleep(0.1)
    p.step(3, 3)
    p.done()
    out = tty.getvalue()
    assert out.startswith("\rchecking big.yaml ...")
    assert re.search(r"\rchecking big\.yaml \.\.\. 0\.\d s", out)
    assert "checking big.yaml 3/3 (100 %)" in out
    assert out.endswith("\r" + " " * len("checking big.yaml 3/3 (100 %)") + "\r")


def test_racks_under_their_rows(write):
    text = TWO_ENTRIES.replace(
        '  - name: "r{01..02}"\n', '  - name: "r{01..02}"\n    row: A\n'
    ).replace("  - name: r03\n", "  - name: r03\n    row: B\n")
    report, graph = check_with_graph(str(write("rows.yaml", text)))
    html = render_report(report, graph)
    parts = re.findall(r'<h3 class="row">([^<]+)</h3>|data-rack="([^"]+)"', html)
    assert parts == [
        ("row A", ""),
        ("", "r01"),
        ("", "r02"),
        ("row B", ""),
        ("", "r03"),
    ]
    assert html.count('<div class="racks">') == 2


class _Bom:
    def as_dict(self):
        line = {"id": "dgx-h100", "kind": "server", "part_number": "DGXH-G640F+P2CMI36",
                "description": "NVIDIA DGX H100", "quantity": 1, "for": "r01"}  # fmt: skip
        return {"version": 1, "design": "x", "lines": [line], "notes": ["no cords"]}


def test_bom_and_scenarios_sections_where_rackcheck_has_them(monkeypatch):
    """Against the public entry points of `rackcheck.bom` and `rackcheck.scenarios`
    (stand-ins here); without them the sections are left out, or say why."""
    import sys
    import types

    report, graph = check_with_graph(FEED)
    for name in ("rackcheck.bom", "rackcheck.scenarios", "rackcheck.scenarios.render"):
        monkeypatch.setitem(sys.modules, name, None)  # as if this rackcheck had none
    html = render_report(report, graph, scenarios=True)
    assert 'id="bom"' not in html
    assert (
        "Failure scenarios were asked for, but this rackcheck cannot run them." in html
    )
    bom = types.ModuleType("rackcheck.bom")
    bom.derive_bom = lambda g: _Bom()
    scen = types.ModuleType("rackcheck.scenarios")
    scen.run = lambda g, depth, progress: ("result", g.design.name, depth)
    render = types.ModuleType("rackcheck.scenarios.render")
    outcome = {"fails": ["feed:A"], "gpus_dark": 8, "gpus_capped": 0}
    render.to_json = lambda res: json.dumps({"singles": 2, "scenarios": [outcome]})
    for mod in (bom, scen, render):
        monkeypatch.setitem(sys.modules, mod.__name__, mod)
    html = render_report(report, graph, scenarios=True)
    assert (
        "<td>DGXH-G640F+P2CMI36</td><td>NVIDIA DGX H100</td><td>1</td><td>r01</td>"
        in html
    )
    assert "<li>no cords</li>" in html
    assert "<p>2 single failures tried" in html
    assert "<tr><th>1</th><td>feed:A</td><td>8</td><td>0</td></tr>" in html
    assert 'id="scenarios"' not in render_report(report, graph)  # not asked: not run
