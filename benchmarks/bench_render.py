"""Map rendering at 1,000, 10,000 and 100,000 incidents, beside what users write by hand.

For each size: HTML size, build time (``render_map`` + HTML string) and time until the map is
drawn in headless Chromium (Debian's ``/usr/bin/chromium`` driven by Playwright, network cut),
for three maps of the same synthetic incidents:

* ``geo_incidents`` — ``render_map`` (clusters per controller, tooltips and popups, heat map,
  time slider, summary panel, search);
* ``folium Marker`` — one ``folium.Marker`` per incident with tooltip and popup (the hand-written
  way);
* ``FastMarkerCluster`` — folium's JSON-fed clusters (no tooltips or popups).

HTML sizes are of the page as folium writes it (assets linked from CDNs); the browser opens
copies with every asset inlined (ours self-contained with its basemap; the peers keep their
tile layer, whose requests fail at once: the network is cut). Targets at 100,000
incidents: HTML ≤ 8 MB, build ≤ 5 s, drawn ≤ 5 s.

The incidents are synthetic and seeded: points scattered around gazetteer places in Syria and
Iraq, dates over 2022–2023, 6 event types, Poisson fatalities, a description of ~70 characters
from a template (place × event × count) and one source URL per 5 incidents.

Run ``python -m benchmarks bench_render`` (``GEO_INCIDENTS_BENCH_SIZES=1000,10000`` to limit).
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

SIZES = (1_000, 10_000, 100_000)
TARGETS = {"html_mb": 8.0, "build_s": 5.0, "drawn_s": 5.0}
#: The hand-written peer is skipped above this size in a quick run (it takes ~1 min at 100k).
CHROMIUM = "/usr/bin/chromium"
#: The network is cut by the browser's own settings (a dead proxy, no DNS) rather than by
#: Playwright's request interception, which would slow the loading of large files.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"]
EVENTS = ["attack", "air or drone strike", "shelling", "landmine", "clashes", "raid"]
CONTROLLERS = ["SYR_GOV", "SDF", "IRQ_GOV", "KRG", "HTS", "TR_SNA", "ISIL", "UNKNOWN"]


def synthetic_incidents(n: int, seed: int = 7) -> Any:
    """``n`` synthetic incidents (GeoDataFrame, EPSG:4326), deterministic for a seed."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    from geo_incidents.gazetteer import Gazetteer

    rng = np.random.default_rng(seed)
    places = [p for p in Gazetteer.default().places() if p.country in ("SY", "IQ") and p.kind == "populated place"]
    places = sorted(places, key=lambda p: p.id)[:5000]
    pick = rng.integers(0, len(places), n)
    lat = np.array([places[k].lat for k in pick]) + rng.normal(0, 0.01, n)
    lon = np.array([places[k].lon for k in pick]) + rng.normal(0, 0.01, n)
    ev = rng.integers(0, len(EVENTS), n)
    fat = rng.poisson(1.5, n)
    names = [places[k].name for k in pick]
    frame = pd.DataFrame({
        "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 730, n), unit="D"),
        "place": [f"near {nm}" if k % 3 == 0 else nm for k, nm in zip(range(n), names)],
        "name": names,
        "name_ar": [places[k].name_ar for k in pick],
        "precision": rng.choice([1, 1, 1, 2, 2, 3], n),
        "controller": rng.choice(CONTROLLERS, n),
        "event_type": [EVENTS[e] for e in ev],
        "fatalities": fat,
        "description": [f"Reported {EVENTS[e]} in the area of {nm}; {f} killed according to local sources."
                        for e, nm, f in zip(ev, names, fat)],
        "source_url": [f"https://example.org/reports/{k // 5:06d}" for k in range(n)],
    })
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs=4326)  # (lon, lat)


def _ours(gdf: Any, self_contained: bool = False) -> str:
    from geo_incidents.render import map_html, render_map

    return map_html(render_map(gdf, self_contained=self_contained))


def _markers(gdf: Any) -> str:
    import folium

    m = folium.Map(location=[35, 40], zoom_start=6)
    for row in gdf.itertuples():
        folium.Marker([row.geometry.y, row.geometry.x], tooltip=f"{row.place} — {row.date:%Y-%m-%d}",
                      popup=f"<b>{row.place}</b><br>{row.event_type}, {row.fatalities} killed<br>{row.description}"
                            f"<br><a href='{row.source_url}'>source</a>").add_to(m)
    return m.get_root().render()


def _fast(gdf: Any) -> str:
    import folium
    from folium.plugins import FastMarkerCluster

    m = folium.Map(location=[35, 40], zoom_start=6)
    FastMarkerCluster(list(zip(gdf.geometry.y.round(5), gdf.geometry.x.round(5)))).add_to(m)
    return m.get_root().render()


_READY = {
    "geo_incidents": "() => window.geoIncidents && window.geoIncidents.ready",
    "folium Marker": "() => document.readyState === 'complete'",
    "FastMarkerCluster": "() => document.readyState === 'complete'",
}


def drawn_seconds(path: Path, ready_js: str, timeout_s: float = 180) -> float | None:
    """Seconds from navigation start until ``ready_js`` holds and a frame is painted."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS, headless=True,
                                                   viewport={"width": 1280, "height": 860})
        try:
            page = ctx.new_page()
            page.goto(path.as_uri(), wait_until="load", timeout=timeout_s * 1000)
            page.wait_for_function(ready_js, timeout=timeout_s * 1000, polling=50)
            ms = page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame("
                               "() => r(performance.now()))))")
            return round(ms / 1000, 2)
        except Exception:  # noqa: BLE001 - a page that never finishes is reported as None
            return None
        finally:
            ctx.close()


def bench_sizes(sizes: tuple[int, ...] = SIZES) -> list[dict]:
    """Size, build and draw time of the three maps at each size (rows for the table)."""
    from geo_incidents._render_assets import inline_assets

    rows: list[dict] = []
    builders = {"geo_incidents": _ours, "folium Marker": _markers, "FastMarkerCluster": _fast}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            gdf = synthetic_incidents(n)
            res: dict[str, dict[str, Any]] = {}
            for name, build in builders.items():
                t0 = time.perf_counter()
                html = build(gdf)
                build_s = time.perf_counter() - t0
                # peers: the same page with assets inlined (their tile requests are cut)
                offline = _ours(gdf, True) if name == "geo_incidents" else inline_assets(html)
                path = Path(tmp) / f"{name.replace(' ', '_')}_{n}.html"
                path.write_text(offline, encoding="utf-8")
                res[name] = {"html_mb": round(len(html.encode()) / 1e6, 2), "build_s": round(build_s, 2),
                             "offline_mb": round(len(offline.encode()) / 1e6, 2),
                             "drawn_s": drawn_seconds(path, _READY[name])}
            ours = res["geo_incidents"]
            for metric in ("html_mb", "offline_mb", "build_s", "drawn_s"):
                for peer in ("folium Marker", "FastMarkerCluster"):
                    mine, theirs = ours[metric], res[peer][metric]
                    target = TARGETS.get(metric) if n == 100_000 else None
                    rows.append({
                        "name": "render", "metric": f"{metric} @ {n:,}", "value": mine,
                        "peer_name": peer, "peer": theirs,
                        "ratio": round(theirs / mine, 1) if mine and theirs else "",
                        "target": f"≤ {target}" if target else "",
                        "met": ("" if target is None or mine is None else mine <= target),
                    })
    return rows


def run() -> list[dict]:
    """Rows: name, metric, value (geo_incidents), peer_name, peer, ratio, target, met."""
    env = os.environ.get("GEO_INCIDENTS_BENCH_SIZES")
    sizes = tuple(int(s) for s in env.split(",")) if env else SIZES
    return bench_sizes(sizes)


if __name__ == "__main__":  # pragma: no cover
    for r in run():
        print(r)
