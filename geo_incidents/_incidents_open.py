"""Opening incident files as chunks of raw cells (private; used by :mod:`._incidents_read`).

CSV is read in chunks of :data:`CHUNK_ROWS` rows once a file passes :data:`BIG_FILE` bytes, so
memory stays bounded by the typed result, not the raw text. Geometry-bearing formats
(GeoJSON, GeoPackage, GeoParquet, KML) hand their points over as the hidden columns
:data:`GEO_LAT` / :data:`GEO_LON`.
"""
from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .exceptions import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

CHUNK_ROWS = 200_000
BIG_FILE = 64 << 20
GEO_LAT, GEO_LON, GEO_NOTE = "__geom_lat", "__geom_lon", "__geom_note"
#: File suffixes :func:`chunks` reads (``.gz``: a gzipped CSV).
SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".csv.gz", ".xlsx", ".xlsm", ".xls", ".jsonl", ".ndjson",
                      ".geojson", ".json", ".gpkg", ".shp", ".fgb", ".gml", ".parquet", ".geoparquet",
                      ".pq", ".kml"})


# --- opening -----------------------------------------------------------------------------------

def chunks(src: Any, chunksize: int | None) -> tuple[str, Iterator[pandas.DataFrame]]:
    """(name for messages, iterator of raw frames) for a path or a frame."""
    import pandas as pd

    if isinstance(src, pd.DataFrame):
        return "the frame", iter([_with_geometry(src)])
    if not isinstance(src, (str, os.PathLike)):
        raise InputError(f"read_incidents needs a path or a DataFrame, not {type(src).__name__}")
    path = Path(src)
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a file")
    if not path.exists():
        raise InputError(f"file not found: {path}")
    suffix = "".join(path.suffixes[-2:]).lower() if path.suffix.lower() == ".gz" else path.suffix.lower()
    name = str(path)
    try:
        if suffix in (".csv", ".tsv", ".txt", ".csv.gz"):
            return name, _csv_chunks(path, chunksize)
        if suffix in (".xlsx", ".xlsm", ".xls"):
            from ._data import optional_import

            optional_import("openpyxl", "excel")
            return name, iter([pd.read_excel(path, dtype=object)])
        if suffix in (".jsonl", ".ndjson"):
            return name, iter([_jsonl(path)])
        if suffix in (".geojson", ".json"):
            with open(path, "rb") as fh:
                head = fh.read(4096).lstrip()
            if head.startswith(b"["):
                return name, iter([_json_records(path)])
            return name, iter([_read_geo(path)])
        if suffix in (".gpkg", ".shp", ".fgb", ".gml"):
            return name, iter([_read_geo(path)])
        if suffix in (".parquet", ".geoparquet", ".pq"):
            return name, iter([_read_parquet(path)])
        if suffix == ".kml":
            from ._incidents_write import read_kml

            return name, iter([read_kml(path)])
    except InputError:
        raise
    except (ValueError, OSError, KeyError, ImportError) as err:
        if type(err).__name__ == "MissingDependency":
            raise
        raise InputError(f"cannot read {name}: {err}") from err
    raise InputError(f"{name}: unsupported format {path.suffix!r}; read .csv, .tsv, .xlsx, .geojson, "
                     f".json, .jsonl, .gpkg, .parquet or .kml")


def csv_separator(path: Path, head: bytes) -> str:
    """The field separator of a CSV file: tab for ``.tsv``, else sniffed on the header line
    (one of ``, ; TAB |``), else a comma. ``head`` is the start of the file."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    sample = head.decode("utf-8-sig", errors="ignore")
    if not sample.strip():
        return ","
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _csv_chunks(path: Path, chunksize: int | None) -> Iterator[pandas.DataFrame]:
    import pandas as pd

    with open(path, "rb") as fh:
        head = fh.read(65536)
    if b"\x00" in head:
        raise InputError(f"{path} contains NUL bytes: not a CSV text file")
    sep = csv_separator(path, head)
    if not head.decode("utf-8-sig", errors="ignore").strip():
        raise InputError(f"{path} is empty: a CSV needs a header line")
    size = path.stat().st_size
    rows = chunksize or (CHUNK_ROWS if size > BIG_FILE else None)
    kw = dict(sep=sep, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig",
              skip_blank_lines=True, engine="c")
    try:
        if rows is None:
            yield pd.read_csv(path, **kw)
            return
        with pd.read_csv(path, chunksize=rows, **kw) as reader:
            yield from reader
    except UnicodeDecodeError as err:
        raise InputError(f"{path} is not valid UTF-8 (byte {err.start} of a chunk); re-save it as UTF-8") from err
    except pd.errors.EmptyDataError as err:
        raise InputError(f"{path} is empty: a CSV needs a header line") from err
    except pd.errors.ParserError as err:
        raise InputError(f"{path}: malformed CSV ({' '.join(str(err).split())})") from err


def _jsonl(path: Path) -> pandas.DataFrame:
    import pandas as pd

    from ._jsonl import jsonl_objects

    with open(path, encoding="utf-8-sig") as fh:
        rows = [obj for _n, obj in jsonl_objects(fh, str(path))]
    return pd.DataFrame(rows, dtype=object)


def _json_records(path: Path) -> pandas.DataFrame:
    import pandas as pd

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except ValueError as err:
        raise InputError(f"{path}: not valid JSON ({err})") from err
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise InputError(f"{path}: expected a GeoJSON FeatureCollection or a list of objects")
    return pd.DataFrame(data, dtype=object)


def _read_geo(path: Path) -> pandas.DataFrame:
    import geopandas as gpd

    try:
        gdf = gpd.read_file(path)
    except Exception as err:  # noqa: BLE001 - pyogrio raises its own error types
        raise InputError(f"cannot read {path}: {' '.join(str(err).split())}") from err
    return _with_geometry(gdf)


def _read_parquet(path: Path) -> pandas.DataFrame:
    import geopandas as gpd
    import pandas as pd

    try:
        return _with_geometry(gpd.read_parquet(path))
    except ValueError:
        return pd.read_parquet(path)


def _with_geometry(frame: pandas.DataFrame) -> pandas.DataFrame:
    """Raw columns of a (Geo)DataFrame, plus the point of its geometry as hidden columns."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name not in frame.columns:
        return pd.DataFrame(frame).copy()
    geom = frame.geometry
    if geom.crs is not None and not geom.crs.equals("EPSG:4326"):
        geom = geom.to_crs("EPSG:4326")
    out = pd.DataFrame(frame.drop(columns=[frame.geometry.name]))
    lat = np.full(len(out), np.nan)
    lon = np.full(len(out), np.nan)
    note = np.full(len(out), None, dtype=object)
    ok = (~geom.isna() & ~geom.is_empty).to_numpy()
    if ok.any():
        g = geom[ok]
        is_pt = (g.geom_type == "Point").to_numpy()
        pts = g.where(is_pt, g.representative_point())
        lat[ok], lon[ok] = pts.y.to_numpy(), pts.x.to_numpy()  # shapely: y = lat, x = lon
        idx = np.flatnonzero(ok)[~is_pt]
        note[idx] = "geometry is not a point: its representative point is used"
    out[GEO_LAT], out[GEO_LON], out[GEO_NOTE] = lat, lon, note
    return out
