"""The self-contained example map in a real browser, with the network cut.

Headless Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright's Python package
(``scripts/install_browser.sh`` installs both; ``playwright install`` is never used). Without
them these tests FAIL with a message saying how to install them: they are never skipped.
A screenshot is saved as ``artifacts/map.png``.
"""
from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo_incidents.cli import cli
from geo_incidents.cli.map import example_path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
INJECTED = {
    "place": "<img src=x onerror=\"window.__pwned='place'\">Sukhna",
    "description": "</script><script>window.__pwned='script'</script><img src=x onerror=window.__pwned='img'> \"q\" 'q'",
    "source_url": "javascript:window.__pwned='href'",
}


def _sync_playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Python package playwright is missing: run scripts/install_browser.sh", pytrace=False)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install_browser.sh (apt-get install chromium)",
                    pytrace=False)
    return sync_playwright


@pytest.fixture(scope="module")
def example_map(tmp_path_factory) -> Path:
    """The bundled example plus one row of hostile text, rendered self-contained by the CLI."""
    tmp = tmp_path_factory.mktemp("browser")
    src = tmp / "incidents.csv"
    with example_path().open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    evil = dict(rows[8], **INJECTED)  # same place and day as the 17 February attack
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows + [evil])
    out = tmp / "map.html"
    res = CliRunner().invoke(cli, ["map", str(src), "--self-contained", "--title", "Example <i>", "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture(scope="module")
def pw():
    """One Playwright driver for the module (the sync API allows only one at a time)."""
    sync_playwright = _sync_playwright()
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def page(example_map, pw):
    """The example map, loaded with every request other than file: and data: aborted."""
    profile = tempfile.mkdtemp(prefix="gi-chromium-")
    ctx = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, headless=True,
                                                viewport={"width": 1280, "height": 860})
    requests: list[str] = []
    console: list[tuple[str, str]] = []

    def route(r):
        url = r.request.url
        requests.append(url)
        if url.startswith(("file:", "data:")):
            r.continue_()
        else:
            r.abort()

    ctx.route("**/*", route)
    pg = ctx.new_page()
    pg.on("console", lambda m: console.append((m.type, m.text)))
    pg.on("pageerror", lambda e: console.append(("pageerror", str(e))))
    pg.on("requestfailed", lambda r: console.append(("requestfailed", r.url)))
    pg.goto(example_map.as_uri(), wait_until="load")
    pg.wait_for_function("window.geoIncidents && window.geoIncidents.ready", timeout=30_000)
    pg.wait_for_timeout(300)
    pg.requests, pg.console = requests, console
    try:
        yield pg
    finally:
        ctx.close()
        shutil.rmtree(profile, ignore_errors=True)


def test_markers_and_clusters_are_drawn(page):
    stats = page.evaluate("window.geoIncidents.stats()")
    assert stats["markers"] == 19 and stats["unmapped"] == 0
    assert stats["clusters"] >= 1 and stats["clusters"] + stats["unclustered"] <= 19
    assert 1 <= page.locator(".gi-cluster").count() <= stats["clusters"]  # off-screen ones may be pruned
    assert page.locator("path.leaflet-interactive").count() >= stats["unclustered"]


def test_control_polygons_and_legend(page):
    stats = page.evaluate("window.geoIncidents.stats()")
    assert stats["areas"] >= 50  # polygons of the bundled layers on the latest day
    assert page.locator(".gi-legend-title").inner_text() == "Areas of control on 2023-04-16"
    entries = page.locator(".gi-legend-entry").all_inner_texts()
    assert any("Syrian (Assad) government" in e for e in entries)
    assert any("Syrian Democratic Forces" in e for e in entries)
    assert any("Iraqi federal government" in e for e in entries)


def test_no_console_message_and_no_network_request(page):
    assert page.console == []
    outside = [u for u in page.requests if not u.startswith(("file:", "data:"))]
    assert outside == []


def test_every_font_loads(page):
    statuses = page.evaluate(
        "Promise.all(Array.from(document.fonts).map(f => f.load().then(() => f.status, () => 'error:' + f.family)))")
    assert statuses and all(s == "loaded" for s in statuses), statuses


def test_injected_script_did_not_run(page):
    assert page.evaluate("window.__pwned === undefined")
    page.locator(".gi-search input").fill("sukhna")
    page.wait_for_timeout(200)
    assert page.locator(".gi-results button").count() >= 1
    page.evaluate("""() => { const g = window.geoIncidents, D = g.data;
        const i = D.s.text.i.findIndex(k => k >= 0 && D.s.text.v[k].includes('__pwned'));
        g.show({rows: [i]}); }""")
    page.wait_for_selector(".gi-popup")
    text = page.locator(".gi-popup").inner_text()
    assert "window.__pwned='script'" in text  # shown as text
    assert page.locator(".gi-popup img, .gi-popup script").count() == 0
    assert page.locator(".gi-popup a").count() == 0  # javascript: link dropped
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator(".gi-panel h2").inner_text() == "Example <i>"


def test_filters_search_heat_and_time_slider(page):
    page.locator(".gi-panel summary", has_text="Filters").click()
    page.locator("input[data-gi-filter=p][value='3']").uncheck()
    assert "of 19 incidents shown" in page.locator(".gi-count").inner_text()
    page.locator("input[data-gi-filter=p][value='3']").check()
    assert page.locator(".gi-count").inner_text() == "19 of 19 incidents shown"
    hits = page.evaluate("window.geoIncidents.search('السلمية').map(h => h.label)")
    assert hits == ["السلمية"]
    page.evaluate("g = window.geoIncidents; g.map.addLayer(g.heatLayer); g.map.addLayer(g.timelineLayer); null")
    page.wait_for_selector(".leaflet-timeline-control")
    page.evaluate("window.geoIncidents.slider().setTime(Date.UTC(2023, 1, 18)); null")
    page.wait_for_timeout(300)
    assert page.locator("canvas.leaflet-heatmap-layer").count() == 1
    page.evaluate("window.geoIncidents.map.removeLayer(window.geoIncidents.timelineLayer); null")
    assert page.locator(".leaflet-timeline-control").count() == 0
    assert page.console == []


def test_screenshot(page):
    page.evaluate("window.geoIncidents.map.closePopup(); window.geoIncidents.map.removeLayer(window.geoIncidents.heatLayer); null")
    page.locator(".gi-search input").fill("")
    page.evaluate("document.querySelectorAll('.gi-panel details')[1].open = false; "
                  "window.geoIncidents.map.fitBounds([[32.2, 35.5], [37.6, 45.6]], {paddingTopLeft: [300, 10]}); null")
    page.wait_for_timeout(1500)  # let the zoom and cluster animations finish
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    assert (ARTIFACTS / "map.png").stat().st_size > 20_000


def test_a_large_compressed_table_draws(tmp_path, pw):
    """Above 5,000 incidents the table is gzip+base64: the browser inflates it and draws."""
    import geopandas as gpd
    import numpy as np

    from geo_incidents.render import render_map, save_map

    n, rng = 8000, np.random.default_rng(3)
    gdf = gpd.GeoDataFrame({"place": [f"Place {k % 300}" for k in range(n)],
                            "event_type": rng.choice(["attack", "shelling"], n),
                            "controller": rng.choice(["SDF", "SYR_GOV"], n)},
                           geometry=gpd.points_from_xy(rng.uniform(36, 42, n), rng.uniform(32, 37, n)), crs=4326)
    out = tmp_path / "big.html"
    save_map(render_map(gdf, self_contained=True), out)
    with tempfile.TemporaryDirectory() as profile:
        ctx = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
            pg = ctx.new_page()
            console: list[str] = []
            pg.on("console", lambda m: console.append(m.text))
            pg.on("pageerror", lambda e: console.append(str(e)))
            pg.goto(out.as_uri())
            pg.wait_for_function("window.geoIncidents && window.geoIncidents.ready", timeout=30_000)
            stats = pg.evaluate("window.geoIncidents.stats()")
            assert stats["markers"] == n and stats["clusters"] > 0
            assert console == []
        finally:
            ctx.close()
