"""Building index-aligned GeoDataFrames of matches (private; imported lazily)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from .gazetteer import Gazetteer

#: Columns of every resolved frame, in order (geometry last).
MATCH_COLUMNS = ["query", "name", "lat", "lon", "kind", "country", "admin1", "admin2",
                 "precision", "score", "matched", "method", "place_id"]


def matches_frame(gz: Gazetteer, names: Any, *, country: str | None = None,
                  admin1: str | None = None) -> geopandas.GeoDataFrame:
    """Resolve each distinct string of ``names`` once; misses stay as NA rows."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    series = names if isinstance(names, pd.Series) else pd.Series(list(names), dtype=object)
    as_str = series.where(series.map(lambda v: isinstance(v, str)), None)
    codes, uniques = pd.factorize(as_str, use_na_sentinel=True)
    n_u = len(uniques)
    cols: dict[str, list] = {c: [None] * n_u for c in MATCH_COLUMNS[1:]}
    for u, text in enumerate(uniques):
        m = gz.resolve(text, country=country, admin1=admin1)
        if m is None:
            continue
        for c, v in m.to_dict().items():
            if c in cols:
                cols[c][u] = v
    take = np.where(codes >= 0, codes, n_u)  # misses point at a trailing NA slot
    data: dict[str, Any] = {"query": as_str.to_numpy(dtype=object)}
    for c in MATCH_COLUMNS[1:]:
        arr = np.array(cols[c] + [None], dtype=object)[take]
        data[c] = arr
    frame = pd.DataFrame(data, index=series.index)
    for c in ("lat", "lon", "score"):
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    frame["precision"] = pd.array(frame["precision"].tolist(), dtype="Int64")
    for c in ("name", "kind", "country", "admin1", "admin2", "matched", "method", "place_id"):
        frame[c] = frame[c].astype("string")
    lat, lon = frame["lat"].to_numpy(), frame["lon"].to_numpy()
    geom = shapely.points(lon, lat)  # shapely takes (x=lon, y=lat); NaN gives an empty point
    geom[np.isnan(lat)] = None
    return gpd.GeoDataFrame(frame, geometry=geom, crs="EPSG:4326")
