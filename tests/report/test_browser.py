"""The report in a real browser: headless Chromium (Debian's `chromium`, installed by
.ci/run) opens the page of the 32-rack example, takes a screenshot, dumps the DOM and
logs the network. The page must draw (not blank), show one elevation per rack, and make
no request. A control page with an image from the network shows the log catches one.

`RACKCHECK_SCREENSHOT=docs/report-example.png pytest tests/report/test_browser.py`
also keeps the screenshot (the one in docs/report.md)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from rackcheck.cli import cli

ROOT = Path(__file__).resolve().parents[2]
HALL = "designs/hall-a-dgx-h100.yaml"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]  # fmt: skip
SERVER_BLUE = (0x4E, 0x79, 0xA7)


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "chromium not found: the browser test needs Debian's chromium package "
        "(`apt-get install -y chromium`; .ci/run installs it)"
    )


def browse(page: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    cmd = [chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def page_requests(net_log: Path) -> list[str]:
    """URLs the page asked for: requests whose initiator is the page's origin (the
    browser's own background requests are logged with `not an origin`)."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return sorted(
        e["params"]["url"]
        for e in log["events"]
        if e["type"] == start
        and "url" in e.get("params", {})
        and e["params"].get("initiator") != "not an origin"
        and not e["params"]["url"].startswith(("file:", "data:"))
    )


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "hall.html"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        r = CliRunner().invoke(cli, ["report", HALL, "-o", str(out)])
    finally:
        os.chdir(cwd)
    assert r.exit_code == 0, r.output
    return out


def test_screenshot_not_blank_and_no_request(report_page, tmp_path):
    shot, net = tmp_path / "shot.png", tmp_path / "net.json"
    browse(report_page, tmp_path, "--window-size=1280,1600", f"--screenshot={shot}",
           f"--log-net-log={net}")  # fmt: skip
    img = Image.open(shot).convert("RGB")
    assert img.size == (1280, 1600)
    colours = img.getcolors(maxcolors=1 << 24)  # [(count, (r, g, b))]
    total = 1280 * 1600
    ink = total - sum(n for n, c in colours if c == (255, 255, 255))
    near = [
        n
        for n, c in colours
        if max(abs(a - b) for a, b in zip(c, SERVER_BLUE, strict=True)) <= 40
    ]
    blue = sum(near)
    assert ink > 0.05 * total  # text, frames and devices drawn
    assert blue > 10_000  # the DGX H100 servers, in the server colour
    assert page_requests(net) == []
    keep = os.environ.get("RACKCHECK_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, ROOT / keep)


def test_dom_one_elevation_per_rack(report_page, tmp_path):
    dom = browse(report_page, tmp_path, "--dump-dom").stdout
    racks = re.findall(r'<svg [^>]*data-rack="([^"]+)"', dom)
    assert len(racks) == 33 == len(set(racks))
    assert racks[:2] == ["su1-r01", "su1-r02"] and racks[-1] == "st01"
    assert "<h1>hall-a-dgx-h100</h1>" in dom


def test_control_page_request_is_caught(tmp_path):
    page = tmp_path / "control.html"
    page.write_text('<p>x</p><img src="http://127.0.0.1:9/logo.png">', encoding="utf-8")
    net = tmp_path / "net.json"
    browse(page, tmp_path, "--dump-dom", f"--log-net-log={net}")
    assert page_requests(net) == ["http://127.0.0.1:9/logo.png"]
