"""Tests of geo_incidents.cluster: DBSCAN in great-circle kilometres, per controller."""
from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point

from geo_incidents.cluster import EARTH_RADIUS_KM, cluster_incidents
from geo_incidents.exceptions import InputError


def _east(lat: float, lon: float, km: float) -> float:
    """Longitude ``km`` east of (lat, lon) on the same parallel (spherical Earth)."""
    return lon + math.degrees(km / (EARTH_RADIUS_KM * math.cos(math.radians(lat))))


def _frame(rows: list[tuple[float, float]], **cols) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(cols, geometry=[Point(lon, lat) for lat, lon in rows], crs=4326)  # (lon, lat)


def test_eps_is_kilometres_not_degrees():
    lat, lon = 36.0, 40.0
    rows = [(lat, _east(lat, lon, 4.0 * i)) for i in range(3)]  # 4 km apart east-west at 36N
    gdf = _frame(rows, controller=["SDF"] * 3)
    tight, _ = cluster_incidents(gdf, eps_km=3.9, min_samples=2)
    loose, summary = cluster_incidents(gdf, eps_km=4.1, min_samples=2)
    assert (tight.cluster == -1).all()
    assert loose.cluster.nunique() == 1 and (loose.cluster >= 0).all()
    assert summary["count"].tolist() == [3]


def test_groups_are_clustered_separately():
    lat, lon = 36.5, 38.0
    rows = [(lat, _east(lat, lon, 0.5 * i)) for i in range(6)]
    gdf = _frame(rows, controller=["SDF", "SYR_TRANS"] * 3)
    out, summary = cluster_incidents(gdf, eps_km=2, min_samples=3)
    assert out.groupby("controller").cluster.nunique().to_dict() == {"SDF": 1, "SYR_TRANS": 1}
    assert out.cluster.nunique() == 2  # ids unique across groups
    assert sorted(summary.controller) == ["SDF", "SYR_TRANS"]
    together, _ = cluster_incidents(gdf, eps_km=2, min_samples=3, by=None)
    assert together.cluster.nunique() == 1


def test_area_precision_points_are_not_clustered():
    lat, lon = 35.0, 40.0
    rows = [(lat, lon)] * 5 + [(lat, _east(lat, lon, 1.0))] * 2
    gdf = _frame(rows, controller=["SYR_GOV"] * 7, precision=[2, 2, 3, 3, 2, 1, 1])
    out, summary = cluster_incidents(gdf, eps_km=5, min_samples=3)
    assert (out.cluster.iloc[:5] == -1).all()
    assert (out.cluster_note.iloc[:5] == "area precision").all()
    assert (out.cluster.iloc[5:] == -1).all()  # two exact points are not enough on their own
    assert len(summary) == 0


def test_summary_columns_and_hull():
    lat, lon = 34.5, 38.3
    rows = [(lat + 0.01 * i, lon + 0.01 * (i % 2)) for i in range(5)]
    gdf = _frame(rows, controller=["SYR_GOV"] * 5, fatalities=[1, 2, 0, 4, None],
                 date=pd.to_datetime(["2023-01-05", "2023-01-01", "2023-02-01", "2023-01-20", "2023-01-02"]))
    out, summary = cluster_incidents(gdf, eps_km=3, min_samples=2)
    row = summary.iloc[0]
    assert row["count"] == 5
    assert row["fatalities"] == 7
    assert row["first_date"] == pd.Timestamp("2023-01-01")
    assert row["last_date"] == pd.Timestamp("2023-02-01")
    assert summary.crs.to_epsg() == 4326
    assert shapely.covers(row.geometry.buffer(1e-9), shapely.multipoints(list(gdf.geometry)))


def test_order_index_and_missing_points_kept():
    rng = np.random.default_rng(5)
    lat = rng.normal(36.2, 0.05, 40)
    lon = rng.normal(37.1, 0.05, 40)
    gdf = _frame(list(zip(lat, lon)), controller=rng.choice(["SDF", "SYR_TRANS"], 40))
    gdf.loc[gdf.index[3], "geometry"] = None
    gdf.index = np.arange(100, 140)[::-1]
    out, _ = cluster_incidents(gdf, eps_km=5, min_samples=3)
    assert list(out.index) == list(gdf.index)
    assert out.cluster.iloc[3] == -1 and out.cluster_note.iloc[3] == "no point"
    unknown = gdf.assign(controller="UNKNOWN")
    out2, s2 = cluster_incidents(unknown, eps_km=5, min_samples=3)
    assert (out2.cluster == -1).all() and len(s2) == 0


def test_lat_lon_frame_and_bad_parameters():
    df = pd.DataFrame({"lat": [35.0, 35.001, 35.002], "lon": [40.0, 40.0, 40.0]})
    out, summary = cluster_incidents(df, by=None, eps_km=1, min_samples=3)
    assert (out.cluster == 0).all() and len(summary) == 1
    with pytest.raises(InputError):
        cluster_incidents(df, eps_km=0)
    with pytest.raises(InputError):
        cluster_incidents(df, min_samples=0)
    with pytest.raises(InputError, match="controller"):
        cluster_incidents(df)  # no controller column
