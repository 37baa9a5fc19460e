"""Areas of control by date: dated layers and the time-aware spatial join.

Who held a place on the day something happened there. The bundled layers
(``data/control/layers.geojson``, built by ``data/control/build.py``; sources, method and weak
spots in ``data/control/SOURCES.md``) cover Syria from 2017-07-01 and Iraq from 2017-07-10 to
today, one set of non-overlapping polygons per day.

Controller codes are those of the source data's LEGEND.md (see :data:`CONTROLLER_LABELS`), plus

* ``OUTSIDE`` — the point is outside every layer (outside Syria and Iraq);
* ``UNKNOWN`` — inside the region, but the layers say nothing for that date or the row is
  unusable (unparseable date, empty geometry, a partial date spanning a change of control);
  ``control_reason`` says which.

Examples
--------
>>> from geo_incidents.control import control_at, assign_control
>>> layers = control_at("2023-02-17")                      # doctest: +SKIP
>>> assign_control(points, date_column="date")             # doctest: +SKIP
"""
from __future__ import annotations

import re
from datetime import date as _date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ._control_layers import (
    CONTROLLER_LABELS,
    ControlLayers,
    controller_label,
    read_bundled,
    read_layers,
    validate_layers,
)
from ._data import data_path
from ._frames import make_points
from .exceptions import InputError, PlaceNotFound

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "CONTROLLER_LABELS",
    "ControlLayers",
    "assign_control",
    "control_at",
    "control_history",
    "controller_label",
    "default_layers",
    "load_layers",
    "EDGE_SNAP_M",
]

_COLUMNS = ["controller", "label", "valid_from", "valid_to", "source", "confidence"]
_HISTORY = ["valid_from", "valid_to", "controller", "label", "source", "confidence"]
#: Points outside every polygon but this close (metres, great-circle) to one valid on their date
#: take it, with ``control_reason`` saying so: border towns and crossings fall just outside the
#: generalised outlines.
EDGE_SNAP_M = 2_000.0
_PARTIAL = re.compile(r"\s*(\d{4})(?:-(\d{1,2}))?\s*")


def _today() -> _date:
    """Today's date (one place, so tests can patch it)."""
    return _date.today()


@lru_cache(maxsize=1)
def default_layers() -> ControlLayers:
    """The bundled layers (read once, then cached).

    Returns
    -------
    ControlLayers
    """
    # (the GeoParquet copy of layers.geojson: the same rows, read in a tenth of the time)
    return read_bundled(data_path("control", "layers.parquet"), data_path("control", "region.geojson"))


def load_layers(source: str | Path | gpd.GeoDataFrame, *, on_top_of: ControlLayers | None = None,
                name: str | None = None) -> ControlLayers:
    """Load user layers from a GeoJSON/GeoPackage file (or a GeoDataFrame).

    Parameters
    ----------
    source : path or GeoDataFrame
        Polygons with columns ``controller, valid_from, valid_to, source, confidence`` (``label``
        optional; ``valid_to`` empty = still valid). Polygons valid on the same day must not
        overlap.
    on_top_of : ControlLayers, optional
        Put the user layers over these (e.g. :func:`default_layers`): where and when the user
        layers have a polygon they win; elsewhere the layers below answer.
    name : str, optional
        Shown in messages and in ``repr``.

    Returns
    -------
    ControlLayers

    Raises
    ------
    InputError
        Missing file or columns (named), bad dates or geometries, overlapping polygons.
    """
    if isinstance(source, (str, Path)):
        frame = read_layers(source)
        name = name or Path(source).name
    else:
        name = name or "user layers"
        frame = validate_layers(source, name=name)
    return ControlLayers(frame, name=name, parent=on_top_of,
                         region=None if on_top_of is None else _union(frame, on_top_of))


def _union(frame: gpd.GeoDataFrame, below: ControlLayers) -> Any:
    import shapely

    return shapely.union(shapely.union_all(frame.geometry.values), below.region)


def _layers(layers: Any) -> ControlLayers:
    if layers is None:
        return default_layers()
    if isinstance(layers, ControlLayers):
        return layers
    if isinstance(layers, (str, Path)):
        return _cached_file_layers(str(Path(layers).resolve()), Path(layers).stat().st_mtime_ns
                                   if Path(layers).exists() else 0)
    import geopandas as gpd

    if isinstance(layers, gpd.GeoDataFrame):
        return load_layers(layers)
    raise InputError(f"layers must be None, a path, a GeoDataFrame or ControlLayers, not {type(layers).__name__}")


@lru_cache(maxsize=8)
def _cached_file_layers(path: str, mtime_ns: int) -> ControlLayers:
    return load_layers(path)


def _one_date(value: Any) -> _date:
    from ._dates import parse_day

    return parse_day(value).date()


def control_at(date: Any, *, layers: Any = None) -> gpd.GeoDataFrame:
    """The areas of control on one day.

    Parameters
    ----------
    date : str, datetime.date, pandas.Timestamp
        The day (``"2023-02-17"``).
    layers : ControlLayers, path or GeoDataFrame, optional
        Default: the bundled layers.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``controller, label, valid_from, valid_to, source, confidence, geometry``
        (EPSG:4326), one row per polygon valid on that day (plus ``unit`` for bundled layers).

    Raises
    ------
    InputError
        Unreadable date, or a date outside the layers' coverage (before the first layer or in
        the future).

    Examples
    --------
    >>> gdf = control_at("2023-02-17")                      # doctest: +SKIP
    >>> gdf.to_crs(6933).dissolve("controller").area / 1e6   # doctest: +SKIP  (km², equal-area)
    """
    lay = _layers(layers)
    day = _one_date(date)
    _check_day(lay, day)
    stack = _stack(lay)
    key = tuple(int(level.interval_of(np.array([level.day_number(day)]))[0]) for level in stack)
    cached = lay._at_cache.get(key)
    if cached is None:
        cached = _frame_at(stack, key)
        lay._at_cache[key] = cached
    return cached.copy()


def _frame_at(stack: list[ControlLayers], key: tuple[int, ...]) -> gpd.GeoDataFrame:
    """Polygons of each level valid in its interval, upper levels cut out of lower ones."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    frames = []
    covered = None
    for level, k in zip(stack, key):
        idx = level.active(k) if k >= 0 else np.array([], dtype=int)
        part = level.frame.iloc[idx]
        if covered is not None and len(part):
            part = part.set_geometry(part.geometry.difference(covered))
            part = part[~part.geometry.is_empty]
        if len(part):
            frames.append(part)
            u = shapely.union_all(part.geometry.values)
            covered = u if covered is None else shapely.union(covered, u)
    cols = _COLUMNS + [c for c in ("unit",) if any(c in f.columns for f in frames)] + ["geometry"]
    if not frames:
        return gpd.GeoDataFrame({c: [] for c in cols[:-1]}, geometry=[], crs=4326)
    out = pd.concat([f.reindex(columns=cols) for f in frames], ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=4326)


def _stack(lay: ControlLayers) -> list[ControlLayers]:
    out = []
    while lay is not None:
        out.append(lay)
        lay = lay.parent
    return out


def _check_day(lay: ControlLayers, day: _date) -> None:
    first = min(level.first_day for level in _stack(lay))
    if day < first:
        raise InputError(f"{day} is before the first control layer ({first})")
    if day > _today():
        raise InputError(f"{day} is in the future (layers end today, {_today()})")


def _parse_dates(values: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dates → (first day, last day, ok) as int64 days; "2023-02" / "2023" keep their span."""
    import pandas as pd

    s = pd.Series(values)
    if pd.api.types.is_datetime64_any_dtype(s):
        d = s.values.astype("datetime64[D]")
        ok = ~np.isnat(d)
        days = d.astype(np.int64)
        return days, days, ok
    text = s.astype("string")
    is_partial = text.str.fullmatch(_PARTIAL.pattern).fillna(False).to_numpy(dtype=bool)
    full = pd.to_datetime(text.where(~is_partial), errors="coerce", format="ISO8601")
    lo = full.values.astype("datetime64[D]")
    hi = lo.copy()
    todo = np.isnat(lo) & text.notna().to_numpy()
    if todo.any():
        sub = text[todo]
        parts = sub.str.extract("^" + _PARTIAL.pattern + "$")
        y = pd.to_numeric(parts[0], errors="coerce")
        mo = pd.to_numeric(parts[1], errors="coerce")
        partial = y.notna() & (mo.isna() | mo.between(1, 12))
        has_mo = mo.notna()
        start = pd.to_datetime(pd.DataFrame({"year": y.where(partial, 2000), "month": mo.fillna(1),
                                             "day": 1}).astype(int), errors="coerce")
        nxt_y = np.where(has_mo, y + (mo == 12), y + 1)
        nxt_m = np.where(has_mo, mo % 12 + 1, 1)
        end = pd.to_datetime(pd.DataFrame({"year": np.where(partial, nxt_y, 2000), "month": np.where(
            partial, nxt_m, 1), "day": 1}).astype(int), errors="coerce") - pd.Timedelta(days=1)
        other = pd.to_datetime(sub.where(~partial), errors="coerce", format="mixed")
        other = other.to_numpy().astype("datetime64[D]")
        pm = partial.to_numpy(dtype=bool)
        lo[todo] = np.where(pm, start.to_numpy().astype("datetime64[D]"), other)
        hi[todo] = np.where(pm, end.to_numpy().astype("datetime64[D]"), other)
    ok = ~np.isnat(lo)
    return lo.astype(np.int64), hi.astype(np.int64), ok


def _points_xy(points: Any) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return (GeoDataFrame, lon, lat, usable, EPSG:4326 geometries) for a GeoDataFrame or a
    lat/lon DataFrame."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    if isinstance(points, gpd.GeoDataFrame):
        gdf = points
        if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
            geoms = gdf.geometry.to_crs(4326).values
        else:
            geoms = gdf.geometry.values
    elif isinstance(points, pd.DataFrame):
        if not {"lat", "lon"} <= set(points.columns):
            raise InputError("points must be a GeoDataFrame or have 'lat' and 'lon' columns")
        lat = pd.to_numeric(points["lat"], errors="coerce").to_numpy(float)
        lon = pd.to_numeric(points["lon"], errors="coerce").to_numpy(float)
        ok = np.isfinite(lat) & np.isfinite(lon)
        geoms = np.full(len(points), None, dtype=object)
        geoms[ok] = make_points(lon[ok], lat[ok])
        gdf = gpd.GeoDataFrame(points, geometry=gpd.GeoSeries(geoms, index=points.index), crs=4326)
        geoms = gdf.geometry.values
    else:
        raise InputError(f"points must be a (Geo)DataFrame, not {type(points).__name__}")
    arr = np.asarray(geoms)
    is_point = shapely.get_type_id(arr) == 0
    usable = is_point & ~shapely.is_empty(arr)
    x = np.full(len(arr), np.nan)
    y = np.full(len(arr), np.nan)
    x[usable] = shapely.get_x(arr[usable])
    y[usable] = shapely.get_y(arr[usable])
    usable &= np.isfinite(x) & np.isfinite(y) & (np.abs(x) <= 180) & (np.abs(y) <= 90)
    return gdf, x, y, usable, arr


def assign_control(points: Any, *, date: Any = None, date_column: str | None = None,
                   layers: Any = None) -> gpd.GeoDataFrame:
    """Add who controlled each point on its own date (a time-aware spatial join).

    Rows are grouped by the layers' periods and each group is joined with that period's
    polygons only; a point is never matched against a snapshot of another date.

    Parameters
    ----------
    points : geopandas.GeoDataFrame or pandas.DataFrame
        Point geometries (any CRS; reprojected to EPSG:4326), or ``lat``/``lon`` columns.
    date : date-like, optional
        One date for every row.
    date_column : str, optional
        Column with each row's date (``datetime64`` or strings ``YYYY-MM-DD``; ``YYYY-MM`` and
        ``YYYY`` are partial dates: assigned only if control did not change inside them).
    layers : ControlLayers, path or GeoDataFrame, optional
        Default: the bundled layers.

    Returns
    -------
    geopandas.GeoDataFrame
        The input rows, same order and index (geometry untouched), with the categorical columns
        ``controller``, ``control_label``, ``control_source``, ``control_confidence`` and
        ``control_reason``: NA for a plain match; why the row is ``UNKNOWN`` or ``OUTSIDE``; or
        "on the edge: nearest polygon, x km away" for a point up to :data:`EDGE_SNAP_M` outside
        every polygon (border towns and crossings fall just outside the generalised outlines).

    Raises
    ------
    InputError
        Neither or both of ``date`` and ``date_column``, an unknown ``date_column``, or points
        that are not a (Geo)DataFrame.
    """
    import pandas as pd
    import shapely

    if (date is None) == (date_column is None):
        raise InputError("give exactly one of date= or date_column=")
    gdf, x, y, usable, pts = _points_xy(points)
    n = len(gdf)
    if date_column is not None:
        if date_column not in gdf.columns:
            raise InputError(f"no column {date_column!r}; columns are: {', '.join(map(str, gdf.columns))}")
        lo, hi, date_ok = _parse_dates(gdf[date_column].to_numpy())
    else:
        d = _one_date(date)
        lo = hi = np.full(n, d.toordinal() - _date(1970, 1, 1).toordinal(), dtype=np.int64)
        date_ok = np.ones(n, dtype=bool)
    lay = _layers(layers)
    stack = _stack(lay)
    first = min(level.day_number(level.first_day) for level in stack)
    today = stack[0].day_number(_today())
    reason = np.full(n, None, dtype=object)
    reason[~date_ok] = "unparseable date"
    reason[date_ok & (lo < first)] = "date before the first control layer"
    reason[date_ok & (lo >= first) & (hi > today)] = "date in the future"
    reason[~usable] = "empty, missing, non-point or impossible geometry"
    live = usable & date_ok & (lo >= first) & (hi <= today)
    hit_lo, snap_lo = _locate_stack(stack, lo, x, y, live, pts)
    spans = live & (hi != lo)
    hit_hi = hit_lo.copy()
    if spans.any():
        hit_hi[spans], _ = _locate_stack(stack, hi[spans], x[spans], y[spans], np.ones(spans.sum(), bool),
                                         pts[spans])
    ctrl_lo = _column(stack, hit_lo, "controller")
    changed = spans & (ctrl_lo != _column(stack, hit_hi, "controller"))
    reason[changed] = "partial date spans a change of control"
    none = live & ~changed & (hit_lo[:, 0] < 0)
    reason[none] = "no control polygon covers this place on this date"
    good = live & ~changed & ~none
    snapped = good & np.isfinite(snap_lo)
    reason[snapped] = [f"on the edge: nearest polygon, {m / 1000:.1f} km away" for m in snap_lo[snapped]]
    controller = np.where(good, ctrl_lo, "UNKNOWN").astype(object)
    rest = np.flatnonzero(usable & ~good)
    outside = rest[~shapely.contains_xy(lay.region, x[rest], y[rest])]
    controller[outside] = "OUTSIDE"
    reason[outside] = "outside every layer (outside Syria and Iraq)"
    result = gdf.copy()
    ctrl = pd.Categorical(controller)
    result["controller"] = ctrl
    result["control_label"] = _labels(ctrl)
    result["control_source"] = _categorical(stack, hit_lo, "source", good)
    result["control_confidence"] = _categorical(stack, hit_lo, "confidence", good)
    result["control_reason"] = pd.Categorical(reason)
    return result


def _labels(ctrl: Any) -> Any:
    """``control_label``: the controller codes' labels, category by category."""
    return ctrl.rename_categories([controller_label(c) for c in ctrl.categories])


#: The columns :func:`assign_control` adds, in order.
CONTROL_COLUMNS = ("controller", "control_label", "control_source", "control_confidence", "control_reason")


def concat_assigned(frames: list[Any]) -> Any:
    """Concatenate the :func:`assign_control` results of consecutive slices of one table.

    The control columns come out typed as one call over the whole table types them: the same
    categories (sorted, as ``pandas.Categorical`` sorts them), in the same order; each slice
    has only the categories it met, so codes are mapped onto the union.
    """
    import pandas as pd

    used = [f for f in frames if len(f)] or list(frames[:1])
    order = list(used[0].columns)
    rest = [f.drop(columns=list(CONTROL_COLUMNS)) for f in used]
    out = pd.concat(rest, ignore_index=True) if len(rest) > 1 else rest[0].reset_index(drop=True)
    for column in ("controller", "control_source", "control_confidence", "control_reason"):
        out[column] = _union_categoricals([f[column].array for f in used])
    out["control_label"] = _labels(out["controller"].array)
    return out[order]


def _union_categoricals(parts: list[Any]) -> Any:
    """One Categorical of the values of ``parts`` (Categoricals), categories sorted."""
    import pandas as pd

    categories = pd.Index(sorted(set().union(*(set(p.categories) for p in parts))))
    codes = []
    for p in parts:  # code -1 (missing) takes the trailing -1
        remap = np.append(categories.get_indexer(p.categories), -1).astype(np.int64)
        codes.append(remap[p.codes])
    return pd.Categorical.from_codes(np.concatenate(codes) if codes else [], categories=categories)


def _categorical(stack: list[ControlLayers], hit: np.ndarray, column: str, good: np.ndarray) -> Any:
    """The layers' ``column`` for each matched row as a Categorical (NA where not matched)."""
    import pandas as pd

    values = [level.frame[column].astype(str) for level in stack]
    cats = pd.Index(sorted(set().union(*[set(v) for v in values])))
    codes = np.full(len(hit), -1, dtype=np.int64)
    for level_no, v in enumerate(values):
        sel = good & (hit[:, 0] == level_no)
        codes[sel] = cats.get_indexer(v)[hit[sel, 1]]
    return pd.Categorical.from_codes(codes, categories=cats)


def _locate_stack(stack: list[ControlLayers], days: np.ndarray, x: np.ndarray, y: np.ndarray,
                  mask: np.ndarray, pts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(level, frame index) of the polygon holding each masked row (-1 where none), and the
    distance in metres for rows matched to the nearest polygon within :data:`EDGE_SNAP_M`."""
    hit = np.full((len(days), 2), -1, dtype=np.int64)
    snap = np.full(len(days), np.nan)
    todo = np.flatnonzero(mask)
    for level_no, level in enumerate(stack):
        if not len(todo):
            break
        found = level.locate(days[todo], x[todo], y[todo], pts[todo])
        got = found >= 0
        hit[todo[got], 0] = level_no
        hit[todo[got], 1] = found[got]
        todo = todo[~got]
    if len(todo):  # border points just outside the (simplified) outline
        level = stack[-1]
        import shapely

        todo = todo[shapely.contains_xy(stack[0].near_region, x[todo], y[todo])]
        found, metres = level.nearest(days[todo], x[todo], y[todo], EDGE_SNAP_M)
        got = found >= 0
        hit[todo[got], 0] = len(stack) - 1
        hit[todo[got], 1] = found[got]
        snap[todo[got]] = metres[got]
    return hit, snap


def _column(stack: list[ControlLayers], hit: np.ndarray, column: str) -> np.ndarray:
    out = np.full(len(hit), None, dtype=object)
    for level_no, level in enumerate(stack):
        sel = hit[:, 0] == level_no
        if sel.any():
            out[sel] = level.frame[column].to_numpy(dtype=object)[hit[sel, 1]]
    return out


def control_history(place_or_point: Any, *, layers: Any = None, country: str | None = None
                    ) -> pd.DataFrame:
    """Who held a place, period by period.

    Parameters
    ----------
    place_or_point : str, shapely Point, (lat, lon) tuple, or an object with ``lat``/``lon``
        A name is resolved with the bundled gazetteer.
    layers : optional
        Default: the bundled layers.
    country : str, optional
        ISO code passed to the gazetteer (``"SY"``, ``"IQ"``).

    Returns
    -------
    pandas.DataFrame
        ``valid_from, valid_to, controller, label, source, confidence``, one row per polygon
        holding the place, sorted by date (a period split by an event elsewhere in the district
        gives two rows with the same controller; ``valid_to`` NaT = still valid).

    Raises
    ------
    PlaceNotFound
        The name did not resolve.
    InputError
        Unusable coordinates.
    """
    import pandas as pd

    lat, lon = _latlon(place_or_point, country)
    lay = _layers(layers)
    rows = []
    for level in reversed(_stack(lay)):  # the top level is added last and wins ties below
        import shapely

        idx = np.flatnonzero(shapely.contains_xy(level._geoms, lon, lat))
        rows.append(level.frame.iloc[idx][_HISTORY])
    out = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=_HISTORY)
    return out.sort_values(["valid_from", "valid_to"], na_position="last").reset_index(drop=True)


def _latlon(obj: Any, country: str | None) -> tuple[float, float]:
    if isinstance(obj, str):
        from .gazetteer import Gazetteer  # lazy: an earlier pipeline stage

        place = Gazetteer.default().resolve(obj, country=country)
        if place is None:
            raise PlaceNotFound(f"no place called {obj!r} in the gazetteer")
        lat, lon = place.lat, place.lon
    elif hasattr(obj, "geom_type") and obj.geom_type == "Point":
        lon, lat = obj.x, obj.y  # shapely points are (lon, lat)
    elif isinstance(obj, tuple) and len(obj) == 2:
        lat, lon = obj
    elif hasattr(obj, "lat") and hasattr(obj, "lon"):
        lat, lon = obj.lat, obj.lon
    else:
        raise InputError(f"expected a place name, a Point, (lat, lon) or a Place, not {type(obj).__name__}")
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError) as err:
        raise InputError(f"unusable coordinates {lat!r}, {lon!r}") from err
    if not (np.isfinite(lat) and np.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
        raise InputError(f"impossible coordinates lat={lat}, lon={lon}")
    return lat, lon
