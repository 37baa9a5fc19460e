"""Interactive maps of incidents and areas of control: ``render_map()`` → ``folium.Map``.

The map is built in the style of ``GeoDataFrame.explore``: one call, keyword groups for the
objects it creates (``marker_kwds``, ``tooltip_kwds``, ``popup_kwds``, ``style_kwds``), and the
``folium.Map`` returned so a notebook shows it. What it draws:

* areas of control as polygons coloured by controller, with a legend naming each controller and
  the day the layer is valid for;
* incidents as one clustered layer per controller (a ``LayerControl`` toggles them), drawn as
  circles whose size follows fatalities and colour the event type; a precision-2 point ("near
  X") is a ring, a precision-3/4 point (a region, a country) a large dashed ring: never a pin
  pretending to be exact;
* tooltips (place, date) and popups (place as written and as resolved, precision, date,
  controller, event type, fatalities, source snippet and link), built in the browser from one
  compact JSON table, so 100,000 incidents still make a page of a few MB;
* a density (heat map) layer, a time slider (leaflet.timeline) showing incidents and control
  areas changing, a collapsible summary panel (counts and fatalities per controller, an SVG
  chart of incidents over time), filters by event type and precision, a search box (English or
  Arabic), a scale bar, and bounds fitted to the data.

``self_contained=True`` inlines every script and stylesheet from installed packages (see
:mod:`geo_incidents._render_assets`) and replaces tiles by the bundled vector basemap, so the
saved file works with the network cut.

Every text from the input reaches the page as JSON data put into the DOM with ``textContent``
or as HTML escaped here; nothing from the input is ever parsed as HTML or script.
"""
from __future__ import annotations

import html
import json
import math
import os
from collections import Counter
from typing import TYPE_CHECKING, Any

from ._render_style import (
    PRECISION_LABELS,
    controller_color,
    controller_label,
    event_colors,
)
from .exceptions import InputError

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

__all__ = ["render_map", "map_html", "save_map", "incident_payload", "PRECISION_LABELS"]

#: Map extent when there is nothing to fit: Syria and Iraq ((lat, lon) corners).
DEFAULT_BOUNDS = [[29.0, 35.5], [37.5, 48.8]]
#: Texts longer than this are cut in popups (keeps 100,000-row pages small).
SNIPPET_CHARS = 280
#: Above this many points the browser draws on one canvas instead of SVG elements.
SVG_LIMIT = 3000
#: Above this many points the clusters load in chunks, keeping the page responsive.
CHUNK_LIMIT = 20_000
#: Width kept free for the summary panel when fitting the bounds (pixels).
PANEL_PX = 300
_TEXT_COLUMNS = {"place": ("place",), "name": ("name",), "name_ar": ("name_ar",),
                 "text": ("description", "sentence", "text", "notes"), "url": ("source_url", "url"),
                 "label": ("control_label",)}


# --------------------------------------------------------------------------------------------
# data preparation (pure functions, tested without a browser)
# --------------------------------------------------------------------------------------------

def _check_frame(incidents: Any) -> gpd.GeoDataFrame:
    import geopandas as gpd

    if incidents is None:
        return gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs=4326)
    if not isinstance(incidents, gpd.GeoDataFrame):
        raise InputError(f"incidents must be a GeoDataFrame, not {type(incidents).__name__}")
    if incidents.crs is not None and not incidents.crs.equals("EPSG:4326"):
        incidents = incidents.to_crs(4326)
    return incidents


def _strings(values: Any, limit: int | None = None) -> dict[str, list]:
    """Dictionary-encode a text column: ``{"v": distinct values, "i": index per row or -1}``."""
    import pandas as pd

    s = pd.Series(values, copy=False).astype("string").str.strip()
    if limit:
        long = s.str.len() > limit
        s = s.where(~long.fillna(False), s.str.slice(0, limit - 1).str.rstrip() + "…")
    codes, uniques = pd.factorize(s.replace("", pd.NA), use_na_sentinel=True)
    return {"v": [str(u) for u in uniques], "i": codes.tolist()}


def _int_list(values: Any) -> list[int | None]:
    import numpy as np
    import pandas as pd

    num = pd.to_numeric(pd.Series(values, copy=False), errors="coerce").to_numpy(dtype="float64")
    out = np.where(np.isfinite(num), np.round(num), np.nan)
    return [None if math.isnan(v) else int(v) for v in out.tolist()]


def _days(values: Any) -> list[int | None]:
    import pandas as pd

    dt = pd.to_datetime(pd.Series(values, copy=False), errors="coerce")
    if getattr(dt.dt, "tz", None) is not None:
        dt = dt.dt.tz_localize(None)
    days = dt.dt.floor("D")
    ok = days.notna().to_numpy()
    nums = (days.to_numpy(dtype="datetime64[D]").astype("int64"))
    return [int(n) if good else None for n, good in zip(nums.tolist(), ok.tolist())]


def incident_payload(incidents: gpd.GeoDataFrame) -> dict[str, Any]:
    """The compact, column-oriented JSON table the page builds its markers from.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame
        Point incidents (EPSG:4326); rows with empty or missing geometry are counted as not
        mapped and left out.

    Returns
    -------
    dict
        ``n`` (mapped rows), ``unmapped``, ``lat``/``lon`` (4 decimals, ~10 m), ``c`` (index into
        ``cv``, the controller codes), ``e`` (index into ``ev``, the event types, or -1), ``p``
        (precision, 0 unknown), ``f`` (fatalities or null), ``t`` (days since 1970-01-01 or
        null), ``row`` (position in the input) and ``s``: dictionary-encoded text columns
        ``place``, ``name``, ``name_ar``, ``text`` (cut to :data:`SNIPPET_CHARS`), ``url``.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> gdf = gpd.GeoDataFrame({"place": ["Sukhna", None]},
    ...                        geometry=[Point(38.87, 34.88), None], crs=4326)
    >>> p = incident_payload(gdf)
    >>> p["n"], p["unmapped"], p["lat"], p["s"]["place"]["v"]
    (1, 1, [34.88], ['Sukhna'])
    """
    import numpy as np
    import pandas as pd

    gdf = _check_frame(incidents)
    geom = gdf.geometry
    mapped = (geom.notna() & ~geom.is_empty).to_numpy()
    if mapped.any():
        types = geom[mapped].geom_type.to_numpy()
        if not (types == "Point").all():
            bad = sorted(set(types[types != "Point"]))
            raise InputError(f"incidents must be points; found {', '.join(bad)}")
    rows = gdf.loc[mapped]
    # shapely points are (lon, lat): x is longitude, y is latitude
    lon = np.round(rows.geometry.x.to_numpy(dtype="float64"), 4)
    lat = np.round(rows.geometry.y.to_numpy(dtype="float64"), 4)
    good = np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    rows, lat, lon = rows.loc[good], lat[good], lon[good]
    n = len(rows)

    if "controller" in rows:
        ctrl = rows["controller"].astype("string").fillna("UNKNOWN").replace("", "UNKNOWN")
    else:
        ctrl = pd.Series(["ALL"] * n, index=rows.index, dtype="string")
    c_codes, c_uniques = pd.factorize(ctrl, sort=True)
    if "event_type" in rows:
        e_codes, e_uniques = pd.factorize(
            rows["event_type"].astype("string").str.strip().replace("", pd.NA), sort=True)
    else:
        e_codes, e_uniques = np.full(n, -1), []
    prec = _int_list(rows["precision"]) if "precision" in rows else [0] * n
    payload: dict[str, Any] = {
        "n": n,
        "unmapped": int(len(gdf) - n),
        "lat": lat.tolist(), "lon": lon.tolist(),
        "c": c_codes.tolist(), "cv": [str(c) for c in c_uniques],
        "e": np.asarray(e_codes).tolist(), "ev": [str(e) for e in e_uniques],
        "p": [p if p in (1, 2, 3, 4) else 0 for p in prec],
        "f": _int_list(rows["fatalities"]) if "fatalities" in rows else None,
        "t": _days(rows["date"]) if "date" in rows else None,
        "row": np.flatnonzero(mapped)[good].tolist(),
        "s": {},
    }
    for key, candidates in _TEXT_COLUMNS.items():
        col = next((c for c in candidates if c in rows.columns), None)
        if col is not None:
            payload["s"][key] = _strings(rows[col], SNIPPET_CHARS if key == "text" else None)
    return payload


def js_json(obj: Any) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>``, ``&`` and line separators escaped."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _bounds(payload: dict[str, Any]) -> list[list[float]]:
    if not payload["n"]:
        return DEFAULT_BOUNDS
    lat0, lat1 = min(payload["lat"]), max(payload["lat"])
    lon0, lon1 = min(payload["lon"]), max(payload["lon"])
    pad_lat, pad_lon = max(0.3, (lat1 - lat0) * 0.05), max(0.3, (lon1 - lon0) * 0.05)
    return [[lat0 - pad_lat, lon0 - pad_lon], [lat1 + pad_lat, lon1 + pad_lon]]


def _as_day(value: Any) -> Any:
    from ._dates import parse_day

    return None if value is None else parse_day(value)


def _reference_day(date: Any, payload: dict[str, Any]) -> Any:
    """The day the static control layer shows: ``date``, else the latest incident's day."""
    import pandas as pd

    day = _as_day(date)
    if day is None and payload.get("t"):
        days = [t for t in payload["t"] if t is not None]
        if days:
            day = pd.Timestamp(max(days), unit="D")
    return day


# --------------------------------------------------------------------------------------------
# the map
# --------------------------------------------------------------------------------------------

def _new_map(self_contained: bool, bounds: list[list[float]], map_kwds: dict[str, Any]) -> folium.Map:
    import folium

    kwds = {"control_scale": True, "zoom_start": 6, "prefer_canvas": False,
            "location": [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]}
    if self_contained:
        kwds["tiles"] = None
    else:
        kwds["tiles"] = "OpenStreetMap"
    kwds.update(map_kwds)
    m = folium.Map(**kwds)
    # a map without tiles has no maxZoom and MarkerCluster throws without one
    m.options.setdefault("max_zoom", 18)
    m.options.setdefault("min_zoom", 3)
    if self_contained:
        from ._render_assets import OfflineFigure

        OfflineFigure().add_child(m)  # re-parents the map: its page is rendered inlined
    return m


def render_map(
    incidents: gpd.GeoDataFrame | None = None,
    *,
    control: gpd.GeoDataFrame | None = None,
    date: Any = None,
    m: folium.Map | None = None,
    title: str | None = None,
    self_contained: bool = False,
    color_by: str | None = None,
    cluster: bool = True,
    heatmap: bool = True,
    timeline: bool = True,
    marker_kwds: dict[str, Any] | None = None,
    tooltip_kwds: dict[str, Any] | None = None,
    popup_kwds: dict[str, Any] | None = None,
    style_kwds: dict[str, Any] | None = None,
    map_kwds: dict[str, Any] | None = None,
) -> folium.Map:
    """Draw incidents and areas of control on an interactive folium map.

    Parameters
    ----------
    incidents : geopandas.GeoDataFrame, optional
        Points (EPSG:4326; others are reprojected). Optional columns: ``date``, ``place`` (as
        written), ``name`` (as resolved), ``name_ar``, ``precision`` (1–4), ``controller``,
        ``event_type``, ``fatalities``, ``description``/``sentence``, ``source_url``. Rows with
        empty geometry are counted as "not mapped". None or empty: an empty map with a message.
    control : geopandas.GeoDataFrame, optional
        Control polygons with ``controller`` (and ``label``, ``valid_from``, ``valid_to``,
        ``source``, ``confidence``), e.g. from :func:`geo_incidents.control.control_at`.
    date : date-like, optional
        The day whose control areas are drawn (default: the latest incident's day; polygons
        without validity dates are always drawn).
    m : folium.Map, optional
        Add to this map instead of a new one.
    title : str, optional
        Shown at the top of the summary panel.
    self_contained : bool, default False
        Inline every asset and draw the bundled vector basemap instead of tiles (only for a new
        map; the saved HTML then works with no network).
    color_by : {"event_type", "controller", "fatalities"}, optional
        Marker fill colour (default: event type when the column exists, else controller).
    cluster, heatmap, timeline : bool, default True
        Cluster the markers; add a density layer; add a time slider when incidents have dates.
    marker_kwds, tooltip_kwds, popup_kwds, style_kwds : dict, optional
        Leaflet options of the circle markers, the tooltips, the popups and the control polygons
        (e.g. ``{"fillOpacity": 0.6}``, ``{"sticky": True}``, ``{"maxWidth": 400}``).
    map_kwds : dict, optional
        Keyword arguments of ``folium.Map`` (for a new map).

    Returns
    -------
    folium.Map

    Raises
    ------
    InputError
        Incidents that are not a GeoDataFrame of points, an unknown ``color_by``, a bad ``date``.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> gdf = gpd.GeoDataFrame({"place": ["Sukhna"], "fatalities": [53]},
    ...                        geometry=[Point(38.87, 34.88)], crs=4326)
    >>> m = render_map(gdf, title="Example")
    >>> type(m).__name__
    'Map'
    """
    import folium
    from folium.plugins import MarkerCluster

    from ._render_incidents import IncidentLayer, cluster_icon_js
    from ._render_layers import BasemapLayer, ControlAreas
    from ._render_panel import Legend, SummaryPanel

    marker_kwds = dict(marker_kwds or {})
    tooltip_kwds = dict(tooltip_kwds or {})
    popup_kwds = dict(popup_kwds or {})
    style_kwds = dict(style_kwds or {})
    map_kwds = dict(map_kwds or {})

    payload = incident_payload(incidents)
    if color_by is None:
        color_by = "event_type" if payload["ev"] else "controller"
    if color_by not in ("event_type", "controller", "fatalities"):
        raise InputError(f"color_by must be one of event_type, controller, fatalities; not {color_by!r}")
    bounds = _bounds(payload)
    day = _reference_day(date, payload)
    new_map = m is None
    if m is None:
        m = _new_map(self_contained, bounds, map_kwds)
    if new_map and self_contained:
        BasemapLayer().add_to(m)

    ev_colors = event_colors(payload["ev"])
    payload["evc"] = [ev_colors[e] for e in payload["ev"]]
    payload["cc"] = [controller_color(c) for c in payload["cv"]]
    payload["cl"] = [("Incidents" if c == "ALL" else controller_label(c)) for c in payload["cv"]]

    areas = None
    if control is not None and len(control):
        areas = ControlAreas(control, day=day, style_kwds=style_kwds, timeline=timeline)
        areas.add_to(m)

    groups: dict[str, Any] = {}
    counts = Counter(payload["c"])
    for idx, code in enumerate(payload["cv"]):
        count = counts.get(idx, 0)
        label = payload["cl"][idx] + (f" ({count:,})" if count else "")
        # Leaflet's layer control puts names in as HTML: escape (codes may come from the input)
        fg = folium.FeatureGroup(name=html.escape(f"Incidents: {label}" if code != "ALL" else label), show=True)
        fg.add_to(m)
        if cluster:
            mc = MarkerCluster(control=False, icon_create_function=cluster_icon_js(payload["cc"][idx]),
                               options={"chunkedLoading": payload["n"] > CHUNK_LIMIT, "showCoverageOnHover": False,
                                        "maxClusterRadius": 45, "spiderfyOnMaxZoom": True,
                                        "disableClusteringAtZoom": 12})
            mc.add_to(fg)
            groups[code] = mc
        else:
            groups[code] = fg
    heat_group = None
    if heatmap and payload["n"]:
        heat_group = folium.FeatureGroup(name="Density (heat map)", show=False)
        heat_group.add_to(m)
    has_dates = bool(payload["t"]) and any(t is not None for t in payload["t"])
    timeline_group = None
    if timeline and (has_dates or (areas is not None and areas.has_periods)):
        timeline_group = folium.FeatureGroup(name="Time slider (incidents and areas by date)", show=False)
        timeline_group.add_to(m)

    panel = SummaryPanel(payload, title=title, day=day, control=control)
    panel.add_to(m)
    Legend(payload, areas=areas, day=day, color_by=color_by).add_to(m)
    IncidentLayer(payload, groups=groups, panel=panel, heat_group=heat_group,
                  timeline_group=timeline_group, areas=areas, color_by=color_by,
                  svg_limit=SVG_LIMIT, marker_kwds=marker_kwds, tooltip_kwds=tooltip_kwds,
                  popup_kwds=popup_kwds).add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    if new_map:  # leave room for the summary panel on the left
        m.fit_bounds(bounds, padding_top_left=(PANEL_PX, 10), padding_bottom_right=(10, 10))
    return m


def map_html(m: folium.Map) -> str:
    """The complete HTML page of ``m`` (inlined when the map was made self-contained)."""
    return m.get_root().render()


def save_map(m: folium.Map, path: str | os.PathLike[str]) -> int:
    """Write the map's HTML atomically (temp file + rename); return its size in bytes."""
    from ._files import atomic_write_bytes

    return atomic_write_bytes(path, map_html(m).encode("utf-8"))
