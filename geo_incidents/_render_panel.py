"""The map's reading aids as small folium-plugin-style elements: summary panel and legend.

Both are Leaflet controls whose HTML is built here, in Python, with every input text escaped by
:func:`html.escape`; the chart of incidents over time is hand-written SVG (no chart library).
"""
from __future__ import annotations

import html
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from branca.element import MacroElement
from folium.template import Template

from ._render_style import PRECISION_LABELS, controller_color, controller_long_label

_CONTROL_TEMPLATE = """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var ctl = L.control({position: {{ this.position|tojson }}});
  ctl.onAdd = function () {
    var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
    div.id = {{ this.element_id|tojson }};
    div.innerHTML = {{ this.html_js }};  // built and escaped in Python
    L.DomEvent.disableClickPropagation(div); L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  ctl.addTo(map);
})();
{% endmacro %}
"""

_CSS = """
<style>
.gi-panel, .gi-legend { background: rgba(255,255,255,.94); padding: 6px 9px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,.35); font: 12px/1.35 system-ui, sans-serif; color: #222; }
.gi-panel { max-width: 300px; max-height: calc(100vh - 210px); overflow: auto; }
.gi-panel h2 { font-size: 14px; margin: 0 0 4px; }
.gi-panel summary { cursor: pointer; font-weight: 600; margin: 2px 0; }
.gi-panel table { border-collapse: collapse; width: 100%; }
.gi-panel td, .gi-panel th { padding: 1px 4px; text-align: left; }
.gi-panel td.n, .gi-panel th.n { text-align: right; font-variant-numeric: tabular-nums; }
.gi-panel .gi-empty { font-weight: 600; color: #a50f15; }
.gi-panel fieldset { border: 0; margin: 2px 0; padding: 0; }
.gi-panel legend { font-weight: 500; color: #555; padding: 0; }
.gi-panel label { display: block; white-space: nowrap; }
.gi-search input { width: 100%; box-sizing: border-box; margin-top: 4px; padding: 3px 5px; }
.gi-results { list-style: none; margin: 2px 0 0; padding: 0; }
.gi-results button { background: none; border: 0; padding: 1px 0; color: #0b62a4; cursor: pointer; text-align: left; }
.gi-sw { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px;
  vertical-align: -1px; border: 1px solid rgba(0,0,0,.35); }
.gi-legend { max-width: 260px; max-height: 45vh; overflow: auto; }
.gi-legend h3 { font-size: 12px; margin: 4px 0 2px; }
.gi-legend div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
</style>
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


class _HtmlControl(MacroElement):
    """A Leaflet control holding HTML built (and escaped) in Python."""

    _template = Template("{% macro header(this, kwargs) %}" + _CSS + "{% endmacro %}" + _CONTROL_TEMPLATE)
    position = "topleft"
    css_class = "gi-panel"

    def __init__(self) -> None:
        super().__init__()
        self.element_id = f"gi-{self.get_name()}"
        self.html = ""

    @property
    def html_js(self) -> str:
        from .render import js_json

        return js_json(self.html)


def _bin_start(day: int, unit: str) -> int:
    d = date(1970, 1, 1) + timedelta(days=day)
    if unit == "week":
        return day - d.weekday()
    if unit == "month":
        return (date(d.year, d.month, 1) - date(1970, 1, 1)).days
    return (date(d.year, 1, 1) - date(1970, 1, 1)).days


def _next_bin(start: int, unit: str) -> int:
    d = date(1970, 1, 1) + timedelta(days=start)
    if unit == "week":
        return start + 7
    if unit == "month":
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    else:
        nxt = date(d.year + 1, 1, 1)
    return (nxt - date(1970, 1, 1)).days


def chart_svg(days: list[int | None], codes: list[str], *, width: int = 270, height: int = 120) -> str:
    """Stacked bars of incidents per week/month/year and controller, as an inline SVG string.

    Examples
    --------
    >>> svg = chart_svg([19405, 19405, 19440], ["ISIL", "SDF", "ISIL"])
    >>> svg.startswith("<svg"), svg.count("<rect"), "Islamic State" in svg
    (True, 3, True)
    """
    pairs = [(d, c) for d, c in zip(days, codes) if d is not None]
    if not pairs:
        return ""
    lo, hi = min(d for d, _ in pairs), max(d for d, _ in pairs)
    unit = "week" if hi - lo <= 120 else "month" if hi - lo <= 5 * 366 else "year"
    starts = []
    s = _bin_start(lo, unit)
    while s <= hi:
        starts.append(s)
        s = _next_bin(s, unit)
    index = {s: k for k, s in enumerate(starts)}
    counts: dict[int, Counter] = defaultdict(Counter)
    for d, c in pairs:
        counts[index[_bin_start(d, unit)]][c] += 1
    top = max(sum(c.values()) for c in counts.values())
    left, bottom, plot_h = 26, 16, height - 22
    plot_w = width - left - 4
    bar_w = plot_w / len(starts)
    order = sorted({c for _, c in pairs})
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="gi-chart" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="Incidents per {unit} by controller">',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - 2}" y2="{height - bottom}" stroke="#999"/>',
             f'<text x="{left - 3}" y="{height - bottom - plot_h + 8}" font-size="9" text-anchor="end">{top}</text>',
             f'<text x="{left - 3}" y="{height - bottom}" font-size="9" text-anchor="end">0</text>']
    for k, s in enumerate(starts):
        y = height - bottom
        label = (date(1970, 1, 1) + timedelta(days=s)).isoformat()[: 7 if unit == "month" else 4 if unit == "year" else 10]
        for code in order:
            n = counts[k].get(code, 0)
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            parts.append(f'<rect x="{left + k * bar_w + 0.5:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 0.8):.1f}" '
                         f'height="{h:.1f}" fill="{controller_color(code)}"><title>{_e(label)}: {n} '
                         f'({_e(controller_long_label(code) if code != "ALL" else "incidents")})</title></rect>')
    first = (date(1970, 1, 1) + timedelta(days=starts[0])).isoformat()[:7]
    last = (date(1970, 1, 1) + timedelta(days=starts[-1])).isoformat()[:7]
    parts.append(f'<text x="{left}" y="{height - 3}" font-size="9">{_e(first)}</text>')
    parts.append(f'<text x="{width - 2}" y="{height - 3}" font-size="9" text-anchor="end">{_e(last)}</text>')
    parts.append("</svg>")
    return "".join(parts)


class SummaryPanel(_HtmlControl):
    """Collapsible panel: totals, incidents and fatalities per controller, chart, filters, search."""

    position = "topleft"
    css_class = "gi-panel"

    def __init__(self, payload: dict[str, Any], *, title: str | None = None, day: Any = None,
                 control: Any = None) -> None:
        super().__init__()
        self._name = "GiSummary"
        self.element_id = f"gi-{self.get_name()}"
        self.html = self._build(payload, title)

    @staticmethod
    def _build(p: dict[str, Any], title: str | None) -> str:
        n, out = p["n"], []
        if title:
            out.append(f"<h2>{_e(title)}</h2>")
        if not n:
            out.append('<p class="gi-empty">No incidents to map.</p>')
            if p["unmapped"]:
                out.append(f"<p>{p['unmapped']:,} incidents could not be placed (not mapped).</p>")
            return "".join(out)
        fat = p["f"] or []
        total_f = sum(f for f in fat if f)
        days = [t for t in (p["t"] or []) if t is not None]
        span = ""
        if days:
            a = (date(1970, 1, 1) + timedelta(days=min(days))).isoformat()
            b = (date(1970, 1, 1) + timedelta(days=max(days))).isoformat()
            span = f", {a} to {b}" if a != b else f", {a}"
        out.append(f"<details open><summary>Summary</summary><p>{n:,} incidents mapped"
                   f"{(', ' + format(p['unmapped'], ',') + ' not mapped') if p['unmapped'] else ''}"
                   f"{span}" + (f"; {total_f:,} fatalities" if p["f"] is not None else "") + ".</p>")
        per_n, per_f = Counter(p["c"]), Counter()
        for c, f in zip(p["c"], fat or [None] * n):
            per_f[c] += f or 0
        if p["cv"] != ["ALL"]:
            out.append('<table><tr><th>Controller</th><th class="n">Incidents</th><th class="n">Killed</th></tr>')
            for idx in sorted(per_n, key=lambda k: -per_n[k]):
                code = p["cv"][idx]
                out.append(f'<tr><td><span class="gi-sw" style="background:{controller_color(code)}"></span>'
                           f'{_e(p["cl"][idx])}</td><td class="n">{per_n[idx]:,}</td>'
                           f'<td class="n">{per_f[idx]:,}</td></tr>')
            out.append("</table>")
        if days:
            svg = chart_svg(p["t"], [p["cv"][c] for c in p["c"]])
            out.append(f"<div>Incidents over time</div>{svg}")
        out.append("</details>")
        out.append('<details><summary>Filters</summary>')
        if p["ev"]:
            out.append("<fieldset><legend>Event type</legend>")
            for k, ev in enumerate(p["ev"]):
                out.append(f'<label><input type="checkbox" data-gi-filter="e" value="{k}" checked> '
                           f'<span class="gi-sw" style="background:{p["evc"][k]}"></span>{_e(ev)}</label>')
            out.append("</fieldset>")
        precs = sorted(set(p["p"]))
        out.append("<fieldset><legend>Location precision</legend>")
        for v in precs:
            out.append(f'<label><input type="checkbox" data-gi-filter="p" value="{v}" checked> '
                       f'{v or "?"} — {_e(PRECISION_LABELS.get(v, "unknown"))}</label>')
        out.append('</fieldset><div class="gi-count"></div></details>')
        out.append('<div class="gi-search"><input type="search" placeholder="Find a place (English or Arabic)" '
                   'aria-label="Find a place"><ul class="gi-results"></ul></div>')
        return "".join(out)


def _symbol(kind: str) -> str:
    circle = {"dot": '<circle cx="9" cy="9" r="5" fill="#777" stroke="#222"/>',
              "ring": '<circle cx="9" cy="9" r="6" fill="#777" fill-opacity=".12" stroke="#777" stroke-width="2.5"/>',
              "area": '<circle cx="9" cy="9" r="7.5" fill="#777" fill-opacity=".06" stroke="#777" stroke-width="2" '
                      'stroke-dasharray="3 3"/>'}[kind]
    return f'<svg width="18" height="18" style="vertical-align:-4px;margin-right:4px">{circle}</svg>'


class Legend(_HtmlControl):
    """Legend: each controller of the control layer and the day it is valid for; marker key."""

    position = "bottomright"
    css_class = "gi-legend"

    def __init__(self, payload: dict[str, Any], *, areas: Any = None, day: Any = None,
                 color_by: str = "event_type") -> None:
        super().__init__()
        self._name = "GiLegend"
        self.element_id = f"gi-{self.get_name()}"
        out = []
        if areas is not None:
            when = f" on {areas.label_day}" if areas.label_day else ""
            out.append(f'<h3 class="gi-legend-title">Areas of control{_e(when)}</h3>')
            for code in areas.shown_codes:
                out.append(f'<div class="gi-legend-entry" title="{_e(controller_long_label(code))}" data-code="{_e(code)}">'
                           f'<span class="gi-sw" style="background:{controller_color(code)}"></span>'
                           f'{_e(controller_long_label(code))}</div>')
        if payload["n"]:
            out.append("<h3>Incidents</h3>")
            if color_by == "event_type" and payload["ev"]:
                for k, ev in enumerate(payload["ev"]):
                    out.append(f'<div><span class="gi-sw" style="border-radius:50%;background:{payload["evc"][k]}">'
                               f'</span>{_e(ev)}</div>')
            elif color_by == "fatalities":
                for lo, col in ((1, "#fc8d59"), (5, "#ef6548"), (10, "#d7301f"), (20, "#a50f15"), (50, "#67000d")):
                    out.append(f'<div><span class="gi-sw" style="border-radius:50%;background:{col}"></span>≥ {lo} killed</div>')
            out.append(f"<div>{_symbol('dot')}exact place</div><div>{_symbol('ring')}near / part of the place</div>"
                       f"<div>{_symbol('area')}somewhere in a region or country</div>")
            if payload["f"] is not None:
                out.append("<div>larger circle = more fatalities</div>")
        self.html = "".join(out)
