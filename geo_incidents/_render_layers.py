"""The map's area layers as small folium-plugin-style elements (a ``_template`` each).

* :class:`BasemapLayer` — the bundled vector basemap (countries, governorates, rivers) that a
  self-contained map draws instead of tiles;
* :class:`ControlAreas` — control polygons coloured by controller (a ``Layer`` in the layer
  control), plus their validity periods for the time slider.

The incident markers are :mod:`geo_incidents._render_incidents`. Texts from the data reach the
page only through ``textContent``; the JSON is embedded with :func:`render.js_json`.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from branca.element import MacroElement
from folium.map import Layer
from folium.template import Template

from ._render_style import controller_color, controller_long_label

BASEMAP_ATTRIBUTION = "Basemap: Natural Earth; OCHA COD-AB (CC BY 3.0 IGO)"


def _js(obj: Any) -> str:
    from .render import js_json

    return js_json(obj)


@lru_cache(maxsize=1)
def basemap_json() -> str:
    """The bundled basemap GeoJSON text (``data/basemap/basemap.geojson``)."""
    from ._data import data_path

    return data_path("basemap", "basemap.geojson").read_text(encoding="utf-8").strip()


class BasemapLayer(MacroElement):
    """Offline vector basemap: land, governorate lines and rivers on a sea-coloured pane."""

    _template = Template("""
{% macro header(this, kwargs) %}
<style>.folium-map.gi-offline { background: #cadbe8; }</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  map.getContainer().classList.add("gi-offline");
  map.createPane("giBasemap"); map.getPane("giBasemap").style.zIndex = 150;
  var styles = {
    country: {color: "#8a8a8a", weight: 1, fillColor: "#f3f1ea", fillOpacity: 1},
    admin1: {color: "#a8a8a8", weight: 0.7, dashArray: "3 3", fill: false},
    river: {color: "#5b9bd5", weight: 1.2, opacity: 0.9}
  };
  L.geoJSON({{ this.data }}, {
    pane: "giBasemap", renderer: L.canvas({pane: "giBasemap", padding: 0.5}), interactive: false,
    attribution: {{ this.attribution|tojson }},
    style: function (f) { return styles[f.properties.layer] || styles.country; }
  }).addTo(map);
})();
{% endmacro %}
""")

    def __init__(self) -> None:
        super().__init__()
        self._name = "GiBasemap"
        self.attribution = BASEMAP_ATTRIBUTION

    @property
    def data(self) -> str:
        return basemap_json().replace("<", "\\u003c")


def _day_number(value: Any) -> int | None:
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    if pd.isna(ts):
        return None
    return int((ts.tz_localize(None) if ts.tzinfo else ts).normalize().value // 86_400_000_000_000)


def control_features(control: Any, *, simplify: float = 0.002) -> list[dict[str, Any]]:
    """Control polygons as compact GeoJSON features (coordinates to 4 decimals).

    Properties: ``c`` controller code, ``l`` label, ``a``/``b`` first/last-exclusive day
    (days since 1970-01-01, null = open), ``src`` source, ``conf`` confidence.
    """
    import numpy as np
    import shapely
    from shapely.geometry import mapping

    gdf = control
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs(4326)
    geoms = shapely.transform(gdf.geometry.simplify(simplify, preserve_topology=True).to_numpy(),
                              lambda xy: np.round(xy, 4))
    feats = []
    cols = set(gdf.columns)
    for k, (geom, (_, row)) in enumerate(zip(geoms, gdf.iterrows())):
        if geom is None or geom.is_empty:
            continue
        code = str(row["controller"]) if "controller" in cols and row["controller"] == row["controller"] else "UNKNOWN"
        label = row["label"] if "label" in cols and isinstance(row["label"], str) and row["label"] else None
        props = {"c": code, "l": label or controller_long_label(code),
                 "a": _day_number(row["valid_from"]) if "valid_from" in cols else None,
                 "b": _day_number(row["valid_to"]) if "valid_to" in cols else None,
                 "src": str(row["source"]) if "source" in cols and isinstance(row["source"], str) else None,
                 "conf": str(row["confidence"]) if "confidence" in cols and isinstance(row["confidence"], str) else None,
                 "k": k}
        feats.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    return feats


class ControlAreas(Layer):
    """Areas of control on one day, as a toggleable layer; all periods feed the time slider.

    Parameters
    ----------
    control : geopandas.GeoDataFrame
        Polygons with ``controller`` and optionally ``label``, ``valid_from``, ``valid_to``,
        ``source``, ``confidence``.
    day : pandas.Timestamp, optional
        Polygons valid on this day are drawn (all of them when None).
    style_kwds : dict, optional
        Leaflet path options overriding the defaults (``fillOpacity``, ``weight``...).
    timeline : bool
        Keep every period (not only ``day``'s) for the time slider.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var F = {{ this.features_js }};
  var STYLE = {{ this.style_js }};
  var DAY = {{ this.day_js }};
  function style(f) {
    var s = Object.assign({}, STYLE, {color: f.properties.col, fillColor: f.properties.col});
    if (f.properties.c.indexOf(":") >= 0) { s.dashArray = "6 4"; s.fillOpacity = STYLE.fillOpacity / 2; }
    return s;
  }
  function fmt(d) { return d === null || d === undefined ? "open" : new Date(d * 864e5).toISOString().slice(0, 10); }
  function tip(layer) {
    var p = layer.feature.properties, box = document.createElement("div"), b = document.createElement("b");
    b.textContent = p.l; box.appendChild(b);
    var lines = ["valid " + fmt(p.a) + " \\u2192 " + fmt(p.b)];
    if (p.src) lines.push("source: " + p.src);
    if (p.conf) lines.push("confidence: " + p.conf);
    lines.forEach(function (t) { var d = document.createElement("div"); d.textContent = t; box.appendChild(d); });
    return box;
  }
  function onDay(f) { var p = f.properties; return DAY === null || ((p.a === null || p.a <= DAY) && (p.b === null || DAY < p.b)); }
  var layer = L.geoJSON({type: "FeatureCollection", features: F.filter(onDay)}, {
    style: style, onEachFeature: function (f, l) { l.bindTooltip(tip, {sticky: true}); }
  });
  layer.giFeatures = F; layer.giStyle = style; layer.giTip = tip;
  return layer;
})();
{% endmacro %}
""")

    def __init__(self, control: Any, *, day: Any = None, style_kwds: dict[str, Any] | None = None,
                 timeline: bool = True) -> None:
        self.day = day
        self.label_day = None if day is None else day.strftime("%Y-%m-%d")
        name = "Areas of control" + (f" on {self.label_day}" if self.label_day else "")
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "GiControlAreas"
        feats = control_features(control)
        for f in feats:
            f["properties"]["col"] = controller_color(f["properties"]["c"])
        day_n = _day_number(day)
        periods = {(f["properties"]["a"], f["properties"]["b"]) for f in feats}
        self.has_periods = timeline and any(a is not None or b is not None for a, b in periods)
        if not self.has_periods and day_n is not None:
            feats = [f for f in feats if _valid(f, day_n)]
        self.features = feats
        self.day_number = day_n
        self.shown_codes = sorted({f["properties"]["c"] for f in feats if day_n is None or _valid(f, day_n)})
        self.style = {"weight": 0.8, "opacity": 0.9, "fillOpacity": 0.32, **dict(style_kwds or {})}

    @property
    def features_js(self) -> str:
        return _js(self.features)

    @property
    def style_js(self) -> str:
        return _js(self.style)

    @property
    def day_js(self) -> str:
        return "null" if self.day_number is None else str(self.day_number)


def _valid(feature: dict[str, Any], day: int) -> bool:
    a, b = feature["properties"]["a"], feature["properties"]["b"]
    return (a is None or a <= day) and (b is None or day < b)
