"""The incident markers, built in the browser from one JSON table (a folium-plugin-style element).

:class:`IncidentLayer` draws per-controller clusters of circle markers (SVG for small sets, one
canvas above :data:`render.SVG_LIMIT`), tooltips and popups as DOM text built on demand (one
handler per layer, not one object per marker), the heat map, the filters and search box of the
summary panel, and the time slider (leaflet.timeline) with the control areas' periods. Above
:data:`COMPRESS_ABOVE` incidents the table is embedded gzip-compressed in base64 and inflated
by the browser's own ``DecompressionStream``; this keeps 100,000 incidents under 4 MB.
"""
from __future__ import annotations

import base64
import gzip
import json
from typing import Any

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from ._render_layers import _js
from ._render_style import PRECISION_LABELS

HEAT_JS = "https://cdn.jsdelivr.net/gh/python-visualization/folium@main/folium/templates/leaflet_heat.min.js"
TIMELINE_JS = "https://cdn.jsdelivr.net/npm/leaflet.timeline@1.6.0/dist/leaflet.timeline.min.js"
#: Above this many incidents the table is embedded gzip-compressed (~4x smaller pages).
COMPRESS_ABOVE = 5_000


def cluster_icon_js(color: str) -> str:
    """``iconCreateFunction`` drawing a cluster in its controller's colour (count as text)."""
    return (
        "function (cluster) { var n = cluster.getChildCount();"
        " var s = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;"
        " var d = document.createElement('div'); d.className = 'gi-cluster';"
        f" d.style.background = {json.dumps(color)};"
        " d.style.width = d.style.height = s + 'px'; d.style.lineHeight = s + 'px';"
        " d.textContent = n >= 1000 ? Math.round(n / 100) / 10 + 'k' : String(n);"
        " return L.divIcon({html: d, className: 'gi-cluster-icon', iconSize: L.point(s, s)}); }"
    )



class IncidentLayer(JSCSSMixin, MacroElement):
    """Every incident marker, built in the browser from one JSON table (see the module doc)."""

    default_js = [("leaflet-heat.js", HEAT_JS), ("leaflet.timeline", TIMELINE_JS)]

    _template = Template("""
{% macro header(this, kwargs) %}
<style>
.gi-cluster-icon { background: none; border: none; }
.gi-cluster { border-radius: 50%; color: #fff; font: 600 12px/1 system-ui, sans-serif; text-align: center;
  box-shadow: 0 0 0 4px rgba(255,255,255,.65), 0 1px 4px rgba(0,0,0,.45); opacity: .92; }
.gi-popup { font: 13px/1.35 system-ui, sans-serif; max-width: 320px; }
.gi-popup .gi-title { font-weight: 600; font-size: 14px; margin-bottom: 4px; }
.gi-popup table { border-collapse: collapse; }
.gi-popup th { text-align: left; font-weight: 500; color: #555; padding: 1px 8px 1px 0; vertical-align: top; white-space: nowrap; }
.gi-popup td { padding: 1px 0; }
.gi-popup blockquote { margin: 6px 0; padding: 4px 8px; border-left: 3px solid #bbb; color: #333; background: #f7f7f7; }
.gi-tip { font: 12px system-ui, sans-serif; }
.leaflet-control.leaflet-timeline-control { width: 440px; max-width: 60vw; background: rgba(255,255,255,.94);
  border-radius: 6px; box-shadow: 0 1px 5px rgba(0,0,0,.35); padding: 4px 6px; font: 12px system-ui, sans-serif; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  "use strict";
  // Large tables come gzip-compressed in base64 and are inflated by the browser itself.
  function inflate(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }
  {%- if this.compressed %}
  inflate("{{ this.payload_b64 }}").then(start);
  {%- else %}
  var D = {{ this.payload_js }};
  start(D);
  {%- endif %}

function start(D) {
  var map = {{ this._parent.get_name() }};
  var O = {{ this.options_js }};
  var PREC = {{ this.precision_js }};
  var groups = {};
  {%- for code, layer in this.groups.items() %}
  groups[{{ code|tojson }}] = {{ layer.get_name() }};
  {%- endfor %}
  var heatGroup = {{ this.heat_name }}, tlGroup = {{ this.timeline_name }}, areas = {{ this.areas_name }};
  var panel = document.getElementById({{ this.panel_id|tojson }});
  var renderer = D.n > O.svgLimit ? L.canvas({padding: 0.3}) : L.svg();

  function str(col, i) { var c = D.s[col]; if (!c) return null; var k = c.i[i]; return k < 0 ? null : c.v[k]; }
  function day(i) { var t = D.t ? D.t[i] : null; return t === null || t === undefined ? null : new Date(t * 864e5).toISOString().slice(0, 10); }
  function fat(i) { return D.f ? D.f[i] : null; }
  function evName(i) { return D.e[i] >= 0 ? D.ev[D.e[i]] : null; }
  function ctrlLabel(i) { return D.cv[D.c[i]] === "ALL" ? null : D.cl[D.c[i]]; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== null && text !== undefined) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function fatColor(f) {
    if (f === null || f === undefined) return "#9e9e9e";
    return f >= 50 ? "#67000d" : f >= 20 ? "#a50f15" : f >= 10 ? "#d7301f" : f >= 5 ? "#ef6548" : f >= 1 ? "#fc8d59" : "#fdd49e";
  }
  function color(i) {
    if (O.colorBy === "event_type") return D.e[i] >= 0 ? D.evc[D.e[i]] : "#9e9e9e";
    if (O.colorBy === "fatalities") return fatColor(fat(i));
    return D.cc[D.c[i]];
  }
  function radius(i) { var f = fat(i); return 5 + (f ? Math.min(13, 2 * Math.sqrt(f)) : 0); }
  function style(i) {
    var p = D.p[i], c = color(i), r = radius(i), s;
    if (p === 2) s = {radius: r + 3, color: c, weight: 2.5, fillColor: c, fillOpacity: 0.12};
    else if (p >= 3) s = {radius: r + 9, color: c, weight: 2, dashArray: "4 4", fillColor: c, fillOpacity: 0.06};
    else s = {radius: r, color: "#222", weight: 1, fillColor: c, fillOpacity: 0.85};
    s.renderer = renderer;
    return Object.assign(s, O.marker);
  }
  function tooltip(i) {
    var parts = [str("place", i) || str("name", i) || "(unnamed place)"], d = day(i);
    if (d) parts.push(d);
    return el("div", parts.join(" \\u2014 "), "gi-tip");
  }
  function hostOf(url) { try { return new URL(url).hostname; } catch (err) { return url; } }
  function popup(i) {
    var box = el("div", null, "gi-popup");
    box.appendChild(el("div", str("place", i) || str("name", i) || "(unnamed place)", "gi-title"));
    var f = fat(i), rows = [
      ["Place as written", str("place", i)], ["Resolved as", str("name", i)], ["Arabic", str("name_ar", i)],
      ["Precision", D.p[i] ? D.p[i] + " \\u2014 " + PREC[D.p[i]] : null], ["Date", day(i)],
      ["Controller", ctrlLabel(i)], ["Event type", evName(i)], ["Fatalities", f === null ? null : f]];
    var table = el("table");
    rows.forEach(function (r) {
      if (r[1] === null || r[1] === undefined || r[1] === "") return;
      var tr = el("tr"); tr.appendChild(el("th", r[0]));
      var td = el("td", r[1]); if (r[0] === "Arabic") td.dir = "rtl";
      tr.appendChild(td); table.appendChild(tr);
    });
    box.appendChild(table);
    var text = str("text", i); if (text) box.appendChild(el("blockquote", text));
    var url = str("url", i);
    if (url && /^https?:\\/\\//i.test(url)) {
      var a = el("a", "Source: " + hostOf(url)); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      box.appendChild(a);
    }
    return box;
  }

  var markers = new Array(D.n);
  for (var i = 0; i < D.n; i++) { markers[i] = L.circleMarker([D.lat[i], D.lon[i]], style(i)); markers[i]._gi = i; }
  var tip = null;
  function openPopupAt(i) { L.popup(O.popup).setLatLng([D.lat[i], D.lon[i]]).setContent(popup(i)).openOn(map); }
  Object.keys(groups).forEach(function (k) {
    var g = groups[k];
    g.on("click", function (e) { if (e.layer && e.layer._gi !== undefined) openPopupAt(e.layer._gi); });
    g.on("mouseover", function (e) {
      if (!e.layer || e.layer._gi === undefined) return;
      tip = L.tooltip(O.tooltip).setLatLng(e.layer.getLatLng()).setContent(tooltip(e.layer._gi));
      map.openTooltip(tip);
    });
    g.on("mouseout", function () { if (tip) { map.closeTooltip(tip); tip = null; } });
  });

  var offEv = {}, offP = {}, heat = null, timelines = null, slider = null;
  function passes(i) { return !offEv[D.e[i]] && !offP[D.p[i]]; }
  // `ready` turns true once every group holds its markers (clusters load in chunks).
  var pending = 0, api = {ready: false};
  function fill(g, list) {
    if (!g.addLayers) { list.forEach(function (l) { g.addLayer(l); }); return; }
    if (g.options.chunkedLoading && g._map && list.length) {
      pending++;
      g.options.chunkProgress = function (done, total) {
        if (done >= total) { g.options.chunkProgress = null; if (--pending === 0) api.ready = true; }
      };
    }
    g.addLayers(list, true);  // true: no layeradd event per marker
  }
  function apply() {
    var by = {}, pts = [], shown = 0;
    Object.keys(groups).forEach(function (k) { by[k] = []; });
    for (var i = 0; i < D.n; i++) {
      if (!passes(i)) continue;
      by[D.cv[D.c[i]]].push(markers[i]); pts.push([D.lat[i], D.lon[i], 1]); shown++;
    }
    api.ready = false; pending = 0;
    Object.keys(groups).forEach(function (k) { groups[k].clearLayers(); fill(groups[k], by[k]); });
    if (pending === 0) api.ready = true;
    if (heat) heat.setLatLngs(pts);
    if (timelines) { dropTimeline(); buildTimeline(); }
    var count = panel && panel.querySelector(".gi-count");
    if (count) count.textContent = shown.toLocaleString("en") + " of " + D.n.toLocaleString("en") + " incidents shown";
    return shown;
  }
  if (panel) {
    panel.addEventListener("change", function (e) {
      var t = e.target; if (!t || !t.dataset || t.dataset.giFilter === undefined) return;
      var set = t.dataset.giFilter === "e" ? offEv : offP, key = Number(t.value);
      if (t.checked) delete set[key]; else set[key] = true;
      apply();
    });
  }

  if (heatGroup) {
    var pts = []; for (var h = 0; h < D.n; h++) pts.push([D.lat[h], D.lon[h], 1]);
    heat = L.heatLayer(pts, {radius: 18, blur: 16, minOpacity: 0.35, maxZoom: 9});
    heatGroup.addLayer(heat);
  }

  function fmtDay(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function buildTimeline() {
    var feats = [], span = O.window * 864e5;
    if (D.t) for (var i = 0; i < D.n; i++) {
      if (D.t[i] === null || !passes(i)) continue;
      feats.push({type: "Feature", properties: {i: i, start: D.t[i] * 864e5, end: D.t[i] * 864e5 + span},
                  geometry: {type: "Point", coordinates: [D.lon[i], D.lat[i]]}});  // GeoJSON: lon, lat
    }
    timelines = [];
    if (feats.length) {
      var tl = L.timeline({type: "FeatureCollection", features: feats}, {
        getInterval: function (f) { return {start: f.properties.start, end: f.properties.end}; },
        pointToLayer: function (f, ll) { var m = L.circleMarker(ll, style(f.properties.i)); m._gi = f.properties.i; return m; }
      });
      tl.on("click", function (e) { if (e.layer && e.layer._gi !== undefined) openPopupAt(e.layer._gi); });
      timelines.push(tl);
    }
    if (areas && areas.giFeatures) {
      var lo = Infinity, hi = -Infinity;
      feats.forEach(function (f) { lo = Math.min(lo, f.properties.start); hi = Math.max(hi, f.properties.end); });
      if (lo === Infinity) { lo = Date.UTC(2017, 6, 1); hi = Date.now(); }
      var ctl = L.timeline({type: "FeatureCollection", features: areas.giFeatures}, {
        getInterval: function (f) {
          var a = f.properties.a === null ? lo : f.properties.a * 864e5, b = f.properties.b === null ? hi : f.properties.b * 864e5;
          return {start: a, end: b};
        },
        style: areas.giStyle,
        onEachFeature: function (f, l) { l.bindTooltip(areas.giTip, {sticky: true}); }
      });
      timelines.unshift(ctl);
    }
    slider = L.timelineSliderControl({formatOutput: fmtDay, steps: O.steps, duration: 20000, enableKeyboardControls: true});
    timelines.forEach(function (t) { tlGroup.addLayer(t); });
    slider.addTo(map); slider.addTimelines.apply(slider, timelines);
  }
  function dropTimeline() {
    if (slider) { map.removeControl(slider); slider = null; }
    if (timelines) timelines.forEach(function (t) { tlGroup.removeLayer(t); });
    timelines = null;
  }
  // While the time slider is on, it replaces the static layers (restored when it is off).
  var hidden = [];
  if (tlGroup) {
    tlGroup.on("add", function () {
      hidden = Object.keys(groups).map(function (k) { return groups[k]; }).concat(areas ? [areas] : [])
        .filter(function (l) { return map.hasLayer(l); });
      hidden.forEach(function (l) { map.removeLayer(l); });
      if (!timelines) buildTimeline();
    });
    tlGroup.on("remove", function () {
      dropTimeline();
      hidden.forEach(function (l) { map.addLayer(l); }); hidden = [];
    });
  }

  var index = null;
  function fold(s) {
    return String(s).normalize("NFKD").replace(/[\\u0300-\\u036f\\u064b-\\u065f\\u0670\\u0640]/g, "")
      .replace(/[\\u0623\\u0625\\u0622\\u0671]/g, "\\u0627").replace(/\\u0649/g, "\\u064a").replace(/\\u0629/g, "\\u0647")
      .toLowerCase().replace(/[^\\p{L}\\p{N}]+/gu, " ").trim();
  }
  function buildIndex() {
    var byKey = {};
    ["place", "name", "name_ar"].forEach(function (col) {
      for (var i = 0; i < D.n; i++) {
        var v = str(col, i); if (!v) continue;
        var k = fold(v); if (!k) continue;
        var entry = byKey[k] || (byKey[k] = {label: v, rows: {}});
        entry.rows[i] = true;
      }
    });
    index = Object.keys(byKey).map(function (k) { var e = byKey[k]; return {key: k, label: e.label, rows: Object.keys(e.rows).map(Number)}; });
  }
  function search(q) {
    if (!index) buildIndex();
    var f = fold(q); if (!f) return [];
    var hits = index.filter(function (e) { return e.key.indexOf(f) >= 0; });
    hits.sort(function (a, b) { return (b.key.indexOf(f) === 0) - (a.key.indexOf(f) === 0) || b.rows.length - a.rows.length || (a.label < b.label ? -1 : 1); });
    return hits.slice(0, 8);
  }
  function show(hit) {
    if (hit.rows.length === 1) {
      var i = hit.rows[0]; map.setView([D.lat[i], D.lon[i]], Math.max(map.getZoom(), 10)); openPopupAt(i);
    } else {
      map.fitBounds(L.latLngBounds(hit.rows.map(function (i) { return [D.lat[i], D.lon[i]]; })).pad(0.2), {maxZoom: 11});
    }
  }
  var input = panel && panel.querySelector(".gi-search input"), list = panel && panel.querySelector(".gi-results");
  if (input && list) {
    input.addEventListener("input", function () {
      list.textContent = "";
      search(input.value).forEach(function (hit) {
        var li = el("li"), b = el("button", hit.label + " (" + hit.rows.length + ")");
        b.type = "button"; b.addEventListener("click", function () { show(hit); }); li.appendChild(b); list.appendChild(li);
      });
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { var h = search(input.value); if (h.length) show(h[0]); } });
  }

  apply();
  window.geoIncidents = Object.assign(api, {
    data: D, markers: markers, groups: groups, search: search, show: show, apply: apply,
    map: map, heatLayer: heatGroup, timelineLayer: tlGroup, areas: areas,
    slider: function () { return slider; },
    stats: function () {
      var clusters = 0, single = 0;
      Object.keys(groups).forEach(function (k) {
        var g = groups[k];
        if (!map.hasLayer(g)) return;
        if (g._featureGroup) g._featureGroup.eachLayer(function (l) { if (l instanceof L.MarkerCluster) clusters++; else single++; });
        else single += g.getLayers().length;
      });
      return {markers: D.n, unmapped: D.unmapped, clusters: clusters, unclustered: single,
              areas: areas ? areas.getLayers().length : 0};
    }
  });
}
})();
{% endmacro %}
""")

    def __init__(self, payload: dict[str, Any], *, groups: dict[str, Any], panel: Any,
                 heat_group: Any = None, timeline_group: Any = None, areas: Any = None,
                 color_by: str = "event_type", svg_limit: int = 3000,
                 marker_kwds: dict[str, Any] | None = None, tooltip_kwds: dict[str, Any] | None = None,
                 popup_kwds: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._name = "GiIncidents"
        self.payload = payload
        self.groups = groups
        self.panel_id = panel.element_id
        self.heat_name = heat_group.get_name() if heat_group is not None else "null"
        self.timeline_name = timeline_group.get_name() if timeline_group is not None else "null"
        self.areas_name = areas.get_name() if areas is not None else "null"
        days = [t for t in (payload.get("t") or []) if t is not None]
        span = (max(days) - min(days)) if days else 0
        self.options = {
            "colorBy": color_by, "svgLimit": svg_limit, "marker": dict(marker_kwds or {}),
            "tooltip": {"direction": "top", "offset": [0, -6], **dict(tooltip_kwds or {})},
            "popup": {"maxWidth": 340, **dict(popup_kwds or {})},
            # how long an incident stays on the time slider: 1/12 of the span, 7 to 90 days
            "window": max(7, min(90, span // 12 or 7)),
            "steps": max(50, min(1000, span or 50)),
        }

    @property
    def compressed(self) -> bool:
        return self.payload["n"] > COMPRESS_ABOVE

    @property
    def payload_js(self) -> str:
        return _js(self.payload)

    @property
    def payload_b64(self) -> str:
        """The table as gzip (deterministic: no timestamp) in base64."""
        raw = json.dumps(self.payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return base64.b64encode(gzip.compress(raw.encode("utf-8"), compresslevel=6, mtime=0)).decode("ascii")

    @property
    def options_js(self) -> str:
        return _js(self.options)

    @property
    def precision_js(self) -> str:
        return _js({str(k): v for k, v in PRECISION_LABELS.items()})
