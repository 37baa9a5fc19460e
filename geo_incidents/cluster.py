"""Clustering incidents in metres, within areas of control.

DBSCAN with the haversine metric (scikit-learn, ball tree on radians; ``eps_km`` is converted
with the mean Earth radius, so distances are great-circle kilometres, never degrees), run
separately for each group of ``by`` (default: the ``controller`` column that
:func:`geo_incidents.control.assign_control` adds), so a cluster never straddles a front line.

Area-precision points (a ``precision`` column ≥ 2: "near", "part of a region", a governorate
centroid) are **not clustered**: their coordinates stand for an area, and a pile of them on a
centroid would otherwise form a dense artificial cluster. They get ``cluster = -1`` and
``cluster_note = "area precision"``; so do rows with missing geometry ("no point"), rows whose
``controller`` is ``UNKNOWN`` or ``OUTSIDE`` when clustering by controller ("controller unknown
or outside": they do not form one area) and DBSCAN noise ("noise"). The summary describes
clusters only.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._data import optional_import
from ._frames import make_points
from .exceptions import InputError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

__all__ = ["cluster_incidents", "EARTH_RADIUS_KM"]

#: Mean Earth radius (IUGG), km: the haversine conversion between radians and kilometres.
EARTH_RADIUS_KM = 6371.0088


def _dates(frame: pd.DataFrame, date_column: str | None) -> pd.Series | None:
    import pandas as pd

    if date_column is None:
        date_column = "date" if "date" in frame.columns else None
    if date_column is None:
        return None
    if date_column not in frame.columns:
        raise InputError(f"no column {date_column!r}")
    return pd.to_datetime(frame[date_column], errors="coerce", format="mixed")


def cluster_incidents(points: Any, *, eps_km: float = 10.0, min_samples: int = 3,
                      by: str | None = "controller", date_column: str | None = None,
                      ) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Cluster point incidents with DBSCAN (haversine, km), per group of ``by``.

    Parameters
    ----------
    points : geopandas.GeoDataFrame or pandas.DataFrame
        Points (any CRS; EPSG:4326 used) or ``lat``/``lon`` columns. Optional columns:
        ``precision`` (rows ≥ 2 are not clustered), ``fatalities`` (summed), a date column.
    eps_km : float
        Neighbourhood radius in kilometres (great-circle).
    min_samples : int
        DBSCAN core-point threshold (the point itself included).
    by : str or None
        Column to cluster within (default ``"controller"``); ``None`` clusters all together.
    date_column : str, optional
        Column with dates for first/last in the summary (default: ``date`` if present).

    Returns
    -------
    (geopandas.GeoDataFrame, pandas.DataFrame)
        The input rows (same order and index) with ``cluster`` (int, -1 = not in a cluster,
        unique across groups) and ``cluster_note``; and a summary with one row per cluster:
        ``cluster``, the ``by`` value, ``count``, ``fatalities`` (if the column exists),
        ``first_date``, ``last_date`` (if dates exist), ``centroid_lat``, ``centroid_lon`` and
        ``geometry`` (convex hull, EPSG:4326; a point or line for degenerate clusters).

    Raises
    ------
    InputError
        Bad parameters or a missing ``by`` column.
    MissingDependency
        scikit-learn is not installed.

    Examples
    --------
    >>> gdf, summary = cluster_incidents(assigned, eps_km=5)       # doctest: +SKIP
    """
    import geopandas as gpd
    import pandas as pd
    import shapely

    if not (eps_km > 0) or not np.isfinite(eps_km):
        raise InputError(f"eps_km must be a positive number of kilometres, not {eps_km!r}")
    if int(min_samples) != min_samples or min_samples < 1:
        raise InputError(f"min_samples must be a positive integer, not {min_samples!r}")
    cluster_mod = optional_import("sklearn.cluster", "cluster")
    from .control import _points_xy  # same point handling as control (lat/lon or geometry)

    gdf, x, y, usable, _ = _points_xy(points)
    n = len(gdf)
    if by is not None and by not in gdf.columns:
        raise InputError(f"no column {by!r} to cluster by; run assign_control first or pass by=None")
    note = np.full(n, "noise", dtype=object)
    note[~usable] = "no point"
    area = np.zeros(n, dtype=bool)
    if "precision" in gdf.columns:
        prec = pd.to_numeric(gdf["precision"], errors="coerce").to_numpy(float)
        area = np.nan_to_num(prec, nan=0.0) >= 2
        note[usable & area] = "area precision"
    exact = usable & ~area
    if by == "controller":  # UNKNOWN / OUTSIDE rows mix areas: not clustered as one area
        unknown = gdf[by].astype("string").isin(["UNKNOWN", "OUTSIDE"]).fillna(False).to_numpy(dtype=bool)
        note[exact & unknown] = "controller unknown or outside"
        exact &= ~unknown
    groups = (gdf[by].astype("string").fillna("<NA>").to_numpy(dtype=object) if by is not None
              else np.full(n, "all", dtype=object))
    labels = np.full(n, -1, dtype=np.int64)
    next_id = 0
    eps = eps_km / EARTH_RADIUS_KM
    for key in sorted(set(groups[exact].tolist())):
        rows = np.flatnonzero(exact & (groups == key))
        if len(rows) < min_samples:
            continue
        coords = np.radians(np.column_stack([y[rows], x[rows]]))  # haversine wants (lat, lon)
        db = cluster_mod.DBSCAN(eps=eps, min_samples=int(min_samples), metric="haversine",
                                algorithm="ball_tree").fit(coords)
        lab = db.labels_
        found = lab >= 0
        labels[rows[found]] = lab[found] + next_id
        next_id += int(lab.max()) + 1 if found.any() else 0
    note[labels >= 0] = None
    result = gdf.copy()
    result["cluster"] = labels
    result["cluster_note"] = pd.array(note, dtype="string")
    dates = _dates(gdf, date_column)
    members = np.flatnonzero(labels >= 0)
    cols = {"cluster": labels[members], "count": 1}
    if by is not None:
        cols[by] = groups[members]
    if "fatalities" in gdf.columns:
        cols["fatalities"] = pd.to_numeric(gdf["fatalities"], errors="coerce").to_numpy(float)[members]
    if dates is not None:
        cols["first_date"] = dates.to_numpy()[members]
        cols["last_date"] = dates.to_numpy()[members]
    cols["centroid_lat"] = y[members]
    cols["centroid_lon"] = x[members]
    frame = pd.DataFrame(cols)
    agg = {"count": "sum", "centroid_lat": "mean", "centroid_lon": "mean"}
    if by is not None:
        agg[by] = "first"
    if "fatalities" in frame:
        agg["fatalities"] = "sum"
    if dates is not None:
        agg.update(first_date="min", last_date="max")
    summary = frame.groupby("cluster", sort=True).agg(agg).reset_index()
    pts = make_points(x[members], y[members])
    hulls = [shapely.convex_hull(shapely.multipoints(pts[idx]))
             for idx in np.split(np.argsort(labels[members], kind="stable"),
                                 np.flatnonzero(np.diff(np.sort(labels[members]))) + 1)] if len(members) else []
    summary = gpd.GeoDataFrame(summary, geometry=gpd.GeoSeries(hulls, crs=4326))
    order = ["cluster"] + ([by] if by is not None else []) + [c for c in summary.columns
                                                              if c not in ("cluster", by, "geometry")]
    return result, summary[order + ["geometry"]]
