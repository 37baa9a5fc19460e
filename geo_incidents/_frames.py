"""Building index-aligned GeoDataFrames of matches (private; imported lazily)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from .gazetteer import Gazetteer

#: Columns of every resolved frame, in order (geometry last).
MATCH_COLUMNS = ["query", "name", "lat", "lon", "kind", "country", "admin1", "admin2",
                 "precision", "score", "matched", "method", "place_id"]
_FLOAT = ("lat", "lon", "score")


def make_points(x: Any, y: Any) -> Any:
    """``shapely.points(x, y)`` (x is the longitude) with Python's cyclic garbage collector
    paused while the points are made.

    Every shapely geometry is a Python object the collector tracks, so a million new points
    set off over a thousand collections, the oldest-generation ones walking every object
    alive: measured, a million points took 0.8-1.1 s with the collector running and 0.24 s
    with it paused, and the collections inside the two point-building steps were 3.5 s of a
    29 s million-row ``corpus_table``. Points hold no references, so pausing the collector
    cannot let a cycle grow.
    """
    import gc

    import shapely

    paused = gc.isenabled()
    gc.disable()
    try:
        return shapely.points(x, y)
    finally:
        if paused:
            gc.enable()


def matches_frame(gz: Gazetteer, names: Any, *, country: str | None = None,
                  admin1: str | None = None) -> geopandas.GeoDataFrame:
    """Resolve each distinct string of ``names`` once; misses stay as NA rows.

    Every column is first built for the distinct strings only, then spread to all rows
    with one ``numpy.take`` per column, so a million rows cost little more than their
    distinct names.
    """
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    series = names if isinstance(names, pd.Series) else pd.Series(list(names), dtype=object)
    is_str = np.fromiter((isinstance(v, str) for v in series.array), dtype=bool, count=len(series))
    values = series.to_numpy(dtype=object, copy=True)
    values[~is_str] = None
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    n_u = len(uniques)
    records = [None] * n_u
    for u, text in enumerate(uniques):
        m = gz.resolve(text, country=country, admin1=admin1)
        records[u] = m.to_dict() if m is not None else None
    take = np.where(codes >= 0, codes, n_u)  # misses and non-strings point at a trailing NA slot

    data: dict[str, Any] = {"query": values}
    for c in MATCH_COLUMNS[1:]:
        if c in _FLOAT:
            u_arr = np.array([r[c] if r else np.nan for r in records] + [np.nan], dtype="float64")
            data[c] = u_arr[take]
        elif c == "precision":
            u_arr = np.array([r[c] if r else 0 for r in records] + [0], dtype="int64")
            data[c] = pd.arrays.IntegerArray(u_arr[take], u_arr[take] == 0)
        else:
            u_arr = np.array([r[c] if r else None for r in records] + [None], dtype=object)
            data[c] = u_arr[take]
    u_geom = make_points(
        np.array([r["lon"] if r else 0.0 for r in records] + [0.0]),
        np.array([r["lat"] if r else 0.0 for r in records] + [0.0]))
    u_geom = u_geom.astype(object)
    u_geom[[i for i, r in enumerate(records) if r is None] + [n_u]] = None
    frame = pd.DataFrame(data, index=series.index)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(u_geom[take], index=series.index, crs="EPSG:4326"))
