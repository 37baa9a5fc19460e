"""Self-contained HTML: every script and stylesheet of a folium page inlined from packages.

Nothing here is pasted into the repository: the texts come from installed packages, by the URL
folium renders for them.

* ``folium-offline`` (PyPI, MIT) embeds every asset of folium 0.20 at folium's exact versions,
  keyed by URL (``offlinefolium.elements._res``); we use it as a lookup table only.
* folium itself ships the HeatMap script (``folium/templates/leaflet_heat.min.js``).
* ``xstatic-font-awesome`` supplies the Font Awesome web fonts that folium-offline's CSS still
  references by relative path.

Stylesheets are then made offline-safe, fixing the traps seen when inlining:

* ``@font-face`` rules keep ONE source each, as a ``data:`` URI (best format first: woff2, woff,
  truetype); relative or protocol-relative ``//`` sources (the Glyphicons trap) are dropped or
  replaced from xstatic, so a ``file://`` page never asks the network for a font.
* Font Awesome's v4/v5 compatibility families repeat the same fonts under other names; they are
  dropped (folium's icons use the v6 family), which keeps the page ~1 MB smaller.
* any other non-``data:`` ``url(...)`` (MiniMap's toggle image, leaflet-search's loader gif)
  becomes ``none``.
"""
from __future__ import annotations

import base64
import importlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from branca.element import Figure

from .exceptions import DataError, MissingDependency

_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')
_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"/>')
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.I)
_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)", re.I)
_SRC_DECL = re.compile(r"src\s*:(?:[^;}(]|\([^)]*\))*;?", re.I)  # a url(...) may hold ';' 
_SRC_ENTRY = re.compile(r"url\(\s*(['\"]?)([^)'\"]*)\1\s*\)(?:\s*format\(\s*['\"]?([\w-]+)['\"]?\s*\))?", re.I)
_OTHER_URL = re.compile(r"url\(\s*(?!['\"]?\s*(?:data:|#))[^)]*\)", re.I)
_FORMAT_RANK = {"woff2": 0, "woff": 1, "truetype": 2, "opentype": 3}
_MIME = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf"}
#: Font Awesome families that only alias the v6 fonts (dropped, see the module docstring).
_FA_ALIASES = ('"font awesome 5', "'font awesome 5", '"fontawesome"', "'fontawesome'", "fontawesome")


def _offline_table() -> dict[str, str]:
    try:
        module = importlib.import_module("offlinefolium.elements")
    except ImportError as err:
        raise MissingDependency(
            "a self-contained map needs the package folium-offline (pip install folium-offline)"
        ) from err
    table = getattr(module, "_res", None)
    if not isinstance(table, dict):  # pragma: no cover - a future folium-offline
        raise DataError("folium-offline no longer exposes its asset table; pin folium-offline 0.20.x")
    return table


@lru_cache(maxsize=None)
def asset_text(url: str) -> str:
    """The text of a folium asset, from installed packages.

    Raises
    ------
    DataError
        If no installed package carries ``url`` (the page would need the network).
    """
    name = url.rsplit("/", 1)[-1]
    folium_dir = Path(importlib.import_module("folium").__file__).parent / "templates"
    if "/folium/templates/" in url and (folium_dir / name).is_file():
        return (folium_dir / name).read_text(encoding="utf-8")
    table = _offline_table()
    if url in table:
        return table[url]
    raise DataError(f"no offline copy of {url}; a self-contained map cannot use it")


@lru_cache(maxsize=None)
def _xstatic_font(name: str) -> str | None:
    """``data:`` URI of a Font Awesome web font from xstatic-font-awesome, or None."""
    try:
        pkg = importlib.import_module("xstatic.pkg.font_awesome")
    except ImportError:
        return None
    path = Path(pkg.BASE_DIR) / "webfonts" / name
    if not path.is_file():
        return None
    mime = _MIME.get(path.suffix, "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _font_source(ref: str) -> str | None:
    """A ``data:`` URI for one ``url(...)`` of a ``@font-face`` rule, or None to drop it."""
    if ref.startswith("data:"):
        return ref
    if "webfonts/" in ref and not ref.startswith(("//", "http:", "https:")):
        return _xstatic_font(ref.rsplit("/", 1)[-1].split("?")[0])
    return None


def _rewrite_font_face(block: str) -> str:
    family = (_FAMILY.search(block) or [None, ""])[1].strip().lower()
    if family.startswith(_FA_ALIASES):
        return ""
    best: tuple[int, str, str] | None = None
    for decl in _SRC_DECL.findall(block):
        for _, ref, fmt in _SRC_ENTRY.findall(decl):
            fmt = (fmt or "").lower()
            if fmt not in _FORMAT_RANK:
                continue
            data = _font_source(ref.strip())
            if data is not None and (best is None or _FORMAT_RANK[fmt] < best[0]):
                best = (_FORMAT_RANK[fmt], data, fmt)
    if best is None:
        return ""
    body = _SRC_DECL.sub("", block[block.index("{") + 1: block.rindex("}")]).strip().rstrip(";")
    sep = ";" if body else ""
    return f"@font-face{{{body}{sep}src:url({best[1]}) format(\"{best[2]}\")}}"


def offline_css(css: str) -> str:
    """Make a stylesheet request nothing: fonts as one ``data:`` source each, other URLs dropped."""
    parts: list[str] = []
    pos = 0
    for m in _FONT_FACE.finditer(css):
        parts.append(_OTHER_URL.sub("none", css[pos:m.start()]))
        parts.append(_rewrite_font_face(m.group(0)))
        pos = m.end()
    parts.append(_OTHER_URL.sub("none", css[pos:]))
    return "".join(parts)


def _script(text: str) -> str:
    return "<script>" + text.replace("</script", "<\\/script") + "</script>"


def _style(text: str) -> str:
    return "<style>" + text.replace("</style", "<\\/style") + "</style>"


@lru_cache(maxsize=64)
def _inline_css(url: str) -> str:
    return _style(offline_css(asset_text(url)))


def inline_assets(html: str) -> str:
    """Replace every ``<script src>`` and stylesheet ``<link>`` of ``html`` by its text.

    Raises
    ------
    DataError
        If an asset has no offline copy (the page would otherwise need the network).
    """
    html = _SCRIPT.sub(lambda m: _script(asset_text(m.group(1))), html)
    return _LINK.sub(lambda m: _inline_css(m.group(1)), html)


class OfflineFigure(Figure):
    """A folium Figure whose HTML has every script and stylesheet inlined (see the module doc).

    ``save()``, ``_repr_html_()`` and ``render()`` all give the self-contained page.
    """

    def render(self, **kwargs: Any) -> str:
        return inline_assets(super().render(**kwargs))
