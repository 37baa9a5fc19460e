"""Writing incident frames (private; see :func:`geo_incidents.incidents.write_incidents`).

Every format is written to a temporary file beside the target and renamed over it only once
complete. GeoJSON and KML are written here with :mod:`json` and :mod:`xml.etree` (so dates,
nulls and escaping are exactly as documented); GeoPackage and GeoParquet through geopandas.
KML is also read back here (:func:`read_kml`), for the round trip.
"""
from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._files import atomic_write
from .exceptions import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

_EXT = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".parquet": "parquet",
        ".geoparquet": "parquet", ".csv": "csv", ".kml": "kml"}
_FORMATS = ("geojson", "gpkg", "parquet", "csv", "csv-wkt", "kml", "acled")
#: ACLED-compatible columns, in ACLED's order, and the schema field each comes from.
ACLED_COLUMNS = (("event_id_cnty", "id"), ("event_date", "date"), ("year", None),
                 ("time_precision", "date_precision"), ("event_type", "event_type"),
                 ("actor1", "actors"), ("country", "country"), ("admin1", "admin1"),
                 ("admin2", "admin2"), ("location", "place"), ("latitude", "lat"),
                 ("longitude", "lon"), ("geo_precision", "precision"), ("source", "source"),
                 ("notes", "description"), ("fatalities", "fatalities"))
_COUNTRY_NAMES = {"SY": "Syria", "IQ": "Iraq", "TR": "Turkey", "LB": "Lebanon", "JO": "Jordan",
                  "IR": "Iran", "IL": "Israel", "SA": "Saudi Arabia", "KW": "Kuwait"}
_TIME_PRECISION = {"day": "1", "published": "1", "context": "2", "week": "2", "month": "3", "year": "3"}
_KML_NS = "http://www.opengis.net/kml/2.2"
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _format(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in _FORMATS:
            raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(_FORMATS)}")
        return fmt
    got = _EXT.get(path.suffix.lower())
    if got is None:
        raise InputError(f"cannot tell the format of {path.name!r} from its extension; pass "
                         f"format= (one of {', '.join(_FORMATS)})")
    return got


def _prepare(gdf: Any) -> tuple[Any, list[str]]:
    """The schema frame of ``gdf`` and the names of its extra columns (kept after the schema)."""
    import geopandas as gpd
    import pandas as pd

    from ._incidents_read import conform

    if not isinstance(gdf, pd.DataFrame):
        raise InputError(f"write_incidents needs a DataFrame, not {type(gdf).__name__}")
    frame = pd.DataFrame(gdf).copy()
    if isinstance(gdf, gpd.GeoDataFrame) and gdf.geometry.name in gdf.columns and \
            not {"lat", "lon"} <= set(gdf.columns):
        geom = gdf.geometry.to_crs("EPSG:4326") if gdf.crs is not None else gdf.geometry
        pt = geom.where(geom.geom_type == "Point", geom.representative_point())
        ok = ~(pt.isna() | pt.is_empty)
        frame["lat"] = pt.y.where(ok)  # shapely: y = lat, x = lon
        frame["lon"] = pt.x.where(ok)
    out = conform(frame)
    extras = [c for c in frame.columns if c not in out.columns and c != getattr(gdf, "_geometry_column_name", None)]
    for c in extras:
        col = frame[c].reset_index(drop=True)
        out[c] = col.astype("string") if col.dtype == object or str(col.dtype) == "category" else col
    return out, extras


def _records(frame: pandas.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    """Plain JSON-able dicts: dates as ``YYYY-MM-DD``, NA as None, numpy scalars as Python."""
    import pandas as pd

    cols = {}
    for c in columns:
        s = frame[c]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            cols[c] = [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in s]
        else:
            cols[c] = [_plain(v) for v in s.astype(object)]
    return [dict(zip(columns, vals)) for vals in zip(*(cols[c] for c in columns))] if columns else []


def _plain(v: Any) -> Any:
    if v is None or v is getattr(__import__("pandas"), "NA"):
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
        return None if isinstance(v, float) and math.isnan(v) else v
    return v


def _csv_frame(frame: pandas.DataFrame, columns: list[str]) -> pandas.DataFrame:
    import pandas as pd

    out = pd.DataFrame({c: frame[c] for c in columns})
    if "date" in out.columns:
        out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    return out


def _write_geojson(frame: pandas.DataFrame, columns: list[str], tmp: Path) -> None:
    feats = []
    for rec in _records(frame, columns):
        lat, lon = rec.get("lat"), rec.get("lon")
        geom = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        feats.append({"type": "Feature", "geometry": geom, "properties": rec})  # GeoJSON: (lon, lat)
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": feats}, fh, ensure_ascii=False)
        fh.write("\n")


def _kml_text(v: Any) -> str:
    return _XML_BAD.sub("", str(v))


def _write_kml(frame: pandas.DataFrame, columns: list[str], tmp: Path) -> None:
    import xml.etree.ElementTree as ET

    ET.register_namespace("", _KML_NS)
    q = lambda tag: f"{{{_KML_NS}}}{tag}"  # noqa: E731
    root = ET.Element(q("kml"))
    doc = ET.SubElement(root, q("Document"))
    ET.SubElement(doc, q("name")).text = "incidents"
    for rec in _records(frame, columns):
        pm = ET.SubElement(doc, q("Placemark"))
        title = " ".join(str(x) for x in (rec.get("event_type"), rec.get("place") or rec.get("name"),
                                          rec.get("date")) if x)
        ET.SubElement(pm, q("name")).text = _kml_text(title or "incident")
        if rec.get("description"):
            ET.SubElement(pm, q("description")).text = _kml_text(rec["description"])
        if rec.get("date"):
            when = rec["date"]
            prec = rec.get("date_precision")
            when = when[:7] if prec == "month" else when[:4] if prec == "year" else when
            ts = ET.SubElement(pm, q("TimeStamp"))
            ET.SubElement(ts, q("when")).text = when
        ext = ET.SubElement(pm, q("ExtendedData"))
        for k, v in rec.items():
            if v is None:
                continue
            d = ET.SubElement(ext, q("Data"), name=_kml_text(k))
            ET.SubElement(d, q("value")).text = _kml_text(repr(v) if isinstance(v, float) else v)
        if rec.get("lat") is not None and rec.get("lon") is not None:
            pt = ET.SubElement(pm, q("Point"))
            ET.SubElement(pt, q("coordinates")).text = f"{rec['lon']!r},{rec['lat']!r}"  # KML: lon,lat
    ET.ElementTree(root).write(tmp, encoding="utf-8", xml_declaration=True)


def read_kml(path: Path) -> pandas.DataFrame:
    """Placemarks of a KML file as raw cells (ExtendedData fields, name, description, when, point)."""
    import xml.etree.ElementTree as ET

    import numpy as np
    import pandas as pd

    data = Path(path).read_bytes()
    if b"<!ENTITY" in data[:4096] or b"<!DOCTYPE" in data[:4096]:
        raise InputError(f"{path}: KML with a DOCTYPE or entity declarations is not read")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise InputError(f"{path}: not valid KML ({err})") from err
    rows, lats, lons = [], [], []
    for pm in root.iter():
        if not str(pm.tag).endswith("Placemark"):
            continue
        row: dict[str, Any] = {}
        lat = lon = np.nan
        for el in pm.iter():
            tag = str(el.tag).rsplit("}", 1)[-1]
            if tag == "Data" and el.get("name"):
                val = next((c.text for c in el if str(c.tag).endswith("value")), None)
                row[el.get("name")] = val
            elif tag == "SimpleData" and el.get("name"):
                row[el.get("name")] = el.text
            elif tag == "coordinates" and el.text and el.text.strip():
                parts = el.text.strip().split()[0].split(",")
                try:
                    lon, lat = float(parts[0]), float(parts[1])  # KML: lon,lat
                except (ValueError, IndexError):
                    lat = lon = np.nan
        for tag, fld in (("name", "place"), ("description", "description"), ("when", "date")):
            if fld not in row:
                el = next((e for e in pm.iter() if str(e.tag).endswith("}" + tag) or e.tag == tag), None)
                if el is not None and el.text and (tag != "name" or not row):
                    row[fld] = el.text
        rows.append(row)
        lats.append(lat)
        lons.append(lon)
    frame = pd.DataFrame(rows, dtype=object)
    if not len(frame.columns):
        frame = pd.DataFrame({"place": [None] * len(rows)}, dtype=object)
    frame["__geom_lat"], frame["__geom_lon"] = np.array(lats, dtype=float), np.array(lons, dtype=float)
    frame["__geom_note"] = None
    if "lat" in frame.columns and "lon" in frame.columns:
        frame = frame.drop(columns=["__geom_lat", "__geom_lon", "__geom_note"])
    return frame


def write(gdf: Any, path: Any, *, fmt: str | None = None) -> None:
    """See :func:`geo_incidents.incidents.write_incidents`."""
    import pandas as pd

    if not isinstance(path, (str, os.PathLike)):
        raise InputError(f"path must be a file path, not {type(path).__name__}")
    path = Path(path)
    fmt = _format(path, fmt)
    frame, extras = _prepare(gdf)
    schema = [c for c in frame.columns if c != "geometry" and c not in extras]
    columns = schema + extras
    if fmt == "csv":
        out = _csv_frame(frame, columns)
        atomic_write(path, lambda tmp: out.to_csv(tmp, index=False, encoding="utf-8"))
    elif fmt == "csv-wkt":
        out = _csv_frame(frame, [c for c in columns if c not in ("lat", "lon")])
        out.insert(len(schema) - 2, "WKT", frame.geometry.to_wkt(rounding_precision=-1).where(frame.geometry.notna()).reset_index(drop=True))
        atomic_write(path, lambda tmp: out.to_csv(tmp, index=False, encoding="utf-8"))
    elif fmt == "acled":
        recs = {}
        for col, fld in ACLED_COLUMNS:
            if fld == "date":
                recs[col] = frame["date"].dt.strftime("%Y-%m-%d")
            elif col == "year":
                recs[col] = frame["date"].dt.year.astype("Int64")
            elif fld == "date_precision":
                recs[col] = frame["date_precision"].map(_TIME_PRECISION.get, na_action="ignore")
            elif fld == "country":
                recs[col] = frame["country"].map(lambda c: _COUNTRY_NAMES.get(c, c), na_action="ignore")
            else:
                recs[col] = frame[fld]
        out = pd.DataFrame(recs)
        atomic_write(path, lambda tmp: out.to_csv(tmp, index=False, encoding="utf-8"))
    elif fmt == "geojson":
        atomic_write(path, lambda tmp: _write_geojson(frame, columns, tmp))
    elif fmt == "kml":
        atomic_write(path, lambda tmp: _write_kml(frame, columns, tmp))
    elif fmt == "gpkg":
        gdf_out = frame[columns + ["geometry"]]

        def gpkg(tmp: Path) -> None:
            gdf_out.to_file(tmp, driver="GPKG", layer="incidents", engine="pyogrio")

        atomic_write(path, gpkg)
    elif fmt == "parquet":
        gdf_out = frame[columns + ["geometry"]]
        atomic_write(path, lambda tmp: gdf_out.to_parquet(tmp, index=False))
