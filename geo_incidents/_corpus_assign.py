"""Any table, assigned in partitions with its own columns kept (private; the engine of
:func:`geo_incidents.corpus.assign_table`, which ``geo-incidents assign`` wraps, and the reader
of ``geo-incidents cluster``).

Every cell is read as text (empty cells NA) through the partitions of
:mod:`geo_incidents._corpus_tables`. A worker builds the points of its partition
(:func:`table_points`), checks them and the dates, and assigns control (:func:`assign_part`);
the client joins the partitions (:func:`merge_assigned`) and raises the first problem with
its row number in the whole input, coordinates before dates, as the table in one piece would.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._corpus_tables import TablePart, pack, read_part, table_parts, unpack
from ._frames import make_points
from .exceptions import InputError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pandas

__all__ = ["table_points", "first_bad_date", "read_points", "check_dates", "assign_part", "merge_assigned"]


def table_points(df: pandas.DataFrame, lat: str, lon: str, place: str | None, strict: bool,
                 gazetteer: Any = None) -> tuple[geopandas.GeoDataFrame | None, tuple[int, str] | None]:
    """EPSG:4326 points from ``lat``/``lon`` columns (and the ``place`` column, resolved, for
    rows without them): ``(frame, None)``, or with ``strict`` ``(None, (position, problem))``
    for the first row whose coordinates are given but impossible."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    for col in [lat, lon] + ([place] if place else []):
        if col not in df.columns and not (place and col in (lat, lon)):
            raise InputError(f"no column {col!r}; columns are: {', '.join(map(str, df.columns))}")
    la = pd.to_numeric(df[lat], errors="coerce") if lat in df else pd.Series(np.nan, index=df.index)
    lo = pd.to_numeric(df[lon], errors="coerce") if lon in df else pd.Series(np.nan, index=df.index)
    if strict:
        given = (df[lat].notna() if lat in df else False) | (df[lon].notna() if lon in df else False)
        bad = given & (la.isna() | lo.isna() | (la.abs() > 90) | (lo.abs() > 180))
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            return None, (i, f"impossible coordinates lat={df[lat].iloc[i]!r} lon={df[lon].iloc[i]!r} "
                             f"(strict=False, --lenient, keeps such rows as UNKNOWN)")
    if place:
        need = (la.isna() | lo.isna()).to_numpy()
        if need.any():
            from .gazetteer import Gazetteer

            gz = gazetteer or Gazetteer.default()
            hits: dict[Any, Any] = {}
            for i in np.flatnonzero(need):
                name = df[place].iloc[i]
                if name not in hits:
                    hits[name] = gz.resolve(name) if isinstance(name, str) and name.strip() else None
                if hits[name] is not None:
                    la.iloc[i], lo.iloc[i] = hits[name].lat, hits[name].lon
    ok = la.notna() & lo.notna()
    geoms = gpd.GeoSeries([None] * len(df), index=df.index, crs=4326)
    geoms[ok] = gpd.points_from_xy(lo[ok], la[ok])  # shapely order is (lon, lat)
    return gpd.GeoDataFrame(df, geometry=geoms, crs=4326), None


def first_bad_date(frame: pandas.DataFrame, column: str) -> tuple[int, str] | None:
    """``(position, problem)`` of the first date :func:`assign_control` cannot read, else None."""
    from .control import _parse_dates

    _, _, ok = _parse_dates(frame[column].to_numpy())
    bad = frame[column].notna().to_numpy() & ~ok
    if not bad.any():
        return None
    i = int(bad.nonzero()[0][0])
    return i, (f"cannot read date {frame[column].iloc[i]!r} in column {column!r} (YYYY-MM-DD; "
               f"strict=False, --lenient, keeps such rows as UNKNOWN)")


@dataclass
class AssignedPart:
    """A worker's answer: the rows (input columns + control, no geometry) and their points, or
    the first problem found (``("coordinates" | "date", position, text)``)."""

    rows: int
    problem: tuple[str, int, str] | None = None
    frame: Any = None
    x: Any = None
    y: Any = None
    packed: list[tuple[str, Any]] | None = None


def layout_column(columns: Any, name: str, field: str) -> str:
    """The column to read ``field`` ("date", "lat", "lon") from: ``name`` when the table has
    it or it is not the field's default name, else the first column of a known layout for the
    field (ACLED's ``event_date``/``latitude``/``longitude``, UCDP GED's ``date_start``, any
    case), else ``name``."""
    from ._incidents_read import ALIASES

    if name in columns or name != field:
        return name
    lowered = {str(c).lower(): c for c in columns}
    return next((lowered[a] for a in ALIASES[field] if a in lowered), name)


def read_points_table(part: TablePart, lat: str, lon: str) -> tuple[pandas.DataFrame, str, str]:
    """A partition's cells for :func:`assign_part` and ``cluster``, and the columns of its
    point (see :func:`layout_column`): empty cells NA; the point of a geometry-bearing format
    becomes ``lat``/``lon`` when the table has neither column."""
    from ._incidents_open import GEO_LAT, GEO_LON, GEO_NOTE

    df = read_part(part, empty_as_na=True)
    lat, lon = layout_column(df.columns, lat, "lat"), layout_column(df.columns, lon, "lon")
    if GEO_LAT in df.columns:
        if lat not in df.columns and lon not in df.columns:
            df = df.rename(columns={GEO_LAT: lat, GEO_LON: lon})
        df = df.drop(columns=[c for c in (GEO_LAT, GEO_LON, GEO_NOTE) if c in df.columns])
    return df, lat, lon


def read_points(source: Any, lat: str, lon: str, place: str | None = None, strict: bool = True
                ) -> geopandas.GeoDataFrame:
    """The whole table here, as :func:`table_points` makes it (``source`` as in
    :func:`table_parts`); the first impossible row is an InputError naming it."""
    import pandas as pd

    read = [read_points_table(p, lat, lon) for p in table_parts(source, 1)]
    frames = [df for df, _lat, _lon in read]
    lat, lon = read[0][1], read[0][2]
    df = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    gdf, bad = table_points(df, lat, lon, place, strict)
    if bad is not None:
        raise InputError(f"row {bad[0] + 1}: {bad[1]}")
    return gdf


def check_dates(frame: pandas.DataFrame, column: str) -> None:
    """Raise InputError naming the first row whose date :func:`first_bad_date` cannot read."""
    bad = first_bad_date(frame, column)
    if bad is not None:
        raise InputError(f"row {bad[0] + 1}: {bad[1]}")


def assign_part(part: TablePart, date_column: str, lat: str, lon: str, place: str | None, strict: bool,
                layers: Any, gazetteer: Any = None) -> AssignedPart:
    """:func:`~geo_incidents.control.assign_control` on one partition, its columns kept."""
    import numpy as np
    import pandas as pd
    import shapely

    from .control import assign_control

    df, lat, lon = read_points_table(part, lat, lon)
    date_column = layout_column(df.columns, date_column, "date")
    if date_column not in df.columns:
        raise InputError(f"no column {date_column!r}; columns are: {', '.join(map(str, df.columns))}")
    gdf, bad = table_points(df, lat, lon, place, strict, gazetteer)
    if bad is not None:
        return AssignedPart(len(df), ("coordinates", *bad))
    if strict:
        bad = first_bad_date(gdf, date_column)
        if bad is not None:
            return AssignedPart(len(df), ("date", *bad))
    out = assign_control(gdf, date_column=date_column, layers=layers)
    geoms = np.asarray(out.geometry.values, dtype=object)
    has = ~shapely.is_missing(geoms)
    x, y = np.full(len(out), np.nan), np.full(len(out), np.nan)
    x[has], y[has] = shapely.get_x(geoms[has]), shapely.get_y(geoms[has])
    frame = pd.DataFrame(out.drop(columns=out.geometry.name))
    return AssignedPart(len(df), None, frame, x, y, pack(frame))


def merge_assigned(parts: list[AssignedPart]) -> geopandas.GeoDataFrame:
    """One frame from the partitions, as the table in one piece gives it; a problem is raised
    with its row number in the whole input (coordinates are checked before dates)."""
    import geopandas as gpd
    import numpy as np

    from .control import concat_assigned

    offsets = np.cumsum([0] + [p.rows for p in parts[:-1]])
    for kind in ("coordinates", "date"):
        for offset, p in zip(offsets, parts):
            if p.problem is not None and p.problem[0] == kind:
                raise InputError(f"row {int(offset) + p.problem[1] + 1}: {p.problem[2]}")
    frame = concat_assigned([unpack(p.frame, p.packed or []) for p in parts])
    x, y = np.concatenate([p.x for p in parts]), np.concatenate([p.y for p in parts])
    geoms = np.full(len(frame), None, dtype=object)
    has = np.isfinite(x)
    geoms[has] = make_points(x[has], y[has])
    columns = list(frame.columns)
    at = columns.index("controller")
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=4326), crs=4326)
    return gdf[columns[:at] + ["geometry"] + columns[at:]]
