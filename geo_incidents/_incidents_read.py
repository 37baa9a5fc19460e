"""Reading incident tables into the incident schema (private; see :mod:`geo_incidents.incidents`).

A pipeline in four steps: open the file as chunks of raw cells (:func:`_chunks`), plan which
column feeds which schema field (:func:`plan_columns`), convert each chunk to typed columns
while collecting row-numbered problems (:func:`_convert`), then, on the whole frame, check ids,
resolve rows without coordinates through the gazetteer, verify and assemble (:func:`_finish`).
"""
from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._dates import RECORD_PRECISIONS, Evidence, combine_evidence, parse_date_chunk, reread_needed
from ._frames import make_points
from ._incidents_open import GEO_LAT as _GEO_LAT
from ._incidents_open import GEO_LON as _GEO_LON
from ._incidents_open import GEO_NOTE as _GEO_NOTE
from ._incidents_open import chunks as _chunks
from .exceptions import InputError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import numpy
    import pandas

    from .gazetteer import Gazetteer

_FIELDS = ("id", "date", "date_precision", "place", "name", "lat", "lon", "precision", "admin1",
           "admin2", "country", "event_type", "actors", "fatalities", "killed", "wounded",
           "kidnapped", "missing", "description", "source", "source_url", "resolved_by", "check")
_TEXT = ("id", "place", "name", "admin1", "admin2", "country", "event_type", "actors",
         "description", "source", "source_url", "resolved_by", "check", "date_precision")
_COUNTS = ("fatalities", "killed", "wounded", "kidnapped", "missing")
#: Recognised column names (lower-case) -> schema field, first match wins per field.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "event_id_cnty", "event_id", "incident_id", "uid"),
    "date": ("date", "event_date", "date_start", "when", "day"),
    "date_precision": ("date_precision", "time_precision", "date_prec"),
    "place": ("place", "location", "where_coordinates", "location_name", "town", "village", "city",
              "where_description"),
    "name": ("name",),
    "lat": ("lat", "latitude", "y"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
    "precision": ("precision", "geo_precision", "where_prec"),
    "admin1": ("admin1", "adm_1", "governorate", "province"),
    "admin2": ("admin2", "adm_2", "district"),
    "country": ("country", "country_code"),
    "event_type": ("event_type", "type", "type_of_violence"),
    "actors": ("actors", "actor1", "side_a"),
    "fatalities": ("fatalities", "best", "deaths", "deaths_best"),
    "killed": ("killed",),
    "wounded": ("wounded", "injured"),
    "kidnapped": ("kidnapped", "abducted"),
    "missing": ("missing",),
    "description": ("description", "notes", "source_headline", "summary", "sentence", "text"),
    "source": ("source", "source_office", "doc_id"),
    "source_url": ("source_url", "url", "link"),
    "resolved_by": ("resolved_by",),
    "check": ("check",),
    "wkt": ("wkt", "geometry", "geom", "the_geom"),
}
_MORE_ACTORS = {"actor1": ("assoc_actor_1", "actor2", "assoc_actor_2"), "side_a": ("side_b",)}
_COUNTRIES = {"syria": "SY", "syrian arab republic": "SY", "iraq": "IQ", "turkey": "TR",
              "türkiye": "TR", "turkiye": "TR", "lebanon": "LB", "jordan": "JO", "iran": "IR",
              "israel": "IL", "saudi arabia": "SA", "kuwait": "KW"}
_UCDP_PREC = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 4, 7: 4}
_UCDP_VIOLENCE = {"1": "state-based conflict", "2": "non-state conflict", "3": "one-sided violence"}
_ACLED_TIME = {"1": "day", "2": "week", "3": "month"}
_UCDP_DATE = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}
#: Syria and Iraq: a point outside this box whose swap falls inside is read as swapped.
REGION = (29.0, 37.6, 35.5, 48.8)  # lat_min, lat_max, lon_min, lon_max
VERIFY_KM = 25.0


@dataclass
class Plan:
    """Which input column feeds which schema field."""

    columns: dict[str, str] = field(default_factory=dict)      # field -> input column
    actors: list[str] = field(default_factory=list)              # input columns joined into actors
    unmapped: list[str] = field(default_factory=list)
    layout: str = "simple"


def plan_columns(columns: list[str], mapping: dict[str, str] | None, source: str) -> Plan:
    """Match input columns to schema fields: explicit ``mapping`` first, then :data:`ALIASES`.

    Raises
    ------
    InputError
        A mapping naming a missing column or an unknown field, or columns in which neither a
        place nor coordinates can be found.
    """
    plan = Plan()
    lower = {str(c).strip().lower(): c for c in columns}
    shown = ", ".join(str(c) for c in columns[:30]) + (" ..." if len(columns) > 30 else "")
    for col, fld in (mapping or {}).items():
        real = col if col in columns else lower.get(str(col).strip().lower())
        if real is None:
            raise InputError(f"mapping names column {col!r}, which {source} does not have; "
                             f"its columns are: {shown}")
        if fld not in _FIELDS and fld != "wkt":
            raise InputError(f"mapping {col!r} -> {fld!r}: unknown field; fields are: "
                             f"{', '.join(_FIELDS)}, wkt")
        plan.columns[fld] = real
    used = set(plan.columns.values())
    for fld, names in ALIASES.items():
        if fld in plan.columns:
            continue
        for n in names:
            real = lower.get(n)
            if real is not None and real not in used:
                plan.columns[fld] = real
                used.add(real)
                break
    if "place" not in plan.columns and "name" in plan.columns and "resolved_by" not in plan.columns:
        plan.columns["place"] = plan.columns.pop("name")  # a plain "name" column is the place
    act = plan.columns.get("actors")
    if act is not None:
        plan.actors = [act] + [lower[a] for a in _MORE_ACTORS.get(str(act).lower(), ()) if a in lower]
        used.update(plan.actors)
    lowered = {str(v).lower() for v in plan.columns.values()}
    plan.layout = ("acled" if "event_id_cnty" in lowered or "geo_precision" in lowered else
                   "ucdp" if "where_coordinates" in lowered or "where_prec" in lowered else
                   "native" if "resolved_by" in lowered else "simple")
    if ("lat" in plan.columns) != ("lon" in plan.columns):
        have = "latitude" if "lat" in plan.columns else "longitude"
        raise InputError(f"{source} has a {have} column but not the other; its columns are: {shown}")
    located = "place" in plan.columns or "lat" in plan.columns or "wkt" in plan.columns \
        or _GEO_LAT in columns
    if not located:
        raise InputError(
            f"cannot find a place or coordinates in the columns of {source}: {shown}. Expected "
            f"ACLED (event_date, location, latitude, longitude, ...), UCDP GED (date_start, "
            f"where_coordinates, latitude, longitude, ...) or date, place, description; name "
            f"yours with --map COLUMN=FIELD (mapping={{'COLUMN': 'FIELD'}})")
    plan.unmapped = [c for c in columns if c not in used and not str(c).startswith("__geom_")]
    return plan


# --- converting one chunk ----------------------------------------------------------------------

def _text(s: pandas.Series) -> pandas.Series:
    """Strings with surrounding space removed; empty and missing cells are NA."""
    import pandas as pd

    if s.dtype == object or pd.api.types.is_numeric_dtype(s.dtype):
        s = s.map(_cell, na_action="ignore")
    out = s.astype("string").str.strip()
    return out.mask(out == "")


def _cell(v: Any) -> Any:
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v if isinstance(v, str) else str(v)


def _number(s: pandas.Series) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(float64 values, mask of non-empty cells that are not numbers); "34,5" reads as 34.5."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_numeric_dtype(s.dtype) and s.dtype != bool:
        return pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64", na_value=np.nan), np.zeros(len(s), bool)
    t = _text(s)
    t = t.where(~t.str.fullmatch(r"-?\d+,\d+", na=False), t.str.replace(",", ".", regex=False))
    v = pd.to_numeric(t, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    bad = t.notna().to_numpy() & ~np.isfinite(v)
    v[~np.isfinite(v)] = np.nan
    return v, bad


def _country(s: pandas.Series) -> pandas.Series:
    t = _text(s)
    low = t.str.lower()
    iso = low.map(lambda v: _COUNTRIES.get(v) if isinstance(v, str) else None, na_action="ignore")
    two = t.str.fullmatch(r"[A-Za-z]{2}", na=False)
    return t.str.upper().where(two, iso.astype("string").fillna(t))


def _convert(raw: pandas.DataFrame, plan: Plan, offset: int, evidence: Evidence | None = None
             ) -> tuple[pandas.DataFrame, list[tuple[int, str]], Evidence]:
    """Typed schema columns of one chunk, ``(position, reason)`` problems, and the chunk's own
    date :data:`~geo_incidents._dates.Evidence` (dates are read by ``evidence``, the whole
    column's, when given)."""
    import numpy as np
    import pandas as pd

    n = len(raw)
    cols = plan.columns
    probs: list[tuple[int, str]] = []
    out: dict[str, Any] = {}

    def add(mask: np.ndarray, reason: Any) -> None:
        for p in np.flatnonzero(mask):
            probs.append((offset + int(p), reason(int(p)) if callable(reason) else reason))

    def na() -> pd.Series:
        return pd.Series(pd.array([pd.NA] * n, dtype="string"))

    for fld in _TEXT:
        out[fld] = _text(raw[cols[fld]]).reset_index(drop=True) if fld in cols else na()
    if "country" in cols:
        out["country"] = _country(raw[cols["country"]]).reset_index(drop=True)
    if len(plan.actors) > 1:
        acc = _text(raw[plan.actors[0]]).reset_index(drop=True)
        for c in plan.actors[1:]:
            s = _text(raw[c]).reset_index(drop=True)
            both = acc.notna() & s.notna()
            acc = acc.where(~both, acc + "; " + s).fillna(s)
        out["actors"] = acc
    if "event_type" in cols and str(cols["event_type"]).lower() == "type_of_violence":
        out["event_type"] = out["event_type"].map(lambda v: _UCDP_VIOLENCE.get(v, v), na_action="ignore").astype("string")

    # dates
    if "date" in cols:
        dcol = raw[cols["date"]].reset_index(drop=True)
        dates, prec, dprobs, own = parse_date_chunk(dcol, evidence=evidence)
        probs.extend((offset + p, r) for p, r in dprobs)
        given = out["date_precision"]
        pcol = str(cols.get("date_precision", "")).lower()
        table = _ACLED_TIME if pcol == "time_precision" else _UCDP_DATE if pcol == "date_prec" else None
        if table is not None:
            given = given.map(lambda v: table.get(v, v), na_action="ignore")
        ok_given = given.isin(RECORD_PRECISIONS).to_numpy(dtype=bool, na_value=False) & ~np.isnat(dates)
        prec = np.where(ok_given, given.to_numpy(dtype=object, na_value=None), prec)
        out["date"] = dates
        out["date_precision"] = pd.array(prec, dtype="string")
    else:
        out["date"] = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
        out["date_precision"] = na()
        own = (False, False, False)

    # coordinates
    if "lat" in cols:
        lat, bad_lat = _number(raw[cols["lat"]])
        lon, bad_lon = _number(raw[cols["lon"]])
        vlat, vlon = raw[cols["lat"]].reset_index(drop=True), raw[cols["lon"]].reset_index(drop=True)
        add(bad_lat, lambda p: f"latitude {str(vlat.iloc[p])[:30]!r} is not a number")
        add(bad_lon, lambda p: f"longitude {str(vlon.iloc[p])[:30]!r} is not a number")
    elif "wkt" in cols:
        lat, lon, bad = _wkt(raw[cols["wkt"]])
        add(bad, "WKT geometry not readable")
    elif _GEO_LAT in raw.columns:
        lat = raw[_GEO_LAT].to_numpy(dtype="float64", copy=True)
        lon = raw[_GEO_LON].to_numpy(dtype="float64", copy=True)
        notes = raw[_GEO_NOTE].to_numpy(dtype=object)
        add(np.array([v is not None for v in notes], dtype=bool), "geometry is not a point: its representative point is used")
    else:
        lat, lon = np.full(n, np.nan), np.full(n, np.nan)
    lat, lon = _check_coordinates(lat, lon, add)
    out["lat"], out["lon"] = lat, lon

    # integers
    for fld in ("precision",) + _COUNTS:
        if fld not in cols:
            out[fld] = pd.array([pd.NA] * n, dtype="Int64")
            continue
        v, bad = _number(raw[cols[fld]])
        src = raw[cols[fld]].reset_index(drop=True)
        whole = np.isfinite(v) & (v >= 0) & (np.mod(np.nan_to_num(v), 1) == 0)
        wrong = bad | (np.isfinite(v) & ~whole)
        add(wrong, lambda p, f=fld, s=src: f"{f} {str(s.iloc[p])[:30]!r} is not a whole number ≥ 0")
        v = np.where(whole, v, np.nan)
        if fld == "precision":
            if str(cols[fld]).lower() == "where_prec":
                v = np.array([_UCDP_PREC.get(int(x), np.nan) if x == x else np.nan for x in v])
            out_of = np.isfinite(v) & ((v < 1) | (v > 4))
            add(out_of, lambda p, vv=v: f"precision {int(vv[p])} is not 1-4")
            v = np.where(out_of, np.nan, v)
        mask = ~np.isfinite(v)
        out[fld] = pd.arrays.IntegerArray(np.nan_to_num(v).astype("int64"), mask)

    frame = pd.DataFrame(out)
    empty = (frame["place"].isna() & frame["description"].isna() & frame["id"].isna()
             & np.isnat(frame["date"].to_numpy()) & np.isnan(frame["lat"].to_numpy())).to_numpy()
    add(empty, "empty row")
    return frame, probs, own


def _wkt(s: pandas.Series) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    import numpy as np
    import shapely

    t = _text(s)
    arr = t.to_numpy(dtype=object, na_value=None)
    geoms = shapely.from_wkt(arr, on_invalid="ignore")
    bad = t.notna().to_numpy() & shapely.is_missing(geoms)
    pts = shapely.point_on_surface(geoms)
    lat = np.where(shapely.is_missing(pts) | shapely.is_empty(pts), np.nan, shapely.get_y(pts))
    lon = np.where(shapely.is_missing(pts) | shapely.is_empty(pts), np.nan, shapely.get_x(pts))
    return lat.astype("float64"), lon.astype("float64"), bad


def _inside(lat: numpy.ndarray, lon: numpy.ndarray) -> numpy.ndarray:
    a, b, c, d = REGION
    return (lat >= a) & (lat <= b) & (lon >= c) & (lon <= d)


def _check_coordinates(lat: numpy.ndarray, lon: numpy.ndarray, add: Any) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Swapped, out-of-range, half-given and (0, 0) coordinates: fixed or blanked, and flagged."""
    import numpy as np

    lat, lon = lat.copy(), lon.copy()
    has_lat, has_lon = np.isfinite(lat), np.isfinite(lon)
    half = has_lat ^ has_lon
    add(half, "only one of latitude and longitude given")
    both = has_lat & has_lon
    zero = both & (lat == 0) & (lon == 0)
    add(zero, "coordinates (0, 0) treated as missing")
    both &= ~zero
    in_range = (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    swap_ok = (np.abs(lon) <= 90) & (np.abs(lat) <= 180)
    swap1 = both & ~in_range & swap_ok
    swap2 = both & in_range & ~_inside(lat, lon) & _inside(lon, lat)
    o_lat, o_lon = lat.copy(), lon.copy()
    add(swap1, lambda p: f"latitude and longitude swapped: latitude {o_lat[p]:g} is out of range")
    add(swap2, lambda p: f"latitude and longitude swapped: ({o_lat[p]:g}, {o_lon[p]:g}) is outside "
                         f"Syria/Iraq, ({o_lon[p]:g}, {o_lat[p]:g}) inside")
    sw = swap1 | swap2
    lat[sw], lon[sw] = o_lon[sw], o_lat[sw]
    bad = both & ~in_range & ~swap_ok
    add(bad, lambda p: f"coordinates ({o_lat[p]:g}, {o_lon[p]:g}) out of range")
    blank = half | zero | bad
    lat[blank], lon[blank] = np.nan, np.nan
    return lat, lon


# --- the whole frame ---------------------------------------------------------------------------

def _resolve(gz: Gazetteer, frame: pandas.DataFrame, rows: numpy.ndarray) -> dict[str, numpy.ndarray]:
    """Gazetteer matches of the places of ``rows``; each (place, country, admin1) once."""
    import numpy as np
    import pandas as pd

    sub = frame.loc[rows, ["place", "country", "admin1"]]
    keys = pd.MultiIndex.from_frame(sub.astype(object).where(sub.notna(), None))
    codes, uniques = pd.factorize(keys)
    u = pd.DataFrame(list(uniques), columns=["place", "country", "admin1"]) if len(uniques) else \
        pd.DataFrame(columns=["place", "country", "admin1"])
    res = {k: np.full(len(u), v, dtype=t) for k, v, t in (
        ("lat", np.nan, "float64"), ("lon", np.nan, "float64"), ("precision", 0, "int64"),
        ("name", None, object), ("admin1", None, object), ("admin2", None, object), ("country", None, object))}
    for (country, admin1), grp in u.groupby(["country", "admin1"], dropna=False, sort=False):
        c = country if isinstance(country, str) and len(country) == 2 else None
        a1 = admin1 if isinstance(admin1, str) else None
        try:
            got = gz.resolve_many(list(grp["place"]), country=c, admin1=a1)
        except InputError:
            got = gz.resolve_many(list(grp["place"]), admin1=a1)
        idx = grp.index.to_numpy()
        res["lat"][idx] = got["lat"].to_numpy(dtype="float64", na_value=np.nan)
        res["lon"][idx] = got["lon"].to_numpy(dtype="float64", na_value=np.nan)
        res["precision"][idx] = got["precision"].fillna(0).to_numpy(dtype="int64")
        for k in ("name", "admin1", "admin2", "country"):
            res[k][idx] = got[k].astype(object).where(got[k].notna(), None).to_numpy()
    return {k: v[codes] for k, v in res.items()}


def _km(lat1: numpy.ndarray, lon1: numpy.ndarray, lat2: numpy.ndarray, lon2: numpy.ndarray) -> numpy.ndarray:
    """Haversine distance in km, vectorised (the same formula as ``_ranking.km``)."""
    import numpy as np

    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _finish(frame: pandas.DataFrame, gz: Gazetteer, verify: bool, probs: list[tuple[int, str]]) -> pandas.DataFrame:
    """The whole-frame steps: duplicate ids, then :func:`_locate`, then the ``check`` column."""
    probs = probs + duplicate_problems(frame["id"])
    frame, located = _locate(frame, gz, verify)
    frame["check"] = _checks(frame["check"], probs + located, len(frame))
    return frame


def duplicate_problems(ids: pandas.Series, positions: numpy.ndarray | None = None) -> list[tuple[int, str]]:
    """``(position, reason)`` of every id seen before (the only check that spans rows).

    ``positions``: the rows of the whole table that ``ids`` are (in order), when ``ids`` is a
    subset holding every row of each repeated id (see :func:`id_hashes`); default ``0..n-1``.
    """
    import numpy as np
    import pandas as pd

    n = len(ids)
    at = np.arange(n) if positions is None else np.asarray(positions)
    probs: list[tuple[int, str]] = []
    dup = (ids.duplicated(keep="first") & ids.notna()).to_numpy()
    if dup.any():
        first = {v: int(at[i]) for i, v in zip(range(n - 1, -1, -1), ids.iloc[::-1]) if v is not pd.NA}
        for p in np.flatnonzero(dup):
            probs.append((int(at[p]), f"duplicate id {ids.iloc[p]!r} (first at row {first[ids.iloc[p]] + 1})"))
    return probs


def id_hashes(ids: pandas.Series) -> numpy.ndarray:
    """A 64-bit hash per id (0 for a missing one): equal ids hash equal, so only rows whose
    hash repeats can be duplicates (:func:`repeated_hashes`)."""
    import numpy as np
    import pandas as pd

    h = pd.util.hash_pandas_object(ids, index=False).to_numpy(dtype=np.uint64, copy=True)
    h[ids.isna().to_numpy()] = 0
    return h


def repeated_hashes(hashes: numpy.ndarray) -> numpy.ndarray:
    """Positions whose (non-zero) hash occurs more than once, in order."""
    import numpy as np

    ordered = np.sort(hashes)  # (a sort and a lookup of the few repeats: 4x pandas' duplicated)
    repeats = ordered[1:][ordered[1:] == ordered[:-1]]
    repeats = np.unique(repeats[repeats != 0])
    if not len(repeats):
        return np.array([], dtype=np.int64)
    return np.flatnonzero(np.isin(hashes, repeats))


def rows_to_resolve(frame: pandas.DataFrame, verify: bool) -> numpy.ndarray:
    """Positions :func:`_locate` looks up: rows with a place and no coordinates, and with
    ``verify`` rows with both."""
    import numpy as np

    has_xy = np.isfinite(frame["lat"].to_numpy(dtype="float64")) & np.isfinite(frame["lon"].to_numpy(dtype="float64"))
    need, check = _lookups(has_xy, frame["place"].notna().to_numpy(), verify)
    return np.flatnonzero(need | check)


def _lookups(has_xy: numpy.ndarray, has_place: numpy.ndarray, verify: bool) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(rows to resolve, rows to verify) as masks: a place and no coordinates; with ``verify``
    a place and coordinates."""
    import numpy as np

    need = ~has_xy & has_place
    return need, (has_xy & has_place if verify else np.zeros(len(has_xy), bool))


def _locate(frame: pandas.DataFrame, gz: Gazetteer, verify: bool) -> tuple[pandas.DataFrame, list[tuple[int, str]]]:
    """Row by row: resolve rows without coordinates, verify the others (``verify``); returns the
    frame (its ``check`` column untouched) and the problems found, by position."""
    import numpy as np
    import pandas as pd

    probs: list[tuple[int, str]] = []
    lat = frame["lat"].to_numpy(dtype="float64", copy=True)
    lon = frame["lon"].to_numpy(dtype="float64", copy=True)
    has_xy = np.isfinite(lat) & np.isfinite(lon)
    has_place = frame["place"].notna().to_numpy()
    need, check_rows = _lookups(has_xy, has_place, verify)
    rows = np.flatnonzero(need | check_rows)
    by = np.where(has_xy, "given", "none").astype(object)
    given_by = frame["resolved_by"].to_numpy(dtype=object, na_value=None)
    keep = has_xy & np.isin(given_by, ["given", "gazetteer"])
    by[keep] = given_by[keep]
    name = frame["name"].to_numpy(dtype=object, na_value=None)
    prec = frame["precision"].to_numpy(dtype="float64", na_value=np.nan)
    adm = {k: frame[k].to_numpy(dtype=object, na_value=None) for k in ("admin1", "admin2", "country")}
    if len(rows):
        r = _resolve(gz, frame, rows)
        found = np.isfinite(r["lat"])
        fill = need[rows] & found
        tgt = rows[fill]
        lat[tgt], lon[tgt] = r["lat"][fill], r["lon"][fill]
        prec[tgt] = np.fmax(prec[tgt], r["precision"][fill])  # the source's "near X" (2) stays 2 at X's point
        name[tgt] = r["name"][fill]
        by[tgt] = "gazetteer"
        for k in adm:
            col = adm[k]
            empty = np.array([v is None for v in col[tgt]], dtype=bool)
            col[tgt[empty]] = r[k][fill][empty]
        places = frame["place"].to_numpy(dtype=object, na_value=None)
        for p in rows[need[rows] & ~found]:
            probs.append((int(p), f"no coordinates, and place {places[p][:60]!r} is not in the gazetteer"))
        if verify:
            v = check_rows[rows]
            vr, vf = rows[v], found[v]
            for p in vr[~vf]:
                probs.append((int(p), f"verify: place {places[p][:60]!r} is not in the gazetteer"))
            ok = vr[vf]
            sel = np.flatnonzero(v)[vf]
            name[ok] = r["name"][sel]
            fine = r["precision"][sel] <= 2
            d = _km(lat[ok], lon[ok], r["lat"][sel], r["lon"][sel])
            far = fine & (d > VERIFY_KM)
            for p, dist, nm in zip(ok[far], d[far], r["name"][sel][far]):
                probs.append((int(p), f"verify: coordinates are {dist:.0f} km from {nm} "
                                      f"(the gazetteer's {places[p][:40]!r})"))
    for p in np.flatnonzero(~has_xy & ~has_place):
        probs.append((int(p), "no coordinates and no place"))

    frame = frame.copy()
    frame["lat"], frame["lon"] = lat, lon
    frame["precision"] = pd.arrays.IntegerArray(np.nan_to_num(prec).astype("int64"), np.isnan(prec))
    frame["name"] = pd.array(name, dtype="string")
    for k, col in adm.items():
        frame[k] = pd.array(col, dtype="string")
    frame["resolved_by"] = pd.array(by, dtype="string")
    return frame, probs


def _checks(given: pandas.Series, probs: list[tuple[int, str]], n: int) -> pandas.Series:
    import numpy as np
    import pandas as pd

    out = pd.array(given, dtype="string").copy()
    if not probs:
        return pd.Series(out)
    # (only the rows with problems are read and written: a million-row table has a few)
    rows = np.array(sorted({p for p, _reason in probs}), dtype=np.int64)
    now: dict[int, Any] = dict(zip(rows.tolist(), out[rows].to_numpy(dtype=object, na_value=None)))
    empty = {p for p, reason in probs if reason == "empty row"}
    for p, reason in sorted(probs, key=lambda t: t[0]):
        if p in empty and reason != "empty row":
            continue  # an empty row has one problem
        cur = now[p]
        if cur is None:
            now[p] = reason
        elif reason not in cur.split("; "):
            now[p] = f"{cur}; {reason}"
    out[rows] = pd.array([now[p] for p in rows.tolist()], dtype="string")
    return pd.Series(out)


def conform(frame: pandas.DataFrame) -> geopandas.GeoDataFrame:
    """Exactly the schema columns and dtypes; geometry (lon, lat) built from lat/lon."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    n = len(frame)
    data: dict[str, Any] = {}
    for fld in _FIELDS:
        col = frame[fld] if fld in frame.columns else None
        if fld == "date":
            data[fld] = pd.to_datetime(col, errors="coerce").astype("datetime64[ns]").reset_index(drop=True) \
                if col is not None else pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"))
        elif fld in ("lat", "lon"):
            data[fld] = pd.to_numeric(col, errors="coerce").astype("float64").reset_index(drop=True) \
                if col is not None else pd.Series(np.full(n, np.nan))
        elif fld in ("precision",) + _COUNTS:
            data[fld] = pd.to_numeric(col, errors="coerce").round().astype("Int64").reset_index(drop=True) \
                if col is not None else pd.Series(pd.array([pd.NA] * n, dtype="Int64"))
        else:
            data[fld] = col.astype("string").reset_index(drop=True) if col is not None else \
                pd.Series(pd.array([pd.NA] * n, dtype="string"))
    out = pd.DataFrame(data)
    return gpd.GeoDataFrame(out, geometry=points(out["lat"].to_numpy(), out["lon"].to_numpy()), crs="EPSG:4326")


#: Tables at least this long make one point per distinct (lat, lon) when a sample of their rows
#: repeats coordinates (an incident table names a few thousand places in a million rows).
SHARED_POINTS_MIN_ROWS = 4096


def points(lat: numpy.ndarray, lon: numpy.ndarray) -> numpy.ndarray:
    """Shapely points of lat/lon arrays; None where either is NaN.

    Rows with the same coordinates share one point object (shapely geometries are immutable):
    a million rows at a few thousand places cost a few thousand GEOS points, not a million.
    """
    import numpy as np
    import pandas as pd

    ok = np.isfinite(lat) & np.isfinite(lon)
    geom = np.full(len(lat), None, dtype=object)
    x, y = lon[ok], lat[ok]  # shapely takes (x=lon, y=lat)
    n = len(x)
    if n >= SHARED_POINTS_MIN_ROWS:
        sample = x[:: n // 1024][:1024] + 1j * y[:: n // 1024][:1024]
        if len(pd.unique(sample)) <= len(sample) // 2:
            codes, uniq = pd.factorize(x + 1j * y)
            geom[ok] = make_points(uniq.real, uniq.imag)[codes]
            return geom
    geom[ok] = make_points(x, y)
    return geom


def write_report(path: str | os.PathLike[str], frame: pandas.DataFrame) -> int:
    """Write one line per (row, reason) of the flagged rows; returns the number of lines.

    Columns: ``row`` (1 = the first record under the header), ``id``, ``reason``, then the
    row's ``place``, ``date``, ``lat`` and ``lon`` as read.
    """
    import numpy as np
    import pandas as pd

    from ._incidents_write import atomic_write

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["row", "id", "reason", "place", "date", "lat", "lon"])
    count = 0
    checks = frame["check"]

    def cell(v: Any) -> Any:
        return "" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v

    for p in np.flatnonzero(checks.notna().to_numpy()):
        d = frame["date"].iloc[p]
        for reason in str(checks.iloc[p]).split("; "):
            w.writerow([p + 1, cell(frame["id"].iloc[p]), reason, cell(frame["place"].iloc[p]),
                        "" if pd.isna(d) else str(d.date()), cell(frame["lat"].iloc[p]),
                        cell(frame["lon"].iloc[p])])
            count += 1
    data = buf.getvalue().encode("utf-8")
    atomic_write(Path(path), lambda tmp: tmp.write_bytes(data))
    return count


def read(src: Any, *, mapping: dict[str, str] | None = None, verify: bool = False,
         errors: str | None = None, gazetteer: Gazetteer | None = None,
         chunksize: int | None = None) -> geopandas.GeoDataFrame:
    """See :func:`geo_incidents.incidents.read_incidents`."""
    import pandas as pd

    from .gazetteer import Gazetteer

    if mapping is not None and not isinstance(mapping, dict):
        raise InputError(f"mapping must be a dict of column -> field, not {type(mapping).__name__}")
    if chunksize is not None and (not isinstance(chunksize, int) or chunksize < 1):
        raise InputError(f"chunksize must be a positive integer, got {chunksize!r}")
    gz = gazetteer if gazetteer is not None else Gazetteer.default()
    name, chunks = _chunks(src, chunksize)
    plan: Plan | None = None
    parts: list[pd.DataFrame] = []
    probs: list[list[tuple[int, str]]] = []
    evidence: list[Evidence] = []
    offset = 0
    for raw in chunks:
        if plan is None:
            plan = plan_columns([c for c in raw.columns], mapping, name)
        typed, p, ev = _convert(raw, plan, offset)
        parts.append(typed)
        probs.append(p)
        evidence.append(ev)
        offset += len(raw)
    if plan is None:  # pragma: no cover - every reader yields at least one frame
        raise InputError(f"{name} has no rows")
    column = combine_evidence(evidence)
    redo = {k for k, ev in enumerate(evidence) if reread_needed(ev, column)}
    if redo:  # chunks whose numeric dates read otherwise under the whole column's convention
        offset = 0
        for k, raw in enumerate(_chunks(src, chunksize)[1]):
            if k in redo:
                parts[k], probs[k], _ev = _convert(raw, plan, offset, column)
            offset += len(raw)
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    del parts
    frame = _finish(frame, gz, verify, [p for chunk in probs for p in chunk])
    gdf = conform(frame)
    gdf.attrs["unmapped_columns"] = list(plan.unmapped)
    gdf.attrs["layout"] = plan.layout
    if errors:
        write_report(errors, gdf)
    return gdf
